//! Light/dark theme: follows the system setting until the reader picks one, which is then
//! remembered (localStorage) and applied before first paint by a tiny script in index.html.

use leptos::prelude::*;

#[cfg(target_arch = "wasm32")]
const KEY: &str = "krasa-theme";

#[cfg(target_arch = "wasm32")]
fn system_prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .map(|m| m.matches())
        .unwrap_or(false)
}

/// The theme in effect now: the stored choice, else the system's. (Prerendered pages start
/// with "light"; the app corrects it on start, and the inline script in index.html has
/// already applied the reader's choice before first paint.)
#[cfg(not(target_arch = "wasm32"))]
pub fn current_theme() -> &'static str {
    "light"
}

/// The theme in effect now: the stored choice, else the system's.
#[cfg(target_arch = "wasm32")]
pub fn current_theme() -> &'static str {
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(KEY).ok().flatten());
    match stored.as_deref() {
        Some("dark") => "dark",
        Some("light") => "light",
        _ if system_prefers_dark() => "dark",
        _ => "light",
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn apply(_theme: &str, _remember: bool) {}

#[cfg(target_arch = "wasm32")]
fn apply(theme: &str, remember: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", theme);
    }
    if remember {
        if let Ok(Some(s)) = window().local_storage() {
            let _ = s.set_item(KEY, theme);
        }
    }
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(current_theme());
    apply(theme.get_untracked(), false);
    let toggle = move |_| {
        let next = if theme.get_untracked() == "dark" {
            "light"
        } else {
            "dark"
        };
        apply(next, true);
        theme.set(next);
    };
    view! {
        <button
            type="button"
            class="theme-toggle"
            aria-pressed=move || if theme.get() == "dark" { "true" } else { "false" }
            on:click=toggle
        >
            <span aria-hidden="true">{move || if theme.get() == "dark" { "☾" } else { "☀" }}</span>
            " Dark theme"
        </button>
    }
}
