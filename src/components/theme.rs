//! Light/dark theme: follows the system setting until the reader picks one, which is then
//! remembered (localStorage) and applied before first paint by a tiny script in index.html.

use leptos::prelude::*;

const KEY: &str = "krasa-theme";

/// A colour theme. The one in effect when the app starts is a browser fact that `start()`
/// provides as context (prerendered pages are written with the default, light).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }

    /// The theme in effect in the browser: the stored choice, else the system's.
    pub fn in_browser() -> Theme {
        let stored = window()
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(KEY).ok().flatten());
        match stored.as_deref() {
            Some("dark") => Theme::Dark,
            Some("light") => Theme::Light,
            _ if system_prefers_dark() => Theme::Dark,
            _ => Theme::Light,
        }
    }

    /// Shows this theme on the document (`data-theme` on `<html>`).
    pub fn show(self) {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", self.name());
        }
    }

    /// Shows this theme and remembers it as the reader's choice.
    fn choose(self) {
        self.show();
        if let Ok(Some(s)) = window().local_storage() {
            let _ = s.set_item(KEY, self.name());
        }
    }
}

fn system_prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(use_context::<Theme>().unwrap_or_default());
    let toggle = move |_| {
        let next = theme.get_untracked().other();
        next.choose();
        theme.set(next);
    };
    let dark = move || theme.get() == Theme::Dark;
    view! {
        <button
            type="button"
            class="theme-toggle"
            aria-pressed=move || if dark() { "true" } else { "false" }
            on:click=toggle
        >
            <span aria-hidden="true">{move || if dark() { "☾" } else { "☀" }}</span>
            " Dark theme"
        </button>
    }
}
