//! Related articles: ranked by the number of shared tags, then by recency.

use std::collections::HashMap;

/// What ranking needs to know of an article.
pub trait Rankable {
    /// Tag slugs, without duplicates.
    fn tag_slugs(&self) -> &[String];
    /// A key that sorts chronologically (e.g. `YYYY-MM-DD`), newest = greatest.
    fn recency_key(&self) -> &str;
    fn slug(&self) -> &str;
}

/// Indices of up to `limit` articles related to `articles[target]`: those sharing the most
/// tags first, ties broken by the newer date, then by slug so the result is stable. Articles
/// sharing no tag fill remaining places, newest first. `by_tag` maps a tag slug to the indices
/// of the articles carrying it (see [`tag_index`]), so the cost depends on the tag sizes, not
/// on the whole archive, except for the fill step which looks at `newest_first` only until
/// `limit` is reached.
pub fn rank_related<T: Rankable>(
    articles: &[T],
    target: usize,
    by_tag: &HashMap<&str, Vec<usize>>,
    newest_first: &[usize],
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
    let cmp = |a: &(u32, usize), b: &(u32, usize)| {
        b.0.cmp(&a.0)
            .then_with(|| articles[b.1].recency_key().cmp(articles[a.1].recency_key()))
            .then_with(|| articles[a.1].slug().cmp(articles[b.1].slug()))
    };
    if scored.len() > limit {
        scored.select_nth_unstable_by(limit, cmp);
        scored.truncate(limit);
    }
    scored.sort_by(cmp);
    let mut out: Vec<usize> = scored.into_iter().map(|(_, i)| i).collect();
    for &i in newest_first {
        if out.len() >= limit {
            break;
        }
        if i != target && !out.contains(&i) {
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
        fn recency_key(&self) -> &str {
            &self.date
        }
        fn slug(&self) -> &str {
            &self.slug
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
        let idx = tag_index(list);
        let mut newest: Vec<usize> = (0..list.len()).collect();
        newest.sort_by(|&x, &y| list[y].date.cmp(&list[x].date));
        rank_related(list, target, &idx, &newest, limit)
            .into_iter()
            .map(|i| list[i].slug.as_str())
            .collect()
    }

    #[test]
    fn more_shared_tags_rank_first_then_newer() {
        let list = vec![
            a("target", "2026-05-01", &["ai", "policy", "china"]),
            a("one-old", "2026-03-01", &["ai"]),
            a("two", "2026-04-01", &["ai", "policy"]),
            a("one-new", "2026-05-20", &["china"]),
            a("three", "2026-01-01", &["ai", "policy", "china"]),
            a("none", "2026-06-01", &["cooking"]),
        ];
        assert_eq!(related(&list, 0, 3), ["three", "two", "one-new"]);
        assert_eq!(
            related(&list, 0, 5),
            ["three", "two", "one-new", "one-old", "none"]
        );
    }

    #[test]
    fn fills_with_newest_when_few_share_tags_and_never_lists_itself() {
        let list = vec![
            a("lonely", "2026-05-01", &["rare"]),
            a("b", "2026-03-01", &["x"]),
            a("c", "2026-04-01", &["y"]),
        ];
        assert_eq!(related(&list, 0, 3), ["c", "b"]);
        let single = vec![a("only", "2026-05-01", &["x"])];
        assert!(related(&single, 0, 3).is_empty());
    }
}
