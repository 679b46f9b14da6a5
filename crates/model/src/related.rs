//! Related articles: the stories sharing the most tags with an article, earlier coverage
//! first. Among stories sharing as many tags, those published before the article come first,
//! the closest in time first, then those published after it, again the closest first; stories
//! sharing no tag fill the remaining places in the same order. A new story therefore joins
//! the related lists of the stories around it and of those it shares more tags with than
//! their earlier coverage does, not of the whole archive: publishing one story rewrites a few
//! pages, not hundreds.

use std::collections::HashMap;

/// What ranking needs to know of an article.
pub trait Rankable {
    /// Tag slugs, without duplicates.
    fn tag_slugs(&self) -> &[String];
}

/// Indices of up to `limit` articles related to `articles[target]`, as the module describes.
/// `articles` are newest first (by date, then slug), so a place in the list stands for a
/// time; `by_tag` maps a tag slug to the indices of the articles carrying it in ascending
/// order (see [`tag_index`]).
///
/// The stories sharing `n` tags are looked for from the most shared down, each count on each
/// side of the target walking outward from it and stopping at the `limit`-th story found, and
/// the whole search stopping once `limit` stories are found. A story sharing `n` of the
/// target's `k` tags is in at least one of its `k - n + 1` shortest tag lists: only those are
/// walked, and the longer ones are only looked up. So the cost is a walk near the target
/// through the shorter lists, not through every story sharing a popular tag.
pub fn rank_related<T: Rankable>(
    articles: &[T],
    target: usize,
    by_tag: &HashMap<&str, Vec<usize>>,
    limit: usize,
) -> Vec<usize> {
    let mut lists: Vec<&[usize]> = articles[target]
        .tag_slugs()
        .iter()
        .filter_map(|t| by_tag.get(t.as_str()).map(Vec::as_slice))
        .collect();
    lists.sort_by_key(|l| l.len());
    let mut out: Vec<usize> = Vec::with_capacity(limit);
    for shared in (1..=lists.len()).rev() {
        let (walked, looked_up) = lists.split_at(lists.len() - shared + 1);
        for side in [Side::Earlier, Side::Later] {
            if out.len() >= limit {
                return out;
            }
            let nearest = Outward::new(walked, target, side)
                .filter(|&(i, in_walked)| {
                    let in_looked_up = looked_up.iter().filter(|l| l.binary_search(&i).is_ok());
                    in_walked + in_looked_up.count() == shared
                })
                .map(|(i, _)| i)
                .take(limit - out.len());
            out.extend(nearest);
        }
    }
    let fill_earlier = target + 1..articles.len();
    let fill_later = (0..target).rev();
    for i in fill_earlier.chain(fill_later) {
        if out.len() >= limit {
            break;
        }
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Which stories of the list, seen from the target: those published before it (after it in
/// the list) or after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Earlier,
    Later,
}

/// The stories of several ascending lists on one side of the target, nearest first, each
/// once, with the number of lists it is in.
struct Outward<'a> {
    /// Each list's part on the side, in its ascending order.
    parts: Vec<&'a [usize]>,
    /// How many of each part's stories were taken, from the target's end.
    taken: Vec<usize>,
    side: Side,
}

impl<'a> Outward<'a> {
    fn new(lists: &[&'a [usize]], target: usize, side: Side) -> Outward<'a> {
        let parts: Vec<&[usize]> = lists
            .iter()
            .map(|l| match side {
                Side::Earlier => &l[l.partition_point(|&i| i <= target)..],
                Side::Later => &l[..l.partition_point(|&i| i < target)],
            })
            .collect();
        let taken = vec![0; parts.len()];
        Outward { parts, taken, side }
    }

    /// The next story of part `p` (the nearest not taken yet).
    fn head(&self, p: usize) -> Option<usize> {
        let (part, taken) = (self.parts[p], self.taken[p]);
        match self.side {
            Side::Earlier => part.get(taken).copied(),
            Side::Later => part.len().checked_sub(taken + 1).map(|at| part[at]),
        }
    }
}

impl Iterator for Outward<'_> {
    /// A story and the number of lists it is in.
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let heads = (0..self.parts.len()).filter_map(|p| self.head(p));
        let nearest = match self.side {
            Side::Earlier => heads.min()?,
            Side::Later => heads.max()?,
        };
        let mut lists = 0;
        for p in 0..self.parts.len() {
            if self.head(p) == Some(nearest) {
                self.taken[p] += 1;
                lists += 1;
            }
        }
        Some((nearest, lists))
    }
}

/// Builds the tag → article indices map used by [`rank_related`].
pub fn tag_index<T: Rankable>(articles: &[T]) -> HashMap<&str, Vec<usize>> {
    let mut map: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        for t in a.tag_slugs() {
            map.entry(t.as_str()).or_default().push(i);
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    struct A {
        slug: String,
        date: String,
        tags: Vec<String>,
    }
    impl Rankable for A {
        fn tag_slugs(&self) -> &[String] {
            &self.tags
        }
    }
    fn a(slug: &str, date: &str, tags: &[&str]) -> A {
        A {
            slug: slug.into(),
            date: date.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        }
    }

    fn related(list: &[A], target: usize, limit: usize) -> Vec<&str> {
        assert!(
            list.windows(2).all(|w| w[0].date >= w[1].date),
            "newest first"
        );
        let idx = tag_index(list);
        rank_related(list, target, &idx, limit)
            .into_iter()
            .map(|i| list[i].slug.as_str())
            .collect()
    }

    #[test]
    fn more_shared_tags_rank_first_then_earlier_coverage_then_later() {
        let list = vec![
            a("none", "2026-06-01", &["cooking"]),
            a("one-new", "2026-05-20", &["china"]),
            a("target", "2026-05-01", &["ai", "policy", "china"]),
            a("two", "2026-04-01", &["ai", "policy"]),
            a("one-old", "2026-03-01", &["ai"]),
            a("three", "2026-01-01", &["ai", "policy", "china"]),
        ];
        assert_eq!(related(&list, 2, 3), ["three", "two", "one-old"]);
        assert_eq!(
            related(&list, 2, 5),
            ["three", "two", "one-old", "one-new", "none"]
        );
    }

    #[test]
    fn fills_with_the_nearest_when_few_share_tags_and_never_lists_itself() {
        let list = vec![
            a("newer", "2026-06-01", &["z"]),
            a("lonely", "2026-05-01", &["rare"]),
            a("c", "2026-04-01", &["y"]),
            a("b", "2026-03-01", &["x"]),
        ];
        assert_eq!(related(&list, 1, 3), ["c", "b", "newer"]);
        let single = vec![a("only", "2026-05-01", &["x"])];
        assert!(related(&single, 0, 3).is_empty());
    }

    #[test]
    fn a_new_story_joins_few_related_lists() {
        let old: Vec<A> = (0..40)
            .map(|n| {
                let tags: &[&str] = if n % 2 == 0 {
                    &["ai", "policy"]
                } else {
                    &["ai"]
                };
                a(
                    &format!("s{n}"),
                    &format!("2026-{:02}-01", 12 - n / 4),
                    tags,
                )
            })
            .collect();
        let before: Vec<Vec<&str>> = (0..old.len()).map(|t| related(&old, t, 3)).collect();
        let mut new = vec![a("new", "2027-01-01", &["ai", "policy"])];
        new.extend(old.iter().map(|x| {
            a(
                &x.slug,
                &x.date,
                &x.tags.iter().map(String::as_str).collect::<Vec<_>>(),
            )
        }));
        let changed = (0..old.len())
            .filter(|&t| related(&new, t + 1, 3) != before[t])
            .count();
        assert!(changed <= 2, "{changed} related lists changed");
    }

    /// The module's rule written plainly (count every shared tag, sort everything): the fast
    /// merge must give the same lists.
    fn reference(list: &[A], target: usize, limit: usize) -> Vec<usize> {
        let shared = |i: usize| {
            list[i]
                .tags
                .iter()
                .filter(|t| list[target].tags.contains(t))
                .count()
        };
        let mut order: Vec<usize> = (0..list.len()).filter(|&i| i != target).collect();
        order.sort_by_key(|&i| {
            let later = i < target;
            (std::cmp::Reverse(shared(i)), later, i.abs_diff(target))
        });
        order.truncate(limit);
        order
    }

    #[test]
    fn the_merge_ranks_as_the_plain_rule_does() {
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        // up to five tags of eight, the first ones far more common (long lists beside short)
        let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
        let list: Vec<A> = (0..400)
            .map(|n| {
                let mut tags: Vec<&str> = (0..1 + next() % 5)
                    .map(|_| names[(next() % 8).min(next() % 8)])
                    .collect();
                tags.sort_unstable();
                tags.dedup();
                a(&format!("s{n:03}"), &format!("{:04}", 9999 - n), &tags)
            })
            .collect();
        let idx = tag_index(&list);
        for target in 0..list.len() {
            for limit in [1, 3, 5, 12] {
                assert_eq!(
                    rank_related(&list, target, &idx, limit),
                    reference(&list, target, limit),
                    "target {target}, limit {limit}"
                );
            }
        }
    }
}
