//! `/articles/:slug`: one story.

use krasa_model::route::param;
use krasa_model::{Article, Route};
use leptos::prelude::*;

use crate::components::{ArticleSkeleton, ArticleView};
use crate::head::{set_head, PageHead};
use crate::links;
use crate::nav::NavState;
use crate::pages::{mark_ready, route_page};

#[component]
pub fn ArticlePage() -> impl IntoView {
    route_page(
        |p| Route::article_from(p.get_str(param::SLUG)?),
        || view! { <ArticleSkeleton/> }.into_any(),
        |article| view! { <ArticleContent article=article/> }.into_any(),
    )
}

#[component]
fn ArticleContent(article: Article) -> impl IntoView {
    mark_ready();
    let back = use_context::<NavState>()
        .map(|n| n.last_feed.get_untracked())
        .unwrap_or_else(|| links::href(&Route::HOME));
    set_head(
        &article.summary.title,
        PageHead {
            description: Some(article.summary.excerpt.clone()),
            ..PageHead::default()
        },
    );
    view! { <ArticleView article=article back_href=back/> }
}
