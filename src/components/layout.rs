//! The frame of every page: skip link, header with site name, tagline and navigation, footer.

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use super::theme::ThemeToggle;
use crate::paths;

/// "Skip to content": moves focus to the main region without changing the URL.
#[component]
pub fn SkipLink() -> impl IntoView {
    let on_click = move |ev: web_sys::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("main-content") {
            if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                let _ = main.focus();
                main.scroll_into_view();
            }
        }
    };
    view! {
        <a class="skip-link" href="#main-content" on:click=on_click>
            "Skip to content"
        </a>
    }
}

#[component]
pub fn Header(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] tagline: Signal<String>,
) -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="wrap header-inner">
                <div class="brand">
                    <A href=paths::home_href() attr:class="site-name">{move || title.get()}</A>
                    <p class="tagline">{move || tagline.get()}</p>
                </div>
                <nav class="site-nav" aria-label="Main">
                    <ul>
                        <li>
                            <A href=paths::home_href() exact=true>"News"</A>
                        </li>
                        <li>
                            <A href=paths::tags_href()>"Tags"</A>
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
                    <A href=paths::home_href() exact=true>"Latest news"</A>
                    <span aria-hidden="true">" · "</span>
                    <A href=paths::tags_href()>"All tags"</A>
                </p>
            </div>
        </footer>
    }
}
