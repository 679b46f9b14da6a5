//! What a page shows when its data could not be loaded: what went wrong, in plain words, and
//! a Retry button that fetches again.

use leptos::prelude::*;

use crate::error::AppError;
use krasa_model::Route;

use crate::links;

/// `level` is the heading level: 1 when the error is the page, 2 inside a page that keeps
/// its own h1 (search).
#[component]
pub fn ErrorView(
    error: AppError,
    on_retry: Callback<()>,
    #[prop(default = 1)] level: u8,
) -> impl IntoView {
    let heading = if level >= 2 {
        view! { <h2 id="error-heading" tabindex="-1">"Something went wrong"</h2> }.into_any()
    } else {
        view! { <h1 id="error-heading" tabindex="-1">"Something went wrong"</h1> }.into_any()
    };
    view! {
        <section class="error-view" role="alert" aria-labelledby="error-heading">
            {heading}
            <p class="error-message">{error.to_string()}</p>
            <p class="error-actions">
                <button type="button" class="button" on:click=move |_| on_retry.run(())>
                    "Retry"
                </button>
                <a href=links::href(&Route::HOME)>"Go to the front page"</a>
            </p>
        </section>
    }
}
