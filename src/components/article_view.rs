//! The article page's content, as in the reference page: back link, badge, headline, byline,
//! body, hashtags, then its corrections, its author and related stories.

use krasa_model::{format_date, Article, Correction, Route, Tutorial};
use leptos::prelude::*;

use super::card::{AuthorLink, CardList, Profile, TagLinks};
use crate::links;
use crate::search::{CATEGORY_FILTER, TAG_FILTER};

/// The body HTML, sanitized by press (ammonia). This is the only place the app inserts HTML.
/// In-page links (press writes them `articles/<slug>#section`; a bare `#section` is also
/// taken) are handled by the app's link handling (`nav::link_action`): they scroll to the
/// section and move focus there, without a history entry.
#[component]
pub fn ArticleBody(html: String) -> impl IntoView {
    view! { <div class="prose" inner_html=html></div> }
}

/// A whole article. `back_href` is where "Back to News" leads (the feed page the reader
/// came from).
///
/// The `data-pagefind-*` attributes tell the search index (built by Pagefind from the
/// prerendered pages) what to index: the article alone (not the header, related stories or
/// "Back to News"), its slug, section, date and category as metadata, its category and tags as
/// filters, and its date as the sort key.
#[component]
pub fn ArticleView(article: Article, #[prop(into)] back_href: String) -> impl IntoView {
    let s = article.summary;
    let updated = s.updated.clone().map(|u| {
        view! {
            <span aria-hidden="true">" · "</span>
            <span class="updated">"Updated " <time datetime=u.clone()>{format_date(&u)}</time></span>
        }
    });
    let related = (!article.related.is_empty()).then(|| {
        view! {
            <section class="related" aria-labelledby="related-heading">
                <h2 id="related-heading">"Related Articles"</h2>
                <CardList items=article.related.clone() level=3/>
            </section>
        }
    });
    // a separate (type-erased) view: the article's full view type is too deep for the
    // compiler's query limit otherwise
    let facts = article
        .tutorial
        .map(|t| view! { <TutorialFacts tutorial=t/> });
    let footer = view! {
        <footer class="article-footer">
            <TagLinks tags=s.tags.clone() label="Article tags" search_filter=TAG_FILTER/>
            <Corrections corrections=article.corrections/>
            <AboutAuthor author=article.author_profile/>
        </footer>
    }
    .into_any();
    // the section in view is marked in the contents (an effect: in the browser only, once
    // the body is in the document)
    Effect::new(|_| crate::contents::watch());
    view! {
        <article
            class="article"
            data-pagefind-body=""
            data-pagefind-meta=format!("slug:{}", s.slug)
        >
            <p class="back" data-pagefind-ignore="">
                <a href=back_href>"← Back to News"</a>
            </p>
            <header class="article-header">
                <p
                    class="badge"
                    data-pagefind-filter=CATEGORY_FILTER
                    data-pagefind-meta=CATEGORY_FILTER
                >
                    <a
                        href=links::href(&Route::section(&s.section))
                        data-pagefind-meta=format!("section:{}", s.section)
                    >
                        {s.category.clone()}
                    </a>
                </p>
                <h1 tabindex="-1">{s.title.clone()}</h1>
                // the byline is not text of the story: kept out of the index and its
                // excerpts, while its date is still read as meta and sort key
                <p class="byline" data-pagefind-ignore="">
                    <AuthorLink name=s.author.clone() slug=s.author_slug.clone()/>
                    <span aria-hidden="true">" · "</span>
                    <time
                        datetime=s.date.clone()
                        data-pagefind-meta="date[datetime]"
                        data-pagefind-sort="date[datetime]"
                    >
                        {format_date(&s.date)}
                    </time>
                    <span aria-hidden="true">" · "</span>
                    <span>{s.reading_minutes} " minute read"</span>
                    {updated}
                </p>
                {facts}
            </header>
            <ArticleBody html=article.body_html/>
            {footer}
        </article>
        {related}
    }
}

/// What a tutorial expects: its level, the time it takes and what it was tested with.
#[component]
fn TutorialFacts(tutorial: Tutorial) -> impl IntoView {
    let Tutorial {
        level,
        minutes,
        tested,
    } = tutorial;
    let items = [
        level.map(|l| format!("Level: {}", l.label())),
        minutes.map(|m| format!("Time: about {m} minutes")),
        tested.map(|t| format!("Tested with {t}")),
    ];
    view! {
        <ul class="tutorial-facts" aria-label="About this tutorial" data-pagefind-ignore="">
            {items.into_iter().flatten().map(|item| view! { <li>{item}</li> }).collect_view()}
        </ul>
    }
}

/// The corrections box at the end of a corrected story (`#corrections`, where the
/// corrections feed links), oldest first.
#[component]
fn Corrections(corrections: Vec<Correction>) -> impl IntoView {
    (!corrections.is_empty()).then(|| {
        view! {
            <aside class="corrections" id="corrections" aria-labelledby="corrections-heading">
                <h2 id="corrections-heading">"Corrections"</h2>
                <ul>
                    {corrections
                        .into_iter()
                        .map(|c| {
                            view! {
                                <li>
                                    <time datetime=c.date.clone()>{format_date(&c.date)}</time>
                                    ": "
                                    {c.text}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </aside>
        }
    })
}

/// Who wrote the story: their name (a link to their page) and profile. Not story text: kept
/// out of the search index.
#[component]
fn AboutAuthor(author: krasa_model::Author) -> impl IntoView {
    view! {
        <aside class="about-author" aria-label="About the author" data-pagefind-ignore="">
            <p class="about-name">
                <AuthorLink name=author.name.clone() slug=author.slug.clone()/>
            </p>
            <Profile author=author/>
        </aside>
    }
}
