//! One route component per file. Pages read route params, fetch through `api`, and hand the
//! data to components.

pub mod article;
pub mod feed;
pub mod not_found;
pub mod tag;
pub mod tags;

pub use article::ArticlePage;
pub use feed::FeedPage;
pub use not_found::NotFound;
pub use tag::TagPage;
pub use tags::TagsPage;

use leptos::prelude::*;

/// The site's name and tagline, provided as context by the app (from site.json).
#[derive(Clone, Copy)]
pub struct SiteInfo {
    pub title: RwSignal<String>,
    pub tagline: RwSignal<String>,
}

/// "Story title — Site name".
pub fn full_title(page: &str) -> String {
    let site = use_context::<SiteInfo>()
        .map(|s| s.title.get_untracked())
        .unwrap_or_default();
    if site.is_empty() {
        page.to_string()
    } else if page.is_empty() {
        site
    } else {
        format!("{page} — {site}")
    }
}

/// Tells the navigation layer that this page's content is on screen.
pub fn mark_ready() {
    let state = use_context::<crate::nav::NavState>();
    Effect::new(move |_| crate::nav::page_ready(state));
}
