//! `/tags/:tag` and `/tags/:tag/page/:n`: the stories under one hashtag.

use krasa_model::{ListPage, Route};
use leptos::prelude::*;

use crate::components::{CardList, ListSkeleton, Pager, PagerTarget};
use crate::head::TagFeeds;
use crate::pages::{mark_ready, route_page, set_head, NotFound, PageHead};

#[component]
pub fn TagPage() -> impl IntoView {
    route_page(
        |p| Route::tag_from(p.get_str("tag")?, p.get_str("n")),
        || view! { <ListSkeleton/> }.into_any(),
        |list| view! { <TagContent list=list/> }.into_any(),
    )
}

#[component]
fn TagContent(list: ListPage) -> impl IntoView {
    let Some(tag) = list.tag.clone() else {
        return view! { <NotFound/> }.into_any();
    };
    mark_ready();
    let stories = if tag.count == 1 {
        "1 story".to_string()
    } else {
        format!("{} stories", tag.count)
    };
    let page_note =
        (list.total_pages > 1).then(|| format!(", page {} of {}", list.page, list.total_pages));
    set_head(
        &format!("#{}{}", tag.slug, page_note.as_deref().unwrap_or("")),
        PageHead {
            description: Some(format!("{stories} tagged {}.", tag.name)),
            tag_feeds: Some(TagFeeds {
                slug: tag.slug.clone(),
                name: tag.name.clone(),
            }),
            ..PageHead::default()
        },
    );
    view! {
        <section class="tag-page" aria-labelledby="page-heading">
            <h1 id="page-heading" class="page-heading" tabindex="-1">
                "#" {tag.slug.clone()}
            </h1>
            <p class="page-sub">{tag.name.clone()} " · " {stories} {page_note}</p>
            <CardList items=list.items/>
            <Pager target=PagerTarget::Tag(tag.slug.clone()) current=list.page total=list.total_pages/>
        </section>
    }
    .into_any()
}
