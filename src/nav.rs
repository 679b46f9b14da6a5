//! What happens around a client-side navigation: scroll restoration on Back/Forward, focus on
//! the new page's h1, the title announced to screen readers, and where "Back to News" leads.
//!
//! Pages call [`page_ready`] once their content (not the skeleton) is on screen.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    static POPPED: Cell<bool> = const { Cell::new(false) };
    static FIRST_DONE: Cell<bool> = const { Cell::new(false) };
    static LAST_READY: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Shared navigation state, provided as context by the app.
#[derive(Clone, Copy)]
pub struct NavState {
    /// Text of the polite live region that announces page changes.
    pub announcement: RwSignal<String>,
    /// The feed page the reader last saw (router path), for "Back to News".
    pub last_feed: RwSignal<String>,
}

impl NavState {
    pub fn new() -> Self {
        NavState {
            announcement: RwSignal::new(String::new()),
            last_feed: RwSignal::new(crate::paths::home_href()),
        }
    }
}

impl Default for NavState {
    fn default() -> Self {
        Self::new()
    }
}

fn current_key() -> String {
    let loc = window().location();
    format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    )
}

/// Takes over scroll restoration from the browser (which would restore before the content
/// has been fetched) and remembers each page's position as the reader scrolls.
pub fn install() {
    let w = window();
    if let Ok(h) = w.history() {
        let _ = h.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let on_scroll = Closure::<dyn Fn()>::new(|| {
        let y = window().scroll_y().unwrap_or(0.0);
        POSITIONS.with(|p| p.borrow_mut().insert(current_key(), y));
    });
    let _ = w.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
    // Listeners live as long as the page.
    on_scroll.forget();
}

/// Called by the router when Back/Forward changes the page: the next page restores its
/// scroll position instead of starting at the top.
pub fn note_history_traversal() {
    POPPED.with(|p| p.set(true));
}

/// Called by a page when its content is rendered. On the first page load it does nothing
/// (the browser handles that); after a client-side navigation it restores the scroll position
/// (Back/Forward) or starts at the top (or at the `#section` the address names), focuses the
/// h1 and announces the title.
pub fn page_ready(state: Option<NavState>) {
    let key = current_key();
    let first = !FIRST_DONE.with(|f| f.replace(true));
    let same = LAST_READY.with(|l| l.replace(key.clone()) == key);
    if first || same {
        POPPED.with(|p| p.set(false));
        return;
    }
    let popped = POPPED.with(|p| p.replace(false));
    let target = if popped {
        POSITIONS
            .with(|p| p.borrow().get(&key).copied())
            .unwrap_or(0.0)
    } else {
        0.0
    };
    // After layout, so the restored position exists in the new content.
    let cb = Closure::once_into_js(move || {
        let doc = document();
        if let Ok(Some(h1)) = doc.query_selector("main h1") {
            if let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>() {
                if !h1.has_attribute("tabindex") {
                    let _ = h1.set_attribute("tabindex", "-1");
                }
                let opts = web_sys::FocusOptions::new();
                opts.set_prevent_scroll(true);
                let _ = h1.focus_with_options(&opts);
            }
        }
        // A new page with a `#section` in its address opens at that section.
        let section = (!popped)
            .then(|| window().location().hash().ok())
            .flatten()
            .and_then(|h| h.strip_prefix('#').map(str::to_string))
            .filter(|id| !id.is_empty())
            .and_then(|id| doc.get_element_by_id(&id));
        match section {
            Some(el) => el.scroll_into_view(),
            None => window().scroll_to_with_x_and_y(0.0, target),
        }
        if let Some(s) = state {
            s.announcement.set(doc.title());
        }
    });
    let _ = window().request_animation_frame(cb.unchecked_ref());
}
