//! `/tags/:tag` and `/tags/:tag/page/:n`: the stories under one hashtag.

use krasa_model::{paths as data, ListPage};
use leptos::prelude::*;

use crate::api::Data;
use crate::components::{CardList, ListSkeleton, Pager, PagerTarget};
use crate::pages::{load_view, mark_ready, set_head, NotFound};

/// Page `n` of the tag `tag` (the route gives a valid slug).
#[component]
pub fn TagPage(tag: String, n: u32) -> impl IntoView {
    load_view(
        data::tag_page_json(&tag, n),
        || view! { <ListSkeleton/> }.into_any(),
        |data| match data {
            Data::List(list) => view! { <TagContent list=list/> }.into_any(),
            _ => view! { <NotFound/> }.into_any(),
        },
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
        Some(format!("{stories} tagged {}.", tag.name)),
        false,
        Some((tag.slug.clone(), tag.name.clone())),
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
