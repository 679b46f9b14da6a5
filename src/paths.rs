//! Every in-app URL is built here. Hrefs carry the deploy base path (e.g. `/news` for a site
//! built with `--public-url /news/`), which the app sets once at start ([`set_base`]); the
//! router matches routes below that base.

use std::cell::RefCell;

thread_local! {
    static BASE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Sets the deploy base path ("" at the root, "/news" under a sub-path).
pub fn set_base(base: &str) {
    let b = base.trim_end_matches('/');
    let b = if b.is_empty() || b.starts_with('/') {
        b.to_string()
    } else {
        format!("/{b}")
    };
    BASE.with(|x| *x.borrow_mut() = b);
}

/// The deploy base path, without a trailing slash.
pub fn base() -> String {
    BASE.with(|x| x.borrow().clone())
}

fn href(path: &str) -> String {
    BASE.with(|b| format!("{}{path}", b.borrow()))
}

pub fn home_href() -> String {
    href("/")
}

/// Feed page `n`; page 1 is the home page.
pub fn feed_href(n: u32) -> String {
    if n <= 1 {
        home_href()
    } else {
        href(&format!("/page/{n}"))
    }
}

pub fn article_href(slug: &str) -> String {
    href(&format!("/articles/{slug}"))
}

pub fn tags_href() -> String {
    href("/tags")
}

/// Tag page `n`; page 1 has no `/page/1` suffix.
pub fn tag_href(slug: &str, n: u32) -> String {
    if n <= 1 {
        href(&format!("/tags/{slug}"))
    } else {
        href(&format!("/tags/{slug}/page/{n}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_pages_have_canonical_short_urls() {
        set_base("");
        assert_eq!(feed_href(1), "/");
        assert_eq!(feed_href(0), "/");
        assert_eq!(feed_href(3), "/page/3");
        assert_eq!(tag_href("ai-policy", 1), "/tags/ai-policy");
        assert_eq!(tag_href("ai-policy", 2), "/tags/ai-policy/page/2");
        assert_eq!(article_href("x"), "/articles/x");
        assert_eq!(tags_href(), "/tags");
    }

    #[test]
    fn hrefs_carry_the_deploy_base() {
        set_base("/news/");
        assert_eq!(base(), "/news");
        assert_eq!(home_href(), "/news/");
        assert_eq!(article_href("x"), "/news/articles/x");
        assert_eq!(tag_href("ai", 2), "/news/tags/ai/page/2");
        set_base("news");
        assert_eq!(tags_href(), "/news/tags");
        set_base("");
        assert_eq!(home_href(), "/");
    }
}
