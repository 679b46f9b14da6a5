//! The app root: context, layout and routes.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api;
use crate::components::{Footer, Header, SkipLink};
use crate::nav::{self, NavState};
use crate::pages::{ArticlePage, FeedPage, NotFound, SiteInfo, TagPage, TagsPage};

/// The deploy base path from `<base href>` (e.g. `/news` for `--public-url /news/`), without
/// the trailing slash; empty at the root.
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

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    nav::install();
    let nav_state = NavState::new();
    provide_context(nav_state);

    // The shell's <title> is the site name until site.json arrives.
    let site = SiteInfo {
        title: RwSignal::new(document().title()),
        tagline: RwSignal::new(String::new()),
    };
    provide_context(site);
    let site_data = LocalResource::new(api::site);
    Effect::new(move |_| {
        if let Some(Ok(s)) = site_data.get() {
            site.title.set(s.title);
            site.tagline.set(s.tagline);
        }
    });

    let base = base_path();
    view! {
        <Html attr:lang="en"/>
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
