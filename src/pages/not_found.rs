//! The not-found page: unknown routes, slugs, tags and page numbers.

use krasa_model::Route;
use leptos::prelude::*;

use crate::head::{set_head, PageHead, Robots};
use crate::links;
use crate::pages::mark_ready;

#[component]
pub fn NotFound() -> impl IntoView {
    mark_ready();
    set_head(
        "Page not found",
        PageHead {
            robots: Robots::NoIndex,
            ..PageHead::default()
        },
    );
    view! {
        <section class="not-found" aria-labelledby="nf-heading">
            <h1 id="nf-heading" tabindex="-1">"Page not found"</h1>
            <p>"We could not find that page. The story may have moved, or the address may have a typo."</p>
            <ul class="not-found-links">
                <li>
                    <a href=links::href(&Route::HOME)>"Go to the front page"</a>
                </li>
                <li>
                    <a href=links::href(&Route::Tags)>"Browse all tags"</a>
                </li>
            </ul>
        </section>
    }
}
