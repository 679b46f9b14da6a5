//! `/articles/:slug`: one story.

use krasa_model::{paths as data, Article};
use leptos::prelude::*;

use crate::api::Data;
use crate::components::{ArticleSkeleton, ArticleView};
use crate::nav::NavState;
use crate::pages::{load_view, mark_ready, set_head, NotFound};
use crate::paths;

/// The route gives a valid slug (see [`crate::router::Route`]).
#[component]
pub fn ArticlePage(slug: String) -> impl IntoView {
    load_view(
        data::article_json(&slug),
        || view! { <ArticleSkeleton/> }.into_any(),
        |data| match data {
            Data::Article(article) => view! { <ArticleContent article=*article/> }.into_any(),
            _ => view! { <NotFound/> }.into_any(),
        },
    )
}

#[component]
fn ArticleContent(article: Article) -> impl IntoView {
    mark_ready();
    let back = use_context::<NavState>()
        .map(|n| n.last_feed.get_untracked())
        .unwrap_or_else(paths::home_href);
    set_head(
        &article.summary.title,
        Some(article.summary.excerpt.clone()),
        false,
        None,
    );
    view! { <ArticleView article=article back_href=back/> }
}
