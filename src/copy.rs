//! The copy buttons of code blocks. press writes a button into every block (hidden until the
//! app runs, so a reader without JavaScript never meets a button that does nothing); one
//! delegated click listener copies the block: its code, or for a shell session (a `console`
//! block) its commands without prompts or output, and announces "Copied".

/// Whether a line of a block is copied, by its classes (as press writes them): a diff's
/// removed lines never, and a session's output lines not when only its commands are copied.
pub fn copies_line(classes: &str, commands_only: bool) -> bool {
    let has = |class: &str| classes.split_whitespace().any(|c| c == class);
    !has("del") && (!commands_only || has("cmd"))
}

/// Whether a part of a line is copied: a session's prompt and a diff's mark are not code.
pub fn copies_part(classes: &str) -> bool {
    !classes
        .split_whitespace()
        .any(|c| c == "prompt" || c == "diff-mark")
}

pub use browser::install;

/// The browser's side: the listener and the clipboard.
mod browser {
    use super::{copies_line, copies_part};
    use crate::nav::NavState;
    use leptos::prelude::*;
    use std::time::Duration;
    use wasm_bindgen::JsCast;
    use web_sys::Element;

    /// How long a button says "Copied" (and the live region too).
    const SHOWN: Duration = Duration::from_secs(2);

    /// Listens for clicks on copy buttons for the page's lifetime.
    pub fn install(nav: NavState) {
        let handle = window_event_listener(leptos::ev::click, move |ev| {
            let Some(button) = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("button.copy").ok().flatten())
            else {
                return;
            };
            let Some(block) = button.closest("figure.code").ok().flatten() else {
                return;
            };
            let commands = button.class_list().contains("copy-commands");
            copy(block_text(&block, commands), button, nav);
        });
        on_cleanup(move || handle.remove());
    }

    /// The text of a block's lines that are copied, one per line.
    fn block_text(block: &Element, commands_only: bool) -> String {
        let Ok(lines) = block.query_selector_all(".line") else {
            return String::new();
        };
        let mut text = String::new();
        for line in (0..lines.length()).filter_map(|i| lines.item(i)) {
            let Ok(line) = line.dyn_into::<Element>() else {
                continue;
            };
            if !copies_line(&line.class_name(), commands_only) {
                continue;
            }
            let parts = line.child_nodes();
            for part in (0..parts.length()).filter_map(|i| parts.item(i)) {
                let skipped = part
                    .dyn_ref::<Element>()
                    .is_some_and(|e| !copies_part(&e.class_name()));
                if !skipped {
                    text.push_str(&part.text_content().unwrap_or_default());
                }
            }
            text.push('\n');
        }
        text
    }

    /// Writes `text` to the clipboard, then says so on the button and in the live region.
    fn copy(text: String, button: Element, nav: NavState) {
        let written = window().navigator().clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            let copied = wasm_bindgen_futures::JsFuture::from(written).await.is_ok();
            let (label, said) = if copied {
                ("Copied", "Copied")
            } else {
                (
                    "Copy failed",
                    "Copy failed: select the code and copy it by hand",
                )
            };
            button.set_text_content(Some(label));
            nav.announcement.set(said.to_string());
            set_timeout(
                move || {
                    button.set_text_content(Some("Copy"));
                    if nav.announcement.get_untracked() == said {
                        nav.announcement.set(String::new());
                    }
                },
                SHOWN,
            );
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_copies_its_commands_and_a_diff_its_result() {
        assert!(copies_line("line", false));
        assert!(copies_line("line hl", false));
        assert!(copies_line("line ins", false));
        assert!(!copies_line("line del", false));
        assert!(copies_line("line cmd", true));
        assert!(!copies_line("line out", true));
        assert!(!copies_part("prompt"));
        assert!(!copies_part("diff-mark"));
        assert!(copies_part("hl-k"));
        assert!(copies_part(""));
    }
}
