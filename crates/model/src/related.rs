//! Related articles: the stories sharing the most tags with an article, earlier coverage
//! first. Among stories sharing as many tags, those published before the article come first,
//! the closest in time first, then those published after it, again the closest first; stories
//! sharing no tag fill the remaining places in the same order. A new story therefore joins
//! the related lists of the stories around it and of those it shares more tags with than
//! their earlier coverage does, not of the whole archive: publishing one story rewrites a few
//! pages, not hundreds.

use std::cmp::Ordering;
use std::collections::HashMap;

/// What ranking needs to know of an article.
pub trait Rankable {
    /// Tag slugs, without duplicates.
    fn tag_slugs(&self) -> &[String];
}

/// Where a story stands from the target's place in the newest-first list: earlier stories
/// (later in the list) before later ones, each by distance.
fn nearness(target: usize, i: usize) -> (bool, usize) {
    if i > target {
        (false, i - target)
    } else {
        (true, target - i)
    }
}

/// Indices of up to `limit` articles related to `articles[target]`, as the module describes.
/// `articles` are newest first (by date, then slug), so a place in the list stands for a
/// time; `by_tag` maps a tag slug to the indices of the articles carrying it (see
/// [`tag_index`]), so the cost depends on the tag sizes, not on the whole archive, except for
/// the fill step, which looks only at neighbours until `limit` is reached.
pub fn rank_related<T: Rankable>(
    articles: &[T],
    target: usize,
    by_tag: &HashMap<&str, Vec<usize>>,
    limit: usize,
) -> Vec<usize> {
    let mut shared: HashMap<usize, u32> = HashMap::new();
    for tag in articles[target].tag_slugs() {
        if let Some(list) = by_tag.get(tag.as_str()) {
            for &i in list {
                if i != target {
                    *shared.entry(i).or_default() += 1;
                }
            }
        }
    }
    let mut scored: Vec<(u32, usize)> = shared.into_iter().map(|(i, n)| (n, i)).collect();
    let cmp = |a: &(u32, usize), b: &(u32, usize)| -> Ordering {
        b.0.cmp(&a.0)
            .then_with(|| nearness(target, a.1).cmp(&nearness(target, b.1)))
    };
    if scored.len() > limit {
        scored.select_nth_unstable_by(limit, cmp);
        scored.truncate(limit);
    }
    scored.sort_by(cmp);
    let mut out: Vec<usize> = scored.into_iter().map(|(_, i)| i).collect();
    let earlier = target + 1..articles.len();
    let later = (0..target).rev();
    for i in earlier.chain(later) {
        if out.len() >= limit {
            break;
        }
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
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
}
