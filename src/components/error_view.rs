//! What a page shows when its data could not be loaded: what went wrong, in plain words, and
//! a Retry button that fetches again.

use leptos::prelude::*;

use crate::error::AppError;
use krasa_model::Route;

use crate::links;

#[component]
pub fn ErrorView(error: AppError, on_retry: Callback<()>) -> impl IntoView {
    view! {
        <section class="error-view" role="alert" aria-labelledby="error-heading">
            <h1 id="error-heading" tabindex="-1">"Something went wrong"</h1>
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
