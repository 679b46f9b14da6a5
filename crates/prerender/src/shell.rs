//! Trunk's `index.html` as the shell of every prerendered page, read and rewritten with
//! lol_html (the HTML rewriter Trunk itself uses): [`Shell::from_trunk`] swaps Trunk's loader
//! for the boot script, [`Shell::page`] puts a rendered page into the shell.

use std::cell::RefCell;

use anyhow::{bail, Context, Result};
use krasa::api;
use krasa::prerender::{PageKind, RenderedPage};
use krasa_model::escape_markup as esc;
use lol_html::html_content::ContentType;
use lol_html::{doc_comments, element, rewrite_str, RewriteStrSettings};

/// The script that starts the app on a prerendered page (`crates/prerender/src/boot.js`). It is the same on
/// every page and in every build (the app's file names come from `<meta name="krasa-app">`),
/// so the Content-Security-Policy allows it by its SHA-256 (`deploy/nginx.conf`,
/// `public/_headers`; a test checks the hash), and being inline it costs no request before
/// the first paint. The prerendered page works without the app, so the script starts it at
/// the reader's first sign of intent (the pointer moves or presses, a touch, a key, focus, a
/// scroll), after `load`; a page that needs the app (`[data-needs-app]`: the search page)
/// starts it at `load`. The wasm compiles while it downloads; the app replaces the page only
/// when no pointer is pressed on it, and a press of a button before then is given to the
/// app's button (docs/performance.md, start-up).
pub const BOOT_SCRIPT: &str = include_str!("boot.js");

/// Trunk's `index.html` with its loader replaced: what every page shares.
#[derive(Debug)]
pub struct Shell {
    html: String,
}

/// The app's files, as Trunk's loader names them.
#[derive(Debug, Default, PartialEq, Eq)]
struct AppFiles {
    js: Option<String>,
    wasm: Option<String>,
    loader: bool,
}

impl Shell {
    /// Replaces Trunk's inline `<script type="module">` loader and its preload links (which
    /// would start the downloads before the first paint) with `<meta name="krasa-app">`
    /// naming the app's JS and wasm, and [`BOOT_SCRIPT`].
    pub fn from_trunk(index_html: &str) -> Result<Shell> {
        let files = RefCell::new(AppFiles::default());
        let removed = rewrite_str(
            index_html,
            RewriteStrSettings {
                element_content_handlers: vec![
                    element!("link[rel=modulepreload][href]", |el| {
                        // The app's JS, and wasm-bindgen snippets it imports itself.
                        let href = el.get_attribute("href");
                        if !href.as_deref().is_some_and(|h| h.contains("/snippets/")) {
                            files.borrow_mut().js = href;
                        }
                        el.remove();
                        Ok(())
                    }),
                    element!("link[rel=preload][as=fetch][href]", |el| {
                        files.borrow_mut().wasm = el.get_attribute("href");
                        el.remove();
                        Ok(())
                    }),
                    element!("script[type=module]", |el| {
                        files.borrow_mut().loader = true;
                        el.remove();
                        Ok(())
                    }),
                    // HTML allows `integrity` on stylesheet and preload links only.
                    element!("link[rel=icon][integrity]", |el| {
                        el.remove_attribute("integrity");
                        Ok(())
                    }),
                ],
                ..RewriteStrSettings::new()
            },
        )
        .context("reading Trunk's index.html")?;
        let files = files.into_inner();
        if index_html.contains(api::EMBEDDED_DATA_ID) {
            bail!("index.html is already a prerendered page; give Trunk's shell (--shell)");
        }
        let (Some(js), Some(wasm), true) = (files.js, files.wasm, files.loader) else {
            bail!(
                "index.html has no Trunk loader (a module script with modulepreload and wasm preload links): has Trunk's output changed?"
            );
        };
        let boot = format!(
            "<meta name=\"krasa-app\" content=\"{} {}\"><script>{BOOT_SCRIPT}</script>",
            esc(&js),
            esc(&wasm)
        );
        let html = rewrite_str(
            &removed,
            RewriteStrSettings {
                element_content_handlers: vec![element!("head", |el| {
                    el.append(&boot, ContentType::Html);
                    Ok(())
                })],
                ..RewriteStrSettings::new()
            },
        )
        .context("adding the boot script to index.html")?;
        Ok(Shell { html })
    }

    /// A shell without the app, for pages that only feed the search index (a debug build,
    /// whose Trunk shell has no release loader, still gets an index under `trunk serve`).
    pub fn for_search_index() -> Shell {
        Shell {
            html: "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body></body></html>"
                .into(),
        }
    }

    /// A complete page: the shell with this page's head (replacing the shell's title and
    /// description), language, content and data.
    pub fn page(&self, page: &RenderedPage) -> Result<String> {
        let marker = match page.kind {
            PageKind::NotFound => format!(" {}", api::NOT_FOUND_ATTR),
            PageKind::Route => String::new(),
        };
        let app = format!(
            "<div id=\"{}\">{}</div><script id=\"{}\" type=\"application/json\"{marker}>{}</script>",
            krasa::ROOT_ID,
            without_comments(&page.body)?,
            api::EMBEDDED_DATA_ID,
            page.data_json
        );
        let html = rewrite_str(
            &self.html,
            RewriteStrSettings {
                element_content_handlers: vec![
                    element!("html", |el| {
                        el.set_attribute("lang", &page.lang)?;
                        Ok(())
                    }),
                    element!("head > title, head > meta[name=description]", |el| {
                        el.remove();
                        Ok(())
                    }),
                    element!("head", |el| {
                        el.append(&page.head, ContentType::Html);
                        Ok(())
                    }),
                    element!("body", |el| {
                        el.prepend(&app, ContentType::Html);
                        Ok(())
                    }),
                ],
                ..RewriteStrSettings::new()
            },
        )
        .context("writing the page into the shell")?;
        Ok(html)
    }
}

/// Rendered HTML without its comments. Leptos's server rendering marks dynamic places with
/// `<!>` and `<!--…-->` for hydration; the app renders afresh over the page and never
/// hydrates, and `<!>` is a bogus comment to HTML parsers (the validator's error).
fn without_comments(html: &str) -> Result<String> {
    rewrite_str(
        html,
        RewriteStrSettings {
            document_content_handlers: vec![doc_comments!(|c| {
                c.remove();
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .context("removing the rendering's comments")
}

#[cfg(test)]
mod tests {
    use super::*;
    use krasa::prerender::examples::{archive_spec, article_page, context};
    use krasa::prerender::render;

    const TRUNK_INDEX: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Krasa News</title><meta name=\"description\" content=\"x\"><link rel=\"icon\" href=\"/news/f.svg\" integrity=\"sha384-x\"><script type=\"module\">\nimport init, * as bindings from '/news/krasa-1.js';\nconst wasm = await init({ module_or_path: '/news/krasa-1_bg.wasm' });\n</script><link rel=\"modulepreload\" href=\"/news/krasa-1.js\"><link rel=\"modulepreload\" href=\"/news/snippets/krasa-2/inline0.js\"><link rel=\"preload\" href=\"/news/krasa-1_bg.wasm\" as=\"fetch\" type=\"application/wasm\"></head><body>\n</body></html>";

    /// Whole prerendered pages as served (shell, head, body, embedded data): what readers
    /// without JavaScript, crawlers and link previews get. `cargo insta review` shows a change.
    #[test]
    fn prerendered_pages_match_their_snapshots() {
        let shell = Shell::from_trunk(TRUNK_INDEX).unwrap();
        let story = shell.page(&article_page("/news/")).unwrap();
        insta::assert_snapshot!("article_page", story);
        let archive = shell
            .page(&render(&context(""), &archive_spec()).unwrap())
            .unwrap();
        insta::assert_snapshot!("archive_page", archive);
    }

    #[test]
    fn the_shell_becomes_a_page_and_loses_trunks_loader() {
        let shell = Shell::from_trunk(TRUNK_INDEX).unwrap();
        assert!(!shell.html.contains("preload"), "{}", shell.html);
        assert!(!shell.html.contains("type=\"module\""), "{}", shell.html);
        assert!(shell.html.contains(&format!(
            "<meta name=\"krasa-app\" content=\"/news/krasa-1.js /news/krasa-1_bg.wasm\"><script>{BOOT_SCRIPT}</script></head>"
        )));
        assert!(BOOT_SCRIPT.contains("[data-needs-app]"));
        let page = shell
            .page(&RenderedPage {
                head: "<title>T</title>".into(),
                lang: "fr".into(),
                body: "<main>hi<!> <!--<() />-->there</main>".into(),
                data_json: "{\"a\":1}".into(),
                kind: PageKind::Route,
            })
            .unwrap();
        assert!(page.contains("<html lang=\"fr\">"), "{page}");
        assert_eq!(page.matches("<title>").count(), 1);
        assert!(!page.contains("content=\"x\""));
        assert!(
            page.contains("<link rel=\"icon\" href=\"/news/f.svg\">"),
            "no integrity on the icon: {page}"
        );
        assert!(page.contains("<body><div id=\"app\"><main>hi there</main></div><script id=\"krasa-data\" type=\"application/json\">{\"a\":1}</script>"), "{page}");
        assert!(
            Shell::from_trunk(&page).is_err(),
            "a prerendered page is not a shell"
        );
    }

    #[test]
    fn every_host_config_allows_the_boot_script_by_its_hash() {
        use base64::Engine as _;
        use sha2::Digest as _;
        let hash = base64::engine::general_purpose::STANDARD
            .encode(sha2::Sha256::digest(BOOT_SCRIPT.as_bytes()));
        for config in ["deploy/nginx.conf", "public/_headers"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../..")
                .join(config);
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                text.contains(&format!("'sha256-{hash}'")),
                "{config} does not allow the boot script: its CSP needs 'sha256-{hash}'"
            );
        }
    }

    #[test]
    fn a_shell_without_trunks_loader_is_refused() {
        let err = Shell::from_trunk("<html><head></head><body></body></html>").unwrap_err();
        assert!(err.to_string().contains("no Trunk loader"), "{err}");
    }
}
