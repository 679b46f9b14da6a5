//! Related articles: the stories sharing the most tags with an article, earlier coverage
//! first. Among stories sharing as many tags, those published before the article come first,
//! the closest in time first, then those published after it, again the closest first; stories
//! sharing no tag fill the remaining places in the same order. A new story therefore joins
//! the related lists of the stories around it and of those it shares more tags with than
//! their earlier coverage does, not of the whole archive: publishing one story rewrites a few
//! pages, not hundreds.

use std::collections::{HashMap, VecDeque};

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
/// The target's tag lists, all but the longest, are merged in one pass, counting each story's
/// shared tags (the longest list is leapt through alongside, `gallop`); only the `limit`
/// nearest stories of each count are kept. The longest list is not walked: a story in it that
/// shares another tag is found in that tag's list, and of the stories sharing that tag alone
/// only the `limit` nearest on each side can be shown. So the cost is the length of the
/// shorter lists, with no hashing and only the few kept stories sorted, and a tag on half the
/// archive costs next to nothing.
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
    let longest: &[usize] = lists.pop().unwrap_or(&[]);
    let most_shared = lists.len() + usize::from(!longest.is_empty());
    // per shared-tag count: the nearest later stories (the last ones before the target, in
    // ascending order) and the nearest earlier ones (the first ones after it)
    let mut later: Vec<VecDeque<usize>> = vec![VecDeque::new(); most_shared + 1];
    let mut earlier: Vec<Vec<usize>> = vec![Vec::new(); most_shared + 1];
    let mut cursors = vec![0usize; lists.len()];
    // where the merge is in the longest list, which it leaps through instead of walking
    let mut in_longest = 0usize;
    while let Some(i) = lists
        .iter()
        .zip(&cursors)
        .filter_map(|(list, &c)| list.get(c).copied())
        .min()
    {
        in_longest = gallop(longest, in_longest, i);
        let mut shared = usize::from(longest.get(in_longest) == Some(&i));
        for (list, c) in lists.iter().zip(cursors.iter_mut()) {
            if list.get(*c) == Some(&i) {
                shared += 1;
                *c += 1;
            }
        }
        if i < target {
            let kept = &mut later[shared];
            kept.push_back(i);
            if kept.len() > limit {
                kept.pop_front();
            }
        } else if i > target && earlier[shared].len() < limit {
            earlier[shared].push(i);
        }
    }
    if most_shared >= 1 {
        // the stories sharing the longest list's tag alone: the nearest on each side
        let alone = |i: &&usize| !lists.iter().any(|l| l.binary_search(i).is_ok());
        let at = longest.partition_point(|&i| i < target);
        let after = longest[at..].iter().filter(|&&i| i != target);
        let before = longest[..at].iter().rev();
        let mut nearer_after: Vec<usize> = after.filter(alone).take(limit).copied().collect();
        nearer_after.extend(earlier[1].iter());
        nearer_after.sort_unstable();
        nearer_after.truncate(limit);
        earlier[1] = nearer_after;
        let mut nearer_before: Vec<usize> = before.filter(alone).take(limit).copied().collect();
        nearer_before.extend(later[1].iter());
        nearer_before.sort_unstable();
        later[1] = nearer_before.into_iter().rev().take(limit).rev().collect();
    }
    let mut out: Vec<usize> = Vec::with_capacity(limit);
    for shared in (1..=most_shared).rev() {
        let nearest = earlier[shared].iter().chain(later[shared].iter().rev());
        out.extend(nearest.take(limit - out.len()));
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

/// The first place at or after `from` in the ascending `list` whose story is not before `i`,
/// found by leaps of growing length, so a pass through a long list costs the logarithm of the
/// gaps instead of their length.
fn gallop(list: &[usize], from: usize, i: usize) -> usize {
    let mut step = 1;
    let mut low = from;
    while low + step < list.len() && list[low + step] < i {
        low += step;
        step *= 2;
    }
    let high = (low + step + 1).min(list.len());
    low + list[low..high].partition_point(|&x| x < i)
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
        let names = ["a", "b", "c", "d", "e", "f"];
        let list: Vec<A> = (0..300)
            .map(|n| {
                let mut tags: Vec<&str> = (0..1 + next() % 3).map(|_| names[next() % 6]).collect();
                tags.sort_unstable();
                tags.dedup();
                a(&format!("s{n:03}"), &format!("{:04}", 9999 - n), &tags)
            })
            .collect();
        let idx = tag_index(&list);
        for target in 0..list.len() {
            for limit in [1, 3, 5] {
                assert_eq!(
                    rank_related(&list, target, &idx, limit),
                    reference(&list, target, limit),
                    "target {target}, limit {limit}"
                );
            }
        }
    }
}
