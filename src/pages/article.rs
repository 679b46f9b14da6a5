//! `/articles/:slug`: one story.

use krasa_model::{Article, Route};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::{ArticleSkeleton, ArticleView};
use crate::links;
use crate::nav::NavState;
use crate::pages::{load, mark_ready, set_head, NotFound, PageHead};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let route =
        Memo::new(move |_| params.with(|p| p.get_str("slug").and_then(Route::article_from)));
    move || match route.get() {
        Some(route) => load(
            route.data_file(),
            || view! { <ArticleSkeleton/> }.into_any(),
            |article| view! { <ArticleContent article=article/> }.into_any(),
        ),
        None => view! { <NotFound/> }.into_any(),
    }
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
