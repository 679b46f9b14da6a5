//! Newer / numbered / older links for a paged list: the latest page first, then archive pages
//! from the newest to the oldest (page 1), as [`krasa_model::pager_links`] chooses them.

use krasa_model::{pager_links, Page, PageLink, Route};
use leptos::prelude::*;

use crate::links;

/// Which list the pager pages through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PagerTarget {
    Feed,
    Tag(String),
}

impl PagerTarget {
    pub fn href(&self, page: Page) -> String {
        match self {
            PagerTarget::Feed => links::href(&Route::Feed { page }),
            PagerTarget::Tag(slug) => links::href(&Route::Tag {
                slug: slug.clone(),
                page,
            }),
        }
    }
}

/// The page a "Newer" link leads to from `page`, with `newer` archive pages newer than it:
/// the next archive page, or the latest page from the newest archive page; none on the
/// latest page.
fn newer_page(page: Page, newer: u32) -> Option<Page> {
    match page {
        Page::Latest => None,
        Page::Archive(n) if newer > 0 => Some(Page::Archive(n + 1)),
        Page::Archive(_) => Some(Page::Latest),
    }
}

fn label(page: Page) -> String {
    match page {
        Page::Latest => "Latest".into(),
        Page::Archive(n) => n.to_string(),
    }
}

/// Plain links (the router handles their clicks); the current page carries
/// `aria-current="page"`. `page`, `older` and `newer` are the list page's own fields
/// ([`krasa_model::ListPage`]).
#[component]
pub fn Pager(target: PagerTarget, page: Page, older: Option<u32>, newer: u32) -> impl IntoView {
    if page == Page::Latest && older.is_none() {
        return ().into_any();
    }
    let newer_link = newer_page(page, newer).map(|page| {
        view! {
            <a href=target.href(page) class="pager-prev" rel="prev">
                "← Newer"
            </a>
        }
    });
    let older_link = older.map(|n| {
        view! {
            <a href=target.href(Page::Archive(n)) class="pager-next" rel="next">
                "Older →"
            </a>
        }
    });
    let items = pager_links(page, older, newer)
        .into_iter()
        .map(|item| match item {
            PageLink::Page { page, current: true } => view! {
                <li>
                    <a href=target.href(page) aria-current="page" aria-label=format!("{}, current page", aria(page))>
                        {label(page)}
                    </a>
                </li>
            }
            .into_any(),
            PageLink::Page { page, .. } => view! {
                <li>
                    <a href=target.href(page) aria-label=aria(page)>
                        {label(page)}
                    </a>
                </li>
            }
            .into_any(),
            PageLink::Gap => view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any(),
        })
        .collect_view();
    view! {
        <nav class="pager" aria-label="Pagination">
            {newer_link}
            <ul>{items}</ul>
            {older_link}
        </nav>
    }
    .into_any()
}

fn aria(page: Page) -> String {
    match page {
        Page::Latest => "Latest stories".into(),
        Page::Archive(n) => format!("Archive page {n}"),
    }
}
