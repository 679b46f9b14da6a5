//! One route component per file. Pages read route params, load their data through `api`
//! (with [`load_view`]), and hand it to components.

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

/// Sets the document head for a page: its title (with the site's name), description and
/// feed links (the tag's too on a tag page).
pub fn set_head(
    page_title: &str,
    description: Option<String>,
    noindex: bool,
    tag: Option<(String, String)>,
) {
    let site = use_context::<SiteInfo>()
        .map(|s| s.title.get_untracked())
        .unwrap_or_default();
    crate::head::set(crate::head::Head {
        title: full_title(page_title),
        description,
        noindex,
        site,
        tag,
    });
}

/// Loads the data file `path` (a [`krasa_model::paths`] value, or the route's error) and
/// renders it with `render`. Data already in the cache (embedded in a prerendered page, or
/// fetched before) renders at once, in the same frame, which is also how the prerenderer
/// renders pages; otherwise a skeleton shows until the fetch ends. A missing file shows the
/// not-found page, any other failure the error view with Retry. (One function for every
/// page and data type, so the wasm holds one copy of this machinery.)
pub fn load_view(
    path: Result<String, AppError>,
    skeleton: fn() -> AnyView,
    render: fn(Data) -> AnyView,
) -> AnyView {
    let path = match path {
        Ok(p) => p,
        Err(e) => return failed(e, None),
    };
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
        Some(Err(e)) => failed(e, Some(retry)),
    })
    .into_any()
}

/// The not-found page for missing data, else the error view (with Retry when there is a
/// way to retry).
fn failed(e: AppError, retry: Option<Callback<()>>) -> AnyView {
    match retry {
        Some(retry) if !e.is_not_found() => {
            view! { <ErrorView error=e on_retry=retry/> }.into_any()
        }
        _ => view! { <NotFound/> }.into_any(),
    }
}
