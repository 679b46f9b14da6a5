//! `/series/:series/`: a tutorial series, its description and its parts in order.

use krasa_model::route::param;
use krasa_model::{ListPage, Listing, Route};
use leptos::prelude::*;

use crate::components::ListSkeleton;
use crate::pages::list::{list_page, ListIntro};
use crate::pages::{route_page, NotFound};

#[component]
pub fn SeriesPage() -> impl IntoView {
    route_page(
        |p| Route::series_from(p.get_str(param::SERIES)?),
        || view! { <ListSkeleton/> }.into_any(),
        |list| view! { <SeriesContent list=list/> }.into_any(),
    )
}

#[component]
fn SeriesContent(list: ListPage) -> impl IntoView {
    let Some(series) = list.series.clone() else {
        return view! { <NotFound/> }.into_any();
    };
    let intro = ListIntro {
        listing: Listing::Series(series.slug.clone()),
        class: "series-page",
        heading: series.name.clone(),
        relation: format!("in the series {}", series.name),
        sub_prefix: Some("A series".into()),
        name: series.name,
        description: Some(series.description.clone()),
        about: Some(view! { <p class="page-about">{series.description}</p> }.into_any()),
    };
    list_page(list, intro)
}
