//! `/tags/:tag` and `/tags/:tag/page/:n`: the stories under one hashtag.

use krasa_model::route::param;
use krasa_model::{ListPage, Page, Route};
use leptos::prelude::*;

use crate::components::{CardList, ListSkeleton, Pager, PagerTarget};
use crate::head::TagFeeds;
use crate::head::{set_head, PageHead};
use crate::pages::{mark_ready, route_page, NotFound};

#[component]
pub fn TagPage() -> impl IntoView {
    route_page(
        |p| Route::tag_from(p.get_str(param::TAG)?, p.get_str(param::PAGE)),
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
    // the latest page counts the stories; an archive page names its number and dates
    let (note, title, description) = match list.page {
        Page::Latest => {
            let count = list.total_items.unwrap_or(list.items.len() as u32);
            let stories = if count == 1 {
                "1 story".to_string()
            } else {
                format!("{count} stories")
            };
            let description = format!("{stories} tagged {}.", tag.name);
            (stories, format!("#{}", tag.slug), description)
        }
        Page::Archive(n) => {
            let span = list.date_span().unwrap_or_default();
            let description = format!("Stories tagged {} from {span}.", tag.name);
            (
                format!("page {n} · {span}"),
                format!("#{}, page {n}", tag.slug),
                description,
            )
        }
    };
    set_head(
        &title,
        PageHead {
            description: Some(description),
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
            <p class="page-sub">{tag.name.clone()} " · " {note}</p>
            <CardList items=list.items/>
            <Pager
                target=PagerTarget::Tag(tag.slug.clone())
                page=list.page
                older=list.older
                newer=list.newer
            />
        </section>
    }
    .into_any()
}
