//! Where each published file lives inside the data folder. press writes to these paths and the
//! app fetches them (relative to the site base), so both sides agree by construction.

/// Name of the published data folder inside the site root.
pub const DATA_DIR: &str = "data";

pub fn site_json() -> String {
    "site.json".to_string()
}

pub fn feed_page_json(page: u32) -> String {
    format!("feed/{page}.json")
}

pub fn tags_json() -> String {
    "tags.json".to_string()
}

pub fn tag_page_json(tag_slug: &str, page: u32) -> String {
    format!("tags/{tag_slug}/{page}.json")
}

pub fn article_json(slug: &str) -> String {
    format!("articles/{slug}.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_paths_are_relative() {
        for p in [
            site_json(),
            feed_page_json(3),
            tags_json(),
            tag_page_json("ai-policy", 2),
            article_json("x"),
        ] {
            assert!(!p.starts_with('/'), "{p}");
            assert!(p.ends_with(".json"));
        }
        assert_eq!(tag_page_json("ai", 1), "tags/ai/1.json");
    }
}
