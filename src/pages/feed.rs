//! `/` (the latest stories) and `/page/:n` (archive page n, counted from the oldest).

use krasa_model::route::param;
use krasa_model::{ListPage, Listing, Page, Route};
use leptos::prelude::*;

use crate::components::{CardList, ListSkeleton, Pager};
use crate::context::SiteInfo;
use crate::head::{set_head, PageHead};
use crate::links;
use crate::nav::NavState;
use crate::pages::{mark_ready, route_page};

#[component]
pub fn FeedPage() -> impl IntoView {
    route_page(
        |p| Route::feed_from(p.get_str(param::PAGE)),
        || view! { <ListSkeleton/> }.into_any(),
        |list| view! { <FeedContent list=list/> }.into_any(),
    )
}

#[component]
fn FeedContent(list: ListPage) -> impl IntoView {
    if let Some(nav) = use_context::<NavState>() {
        nav.last_feed
            .set(links::href(&Route::Feed { page: list.page }));
    }
    mark_ready();
    let tagline = use_context::<SiteInfo>()
        .map(|s| s.tagline.get_untracked())
        .unwrap_or_default();
    let (heading, title) = match list.page {
        Page::Latest => ("Latest news".to_string(), String::new()),
        Page::Archive(n) => {
            let h = format!("Archive, page {n}");
            (h.clone(), h)
        }
    };
    let span = (list.page != Page::Latest)
        .then(|| list.date_span())
        .flatten()
        .map(|span| view! { <p class="page-sub">{span}</p> });
    set_head(
        &title,
        PageHead {
            description: Some(tagline),
            ..PageHead::default()
        },
    );
    view! {
        <section class="feed" aria-labelledby="page-heading">
            <h1 id="page-heading" class="page-heading" tabindex="-1">{heading}</h1>
            {span}
            <CardList items=list.items/>
            <Pager target=Listing::Feed page=list.page older=list.older newer=list.newer/>
        </section>
    }
}
