//! The Krasa News data contract.
//!
//! `press` writes these types as JSON into the published data folder and the reader app reads
//! them back; both depend on this crate so the two sides cannot drift. Everything here is plain
//! data plus pure functions (slugs, pagination, reading time, dates, related ranking), tested
//! natively with `cargo test`.

pub mod date;
pub mod paging;
pub mod paths;
pub mod picture;
pub mod related;
pub mod route;
pub mod slug;
pub mod types;

pub use date::{format_date, Date};
pub use paging::{pager_links, Page, PageLink, Pagination};
pub use picture::{Fallback, Picture};
pub use related::rank_related;
pub use route::{page_number, Listing, Resolved, Route};
pub use slug::is_valid_slug;
pub use types::*;

/// Version of the published data format. Bump on any incompatible change to the JSON shape;
/// the app refuses data of another major version with a clear error instead of misreading it.
pub const DATA_VERSION: u32 = 4;

/// Words per minute used for "N minute read".
pub const WORDS_PER_MINUTE: usize = 220;

/// Escapes text for HTML or XML (element text and quoted attribute values): `&`, `<`, `>`,
/// both quotes, and the control characters XML 1.0 does not allow are dropped. Used by the
/// prerendered pages and by the feeds and sitemap.
pub fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Reading time in whole minutes, rounded up, at least one minute.
pub fn reading_minutes(words: usize) -> u32 {
    let minutes = words.div_ceil(WORDS_PER_MINUTE);
    minutes.max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escaping_is_safe_for_html_and_xml() {
        assert_eq!(
            escape_markup("a<b & \"c\" 'd'\u{1}\n"),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;\n"
        );
    }

    #[test]
    fn reading_time_rounds_up_and_is_at_least_one_minute() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(1), 1);
        assert_eq!(reading_minutes(220), 1);
        assert_eq!(reading_minutes(221), 2);
        assert_eq!(reading_minutes(1_100), 5);
    }
}
