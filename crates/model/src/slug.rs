//! Slug rules: what a URL segment may contain and how tag names become one.

/// A slug is non-empty, made of `a-z`, `0-9` and single inner hyphens.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Turns a display name into a slug: lowercase ASCII letters and digits, everything else
/// collapsed into single hyphens. Common Latin letters with diacritics are folded
/// (`Kovač` → `kovac`); other characters separate words. May return an empty string
/// when the name has no letters or digits at all; callers must reject that.
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_hyphen = false;
    for c in name.chars() {
        let folded = fold(c);
        match folded {
            Some(s) => {
                if pending_hyphen && !out.is_empty() {
                    out.push('-');
                }
                pending_hyphen = false;
                out.push_str(s);
            }
            None if c.is_ascii_alphanumeric() => {
                if pending_hyphen && !out.is_empty() {
                    out.push('-');
                }
                pending_hyphen = false;
                out.push(c.to_ascii_lowercase());
            }
            None => pending_hyphen = true,
        }
    }
    out
}

fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā' => {
            "a"
        }
        'č' | 'ć' | 'ç' | 'Č' | 'Ć' | 'Ç' => "c",
        'ď' | 'Ď' => "d",
        'é' | 'è' | 'ê' | 'ë' | 'ě' | 'ē' | 'É' | 'È' | 'Ê' | 'Ë' | 'Ě' | 'Ē' => "e",
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' => "i",
        'ñ' | 'ň' | 'Ñ' | 'Ň' => "n",
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' | 'Ō' => {
            "o"
        }
        'ř' | 'Ř' => "r",
        'š' | 'ś' | 'Š' | 'Ś' => "s",
        'ß' => "ss",
        'ť' | 'Ť' => "t",
        'ú' | 'ù' | 'û' | 'ü' | 'ů' | 'ū' | 'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ů' | 'Ū' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ž' | 'ź' | 'ż' | 'Ž' | 'Ź' | 'Ż' => "z",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_names_become_url_slugs() {
        assert_eq!(slugify("AI Policy"), "ai-policy");
        assert_eq!(slugify("US-China"), "us-china");
        assert_eq!(slugify("  AI   Safety!! "), "ai-safety");
        assert_eq!(slugify("Mira Kovač"), "mira-kovac");
        assert_eq!(slugify("C++ & Rust"), "c-rust");
        assert_eq!(slugify("2026 Outlook"), "2026-outlook");
        assert_eq!(slugify("日本"), "");
    }

    #[test]
    fn different_spellings_collide_on_purpose() {
        assert_eq!(slugify("AI policy"), slugify("ai-policy"));
        assert_eq!(slugify("AI  Policy"), slugify("AI Policy"));
    }

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

    #[test]
    fn slugify_output_is_always_valid_or_empty() {
        for name in ["Hello, World", "--x--", "Ünïcödé tëxt", "a - b", "ß"] {
            let s = slugify(name);
            assert!(s.is_empty() || is_valid_slug(&s), "{name} -> {s}");
        }
    }
}
