//! The app root: context, layout and routes.

use krasa_model::{paths as data, Site};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api;
use crate::components::{Footer, Header, SkipLink};
use crate::nav::NavState;
use crate::pages::{ArticlePage, FeedPage, NotFound, SiteInfo, TagPage, TagsPage};

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

/// The root component. `base` is the deploy base path (read from `<base href>` in the
/// browser; given by the prerenderer).
#[component]
pub fn App(#[prop(optional, into)] base: Option<String>) -> impl IntoView {
    provide_meta_context();
    #[cfg(target_arch = "wasm32")]
    crate::nav::install();

    // Site name and tagline: from the embedded or cached site.json at once if we have it,
    // else as soon as it arrives.
    let known: Option<Site> = api::peek(&data::site_json());
    let site = SiteInfo {
        title: RwSignal::new(known.as_ref().map(|s| s.title.clone()).unwrap_or_default()),
        tagline: RwSignal::new(
            known
                .as_ref()
                .map(|s| s.tagline.clone())
                .unwrap_or_default(),
        ),
    };
    provide_context(site);
    if known.is_none() {
        let site_data = LocalResource::new(api::site);
        Effect::new(move |_| {
            if let Some(Ok(s)) = site_data.get() {
                site.title.set(s.title);
                site.tagline.set(s.tagline);
            }
        });
    }
    let lang = known.map(|s| s.language).unwrap_or_else(|| "en".into());

    #[cfg(target_arch = "wasm32")]
    let base = base.unwrap_or_else(base_path);
    #[cfg(not(target_arch = "wasm32"))]
    let base = base.unwrap_or_default();
    crate::paths::set_base(&base);
    // After the base is known: "Back to News" starts at the (base-relative) home page.
    let nav_state = NavState::new();
    provide_context(nav_state);
    view! {
        <Html attr:lang=lang/>
        <Router base=base>
            <SkipLink/>
            <Header title=site.title tagline=site.tagline/>
            <main id="main-content" class="wrap" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=FeedPage/>
                    <Route path=path!("/page/:n") view=FeedPage/>
                    <Route path=path!("/articles/:slug") view=ArticlePage/>
                    <Route path=path!("/tags") view=TagsPage/>
                    <Route path=path!("/tags/:tag") view=TagPage/>
                    <Route path=path!("/tags/:tag/page/:n") view=TagPage/>
                </Routes>
            </main>
            <Footer title=site.title/>
            <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                {move || nav_state.announcement.get()}
            </div>
        </Router>
    }
}
