//! `/tags`: every tag with its story count.

use krasa_model::TagIndex;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

use crate::api;
use crate::components::{ErrorView, ListSkeleton};
use crate::pages::{full_title, mark_ready, NotFound};
use crate::paths;

#[component]
pub fn TagsPage() -> impl IntoView {
    let data = LocalResource::new(api::tags);
    view! {
        <Transition fallback=|| view! { <ListSkeleton count=2/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(index) => view! { <TagsContent index=index/> }.into_any(),
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
fn TagsContent(index: TagIndex) -> impl IntoView {
    mark_ready();
    let count = index.tags.len();
    view! {
        <Title text=full_title("All tags")/>
        <Meta name="description" content=format!("Browse all {count} topics we cover.")/>
        <section class="tags-index" aria-labelledby="page-heading">
            <h1 id="page-heading" class="page-heading" tabindex="-1">"All tags"</h1>
            <ul class="tag-cloud">
                {index
                    .tags
                    .into_iter()
                    .map(|t| {
                        let label = if t.count == 1 { "story" } else { "stories" };
                        view! {
                            <li>
                                <A href=paths::tag_href(&t.slug, 1)>
                                    <span class="tag-name">"#" {t.slug.clone()}</span>
                                    <span class="tag-count">{t.count} " " {label}</span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
