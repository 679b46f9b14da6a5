//! `/articles/:slug`: one story.

use krasa_model::Article;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

use crate::api;
use crate::components::{ArticleSkeleton, ArticleView, ErrorView};
use crate::error::AppError;
use crate::nav::NavState;
use crate::pages::{full_title, mark_ready, NotFound};
use crate::paths;

#[derive(Params, Clone, PartialEq, Debug)]
struct ArticleParams {
    slug: Option<String>,
}

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params::<ArticleParams>();
    let slug = Memo::new(move |_| match params.get() {
        Ok(ArticleParams { slug: Some(s) }) if krasa_model::is_valid_slug(&s) => Ok(s),
        _ => Err(AppError::BadParam),
    });
    let data = LocalResource::new(move || {
        let s = slug.get();
        async move {
            match s {
                Ok(s) => api::article(&s).await,
                Err(e) => Err(e),
            }
        }
    });
    view! {
        <Transition fallback=|| view! { <ArticleSkeleton/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(article) => view! { <ArticleContent article=article/> }.into_any(),
                    Err(e) if e.is_not_found() => view! { <NotFound/> }.into_any(),
                    Err(e) => {
                        view! { <ErrorView error=e on_retry=Callback::new(move |_| data.refetch())/> }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
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
        <ArticleView article=article back_href=back/>
    }
}
