//! `/:section/` and `/:section/page/:n/`: the stories of one section (News, Analysis,
//! Tutorials), with the section's own line.

use krasa_model::route::param;
use krasa_model::{ListPage, Listing, Route};
use leptos::prelude::*;

use crate::components::ListSkeleton;
use crate::pages::list::{list_page, ListIntro};
use crate::pages::{route_page, NotFound};

#[component]
pub fn SectionPage() -> impl IntoView {
    route_page(
        |p| Route::section_from(p.get_str(param::SECTION)?, p.get_str(param::PAGE)),
        || view! { <ListSkeleton/> }.into_any(),
        |list| view! { <SectionContent list=list/> }.into_any(),
    )
}

#[component]
fn SectionContent(list: ListPage) -> impl IntoView {
    let Some(section) = list.section.clone() else {
        return view! { <NotFound/> }.into_any();
    };
    let intro = ListIntro {
        listing: Listing::Section(section.slug.clone()),
        class: "section-page",
        heading: section.name.clone(),
        relation: format!("in {}", section.name),
        sub_prefix: None,
        name: section.name,
        description: Some(section.description.clone()),
        about: Some(view! { <p class="page-about">{section.description}</p> }.into_any()),
    };
    list_page(list, intro)
}
