//! Newer / numbered / older links for a paged list: the latest page first, then archive pages
//! from the newest to the oldest (page 1), as [`krasa_model::pager_links`] chooses them.

use krasa_model::{pager_links, Listing, Page, PageLink};
use leptos::prelude::*;

use crate::links;

/// The href of page `page` of a list.
fn href(listing: &Listing, page: Page) -> String {
    links::href(&listing.route(page))
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
pub fn Pager(target: Listing, page: Page, older: Option<u32>, newer: u32) -> impl IntoView {
    if page == Page::Latest && older.is_none() {
        return ().into_any();
    }
    let newer_link = newer_page(page, newer).map(|page| {
        view! {
            <a href=href(&target, page) class="pager-prev" rel="prev">
                "← Newer"
            </a>
        }
    });
    let older_link = older.map(|n| {
        view! {
            <a href=href(&target, Page::Archive(n)) class="pager-next" rel="next">
                "Older →"
            </a>
        }
    });
    let items = pager_links(page, older, newer)
        .into_iter()
        .map(|item| match item {
            PageLink::Page { page, current: true } => view! {
                <li>
                    <a href=href(&target, page) aria-current="page" aria-label=format!("{}, current page", aria(page))>
                        {label(page)}
                    </a>
                </li>
            }
            .into_any(),
            PageLink::Page { page, .. } => view! {
                <li>
                    <a href=href(&target, page) aria-label=aria(page)>
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
