//! `/tags`: every tag with its story count.

use krasa_model::{paths as data, TagIndex};
use leptos::prelude::*;

use crate::api::Data;
use crate::components::ListSkeleton;
use crate::pages::{load_view, mark_ready, set_head, NotFound};
use crate::paths;

#[component]
pub fn TagsPage() -> impl IntoView {
    load_view(
        data::tags_json(),
        || view! { <ListSkeleton count=2/> }.into_any(),
        |data| match data {
            Data::Tags(index) => view! { <TagsContent index=index/> }.into_any(),
            _ => view! { <NotFound/> }.into_any(),
        },
    )
}

#[component]
fn TagsContent(index: TagIndex) -> impl IntoView {
    mark_ready();
    let count = index.tags.len();
    set_head(
        "All tags",
        Some(format!("Browse all {count} topics we cover.")),
        false,
        None,
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
                                <a href=paths::tag_href(&t.slug, 1)>
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
