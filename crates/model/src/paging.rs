//! Pagination: how many pages a list has and which page links a pager shows.

/// Pages needed for `items` at `page_size` per page; an empty list still has one (empty) page.
pub fn total_pages(items: usize, page_size: usize) -> usize {
    if page_size == 0 {
        return 1;
    }
    items.div_ceil(page_size).max(1)
}

/// One slot of a pager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageLink {
    /// A link to this page number (1-based); `current` marks the page being shown.
    Page { number: u32, current: bool },
    /// A gap ("…") between non-adjacent page numbers.
    Gap,
}

/// The page numbers a pager shows: always the first and last page, the current page and
/// `window` pages on each side of it, with a gap where numbers are skipped. A gap never
/// stands for a single page (that page is shown instead).
pub fn page_items(current: u32, total: u32, window: u32) -> Vec<PageLink> {
    let total = total.max(1);
    let current = current.clamp(1, total);
    let lo = current.saturating_sub(window).max(1);
    let hi = (current + window).min(total);
    // 1 ≤ lo ≤ hi ≤ total, so this runs in order; repeats are skipped. (No sort: the app's
    // wasm would carry a sort routine for it.)
    let shown = std::iter::once(1)
        .chain(lo..=hi)
        .chain(std::iter::once(total));
    let mut out = Vec::with_capacity((hi - lo) as usize + 5);
    let mut prev = 0;
    for n in shown {
        if n <= prev {
            continue;
        }
        if prev != 0 && n > prev + 1 {
            if n == prev + 2 {
                out.push(PageLink::Page {
                    number: prev + 1,
                    current: false,
                });
            } else {
                out.push(PageLink::Gap);
            }
        }
        out.push(PageLink::Page {
            number: n,
            current: n == current,
        });
        prev = n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use PageLink::*;

    fn render(items: &[PageLink]) -> String {
        items
            .iter()
            .map(|p| match p {
                Page {
                    number,
                    current: true,
                } => format!("[{number}]"),
                Page { number, .. } => number.to_string(),
                Gap => "…".into(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn counts_pages() {
        assert_eq!(total_pages(0, 10), 1);
        assert_eq!(total_pages(1, 10), 1);
        assert_eq!(total_pages(10, 10), 1);
        assert_eq!(total_pages(11, 10), 2);
        assert_eq!(total_pages(100_000, 10), 10_000);
        assert_eq!(total_pages(5, 0), 1);
    }

    #[test]
    fn pager_shows_ends_neighbours_and_gaps() {
        assert_eq!(render(&page_items(1, 1, 2)), "[1]");
        assert_eq!(render(&page_items(1, 3, 2)), "[1] 2 3");
        assert_eq!(render(&page_items(1, 10, 2)), "[1] 2 3 … 10");
        assert_eq!(render(&page_items(6, 12, 2)), "1 … 4 5 [6] 7 8 … 12");
        assert_eq!(render(&page_items(5, 10, 2)), "1 2 3 4 [5] 6 7 … 10");
        assert_eq!(render(&page_items(10, 10, 2)), "1 … 8 9 [10]");
        // a gap of exactly one page shows that page instead
        assert_eq!(render(&page_items(4, 10, 1)), "1 2 3 [4] 5 … 10");
    }

    #[test]
    fn out_of_range_current_is_clamped() {
        assert_eq!(render(&page_items(0, 3, 1)), "[1] 2 3");
        assert_eq!(render(&page_items(9, 3, 1)), "1 2 [3]");
    }
}
