//! Pagination of the lists (the feed, and each tag's stories): which stories each page holds
//! and which page links its pager shows.
//!
//! A list's latest page (`/`, `/tags/x/`) shows its newest stories. Its archive pages
//! (`/page/n/`, `/tags/x/page/n/`) are numbered from the oldest end: page 1 holds the oldest
//! `page_size` stories, page 2 the next ones, and the last page the newest few. Publishing a
//! story therefore changes the latest page and the last archive page and leaves every other
//! page as it was, so an archive page's address keeps its stories and a release rewrites only
//! what changed. Page numbers only grow: a `/page/n/` address that worked once keeps working.

use std::ops::Range;

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// One page of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Page {
    /// The newest stories, at the list's own address (`/`, `/tags/x/`).
    Latest,
    /// Archive page `n` (from 1, the oldest): `/page/n/`, `/tags/x/page/n/`.
    Archive(u32),
}

/// How far a pager looks past the page it is on; archive pages further than
/// [`NEWER_COUNTED`] from the newest do not depend on how many newer pages there are.
pub const PAGER_WINDOW: u32 = 2;
/// Newer archive pages are counted up to this many ([`Pagination::newer`]): enough for the pager
/// to show them or a gap, and no more, so older pages do not change as the list grows.
pub const NEWER_COUNTED: u32 = PAGER_WINDOW + 2;

/// The pages of a list of `items` stories (sorted newest first), `page_size` per page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    pub items: usize,
    pub page_size: usize,
}

impl Pagination {
    pub fn new(items: usize, page_size: usize) -> Pagination {
        Pagination {
            items,
            page_size: page_size.max(1),
        }
    }

    /// Archive pages: every story is on exactly one (none for an empty list).
    pub fn pages(&self) -> u32 {
        self.items.div_ceil(self.page_size) as u32
    }

    /// The latest page and every archive page, newest first.
    pub fn all(&self) -> impl Iterator<Item = Page> {
        std::iter::once(Page::Latest).chain((1..=self.pages()).rev().map(Page::Archive))
    }

    /// Whether the page exists.
    pub fn has(&self, page: Page) -> bool {
        match page {
            Page::Latest => true,
            Page::Archive(n) => (1..=self.pages()).contains(&n),
        }
    }

    /// The stories on `page`, as positions in the newest-first list (empty for a page that
    /// does not exist).
    pub fn range(&self, page: Page) -> Range<usize> {
        match page {
            Page::Latest => 0..self.page_size.min(self.items),
            Page::Archive(n) if self.has(page) => {
                let n = n as usize;
                let oldest_first = (n - 1) * self.page_size..(n * self.page_size).min(self.items);
                self.items - oldest_first.end..self.items - oldest_first.start
            }
            Page::Archive(_) => 0..0,
        }
    }

    /// Where the pager's "Older" link leads: from the latest page, the newest archive page
    /// holding a story the latest page does not show; from an archive page, the one before.
    pub fn older(&self, page: Page) -> Option<u32> {
        match page {
            Page::Latest if self.items > self.page_size => {
                Some(((self.items - self.page_size - 1) / self.page_size) as u32 + 1)
            }
            Page::Latest => None,
            Page::Archive(n) => (n > 1).then(|| n - 1),
        }
    }

    /// Archive pages newer than `page`, counted up to [`NEWER_COUNTED`].
    pub fn newer(&self, page: Page) -> u32 {
        match page {
            Page::Latest => 0,
            Page::Archive(n) => self.pages().saturating_sub(n).min(NEWER_COUNTED),
        }
    }
}

/// One slot of a pager, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageLink {
    /// A link to a page; `current` marks the page being shown.
    Page { page: Page, current: bool },
    /// A gap ("…") between pages that are not next to each other.
    Gap,
}

/// The links a pager shows on `page`, newest first: the latest page, up to
/// [`PAGER_WINDOW`] archive pages on each side of the current one, and the oldest (1), with a
/// gap where pages are skipped. A gap never stands for a single page. `older` and `newer`
/// are [`Pagination::older`] and [`Pagination::newer`] (as the page's data carries them).
pub fn pager_links(page: Page, older: Option<u32>, newer: u32) -> Vec<PageLink> {
    let link = |n: u32, current: bool| PageLink::Page {
        page: Page::Archive(n),
        current,
    };
    let mut out = vec![PageLink::Page {
        page: Page::Latest,
        current: page == Page::Latest,
    }];
    // the archive pages shown around the current one, newest first
    let (newest_shown, oldest_shown) = match (page, older) {
        (Page::Latest, None) => return out,
        (Page::Latest, Some(o)) => (o, o.saturating_sub(PAGER_WINDOW).max(1)),
        (Page::Archive(n), _) => {
            let above = if newer <= PAGER_WINDOW + 1 {
                newer
            } else {
                out.push(PageLink::Gap);
                PAGER_WINDOW
            };
            (n + above, n.saturating_sub(PAGER_WINDOW).max(1))
        }
    };
    for n in (oldest_shown..=newest_shown).rev() {
        out.push(link(n, page == Page::Archive(n)));
    }
    match oldest_shown {
        1 => {}
        2 | 3 => (1..oldest_shown)
            .rev()
            .for_each(|n| out.push(link(n, false))),
        _ => {
            out.push(PageLink::Gap);
            out.push(link(1, false));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Page::*;

    /// The pager as text: `L` for the latest page, numbers, `…`, brackets on the current one.
    fn render(items: &[PageLink]) -> String {
        items
            .iter()
            .map(|p| match p {
                PageLink::Page { page, current } => {
                    let label = match page {
                        Latest => "L".to_string(),
                        Archive(n) => n.to_string(),
                    };
                    if *current {
                        format!("[{label}]")
                    } else {
                        label
                    }
                }
                PageLink::Gap => "…".into(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn pager(a: Pagination, page: Page) -> String {
        render(&pager_links(page, a.older(page), a.newer(page)))
    }

    #[test]
    fn archive_pages_count_from_the_oldest_and_hold_every_story_once() {
        let a = Pagination::new(26, 10);
        assert_eq!(a.pages(), 3);
        assert_eq!(a.range(Latest), 0..10);
        assert_eq!(a.range(Archive(3)), 0..6, "the newest six");
        assert_eq!(a.range(Archive(2)), 6..16);
        assert_eq!(a.range(Archive(1)), 16..26, "the oldest ten");
        assert_eq!(a.range(Archive(4)), 0..0);
        assert_eq!(a.range(Archive(0)), 0..0);
        let mut seen: Vec<usize> = (1..=3).flat_map(|n| a.range(Archive(n))).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..26).collect::<Vec<_>>());
        assert_eq!(
            a.all().collect::<Vec<_>>(),
            [Latest, Archive(3), Archive(2), Archive(1)]
        );
        assert_eq!(Pagination::new(0, 10).pages(), 0);
        assert_eq!(Pagination::new(0, 10).range(Latest), 0..0);
        assert_eq!(Pagination::new(100_000, 10).pages(), 10_000);
    }

    #[test]
    fn publishing_a_story_leaves_older_archive_pages_as_they_were() {
        for before in [25, 30, 99, 100, 101] {
            let (old, new) = (Pagination::new(before, 10), Pagination::new(before + 1, 10));
            // a story's age (position from the oldest) is what places it
            let stories = |a: Pagination, p: Page| {
                let r = a.range(p);
                (a.items - r.end)..(a.items - r.start)
            };
            for n in 1..old.pages() {
                let p = Archive(n);
                assert_eq!(stories(old, p), stories(new, p), "{before}: page {n}");
                if old.pages() - n > NEWER_COUNTED {
                    assert_eq!(old.newer(p), new.newer(p), "{before}: page {n}'s pager");
                    assert_eq!(old.older(p), new.older(p));
                }
            }
        }
    }

    #[test]
    fn the_latest_page_leads_to_the_first_page_with_stories_it_does_not_show() {
        assert_eq!(Pagination::new(26, 10).older(Latest), Some(2));
        assert_eq!(Pagination::new(30, 10).older(Latest), Some(2));
        assert_eq!(Pagination::new(31, 10).older(Latest), Some(3));
        assert_eq!(Pagination::new(11, 10).older(Latest), Some(1));
        assert_eq!(Pagination::new(10, 10).older(Latest), None);
        assert_eq!(Pagination::new(26, 10).older(Archive(1)), None);
        assert_eq!(Pagination::new(26, 10).older(Archive(3)), Some(2));
    }

    #[test]
    fn pager_shows_latest_neighbours_the_oldest_and_gaps() {
        let small = Pagination::new(26, 10);
        assert_eq!(pager(small, Latest), "[L] 2 1");
        assert_eq!(pager(small, Archive(3)), "L [3] 2 1");
        assert_eq!(pager(small, Archive(1)), "L 3 2 [1]");
        assert_eq!(pager(Pagination::new(5, 10), Latest), "[L]");
        let big = Pagination::new(1000, 10); // pages 1..=100
        assert_eq!(pager(big, Latest), "[L] 99 98 97 … 1");
        assert_eq!(pager(big, Archive(100)), "L [100] 99 98 … 1");
        assert_eq!(pager(big, Archive(97)), "L 100 99 98 [97] 96 95 … 1");
        assert_eq!(pager(big, Archive(50)), "L … 52 51 [50] 49 48 … 1");
        assert_eq!(pager(big, Archive(4)), "L … 6 5 [4] 3 2 1");
        assert_eq!(pager(big, Archive(1)), "L … 3 2 [1]");
    }
}
