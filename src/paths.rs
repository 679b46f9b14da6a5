//! Every in-app URL is built here (router paths; the router adds the deploy base).

pub fn home_href() -> String {
    "/".to_string()
}

/// Feed page `n`; page 1 is the home page.
pub fn feed_href(n: u32) -> String {
    if n <= 1 {
        home_href()
    } else {
        format!("/page/{n}")
    }
}

pub fn article_href(slug: &str) -> String {
    format!("/articles/{slug}")
}

pub fn tags_href() -> String {
    "/tags".to_string()
}

/// Tag page `n`; page 1 has no `/page/1` suffix.
pub fn tag_href(slug: &str, n: u32) -> String {
    if n <= 1 {
        format!("/tags/{slug}")
    } else {
        format!("/tags/{slug}/page/{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_pages_have_canonical_short_urls() {
        assert_eq!(feed_href(1), "/");
        assert_eq!(feed_href(0), "/");
        assert_eq!(feed_href(3), "/page/3");
        assert_eq!(tag_href("ai-policy", 1), "/tags/ai-policy");
        assert_eq!(tag_href("ai-policy", 2), "/tags/ai-policy/page/2");
        assert_eq!(article_href("x"), "/articles/x");
        assert_eq!(tags_href(), "/tags");
    }
}
