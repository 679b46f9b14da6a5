//! Search: what a query is ([`SearchQuery`], kept in the address), how results are ranked
//! ([`rank`]) and how Pagefind's excerpts are shown ([`excerpt_parts`]). The index is built
//! by Pagefind over the prerendered article pages; [`pagefind`] loads its JavaScript API in
//! the browser.

pub mod pagefind;

use krasa_model::Route;
use leptos_router::params::ParamsMap;

use crate::links::Base;

/// The Pagefind filter of an article's tags (`data-pagefind-filter="tag:<slug>"`).
pub const TAG_FILTER: &str = "tag";
/// The Pagefind filter (and meta) of an article's category: its badge's text.
pub const CATEGORY_FILTER: &str = "category";

/// The query parameter of the search words (the header's search box submits it).
pub const WORDS_PARAM: &str = "q";
/// The query parameter that narrows results to one tag (a tag slug).
pub const TAG_PARAM: &str = "tag";
/// The query parameter that narrows results to one category.
pub const CATEGORY_PARAM: &str = "category";
/// The query parameter that widens a search to the whole archive (`all=1`): by default the
/// newest shards are searched (`data/search.json`'s scope).
pub const ALL_PARAM: &str = "all";
/// The query parameter of the results' order (`sort=newest`); absent: most relevant first.
pub const ORDER_PARAM: &str = "sort";

/// How many results one page of results shows, and how many more "Show more" adds.
pub const RESULTS_STEP: usize = 10;

/// A search as the address states it:
/// `/search/?q=<words>&tag=<tag>&category=<category>&all=1&sort=newest`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// The words, trimmed ("" for none).
    pub words: String,
    pub tag: Option<String>,
    pub category: Option<String>,
    /// Search the whole archive, not only the newest stories.
    pub all: bool,
    pub order: Order,
}

/// The order results are shown in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// Most relevant first ([`rank`]): the default.
    #[default]
    Relevance,
    /// By publication date, newest first, across the whole index (`sort=newest`).
    Newest,
}

impl Order {
    /// Its value in the address (`None`: the default, left out).
    pub fn param(self) -> Option<&'static str> {
        match self {
            Order::Relevance => None,
            Order::Newest => Some("newest"),
        }
    }

    fn from_param(value: Option<&str>) -> Order {
        match value {
            Some("newest") => Order::Newest,
            _ => Order::Relevance,
        }
    }
}

impl SearchQuery {
    /// From the address's query parameters (leptos_router's `use_query_map`). Blank values
    /// count as absent.
    pub fn from_params(params: &ParamsMap) -> SearchQuery {
        SearchQuery::read(|key| params.get(key))
    }

    /// From a lookup of query parameters (or form fields) by name. Blank values count as
    /// absent.
    pub fn read(param: impl Fn(&str) -> Option<String>) -> SearchQuery {
        let value = |key: &str| {
            param(key)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        SearchQuery {
            words: value(WORDS_PARAM).unwrap_or_default(),
            tag: value(TAG_PARAM),
            category: value(CATEGORY_PARAM),
            all: value(ALL_PARAM).as_deref() == Some("1"),
            order: Order::from_param(value(ORDER_PARAM).as_deref()),
        }
    }

    /// Nothing asked yet: the page shows the form only.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.tag.is_none() && self.category.is_none()
    }

    /// The query string of this search, as the search form submits it
    /// (`q=ai+act&tag=policy`); absent values are left out.
    pub fn query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.words.is_empty() {
            out.append_pair(WORDS_PARAM, &self.words);
        }
        if let Some(tag) = &self.tag {
            out.append_pair(TAG_PARAM, tag);
        }
        if let Some(category) = &self.category {
            out.append_pair(CATEGORY_PARAM, category);
        }
        if self.all {
            out.append_pair(ALL_PARAM, "1");
        }
        if let Some(order) = self.order.param() {
            out.append_pair(ORDER_PARAM, order);
        }
        out.finish()
    }

    /// The address of this search under the deploy base (`/news/search/?q=ai+act`).
    pub fn href(&self, base: &Base) -> String {
        let page = base.href(&Route::Search);
        match self.query_string() {
            query if query.is_empty() => page,
            query => format!("{page}?{query}"),
        }
    }

    /// How the page names this search: `“ai act”`, `“ai act” in #policy`, `stories in
    /// Tutorials`.
    pub fn describe(&self) -> String {
        let mut text = if self.words.is_empty() {
            "stories".to_string()
        } else {
            format!("“{}”", self.words)
        };
        if let Some(tag) = &self.tag {
            text.push_str(&format!(" tagged #{tag}"));
        }
        if let Some(category) = &self.category {
            text.push_str(&format!(" in {category}"));
        }
        text
    }
}

/// The order results are shown in: most relevant first (Pagefind's score), and among
/// equally relevant ones the newest first. `scores` are the results' scores in the order
/// Pagefind returns them; `newness[i]` is result `i`'s place in date order (0 the newest).
/// Returns the results' indexes in the order to show.
pub fn rank(scores: &[f64], newness: &[usize]) -> Vec<usize> {
    let place = |i: usize| newness.get(i).copied().unwrap_or(usize::MAX);
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| {
        scores[b]
            .total_cmp(&scores[a])
            .then(place(a).cmp(&place(b)))
            .then(a.cmp(&b))
    });
    order
}

/// A run of excerpt text, matched (shown in `<mark>`) or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExcerptPart {
    pub text: String,
    pub matched: bool,
}

/// Pagefind's excerpt (plain text with `<` and `>` escaped, the matched words wrapped in
/// `<mark>`) as text runs. The app shows them as text and `<mark>` elements it creates
/// itself, so nothing from the index is ever parsed as HTML.
pub fn excerpt_parts(excerpt: &str) -> Vec<ExcerptPart> {
    let mut parts = Vec::new();
    let mut push = |text: &str, matched: bool| {
        if !text.is_empty() {
            parts.push(ExcerptPart {
                text: unescape(text),
                matched,
            });
        }
    };
    for (i, chunk) in excerpt.split("<mark>").enumerate() {
        match chunk.split_once("</mark>") {
            Some((marked, rest)) if i > 0 => {
                push(marked, true);
                push(rest, false);
            }
            _ => push(chunk, false),
        }
    }
    parts
}

/// Undoes the only escaping Pagefind does to excerpts (`<` and `>`).
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">")
}

/// "1 result" / "12 results".
pub fn count_label(n: usize) -> String {
    if n == 1 {
        "1 result".to_string()
    } else {
        format!("{n} results")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(pairs: &'a [(&str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_query_is_read_from_the_address() {
        let q = SearchQuery::read(lookup(&[("q", "  ai act "), ("tag", "policy")]));
        assert_eq!(q.words, "ai act");
        assert_eq!(q.tag.as_deref(), Some("policy"));
        assert_eq!(q.category, None);
        assert_eq!(
            q.order,
            Order::Relevance,
            "most relevant first unless asked"
        );
        assert!(!q.is_empty());
        let odd = SearchQuery::read(lookup(&[("q", "ai"), ("sort", "oldest")]));
        assert_eq!(
            odd.order,
            Order::Relevance,
            "an unknown order is the default"
        );
        let blank = SearchQuery::read(lookup(&[("q", " "), ("category", "")]));
        assert!(blank.is_empty(), "blank values count as absent");
        assert_eq!(blank.href(&Base::new("/news/")), "/news/search/");
    }

    #[test]
    fn the_address_is_written_as_the_form_submits_it() {
        let q = SearchQuery {
            words: "R&D 100% \"robots\"".into(),
            tag: None,
            category: Some("Tutorials & guides".into()),
            all: true,
            order: Order::Newest,
        };
        assert_eq!(
            q.href(&Base::new("")),
            "/search/?q=R%26D+100%25+%22robots%22&category=Tutorials+%26+guides&all=1&sort=newest"
        );
        let decoded: Vec<(String, String)> = form_urlencoded::parse(q.query_string().as_bytes())
            .into_owned()
            .collect();
        let back = SearchQuery::read(|k| {
            decoded
                .iter()
                .find(|(name, _)| name == k)
                .map(|(_, v)| v.clone())
        });
        assert_eq!(back, q, "the address reads back as the same search");
        assert_eq!(q.describe(), "“R&D 100% \"robots\"” in Tutorials & guides");
    }

    #[test]
    fn relevance_first_then_newest() {
        // Pagefind's order (by score), with each result's place in date order
        let scores = [3.0, 3.0, 2.5, 1.0, 1.0];
        let newness = [4, 1, 0, 3, 2];
        assert_eq!(
            rank(&scores, &newness),
            vec![1, 0, 2, 4, 3],
            "the newest first among equal scores, never above a higher score"
        );
        assert_eq!(
            rank(&[1.0, 9.0], &[0, 1]),
            vec![1, 0],
            "a more relevant older story comes before a newer one"
        );
        assert_eq!(rank(&[], &[]), Vec::<usize>::new());
        assert_eq!(rank(&[1.0, 1.0], &[]), vec![0, 1], "no dates: as scored");
    }

    #[test]
    fn excerpts_become_text_and_marks() {
        let parts = excerpt_parts("The <mark>EU</mark> act &lt;b&gt; and <mark>AI</mark>.");
        // (Pagefind leaves `&` as it is: `R&D` stays `R&D`.)
        let shown: Vec<(&str, bool)> = parts.iter().map(|p| (p.text.as_str(), p.matched)).collect();
        assert_eq!(
            shown,
            vec![
                ("The ", false),
                ("EU", true),
                (" act <b> and ", false),
                ("AI", true),
                (".", false)
            ]
        );
        assert_eq!(excerpt_parts("")[..], []);
        let stray = excerpt_parts("a </mark> b");
        assert_eq!(stray.len(), 1, "a stray closing tag is text");
    }

    #[test]
    fn counts_are_worded() {
        assert_eq!(count_label(1), "1 result");
        assert_eq!(count_label(0), "0 results");
        assert_eq!(count_label(12), "12 results");
    }
}
