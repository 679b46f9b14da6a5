//! `/` and `/page/:n`: the latest stories, newest first.

use krasa_model::{paths as data, ListPage};
use leptos::prelude::*;

use crate::api::Data;
use crate::components::{CardList, ListSkeleton, Pager, PagerTarget};
use crate::nav::NavState;
use crate::pages::{load_view, mark_ready, set_head, NotFound, SiteInfo};
use crate::paths;

/// Feed page `n` (1 is the front page).
#[component]
pub fn FeedPage(n: u32) -> impl IntoView {
    load_view(
        data::feed_page_json(n),
        || view! { <ListSkeleton/> }.into_any(),
        |data| match data {
            Data::List(list) => view! { <FeedContent list=list/> }.into_any(),
            _ => view! { <NotFound/> }.into_any(),
        },
    )
}

#[component]
fn FeedContent(list: ListPage) -> impl IntoView {
    if let Some(nav) = use_context::<NavState>() {
        nav.last_feed.set(paths::feed_href(list.page));
    }
    mark_ready();
    let tagline = use_context::<SiteInfo>()
        .map(|s| s.tagline.get_untracked())
        .unwrap_or_default();
    let heading = if list.page <= 1 {
        set_head("", Some(tagline), false, None);
        "Latest news".to_string()
    } else {
        let h = format!("Latest news, page {} of {}", list.page, list.total_pages);
        set_head(&h, Some(tagline), false, None);
        h
    };
    view! {
        <section class="feed" aria-labelledby="page-heading">
            <h1 id="page-heading" class="page-heading" tabindex="-1">{heading}</h1>
            <CardList items=list.items/>
            <Pager target=PagerTarget::Feed current=list.page total=list.total_pages/>
        </section>
    }
}
