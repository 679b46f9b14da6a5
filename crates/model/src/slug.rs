//! Slug rules: what a URL segment may contain. (press makes slugs from names: `press::slug`.)

/// A slug is non-empty, made of `a-z`, `0-9` and single inner hyphens.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_slugs_are_lowercase_ascii_with_inner_hyphens() {
        for ok in ["a", "ai-policy", "2026-05-summit", "x1"] {
            assert!(is_valid_slug(ok), "{ok}");
        }
        for bad in [
            "", "-a", "a-", "a--b", "AI", "a_b", "a b", "čaj", "a/b", "..",
        ] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }
}
