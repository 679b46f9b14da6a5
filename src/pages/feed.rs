//! `/` and `/page/:n`: the latest stories, newest first.

use krasa_model::{ListPage, Route};
use leptos::prelude::*;

use crate::components::{CardList, ListSkeleton, Pager, PagerTarget};
use crate::links;
use crate::nav::NavState;
use crate::pages::{mark_ready, route_page, set_head, PageHead, SiteInfo};

#[component]
pub fn FeedPage() -> impl IntoView {
    route_page(
        |p| Route::feed_from(p.get_str("n")),
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
    let (heading, title) = if list.page <= 1 {
        ("Latest news".to_string(), String::new())
    } else {
        let h = format!("Latest news, page {} of {}", list.page, list.total_pages);
        (h.clone(), h)
    };
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
            <CardList items=list.items/>
            <Pager target=PagerTarget::Feed current=list.page total=list.total_pages/>
        </section>
    }
}
