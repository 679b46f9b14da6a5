//! Slugs from names: tag names, titles and headings become URL segments and ids. Accented
//! letters and other scripts are transliterated to ASCII by deunicode (`Kovač` → `kovac`,
//! `Straße` → `strasse`, `日本` → `ri-ben`); then every run of characters that are not ASCII
//! letters or digits separates two words. The result is a valid slug
//! ([`krasa_model::is_valid_slug`]) or empty, when the name has no letters or digits at all;
//! callers must reject that.

/// `AI Policy` → `ai-policy`.
pub fn slugify(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut out = String::with_capacity(ascii.len());
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use krasa_model::is_valid_slug;

    #[test]
    fn tag_names_become_url_slugs() {
        assert_eq!(slugify("AI Policy"), "ai-policy");
        assert_eq!(slugify("US-China"), "us-china");
        assert_eq!(slugify("  AI   Safety!! "), "ai-safety");
        assert_eq!(slugify("Mira Kovač"), "mira-kovac");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("Œuvre Æsir"), "oeuvre-aesir");
        assert_eq!(slugify("C++ & Rust"), "c-rust");
        assert_eq!(slugify("2026 Outlook"), "2026-outlook");
        assert_eq!(slugify("日本"), "ri-ben");
        assert_eq!(slugify("!!! ---"), "");
    }

    #[test]
    fn different_spellings_collide_on_purpose() {
        assert_eq!(slugify("AI policy"), slugify("ai-policy"));
        assert_eq!(slugify("AI  Policy"), slugify("AI Policy"));
        assert_eq!(slugify("Café"), slugify("cafe"));
    }

    #[test]
    fn slugify_output_is_always_valid_or_empty() {
        for name in [
            "Hello, World",
            "--x--",
            "Ünïcödé tëxt",
            "a - b",
            "ß",
            "😀 news",
            "Ⅻ",
        ] {
            let s = slugify(name);
            assert!(s.is_empty() || is_valid_slug(&s), "{name} -> {s}");
        }
    }
}
