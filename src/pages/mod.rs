//! One route component per file. Pages with parameters hand leptos_router's parameters to
//! [`route_page`], which converts them into the model's [`Route`] (validated as the path
//! parser does) and loads its data file with [`load`]; the content components set the head
//! and hand the data to components.

pub mod article;
pub mod author;
pub mod feed;
pub mod list;
pub mod not_found;
pub mod search;
pub mod section;
pub mod series;
pub mod tag;
pub mod tags;

pub use article::ArticlePage;
pub use author::AuthorPage;
pub use feed::FeedPage;
pub use not_found::NotFound;
pub use search::SearchPage;
pub use section::SectionPage;
pub use series::SeriesPage;
pub use tag::TagPage;
pub use tags::TagsPage;

use krasa_model::Route;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use leptos_router::params::ParamsMap;
use serde::de::DeserializeOwned;

use std::sync::Arc;

use crate::api::{self, Loaded, Reader};
use crate::components::ErrorView;
use crate::error::AppError;
use crate::head::{set_head, PageHead, Robots};
use crate::nav::{current_address, NavState};

/// Tells the navigation layer that this page's content is on screen (after it rendered; a
/// no-op when prerendering, where effects do not run).
pub fn mark_ready() {
    mark_ready_with(None);
}

/// [`mark_ready`] for a page that can change in place (search results refined while
/// typing): when it does not land (the reader is already there), `text` is announced.
pub fn mark_ready_announcing(text: String) {
    mark_ready_with(Some(text));
}

fn mark_ready_with(in_place: Option<String>) {
    let Some(nav) = use_context::<NavState>() else {
        return;
    };
    let address = current_address();
    Effect::new(move |_| match nav.arrive(&address) {
        Some(landing) => crate::nav::land(nav, landing),
        None => {
            if let Some(text) = &in_place {
                nav.announcement.set(text.clone());
            }
        }
    });
}

/// The page for the router's parameters: `to_route` turns them into the model's [`Route`]
/// (validating them as the path parser does), whose data file is shown with [`load`]; no
/// route (`/page/02`, a malformed slug) is the not-found page. A new address on the same
/// route (page 2 → page 3) loads again.
pub fn route_page<T>(
    to_route: fn(&ParamsMap) -> Option<Route>,
    skeleton: fn() -> AnyView,
    render: fn(T) -> AnyView,
) -> impl IntoView
where
    T: DeserializeOwned + Clone + 'static,
{
    let params = use_params_map();
    let route = Memo::new(move |_| params.with(to_route));
    move || match route.get() {
        Some(route) => match route.data_file() {
            Some(rel) => load(rel, skeleton, render),
            None => view! { <NotFound/> }.into_any(),
        },
        None => view! { <NotFound/> }.into_any(),
    }
}

/// Shows a page's data file `rel` (a [`krasa_model::paths`] value) with `render`.
///
/// Data already here (embedded in the prerendered page, or fetched before) renders at once,
/// in the same frame: that is how the app takes over a prerendered page without a flash or a
/// request, and how the prerenderer renders. Otherwise a `LocalResource` fetches it under
/// `<Suspense>`, with `skeleton` meanwhile; the fetch is aborted if the page goes away first.
/// A missing file shows the not-found page, any other failure the error view with Retry.
pub fn load<T>(rel: String, skeleton: fn() -> AnyView, render: fn(T) -> AnyView) -> AnyView
where
    T: DeserializeOwned + Clone + 'static,
{
    let show = Arc::new(move |value: Loaded| match value.downcast_ref::<T>() {
        Some(v) => render(v.clone()),
        None => failed(AppError::Decode("cached as another type".into()), None),
    });
    load_with(rel, skeleton, api::reader::<T>, show)
}

/// [`load`] with the type erased, so the wasm holds one copy of the loading machinery
/// (resource, suspense, error handling) for all the data types.
fn load_with(
    rel: String,
    skeleton: fn() -> AnyView,
    reader: Reader,
    show: Arc<dyn Fn(Loaded) -> AnyView + Send + Sync>,
) -> AnyView {
    let cache = api::use_cache();
    if let Some(value) = cache.peek_with(&rel, reader) {
        return show(value);
    }
    let data =
        LocalResource::new(move || cache.fetch_with(rel.clone(), reader, api::abort_on_cleanup()));
    let retry = Callback::new(move |_| data.refetch());
    view! {
        <Suspense fallback=skeleton>
            {move || {
                let show = Arc::clone(&show);
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => show(value),
                        Err(e) => failed(e, Some(retry)),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// The not-found page for missing data, else the error view with Retry.
fn failed(e: AppError, retry: Option<Callback<()>>) -> AnyView {
    if e.is_not_found() {
        return view! { <NotFound/> }.into_any();
    }
    mark_ready();
    set_head(
        "Something went wrong",
        PageHead {
            robots: Robots::NoIndex,
            ..PageHead::default()
        },
    );
    // Without a resource to fetch again, Retry loads the page afresh.
    let retry = retry.unwrap_or_else(|| {
        Callback::new(|_| {
            let _ = window().location().reload();
        })
    });
    view! { <ErrorView error=e on_retry=retry/> }.into_any()
}
