//! `/` and `/page/:n`: the latest stories, newest first.

use krasa_model::{paths as data, ListPage};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

use crate::api::Data;
use crate::components::{CardList, ListSkeleton, Pager, PagerTarget};
use crate::error::AppError;
use crate::nav::NavState;
use crate::pages::{
    full_title, load_view, mark_ready, redirect_view, FeedLinks, NotFound, SiteInfo,
};
use crate::paths;

#[derive(Params, Clone, PartialEq, Debug)]
struct FeedParams {
    n: Option<u32>,
}

/// Which feed page a route asks for: `Ok(None)` means "redirect to /".
fn requested_page(
    p: Result<FeedParams, leptos_router::params::ParamsError>,
) -> Result<Option<u32>, AppError> {
    match p {
        Ok(FeedParams { n: None }) => Ok(Some(1)),
        Ok(FeedParams { n: Some(1) }) => Ok(None),
        Ok(FeedParams { n: Some(n) }) if n >= 2 => Ok(Some(n)),
        _ => Err(AppError::BadParam),
    }
}

#[component]
pub fn FeedPage() -> impl IntoView {
    let params = use_params::<FeedParams>();
    let page = Memo::new(move |_| requested_page(params.get()));
    let path = Memo::new(move |_| match page.get() {
        Ok(Some(n)) => Ok(data::feed_page_json(n)),
        Ok(None) => Err(AppError::NotFound),
        Err(e) => Err(e),
    });
    let content = load_view(
        path,
        || view! { <ListSkeleton/> }.into_any(),
        |data| match data {
            Data::List(list) => view! { <FeedContent list=list/> }.into_any(),
            _ => view! { <NotFound/> }.into_any(),
        },
    );
    view! {
        {redirect_view(move || (page.get() == Ok(None)).then(paths::home_href))}
        {content}
    }
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
    let (heading, title) = if list.page <= 1 {
        ("Latest news".to_string(), full_title(""))
    } else {
        let h = format!("Latest news, page {} of {}", list.page, list.total_pages);
        let t = full_title(&h);
        (h, t)
    };
    view! {
        <Title text=title/>
        <Meta name="description" content=tagline/>
        <FeedLinks/>
        <section class="feed" aria-labelledby="page-heading">
            <h1 id="page-heading" class="page-heading" tabindex="-1">{heading}</h1>
            <CardList items=list.items/>
            <Pager target=PagerTarget::Feed current=list.page total=list.total_pages/>
        </section>
    }
}
