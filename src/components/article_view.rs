//! The article page's content, as in the reference page: back link, badge, headline, byline,
//! body, hashtags and related stories.

use krasa_model::{format_date, Article};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::card::{CardList, TagLinks};

/// The body HTML, sanitized by press (ammonia). This is the only place the app inserts HTML.
/// In-page links (press writes them `articles/<slug>#section`; a bare `#section` is also
/// taken) scroll to the section and move focus there, without a history entry.
#[component]
pub fn ArticleBody(html: String) -> impl IntoView {
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some(a) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        let bare = a.get_attribute("href").is_some_and(|h| h.starts_with('#'));
        let here = window().location().pathname().unwrap_or_default();
        let hash = a.hash();
        if !(bare || (a.pathname() == here && !hash.is_empty())) {
            return;
        }
        ev.prevent_default();
        let id = hash.strip_prefix('#').unwrap_or("");
        if id.is_empty() {
            // `#` alone: the top of the page
            window().scroll_to_with_x_and_y(0.0, 0.0);
        } else if let Some(target) = document().get_element_by_id(id) {
            target.scroll_into_view();
            if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
                if !el.has_attribute("tabindex") {
                    let _ = el.set_attribute("tabindex", "-1");
                }
                let _ = el.focus();
            }
        }
    };
    view! { <div class="prose" inner_html=html on:click=on_click></div> }
}

/// A whole article. `back_href` is where "Back to News" leads (the feed page the reader
/// came from).
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
    view! {
        <article class="article">
            <p class="back">
                <a href=back_href>"← Back to News"</a>
            </p>
            <header class="article-header">
                <p class="badge">{s.category.clone()}</p>
                <h1 tabindex="-1">{s.title.clone()}</h1>
                <p class="byline">
                    <span class="author">{s.author.clone()}</span>
                    <span aria-hidden="true">" · "</span>
                    <time datetime=s.date.clone()>{format_date(&s.date)}</time>
                    <span aria-hidden="true">" · "</span>
                    <span>{s.reading_minutes} " minute read"</span>
                    {updated}
                </p>
            </header>
            <ArticleBody html=article.body_html/>
            <footer class="article-footer">
                <TagLinks tags=s.tags.clone() label="Article tags"/>
            </footer>
        </article>
        {related}
    }
}
