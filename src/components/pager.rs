//! Previous / numbered / next links for a paginated list.

use krasa_model::{page_items, PageLink};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::paths;

/// Which list the pager pages through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PagerTarget {
    Feed,
    Tag(String),
}

impl PagerTarget {
    pub fn href(&self, n: u32) -> String {
        match self {
            PagerTarget::Feed => paths::feed_href(n),
            PagerTarget::Tag(slug) => paths::tag_href(slug, n),
        }
    }
}

#[component]
pub fn Pager(target: PagerTarget, current: u32, total: u32) -> impl IntoView {
    if total <= 1 {
        return ().into_any();
    }
    let prev = (current > 1).then(|| {
        view! {
            <A href=target.href(current - 1) attr:class="pager-prev" attr:rel="prev">
                "← Newer"
            </A>
        }
    });
    let next = (current < total).then(|| {
        view! {
            <A href=target.href(current + 1) attr:class="pager-next" attr:rel="next">
                "Older →"
            </A>
        }
    });
    let items = page_items(current, total, 2)
        .into_iter()
        .map(|item| match item {
            PageLink::Page { number, current: true } => view! {
                <li>
                    <A href=target.href(number) exact=true attr:aria-label=format!("Page {number}, current page")>
                        {number}
                    </A>
                </li>
            }
            .into_any(),
            PageLink::Page { number, .. } => view! {
                <li>
                    <A href=target.href(number) exact=true attr:aria-label=format!("Page {number}")>
                        {number}
                    </A>
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
