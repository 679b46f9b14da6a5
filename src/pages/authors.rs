//! `/authors/`: everyone who writes for the site, with their roles and story counts.

use krasa_model::{paths, AuthorIndex, Route};
use leptos::prelude::*;

use crate::components::ListSkeleton;
use crate::head::{set_head, PageHead};
use crate::links;
use crate::pages::list::stories;
use crate::pages::{load, mark_ready};

#[component]
pub fn AuthorsPage() -> impl IntoView {
    load(
        paths::authors_json(),
        || view! { <ListSkeleton count=2/> }.into_any(),
        |index| view! { <AuthorsContent index=index/> }.into_any(),
    )
}

#[component]
fn AuthorsContent(index: AuthorIndex) -> impl IntoView {
    mark_ready();
    set_head(
        "Authors",
        PageHead {
            description: Some(format!(
                "The {} people and desks who write our stories.",
                index.authors.len()
            )),
            ..PageHead::default()
        },
    );
    view! {
        <section class="authors-index" aria-labelledby="page-heading">
            <h1 id="page-heading" class="page-heading" tabindex="-1">"Authors"</h1>
            <ul class="author-list">
                {index
                    .authors
                    .into_iter()
                    .map(|info| {
                        let a = info.author;
                        let role = a.role.map(|r| view! { <span class="role">{r}</span> });
                        view! {
                            <li>
                                <h2 class="author-name">
                                    <a href=links::href(&Route::author(&a.slug))>{a.name}</a>
                                </h2>
                                <p class="author-meta">{role} <span class="tag-count">{stories(info.count)}</span></p>
                                <p class="bio">{a.bio}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
