//! The Krasa News data contract.
//!
//! `press` writes these types as JSON into the published data folder and the reader app reads
//! them back; both depend on this crate so the two sides cannot drift. Everything here is plain
//! data plus pure functions (slugs, pagination, reading time, dates, related ranking), tested
//! natively with `cargo test`.

pub mod date;
pub mod paging;
pub mod paths;
pub mod related;
pub mod slug;
pub mod types;

pub use date::{format_date, Date};
pub use paging::{page_items, total_pages, PageLink};
pub use related::rank_related;
pub use slug::{is_valid_slug, slugify};
pub use types::*;

/// Version of the published data format. Bump on any incompatible change to the JSON shape;
/// the app refuses data of another major version with a clear error instead of misreading it.
pub const DATA_VERSION: u32 = 1;

/// Words per minute used for "N minute read".
pub const WORDS_PER_MINUTE: usize = 220;

/// Reading time in whole minutes, rounded up, at least one minute.
pub fn reading_minutes(words: usize) -> u32 {
    let minutes = words.div_ceil(WORDS_PER_MINUTE);
    minutes.max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_time_rounds_up_and_is_at_least_one_minute() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(1), 1);
        assert_eq!(reading_minutes(220), 1);
        assert_eq!(reading_minutes(221), 2);
        assert_eq!(reading_minutes(1_100), 5);
    }
}
