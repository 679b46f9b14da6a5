//! Loading placeholders with the size of the real content, so nothing jumps when it arrives.

use leptos::prelude::*;

#[component]
fn CardSkeleton() -> impl IntoView {
    view! {
        <div class="card skeleton-card" aria-hidden="true">
            <span class="sk sk-badge"></span>
            <span class="sk sk-title"></span>
            <span class="sk sk-line"></span>
            <span class="sk sk-line short"></span>
            <span class="sk sk-meta"></span>
        </div>
    }
}

/// A list of `count` card placeholders.
#[component]
pub fn ListSkeleton(#[prop(default = 5)] count: usize) -> impl IntoView {
    view! {
        <div class="loading" role="status">
            <span class="visually-hidden">"Loading stories…"</span>
            <span class="sk sk-h1" aria-hidden="true"></span>
            <div class="cards">{(0..count).map(|_| view! { <CardSkeleton/> }).collect_view()}</div>
        </div>
    }
}

#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    view! {
        <div class="loading article" role="status">
            <span class="visually-hidden">"Loading the story…"</span>
            <div aria-hidden="true">
                <span class="sk sk-back"></span>
                <span class="sk sk-badge"></span>
                <span class="sk sk-h1"></span>
                <span class="sk sk-meta"></span>
                {(0..8).map(|_| view! { <span class="sk sk-para"></span> }).collect_view()}
            </div>
        </div>
    }
}
