//! A story's table of contents, built by press from its headings (h2 and h3) and written at
//! the top of its body: a `<details>` that is open (collapsible on narrow screens, a sticky
//! rail beside the body on wide ones, by CSS). Its links carry the story's address, like every
//! in-page link, so they work without JavaScript and through the app's scroll and focus
//! handling; the app marks the section in view (`aria-current`) with one observer.

use krasa_model::{escape_markup as esc, Heading};

/// Stories this long or longer get their contents without asking (`toc = true` asks,
/// `toc = false` declines).
pub const MIN_WORDS: usize = 1_000;
/// ...when they have at least this many h2 and h3 headings.
pub const MIN_HEADINGS: usize = 5;

/// Whether a story shows its contents: as its front matter says, else by its length.
pub fn wanted(asked: Option<bool>, headings: &[Heading], words: usize) -> bool {
    let listed = headings.iter().filter(|h| h.level <= 3).count();
    asked.unwrap_or(words >= MIN_WORDS && listed >= MIN_HEADINGS) && listed > 0
}

/// The contents as HTML: h2s, each with its h3s nested. `page` is the story's address
/// relative to the site root (`articles/<slug>/`), as in-page links are written.
pub fn table(headings: &[Heading], page: &str) -> String {
    let mut html = String::from(
        "<nav class=\"toc\" aria-labelledby=\"toc-heading\" data-pagefind-ignore=\"\"><details open><summary id=\"toc-heading\">Contents</summary><ol>",
    );
    let mut in_sub = false;
    let mut first = true;
    for h in headings.iter().filter(|h| h.level <= 3) {
        let link = format!(
            "<a href=\"{}#{}\">{}</a>",
            esc(page),
            esc(&h.id),
            esc(&h.text)
        );
        if h.level == 3 && !first {
            if !in_sub {
                html.push_str("<ol>");
                in_sub = true;
            } else {
                html.push_str("</li>");
            }
            html.push_str(&format!("<li>{link}"));
            continue;
        }
        if in_sub {
            html.push_str("</li></ol>");
            in_sub = false;
        }
        if !first {
            html.push_str("</li>");
        }
        html.push_str(&format!("<li>{link}"));
        first = false;
    }
    if in_sub {
        html.push_str("</li></ol>");
    }
    if !first {
        html.push_str("</li>");
    }
    html.push_str("</ol></details></nav>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, id: &str) -> Heading {
        Heading {
            level,
            id: id.into(),
            text: format!("{id} <x>"),
        }
    }

    #[test]
    fn sections_nest_their_subsections() {
        let t = table(
            &[h(2, "a"), h(3, "a1"), h(3, "a2"), h(2, "b"), h(4, "deep")],
            "articles/s/",
        );
        assert_eq!(
            t,
            "<nav class=\"toc\" aria-labelledby=\"toc-heading\" data-pagefind-ignore=\"\"><details open><summary id=\"toc-heading\">Contents</summary><ol><li><a href=\"articles/s/#a\">a &lt;x&gt;</a><ol><li><a href=\"articles/s/#a1\">a1 &lt;x&gt;</a></li><li><a href=\"articles/s/#a2\">a2 &lt;x&gt;</a></li></ol></li><li><a href=\"articles/s/#b\">b &lt;x&gt;</a></li></ol></details></nav>\n"
        );
    }

    #[test]
    fn long_stories_get_contents_unless_they_decline() {
        let many: Vec<Heading> = (0..5).map(|i| h(2, &format!("s{i}"))).collect();
        assert!(wanted(None, &many, 1_200));
        assert!(!wanted(None, &many, 400));
        assert!(!wanted(None, &many[..2], 5_000));
        assert!(wanted(Some(true), &many[..1], 100));
        assert!(!wanted(Some(false), &many, 5_000));
        assert!(!wanted(Some(true), &[], 5_000), "nothing to list");
    }
}
