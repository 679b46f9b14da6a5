//! The not-found page: unknown routes, slugs, tags and page numbers.

use leptos::prelude::*;

use crate::paths;

#[component]
pub fn NotFound() -> impl IntoView {
    super::mark_ready();
    super::set_head("Page not found", None, true, None);
    view! {
        <section class="not-found" aria-labelledby="nf-heading">
            <h1 id="nf-heading" tabindex="-1">"Page not found"</h1>
            <p>"We could not find that page. The story may have moved, or the address may have a typo."</p>
            <ul class="not-found-links">
                <li>
                    <a href=paths::home_href()>"Go to the front page"</a>
                </li>
                <li>
                    <a href=paths::tags_href()>"Browse all tags"</a>
                </li>
            </ul>
        </section>
    }
}
