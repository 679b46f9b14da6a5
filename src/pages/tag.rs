//! `/tags/:tag` and `/tags/:tag/page/:n`: the stories under one hashtag.

use krasa_model::{paths as data, ListPage};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

use crate::api::Data;
use crate::components::{CardList, ListSkeleton, Pager, PagerTarget};
use crate::error::AppError;
use crate::pages::{full_title, load_view, mark_ready, redirect_view, FeedLinks, NotFound};
use crate::paths;

#[derive(Params, Clone, PartialEq, Debug)]
struct TagParams {
    tag: Option<String>,
    n: Option<u32>,
}

/// `Ok((tag, Some(n)))` to show, `Ok((tag, None))` to redirect to the tag's first page.
fn requested(
    p: Result<TagParams, leptos_router::params::ParamsError>,
) -> Result<(String, Option<u32>), AppError> {
    match p {
        Ok(TagParams { tag: Some(t), n }) if krasa_model::is_valid_slug(&t) => match n {
            None => Ok((t, Some(1))),
            Some(1) => Ok((t, None)),
            Some(n) if n >= 2 => Ok((t, Some(n))),
            _ => Err(AppError::BadParam),
        },
        _ => Err(AppError::BadParam),
    }
}

#[component]
pub fn TagPage() -> impl IntoView {
    let params = use_params::<TagParams>();
    let req = Memo::new(move |_| requested(params.get()));
    let path = Memo::new(move |_| match req.get() {
        Ok((t, Some(n))) => Ok(data::tag_page_json(&t, n)),
        Ok((_, None)) => Err(AppError::NotFound),
        Err(e) => Err(e),
    });
    let redirect = move || match req.get() {
        Ok((t, None)) => Some(paths::tag_href(&t, 1)),
        _ => None,
    };
    let content = load_view(
        path,
        || view! { <ListSkeleton/> }.into_any(),
        |data| match data {
            Data::List(list) => view! { <TagContent list=list/> }.into_any(),
            _ => view! { <NotFound/> }.into_any(),
        },
    );
    view! {
        {redirect_view(redirect)}
        {content}
    }
}

#[component]
fn TagContent(list: ListPage) -> impl IntoView {
    mark_ready();
    let Some(tag) = list.tag.clone() else {
        return view! { <NotFound/> }.into_any();
    };
    let stories = if tag.count == 1 {
        "1 story".to_string()
    } else {
        format!("{} stories", tag.count)
    };
    let page_note =
        (list.total_pages > 1).then(|| format!(", page {} of {}", list.page, list.total_pages));
    let title = match &page_note {
        Some(p) => full_title(&format!("#{}{p}", tag.slug)),
        None => full_title(&format!("#{}", tag.slug)),
    };
    view! {
        <Title text=title/>
        <Meta name="description" content=format!("{stories} tagged {}.", tag.name)/>
        <FeedLinks tag=(tag.slug.clone(), tag.name.clone())/>
        <section class="tag-page" aria-labelledby="page-heading">
            <h1 id="page-heading" class="page-heading" tabindex="-1">
                "#" {tag.slug.clone()}
            </h1>
            <p class="page-sub">{tag.name.clone()} " · " {stories} {page_note.clone()}</p>
            <CardList items=list.items/>
            <Pager target=PagerTarget::Tag(tag.slug.clone()) current=list.page total=list.total_pages/>
        </section>
    }
    .into_any()
}
