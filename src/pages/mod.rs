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

/// A client-side redirect that replaces the current history entry, while `to` gives a
/// target (e.g. `/page/1` → `/`); nothing otherwise.
pub fn redirect_view(to: impl Fn() -> Option<String> + Send + Sync + 'static) -> impl IntoView {
    use leptos_router::components::Redirect;
    use leptos_router::NavigateOptions;
    move || {
        to().map(|to| {
            view! { <Redirect path=to options=NavigateOptions { replace: true, ..Default::default() }/> }
        })
    }
}

/// Tells the navigation layer that this page's content is on screen.
pub fn mark_ready() {
    let state = use_context::<crate::nav::NavState>();
    Effect::new(move |_| crate::nav::page_ready(state));
}

/// Loads the data file `path` (a [`krasa_model::paths`] value, or the route's error) and
/// renders it with `render`. Data already in the cache (embedded in a prerendered page, or
/// fetched before) renders at once, in the same frame, which is also how the prerenderer
/// renders pages; otherwise a skeleton shows until the fetch ends. A missing file shows the
/// not-found page, any other failure the error view with Retry. (One function for every
/// page and data type, so the wasm holds one copy of this machinery.)
pub fn load_view(
    path: Memo<Result<String, AppError>>,
    skeleton: fn() -> AnyView,
    render: fn(Data) -> AnyView,
) -> impl IntoView {
    move || {
        let p = path.get();
        if let Ok(p) = &p {
            if let Some(v) = api::peek_data(p) {
                return render(v);
            }
        }
        // Not cached: fetch, with a skeleton meanwhile. The resource belongs to this branch,
        // so it exists only while this route's data is being loaded or shown.
        let data = LocalResource::new(move || {
            let p = p.clone();
            async move {
                match p {
                    Ok(p) => api::get_data(&p).await,
                    Err(e) => Err(e),
                }
            }
        });
        view! {
            <Transition fallback=skeleton>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(v) => render(v),
                        Err(e) if e.is_not_found() => view! { <NotFound/> }.into_any(),
                        Err(e) => {
                            view! { <ErrorView error=e on_retry=Callback::new(move |_| data.refetch())/> }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        }
        .into_any()
    }
}

/// `<link rel="alternate">` for the site's feeds, and the tag's when on a tag page. The hrefs
/// are relative to the site base, so they work under a sub-path.
#[component]
pub fn FeedLinks(#[prop(optional)] tag: Option<(String, String)>) -> impl IntoView {
    use leptos_meta::Link;
    let site = use_context::<SiteInfo>()
        .map(|s| s.title.get_untracked())
        .unwrap_or_default();
    let links = |dir: String, label: String| {
        view! {
            <Link rel="alternate" type_="application/rss+xml" title=format!("{label} (RSS)") href=format!("{dir}feed.xml")/>
            <Link rel="alternate" type_="application/atom+xml" title=format!("{label} (Atom)") href=format!("{dir}atom.xml")/>
            <Link rel="alternate" type_="application/feed+json" title=format!("{label} (JSON Feed)") href=format!("{dir}feed.json")/>
        }
    };
    view! {
        {links(String::new(), site.clone())}
        {tag.map(|(slug, name)| links(format!("tags/{slug}/"), format!("{name} — {site}")))}
    }
}
