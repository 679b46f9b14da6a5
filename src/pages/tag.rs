//! `/tags/:tag` and `/tags/:tag/page/:n`: the stories under one hashtag.

use krasa_model::route::param;
use krasa_model::{ListPage, Listing, Route};
use leptos::prelude::*;

use crate::components::ListSkeleton;
use crate::pages::list::{list_page, ListIntro};
use crate::pages::{route_page, NotFound};

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
    let intro = ListIntro {
        listing: Listing::Tag(tag.slug.clone()),
        class: "tag-page",
        heading: format!("#{}", tag.slug),
        relation: format!("tagged {}", tag.name),
        sub_prefix: Some(tag.name.clone()),
        name: tag.name,
        description: None,
        about: None,
    };
    list_page(list, intro)
}
