//! `/tags`: every tag with its story count.

use krasa_model::{paths, Route, TagIndex};
use leptos::prelude::*;

use crate::components::ListSkeleton;
use crate::head::{set_head, PageHead};
use crate::links;
use crate::pages::{load, mark_ready};

#[component]
pub fn TagsPage() -> impl IntoView {
    load(
        paths::tags_json(),
        || view! { <ListSkeleton count=2/> }.into_any(),
        |index| view! { <TagsContent index=index/> }.into_any(),
    )
}

#[component]
fn TagsContent(index: TagIndex) -> impl IntoView {
    mark_ready();
    let count = index.tags.len();
    set_head(
        "All tags",
        PageHead {
            description: Some(format!("Browse all {count} topics we cover.")),
            ..PageHead::default()
        },
    );
    view! {
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
                                <a href=links::href(&Route::tag(&t.slug))>
                                    <span class="tag-name">"#" {t.slug.clone()}</span>
                                    <span class="tag-count">{t.count} " " {label}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
