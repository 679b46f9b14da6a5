//! What the app provides to every component as context, beside the data cache and the
//! navigation state: the site's identity ([`SiteInfo`]).

use krasa_model::NavLink;
use leptos::prelude::*;

/// The site's name and tagline, provided as context by the app (from site.json), and its
/// root URL with the deploy sub-path (for canonical links).
#[derive(Clone, Copy)]
pub struct SiteInfo {
    pub title: RwSignal<String>,
    pub tagline: RwSignal<String>,
    pub root: RwSignal<String>,
    /// The header's navigation (`site.json`'s `nav`).
    pub nav: RwSignal<Vec<NavLink>>,
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
