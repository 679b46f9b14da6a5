//! `/articles/:slug`: one story.

use krasa_model::{paths as data, Article};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

use crate::api::Data;
use crate::components::{ArticleSkeleton, ArticleView};
use crate::error::AppError;
use crate::nav::NavState;
use crate::pages::{full_title, load_view, mark_ready, FeedLinks, NotFound};
use crate::paths;

#[derive(Params, Clone, PartialEq, Debug)]
struct ArticleParams {
    slug: Option<String>,
}

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params::<ArticleParams>();
    let path = Memo::new(move |_| match params.get() {
        Ok(ArticleParams { slug: Some(s) }) if krasa_model::is_valid_slug(&s) => {
            Ok(data::article_json(&s))
        }
        _ => Err(AppError::BadParam),
    });
    load_view(
        path,
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
    let title = full_title(&article.summary.title);
    let description = article.summary.excerpt.clone();
    view! {
        <Title text=title/>
        <Meta name="description" content=description/>
        <FeedLinks/>
        <ArticleView article=article back_href=back/>
    }
}
