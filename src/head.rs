//! The document head a page asks for: title, description, robots and feed links.
//!
//! A page calls [`set`] when its content renders. In the browser that updates `document.title`
//! and replaces the head elements marked `data-head`; from the first client-side navigation
//! on it also removes the prerendered page's social tags and structured data (marked
//! `data-first-page`), which describe only the page first loaded. When prerendering, the
//! prerenderer takes the last head set ([`take`]) and writes the same markup into the page. The
//! markup comes from one function, [`Head::tags`], so both agree.

use krasa_model::escape_markup as esc;

/// The attribute that marks the head elements the app replaces on navigation.
pub const MARK: &str = "data-head";

/// The attribute that marks the prerendered page's social tags and structured data: they
/// describe the page first loaded, so the app removes them on its first navigation.
pub const FIRST_PAGE_MARK: &str = "data-first-page";

/// What a page puts in the document head.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    /// The full document title ("Story — Site").
    pub title: String,
    pub description: Option<String>,
    /// Ask search engines not to index the page (the not-found page).
    pub noindex: bool,
    /// The site's name, for the feed links' titles.
    pub site: String,
    /// The tag (slug, name) whose feeds the page also advertises.
    pub tag: Option<(String, String)>,
    /// The page's canonical URL (none for the not-found and error pages).
    pub canonical: Option<String>,
}

impl Head {
    /// The managed head elements: canonical link, description, robots, and
    /// `<link rel="alternate">` for the site's feeds (and the tag's). The feed hrefs are
    /// relative to the base, so they work under a sub-path.
    pub fn tags(&self) -> String {
        let mut out = String::new();
        if let Some(c) = &self.canonical {
            out += &format!("<link rel=\"canonical\" href=\"{}\" {MARK}>", esc(c));
        }
        if let Some(d) = &self.description {
            out += &format!("<meta name=\"description\" content=\"{}\" {MARK}>", esc(d));
        }
        if self.noindex {
            out += &format!("<meta name=\"robots\" content=\"noindex\" {MARK}>");
        }
        let mut feeds = |dir: &str, label: &str| {
            for (file, kind, name) in [
                ("feed.xml", "rss+xml", "RSS"),
                ("atom.xml", "atom+xml", "Atom"),
                ("feed.json", "feed+json", "JSON Feed"),
            ] {
                out += &format!(
                    "<link rel=\"alternate\" type=\"application/{kind}\" title=\"{} ({name})\" href=\"{dir}{file}\" {MARK}>",
                    esc(label)
                );
            }
        };
        feeds("", &self.site);
        if let Some((slug, name)) = &self.tag {
            feeds(
                &format!("tags/{}/", esc(slug)),
                &format!("{name} — {}", self.site),
            );
        }
        out
    }
}

/// Sets the document head for the page being shown.
pub fn set(head: Head) {
    #[cfg(target_arch = "wasm32")]
    {
        let doc = leptos::prelude::document();
        doc.set_title(&head.title);
        if let Some(h) = doc.head() {
            let stale = if crate::nav::navigations() > 0 {
                format!("[{MARK}],[{FIRST_PAGE_MARK}]")
            } else {
                format!("[{MARK}]")
            };
            if let Ok(old) = h.query_selector_all(&stale) {
                for i in 0..old.length() {
                    if let Some(n) = old.item(i) {
                        if let Some(p) = n.parent_node() {
                            let _ = p.remove_child(&n);
                        }
                    }
                }
            }
            let _ = h.insert_adjacent_html("beforeend", &head.tags());
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    LAST.with(|l| *l.borrow_mut() = Some(head));
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static LAST: std::cell::RefCell<Option<Head>> = const { std::cell::RefCell::new(None) };
}

/// The head the last rendered page set (when rendering natively), clearing it.
#[cfg(not(target_arch = "wasm32"))]
pub fn take() -> Option<Head> {
    LAST.with(|l| l.borrow_mut().take())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_escaped_and_marked() {
        let h = Head {
            title: "T".into(),
            description: Some("Say \"hi\" <now>".into()),
            noindex: true,
            site: "Krasa & Co".into(),
            tag: Some(("ai".into(), "AI <Policy>".into())),
            canonical: Some("https://x.example/tags/ai?a=1&b=2".into()),
        };
        let t = h.tags();
        assert!(
            t.contains(
                "<meta name=\"description\" content=\"Say &quot;hi&quot; &lt;now&gt;\" data-head>"
            ),
            "{t}"
        );
        assert!(t.contains("<meta name=\"robots\" content=\"noindex\" data-head>"));
        assert!(
            t.contains("title=\"Krasa &amp; Co (RSS)\" href=\"feed.xml\""),
            "{t}"
        );
        assert!(
            t.contains(
                "title=\"AI &lt;Policy&gt; — Krasa &amp; Co (Atom)\" href=\"tags/ai/atom.xml\""
            ),
            "{t}"
        );
        assert!(
            t.contains(
                "<link rel=\"canonical\" href=\"https://x.example/tags/ai?a=1&amp;b=2\" data-head>"
            ),
            "{t}"
        );
        assert_eq!(t.matches(MARK).count(), 9);
    }

    #[test]
    fn a_plain_page_has_no_robots_and_only_the_site_feeds() {
        let t = Head {
            site: "S".into(),
            ..Head::default()
        }
        .tags();
        assert!(!t.contains("robots"));
        assert!(!t.contains("description"));
        assert_eq!(t.matches("rel=\"alternate\"").count(), 3);
    }
}
