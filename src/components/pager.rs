//! Previous / numbered / next links for a paginated list.

use krasa_model::{page_items, PageLink, Route};
use leptos::prelude::*;

use crate::links;

/// Which list the pager pages through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PagerTarget {
    Feed,
    Tag(String),
}

impl PagerTarget {
    pub fn href(&self, n: u32) -> String {
        match self {
            PagerTarget::Feed => links::href(&Route::Feed { page: n }),
            PagerTarget::Tag(slug) => links::href(&Route::Tag {
                slug: slug.clone(),
                page: n,
            }),
        }
    }
}

/// Plain links (the router handles their clicks); the current page carries
/// `aria-current="page"`.
#[component]
pub fn Pager(target: PagerTarget, current: u32, total: u32) -> impl IntoView {
    if total <= 1 {
        return ().into_any();
    }
    let prev = (current > 1).then(|| {
        view! {
            <a href=target.href(current - 1) class="pager-prev" rel="prev">
                "← Newer"
            </a>
        }
    });
    let next = (current < total).then(|| {
        view! {
            <a href=target.href(current + 1) class="pager-next" rel="next">
                "Older →"
            </a>
        }
    });
    let items = page_items(current, total, 2)
        .into_iter()
        .map(|item| match item {
            PageLink::Page { number, current: true } => view! {
                <li>
                    <a href=target.href(number) aria-current="page" aria-label=format!("Page {number}, current page")>
                        {number}
                    </a>
                </li>
            }
            .into_any(),
            PageLink::Page { number, .. } => view! {
                <li>
                    <a href=target.href(number) aria-label=format!("Page {number}")>
                        {number}
                    </a>
                </li>
            }
            .into_any(),
            PageLink::Gap => view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any(),
        })
        .collect_view();
    view! {
        <nav class="pager" aria-label="Pagination">
            {prev}
            <ul>{items}</ul>
            {next}
        </nav>
    }
    .into_any()
}
