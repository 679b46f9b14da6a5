//! Marks the section in view in a story's contents (press writes the contents into the
//! body): one IntersectionObserver over the body's headings sets `aria-current="location"`
//! on the link to the last heading above the line a third down the window.

pub use browser::watch;

/// The browser's side: the observer.
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, IntersectionObserver, IntersectionObserverInit};

    /// Watches the current page's contents, if it has any, until the page goes away.
    pub fn watch() {
        let Some(toc) = document().query_selector(".toc").ok().flatten() else {
            return;
        };
        let Ok(headings) = document().query_selector_all(".prose h2[id], .prose h3[id]") else {
            return;
        };
        // the observer's area is everything above the line a third down the window, so a
        // heading crossing that line (even in a jump, such as a link to a section) is reported;
        // the section being read is then the last heading above the line
        let watched = headings.clone();
        let on_change = Closure::<dyn Fn()>::new(move || {
            let line = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0)
                / 3.0;
            let current = (0..watched.length())
                .filter_map(|i| watched.item(i))
                .filter_map(|h| h.dyn_into::<Element>().ok())
                .take_while(|h| h.get_bounding_client_rect().top() <= line)
                .last();
            mark(&toc, current.map(|h| h.id()).as_deref());
        });
        let options = IntersectionObserverInit::new();
        options.set_root_margin("100000% 0px -66% 0px");
        options.set_threshold(&wasm_bindgen::JsValue::from_f64(0.0));
        let Ok(observer) =
            IntersectionObserver::new_with_options(on_change.as_ref().unchecked_ref(), &options)
        else {
            return;
        };
        for heading in (0..headings.length()).filter_map(|i| headings.item(i)) {
            if let Ok(heading) = heading.dyn_into::<Element>() {
                observer.observe(&heading);
            }
        }
        let observer = send_wrapper::SendWrapper::new((observer, on_change));
        on_cleanup(move || observer.0.disconnect());
    }

    /// Marks the contents' link to `id` as the current location, and only that one (none
    /// above the first section).
    fn mark(toc: &Element, id: Option<&str>) {
        let Ok(links) = toc.query_selector_all("a") else {
            return;
        };
        for link in (0..links.length()).filter_map(|i| links.item(i)) {
            let Ok(link) = link.dyn_into::<Element>() else {
                continue;
            };
            let here = id.is_some_and(|id| {
                link.get_attribute("href")
                    .is_some_and(|href| href.ends_with(&format!("#{id}")))
            });
            if here {
                let _ = link.set_attribute("aria-current", "location");
            } else {
                let _ = link.remove_attribute("aria-current");
            }
        }
    }
}
