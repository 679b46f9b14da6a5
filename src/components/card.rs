//! A story card: badge (its section's link), title link, excerpt, byline (its author's
//! link), tags.

use krasa_model::{format_date, ArticleSummary, Author, Route, TagRef};
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

/// The badge of a story: its section's name, a link to the section.
#[component]
pub fn SectionBadge(name: String, slug: String) -> impl IntoView {
    view! {
        <p class="badge">
            <a href=links::href(&Route::section(&slug))>{name}</a>
        </p>
    }
}

/// The author in a byline, a link to their page.
#[component]
pub fn AuthorLink(name: String, slug: String) -> impl IntoView {
    view! { <a class="author" href=links::href(&Route::author(&slug))>{name}</a> }
}

/// An author's role, biography and links (`rel="me"`: the profiles are theirs).
#[component]
pub fn Profile(author: Author) -> impl IntoView {
    let role = author.role.map(|r| view! { <p class="role">{r}</p> });
    let links = (!author.links.is_empty()).then(|| {
        view! {
            <ul class="profile-links" aria-label="Elsewhere">
                {author
                    .links
                    .into_iter()
                    .map(|l| view! { <li><a href=l.url rel="me">{l.label}</a></li> })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <div class="profile">
            {role}
            <p class="bio">{author.bio}</p>
            {links}
        </div>
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
        author_slug,
        category,
        section,
        tags,
        excerpt,
        reading_minutes,
        image,
        ..
    } = summary;
    // a lead image's thumbnail (see Picture::thumbnail_html)
    let thumb = image.map(
        |i| view! { <picture class="card-thumb" inner_html=i.picture.thumbnail_html()></picture> },
    );
    let href = links::href(&Route::article(&slug));
    let title_link = view! { <a href=href>{title}</a> };
    let heading = if level >= 3 {
        view! { <h3 class="card-title">{title_link}</h3> }.into_any()
    } else {
        view! { <h2 class="card-title">{title_link}</h2> }.into_any()
    };
    view! {
        <article class="card">
            <SectionBadge name=category slug=section/>
            {heading}
            {thumb}
            <p class="excerpt">{excerpt}</p>
            <p class="byline">
                <AuthorLink name=author slug=author_slug/>
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
