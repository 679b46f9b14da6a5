//! A search result and the "no results" message (the search page, `pages::search`, fetches;
//! these take props).

use krasa_model::{format_date, Route};
use leptos::prelude::*;

use super::card::SectionBadge;
use crate::links;
use crate::search::excerpt_parts;
use crate::search::pagefind::Hit;

/// One result: its section's badge, title link, date, and the excerpt with the matched words
/// marked.
#[component]
pub fn SearchHit(hit: Hit) -> impl IntoView {
    let href = links::href(&Route::article(&hit.slug));
    let excerpt = excerpt_parts(&hit.excerpt)
        .into_iter()
        .map(|part| {
            if part.matched {
                view! { <mark>{part.text}</mark> }.into_any()
            } else {
                part.text.into_any()
            }
        })
        .collect_view();
    let badge = (!hit.category.is_empty()).then(|| {
        view! { <SectionBadge name=hit.category slug=hit.section/> }
    });
    let date = (!hit.date.is_empty()).then(|| {
        let shown = format_date(&hit.date);
        view! { <p class="byline"><time datetime=hit.date>{shown}</time></p> }
    });
    // the story's lead image, small (its markup as text: see Picture::thumbnail_html)
    let thumb = hit.thumb.map(|t| {
        let esc = krasa_model::escape_markup;
        let img = format!(
            "<img src=\"{}\" width=\"{}\" height=\"{}\" alt=\"\" loading=\"lazy\" decoding=\"async\">",
            esc(&t.src),
            esc(&t.width),
            esc(&t.height)
        );
        view! { <div class="card-thumb" inner_html=img></div> }
    });
    view! {
        <li class="card search-hit">
            {badge}
            <h2 class="card-title"><a href=href>{hit.title}</a></h2>
            {thumb}
            <p class="excerpt">{excerpt}</p>
            {date}
        </li>
    }
}

/// Nothing found: the search, and where to go instead.
#[component]
pub fn NoResults(described: String) -> impl IntoView {
    view! {
        <div class="search-empty">
            <p class="search-count">"No results for " {described} "."</p>
            <p>
                "Try fewer or other words, remove a filter, or browse the stories by topic in "
                <a href=links::href(&Route::Tags)>"all tags"</a> "."
            </p>
        </div>
    }
}
