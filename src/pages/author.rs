//! `/authors/:author/` and `/authors/:author/page/:n/`: who an author is, and their stories.

use krasa_model::route::param;
use krasa_model::{ListPage, Listing, Route};
use leptos::prelude::*;

use crate::components::{ListSkeleton, Profile};
use crate::pages::list::{list_page, ListIntro};
use crate::pages::{route_page, NotFound};

#[component]
pub fn AuthorPage() -> impl IntoView {
    route_page(
        |p| Route::author_from(p.get_str(param::AUTHOR)?, p.get_str(param::PAGE)),
        || view! { <ListSkeleton/> }.into_any(),
        |list| view! { <AuthorContent list=list/> }.into_any(),
    )
}

#[component]
fn AuthorContent(list: ListPage) -> impl IntoView {
    let Some(author) = list.author.clone() else {
        return view! { <NotFound/> }.into_any();
    };
    let description = match &author.role {
        Some(role) => format!("{}, {role}. {}", author.name, author.bio),
        None => format!("{}. {}", author.name, author.bio),
    };
    let intro = ListIntro {
        listing: Listing::Author(author.slug.clone()),
        class: "author-page",
        heading: author.name.clone(),
        relation: format!("by {}", author.name),
        sub_prefix: None,
        name: author.name.clone(),
        description: Some(description),
        about: Some(view! { <Profile author=author/> }.into_any()),
    };
    list_page(list, intro)
}
