//! Krasa News reader app: a client-side Leptos app over the static JSON data that press
//! publishes. `App` is the root; pages fetch (through `api`), components take props.
//! With the `ssr` feature the same components render to HTML natively (see `prerender`).

pub mod api;
pub mod app;
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod decode;
pub mod error;
pub mod head;
pub mod nav;
pub mod pages;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod router;

pub use app::App;

/// The id of the element the app renders into (it holds the prerendered page until then).
pub const ROOT_ID: &str = "app";

/// Starts the app in the browser: takes over the prerendered page, if any. The embedded
/// data goes into the cache first, so the first render is synchronous and identical to the
/// prerendered HTML, which is replaced in the same frame (no flash, no layout shift).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    api::prime_from_document();
    let doc = document();
    let root = match doc.get_element_by_id(ROOT_ID) {
        Some(el) => el,
        None => {
            let el = doc.create_element("div").expect("create the app root");
            el.set_id(ROOT_ID);
            if let Some(body) = doc.body() {
                let _ = body.prepend_with_node_1(&el);
            }
            el
        }
    };
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root, || view! { <App/> }).forget();
}
