//! The frame of every page: skip link, header with site name, tagline and navigation, footer.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::theme::ThemeToggle;
use crate::paths;

/// "Skip to content": moves focus to the main region without changing the URL. The href
/// names the page's own address: with `<base href>`, a bare `#main-content` would lead to the
/// front page when JavaScript is off (or before the app has started).
#[component]
pub fn SkipLink() -> impl IntoView {
    let location = crate::router::use_location();
    let on_click = move |ev: web_sys::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("main-content") {
            if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                let _ = main.focus();
                main.scroll_into_view();
            }
        }
    };
    let href = move || format!("{}{}#main-content", paths::base(), location.path.get());
    view! {
        <a class="skip-link" href=href on:click=on_click>
            "Skip to content"
        </a>
    }
}

/// `aria-current="page"` for a navigation link: the home link on the front page only, the
/// tags link on the tag index and every tag page. `path` and `href` are below the base.
fn current(path: &str, href: &str, exact: bool) -> Option<&'static str> {
    let path = path.trim_end_matches('/');
    let href = href.trim_end_matches('/');
    let hit = if exact {
        path == href
    } else {
        path == href || path.starts_with(&format!("{href}/"))
    };
    hit.then_some("page")
}

#[component]
pub fn Header(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] tagline: Signal<String>,
) -> impl IntoView {
    let location = crate::router::use_location();
    let home = paths::home_href();
    let tags = paths::tags_href();
    let home_current = move || location.path.with(|p| current(p, "/", true));
    let tags_current = move || location.path.with(|p| current(p, "/tags", false));
    view! {
        <header class="site-header">
            <div class="wrap header-inner">
                <div class="brand">
                    <a href=home.clone() class="site-name">{move || title.get()}</a>
                    <p class="tagline">{move || tagline.get()}</p>
                </div>
                <nav class="site-nav" aria-label="Main">
                    <ul>
                        <li>
                            <a href=home aria-current=home_current>"News"</a>
                        </li>
                        <li>
                            <a href=tags aria-current=tags_current>"Tags"</a>
                        </li>
                    </ul>
                    <ThemeToggle/>
                </nav>
            </div>
        </header>
    }
}

#[component]
pub fn Footer(#[prop(into)] title: Signal<String>) -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>
                    {move || title.get()}
                    " — independent news and free tutorials on AI for businesses."
                </p>
                <p>
                    <a href=paths::home_href()>"Latest news"</a>
                    <span aria-hidden="true">" · "</span>
                    <a href=paths::tags_href()>"All tags"</a>
                </p>
            </div>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::current;

    #[test]
    fn navigation_marks_the_current_section() {
        assert_eq!(current("/", "/", true), Some("page"));
        assert_eq!(current("/page/2", "/", true), None);
        assert_eq!(current("/tags", "/tags", false), Some("page"));
        assert_eq!(current("/tags/ai", "/tags", false), Some("page"));
        assert_eq!(current("/tagsx", "/tags", false), None);
    }
}
