//! The app root: context, layout and the page of the current route.

use krasa_model::{paths as data, Site};
use leptos::prelude::*;

use crate::api;
use crate::components::{Footer, Header, SkipLink};
use crate::nav::NavState;
use crate::pages::{ArticlePage, FeedPage, NotFound, SiteInfo, TagPage, TagsPage};
use crate::router::{Location, Route};

/// The deploy base path from `<base href>` (e.g. `/news` for `--public-url /news/`), without
/// the trailing slash; empty at the root.
#[cfg(target_arch = "wasm32")]
pub fn base_path() -> String {
    let base = document()
        .base_uri()
        .ok()
        .flatten()
        .and_then(|b| web_sys::Url::new(&b).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

/// The page for a route.
fn page(route: Route) -> AnyView {
    match route {
        Route::Feed(n) => view! { <FeedPage n=n/> }.into_any(),
        Route::Article(slug) => view! { <ArticlePage slug=slug/> }.into_any(),
        Route::Tags => view! { <TagsPage/> }.into_any(),
        Route::Tag(tag, n) => view! { <TagPage tag=tag n=n/> }.into_any(),
        Route::NotFound => view! { <NotFound/> }.into_any(),
    }
}

/// The root component. In the browser the deploy base comes from `<base href>` and the
/// address from `location`; the prerenderer gives both (`base` like `/news`, `path` below it).
#[component]
pub fn App(
    #[prop(optional, into)] base: Option<String>,
    #[prop(optional, into)] path: Option<String>,
) -> impl IntoView {
    #[cfg(target_arch = "wasm32")]
    let base = base.unwrap_or_else(base_path);
    #[cfg(not(target_arch = "wasm32"))]
    let base = base.unwrap_or_default();
    crate::paths::set_base(&base);

    // Site name and tagline: from the embedded or cached site.json at once if we have it,
    // else as soon as it arrives.
    let known: Option<Site> = api::peek(&data::site_json());
    let root_of = {
        let public_url = format!("{base}/");
        move |s: &Site| krasa_model::paths::site_root(&s.base_url, &public_url)
    };
    let site = SiteInfo {
        title: RwSignal::new(known.as_ref().map(|s| s.title.clone()).unwrap_or_default()),
        tagline: RwSignal::new(
            known
                .as_ref()
                .map(|s| s.tagline.clone())
                .unwrap_or_default(),
        ),
        root: RwSignal::new(known.as_ref().map(&root_of).unwrap_or_default()),
    };
    provide_context(site);
    #[cfg(target_arch = "wasm32")]
    {
        let show = move |s: &Site| {
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("lang", &s.language);
            }
        };
        match &known {
            Some(s) => show(s),
            None => leptos::task::spawn_local(async move {
                if let Ok(s) = api::site().await {
                    show(&s);
                    site.root.set(root_of(&s));
                    site.title.set(s.title);
                    site.tagline.set(s.tagline);
                }
            }),
        }
    }

    #[cfg(target_arch = "wasm32")]
    let path = path.unwrap_or_else(crate::router::initial_path);
    #[cfg(not(target_arch = "wasm32"))]
    let path = path.unwrap_or_else(|| "/".into());
    #[cfg(target_arch = "wasm32")]
    if api::served_not_found() {
        crate::router::set_served_not_found(&path);
    }
    let location = Location::new(&path);
    provide_context(location);
    #[cfg(target_arch = "wasm32")]
    {
        crate::nav::install();
        crate::router::install(location);
    }
    // After the base is known: "Back to News" starts at the (base-relative) home page.
    let nav_state = NavState::new();
    provide_context(nav_state);
    let route = location.route();
    view! {
        <SkipLink/>
        <Header title=site.title tagline=site.tagline/>
        <main id="main-content" class="wrap" tabindex="-1">
            {move || page(route.get())}
        </main>
        <Footer title=site.title/>
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || nav_state.announcement.get()}
        </div>
    }
}
