//! Krasa News reader app: a client-side Leptos app over the static JSON data that press
//! publishes. `App` is the root; leptos_router picks the page; pages fetch (through `api`),
//! components take props. With the `ssr` feature the same components render to HTML
//! natively (see `prerender`).

// The browser build renders on the client only: with `ssr` (meant for the native
// prerenderer) leptos_router would look for a server's request and panic at start.
#[cfg(all(target_arch = "wasm32", feature = "ssr"))]
compile_error!(
    "the wasm build must not have the `ssr` feature: build the app alone (`-p krasa`), as \
     Trunk does with the workspace's default members"
);

pub mod api;
pub mod app;
pub mod components;
pub mod contents;
pub mod context;
pub mod copy;
pub mod error;
pub mod head;
pub mod links;
pub mod nav;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod search;

pub use app::{App, Launch};

/// The id of the element the app renders into (it holds the prerendered page until then).
pub const ROOT_ID: &str = "app";

/// Starts the app in the browser (called by `main` on wasm32 only).
///
/// Gathers the browser's facts (deploy base from `<base href>`, the page's embedded data,
/// whether the server answered with its not-found page, the theme), makes the address
/// canonical, installs the navigation listeners (before leptos_router's, see
/// [`nav::install`]) and takes over the prerendered page: the embedded data is in the cache
/// first, so the first render is synchronous and identical to the prerendered HTML, which is
/// replaced in the same frame (no flash, no layout shift).
pub fn start() {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    mark("start");
    let base = links::Base::new(&base_path());
    canonicalize_address(&base);
    let theme = components::Theme::in_browser();
    theme.show();
    // (The boot script of a prerendered page has set it already; `trunk serve` has none.)
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-js", "");
    }
    let Some(root) = app_root() else {
        return;
    };
    root.set_inner_html("");
    let handle = leptos::mount::mount_to(root, move || {
        let cache = api::DataCache::new();
        let embedded = cache.embed_document_data();
        let not_found_at = (embedded == api::EmbeddedPage::NotFound)
            .then(|| window().location().pathname().ok())
            .flatten();
        let nav = nav::NavState::new(base.href(&krasa_model::Route::HOME));
        provide_context(cache);
        provide_context(nav);
        nav::install(nav, base.clone());
        copy::install(nav);
        let launch = Launch {
            base,
            not_found_at,
            theme,
        };
        view! { <App launch=launch/> }
    });
    handle.forget();
    mark("mounted");
    // the app handles what needs it from now on (the code blocks' copy buttons show)
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-app", "");
    }

    /// The element to render into: the prerendered page's, or a new one.
    fn app_root() -> Option<web_sys::HtmlElement> {
        let doc = document();
        let el = match doc.get_element_by_id(ROOT_ID) {
            Some(el) => el,
            None => {
                let el = doc.create_element("div").ok()?;
                el.set_id(ROOT_ID);
                doc.body()?.prepend_with_node_1(&el).ok()?;
                el
            }
        };
        el.dyn_into().ok()
    }
}

/// A named point of the start-up (`performance.mark("krasa:<name>")`), beside the boot
/// script's: `bench/startup.js` splits the start-up by them.
fn mark(name: &str) {
    use wasm_bindgen::JsCast;
    let window = leptos::prelude::window();
    let Ok(performance) = js_sys::Reflect::get(&window, &"performance".into()) else {
        return;
    };
    if let Ok(mark) = js_sys::Reflect::get(&performance, &"mark".into()) {
        if let Some(mark) = mark.dyn_ref::<js_sys::Function>() {
            let _ = mark.call1(&performance, &format!("krasa:{name}").into());
        }
    }
}

/// The deploy base path from `<base href>` (`/news/` for `--public-url /news/`).
fn base_path() -> String {
    leptos::prelude::document()
        .base_uri()
        .ok()
        .flatten()
        .and_then(|b| web_sys::Url::new(&b).ok())
        .map(|u| u.pathname())
        .unwrap_or_default()
}

/// Replaces a non-canonical address (`/page/1`, `/tags/`, `//tags`) in the history by the
/// canonical one, keeping query and fragment, as the web server redirects a first request.
fn canonicalize_address(base: &links::Base) {
    use krasa_model::{Resolved, Route};
    let here = leptos::prelude::window().location();
    let pathname = here.pathname().unwrap_or_default();
    let Some(path) = base.strip(&pathname) else {
        return;
    };
    if let Resolved::Redirect(to) = Route::resolve(path) {
        let search = here.search().unwrap_or_default();
        let hash = here.hash().unwrap_or_default();
        let full = format!("{}{to}{search}{hash}", base.as_str());
        if let Ok(history) = leptos::prelude::window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&full));
        }
    }
}
