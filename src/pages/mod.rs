//! One route component per file. Pages take their route's parts as props, load their data
//! through `api` (with [`load_view`]), set the head, and hand the data to components.

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

use crate::api::{self, Data};
use crate::components::ErrorView;
use crate::error::AppError;
use leptos::prelude::*;

/// The site's name and tagline, provided as context by the app (from site.json), and its
/// root URL with the deploy sub-path (for canonical links).
#[derive(Clone, Copy)]
pub struct SiteInfo {
    pub title: RwSignal<String>,
    pub tagline: RwSignal<String>,
    pub root: RwSignal<String>,
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

/// Sets the document head for a page: its title (with the site's name), description and
/// feed links (the tag's too on a tag page).
pub fn set_head(
    page_title: &str,
    description: Option<String>,
    noindex: bool,
    tag: Option<(String, String)>,
) {
    let info = use_context::<SiteInfo>();
    let site = info.map(|s| s.title.get_untracked()).unwrap_or_default();
    let root = info.map(|s| s.root.get_untracked()).unwrap_or_default();
    let path = crate::router::use_location().path.get_untracked();
    let canonical =
        (!noindex && !root.is_empty()).then(|| krasa_model::paths::page_url(&root, &path));
    crate::head::set(crate::head::Head {
        title: full_title(page_title),
        description,
        noindex,
        site,
        tag,
        canonical,
    });
}

/// Loads the data file `path` (a [`krasa_model::paths`] value) and
/// renders it with `render`. Data already in the cache (embedded in a prerendered page, or
/// fetched before) renders at once, in the same frame, which is also how the prerenderer
/// renders pages; otherwise a skeleton shows until the fetch ends. A missing file shows the
/// not-found page, any other failure the error view with Retry. (One function for every
/// page and data type, so the wasm holds one copy of this machinery.)
pub fn load_view(path: String, skeleton: fn() -> AnyView, render: fn(Data) -> AnyView) -> AnyView {
    if let Some(v) = api::peek_data(&path) {
        return render(v);
    }
    // Not cached: fetch, with a skeleton meanwhile. `None` while loading.
    let state: RwSignal<Option<Result<Data, AppError>>> = RwSignal::new(None);
    let load = move || {
        state.set(None);
        #[cfg(target_arch = "wasm32")]
        {
            let path = path.clone();
            leptos::task::spawn_local(async move {
                let result = api::get_data(&path).await;
                // The reader may have moved on, disposing of this page.
                let _ = state.try_set(Some(result));
            });
        }
        // Natively (prerendering) only cached data exists.
        #[cfg(not(target_arch = "wasm32"))]
        state.set(Some(Err(AppError::NotFound)));
    };
    load();
    let retry = Callback::new(move |_| load());
    (move || match state.get() {
        None => skeleton(),
        Some(Ok(v)) => render(v),
        Some(Err(e)) => failed(e, retry),
    })
    .into_any()
}

/// The not-found page for missing data, else the error view with Retry.
fn failed(e: AppError, retry: Callback<()>) -> AnyView {
    if e.is_not_found() {
        return view! { <NotFound/> }.into_any();
    }
    set_head("Something went wrong", None, true, None);
    view! { <ErrorView error=e on_retry=retry/> }.into_any()
}
