//! A story card: badge, title link, excerpt, byline, tags.

use krasa_model::{format_date, ArticleSummary, Route, TagRef};
use leptos::prelude::*;

use crate::links;

/// The `#tag` links of an article or card. `search_filter` names the Pagefind filter the
/// tags are indexed under (the article's own tags, not those of cards beside it).
#[component]
pub fn TagLinks(
    tags: Vec<TagRef>,
    #[prop(optional)] label: Option<&'static str>,
    #[prop(optional)] search_filter: Option<&'static str>,
) -> impl IntoView {
    view! {
        <ul class="tag-links" aria-label=label.unwrap_or("Tags")>
            {tags
                .into_iter()
                .map(|t| {
                    let filter = search_filter.map(|f| format!("{f}:{}", t.slug));
                    view! {
                        <li data-pagefind-filter=filter>
                            <a href=links::href(&Route::tag(&t.slug))>"#" {t.slug.clone()}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// One story in a list. `level` is the heading level of its title (2 in feeds, 3 under a
/// "Related Articles" heading).
#[component]
pub fn ArticleCard(summary: ArticleSummary, #[prop(default = 2)] level: u8) -> impl IntoView {
    let ArticleSummary {
        slug,
        title,
        date,
        author,
        category,
        tags,
        excerpt,
        reading_minutes,
        ..
    } = summary;
    let href = links::href(&Route::article(&slug));
    let title_link = view! { <a href=href>{title}</a> };
    let heading = if level >= 3 {
        view! { <h3 class="card-title">{title_link}</h3> }.into_any()
    } else {
        view! { <h2 class="card-title">{title_link}</h2> }.into_any()
    };
    view! {
        <article class="card">
            <p class="badge">{category}</p>
            {heading}
            <p class="excerpt">{excerpt}</p>
            <p class="byline">
                <span class="author">{author}</span>
                <span aria-hidden="true">" · "</span>
                <time datetime=date.clone()>{format_date(&date)}</time>
                <span aria-hidden="true">" · "</span>
                <span>{reading_minutes} " minute read"</span>
            </p>
            <TagLinks tags=tags/>
        </article>
    }
}

/// A list of cards.
#[component]
pub fn CardList(items: Vec<ArticleSummary>, #[prop(default = 2)] level: u8) -> impl IntoView {
    view! {
        <div class="cards">
            {items
                .into_iter()
                .map(|s| view! { <ArticleCard summary=s level=level/> })
                .collect_view()}
        </div>
    }
}
