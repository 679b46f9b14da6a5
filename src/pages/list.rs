//! What the pages of a tag, a section and an author share: the heading, a line about the
//! list, its cards and pager, and its feeds in the head. Each of those pages says only what
//! its list is ([`ListIntro`]).

use krasa_model::{ListPage, Listing, Page};
use leptos::prelude::*;

use crate::components::{CardList, Pager};
use crate::head::{set_head, ListFeeds, PageHead};
use crate::pages::mark_ready;

/// What a list page says about its list.
pub struct ListIntro {
    pub listing: Listing,
    /// The page's class (`tag-page`, `section-page`, `author-page`).
    pub class: &'static str,
    /// The heading of its first page ("#ai", "Tutorials", "Mira Kovač").
    pub heading: String,
    /// Its name in feed titles ("AI Policy", "Tutorials").
    pub name: String,
    /// How its stories belong to it, for the page's description: "tagged AI", "in
    /// Tutorials", "by Mira Kovač".
    pub relation: String,
    /// Written before the count under the heading (a tag's name).
    pub sub_prefix: Option<String>,
    /// The description of its first page (a section's own line), else the count's.
    pub description: Option<String>,
    /// Shown under the heading on every page (a section's line, an author's profile).
    pub about: Option<AnyView>,
}

/// "1 story", "12 stories".
pub fn stories(count: u32) -> String {
    if count == 1 {
        "1 story".to_string()
    } else {
        format!("{count} stories")
    }
}

/// A page of the list: its head (title, description, feeds) and content.
pub fn list_page(list: ListPage, intro: ListIntro) -> AnyView {
    mark_ready();
    let ListIntro {
        listing,
        class,
        heading,
        name,
        relation,
        sub_prefix,
        description,
        about,
    } = intro;
    // the latest page counts the stories; an archive page names its number and dates
    let (note, title, description) = match list.page {
        Page::Latest => {
            let count = stories(list.total_items.unwrap_or(list.items.len() as u32));
            let description = description.unwrap_or_else(|| format!("{count} {relation}."));
            (count, heading.clone(), description)
        }
        Page::Archive(n) => {
            let span = list.date_span().unwrap_or_default();
            let description = format!("Stories {relation} from {span}.");
            (
                format!("page {n} · {span}"),
                format!("{heading}, page {n}"),
                description,
            )
        }
    };
    set_head(
        &title,
        PageHead {
            description: Some(description),
            list_feeds: Some(ListFeeds {
                listing: listing.clone(),
                name,
            }),
            ..PageHead::default()
        },
    );
    let sub = match sub_prefix {
        Some(prefix) => format!("{prefix} · {note}"),
        None => note,
    };
    let empty = list
        .items
        .is_empty()
        .then(|| view! { <p class="empty">"No stories here yet."</p> });
    view! {
        <section class=class aria-labelledby="page-heading">
            <h1 id="page-heading" class="page-heading" tabindex="-1">{heading}</h1>
            {about}
            <p class="page-sub">{sub}</p>
            {empty}
            <CardList items=list.items/>
            <Pager target=listing page=list.page older=list.older newer=list.newer/>
        </section>
    }
    .into_any()
}
