//! Compile stage: validated articles → the published files (site, feed pages, tags, tag pages,
//! articles with related stories), each handed to a [`Sink`] as soon as it is made, so a build
//! writes them as it goes instead of holding them all. Cross-article checks live here too:
//! duplicate slugs, tag spellings, links to articles that do not exist.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use krasa_model::{
    paths, related, Article, ArticleSummary, Date, Image, ListPage, NavLink, Page, Pagination,
    Site, TagIndex, TagInfo, TagRef, DATA_VERSION,
};
use rayon::prelude::*;

use crate::diag::{error, Problem};
use crate::load::RawArticle;
use crate::meta::{Meta, SiteConfig};
use crate::render::{render_markdown, InternalLink, Rendered};
use crate::slug::slugify;
use crate::PressError;

/// What to publish.
#[derive(Debug, Clone)]
pub struct Selection {
    pub include_drafts: bool,
    pub include_future: bool,
    pub today: Date,
    /// When set, also produce the site-root files (feeds, sitemap, robots.txt) for a site
    /// deployed at this path (`/` or e.g. `/news/`).
    pub public_url: Option<String>,
}

/// An article that passed validation, rendered.
pub struct Ready {
    pub raw: RawArticle,
    pub meta: Meta,
    pub rendered: Rendered,
    pub tag_slugs: Vec<String>,
    pub summary: ArticleSummary,
}

impl related::Rankable for Ready {
    fn tag_slugs(&self) -> &[String] {
        &self.tag_slugs
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub articles: usize,
    pub tags: usize,
    pub files: usize,
    pub drafts_skipped: usize,
    pub future_skipped: usize,
}

/// What [`assemble`] made besides its files.
pub struct Output {
    pub site: Site,
    /// The social cards to draw into the site root (with the root files): the site's, and
    /// one per published article without its own image.
    pub cards: Vec<crate::card::CardSpec>,
    pub stats: Stats,
}

/// Receives the files [`assemble`] makes, as they are made, from several threads at once.
pub trait Sink: Sync {
    /// A file of the data folder, `rel` inside it.
    fn data(&self, rel: String, bytes: Vec<u8>) -> Result<(), PressError>;
    /// A file of the site root (feeds, sitemaps, robots.txt), `rel` inside it.
    fn root(&self, rel: String, bytes: Vec<u8>) -> Result<(), PressError>;
}

/// The files of a site, in memory (what `press check` and the tests look at).
#[derive(Debug, Default)]
pub struct Files {
    /// Relative path inside the data folder → file bytes, sorted by path.
    pub data: Vec<(String, Vec<u8>)>,
    /// Relative path inside the site root → file bytes, sorted by path.
    pub root: Vec<(String, Vec<u8>)>,
}

/// A [`Sink`] that keeps every file in memory.
#[derive(Default)]
pub struct Collect(Mutex<Files>);

impl Collect {
    pub fn into_files(self) -> Files {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.data.sort_by(|a, b| a.0.cmp(&b.0));
        files.root.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

impl Sink for Collect {
    fn data(&self, rel: String, bytes: Vec<u8>) -> Result<(), PressError> {
        let mut files = self.0.lock().unwrap_or_else(|e| e.into_inner());
        files.data.push((rel, bytes));
        Ok(())
    }
    fn root(&self, rel: String, bytes: Vec<u8>) -> Result<(), PressError> {
        let mut files = self.0.lock().unwrap_or_else(|e| e.into_inner());
        files.root.push((rel, bytes));
        Ok(())
    }
}

/// Counts the data files it passes on.
struct Counting<'a> {
    sink: &'a dyn Sink,
    data_files: AtomicUsize,
}

impl Sink for Counting<'_> {
    fn data(&self, rel: String, bytes: Vec<u8>) -> Result<(), PressError> {
        self.data_files.fetch_add(1, Ordering::Relaxed);
        self.sink.data(rel, bytes)
    }
    fn root(&self, rel: String, bytes: Vec<u8>) -> Result<(), PressError> {
        self.sink.root(rel, bytes)
    }
}

/// Renders one article and builds its summary. Body problems go into `rendered.problems`.
pub fn prepare(raw: RawArticle, meta: Meta) -> Ready {
    let rendered = render_markdown(
        raw.file,
        &raw.body,
        &raw.body_at,
        &krasa_model::Route::article(&raw.slug).relative(),
    );
    let tags: Vec<TagRef> = meta
        .tags
        .iter()
        .map(|(name, _)| TagRef {
            name: name.clone(),
            slug: slugify(name),
        })
        .collect();
    let excerpt_source = meta
        .summary
        .clone()
        .unwrap_or_else(|| rendered.first_paragraph.clone());
    let summary = ArticleSummary {
        slug: raw.slug.clone(),
        title: meta.title.clone(),
        date: meta.date.to_string(),
        updated: meta.updated.map(|d| d.to_string()),
        author: meta.author.clone(),
        category: meta.category.clone(),
        excerpt: excerpt(&excerpt_source, 220),
        reading_minutes: krasa_model::reading_minutes(rendered.word_count),
        word_count: rendered.word_count as u32,
        image: meta.image.clone().map(|(src, alt)| Image { src, alt }),
        tags: tags.clone(),
    };
    Ready {
        tag_slugs: tags.iter().map(|t| t.slug.clone()).collect(),
        raw,
        meta,
        rendered,
        summary,
    }
}

/// Cuts plain text at a word boundary to at most `max` characters, adding "…" when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut cut = String::new();
    for word in text.split(' ') {
        if cut.chars().count() + word.chars().count() + 1 > max - 1 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    let cut = cut.trim_end_matches([',', ';', ':', '.', '-', '—']);
    format!("{cut}…")
}

/// Checks that need the whole corpus. Adds problems; returns nothing.
pub fn cross_check(
    ready: &[Ready],
    published: &[usize],
    report: &crate::diag::Report,
    problems: &mut Vec<Problem>,
) {
    // Duplicate slugs (an .md and a .json with the same name).
    let mut by_slug: HashMap<&str, usize> = HashMap::new();
    for (i, r) in ready.iter().enumerate() {
        if let Some(&first) = by_slug.get(r.raw.slug.as_str()) {
            problems.push(
                error(
                    r.raw.file,
                    r.meta.block.start..r.meta.block.start + 1,
                    format!("duplicate slug `{}`", r.raw.slug),
                )
                .field("slug")
                .found(format!(
                    "{} has the same name",
                    report.path(ready[first].raw.file)
                ))
                .expected("one file per slug: rename or remove one of them"),
            );
        } else {
            by_slug.insert(&r.raw.slug, i);
        }
    }

    // Tags that normalize to the same slug must be spelled the same everywhere.
    let mut spelling: HashMap<String, (&str, usize)> = HashMap::new();
    for r in ready {
        for (name, span) in &r.meta.tags {
            let slug = slugify(name);
            match spelling.get(&slug) {
                Some((first, file)) if *first != name.as_str() => problems.push(
                    error(
                        r.raw.file,
                        span.clone(),
                        format!("tag \"{name}\" is spelled differently elsewhere"),
                    )
                    .field("tags")
                    .found(format!(
                        "\"{name}\" here and \"{first}\" in {} both become /tags/{slug}",
                        report.path(*file)
                    ))
                    .expected(format!("one spelling for the tag, e.g. \"{first}\"")),
                ),
                Some(_) => {}
                None => {
                    spelling.insert(slug, (name.as_str(), r.raw.file));
                }
            }
        }
    }

    // Internal links must point at published pages.
    let published_slugs: HashMap<&str, ()> = published
        .iter()
        .map(|&i| (ready[i].raw.slug.as_str(), ()))
        .collect();
    let tag_slugs: HashMap<&str, ()> = published
        .iter()
        .flat_map(|&i| ready[i].tag_slugs.iter().map(|s| (s.as_str(), ())))
        .collect();
    for &i in published {
        let r = &ready[i];
        for (link, span) in &r.rendered.links {
            let (ok, what) = match link {
                InternalLink::Article(s) => (
                    published_slugs.contains_key(s.as_str()),
                    format!("article `{s}`"),
                ),
                InternalLink::Tag(s) => (tag_slugs.contains_key(s.as_str()), format!("tag `{s}`")),
            };
            if !ok {
                let exists_unpublished =
                    matches!(link, InternalLink::Article(s) if by_slug.contains_key(s.as_str()));
                let found = if exists_unpublished {
                    format!("{what} exists but is a draft or dated in the future")
                } else {
                    format!("there is no {what}")
                };
                problems.push(
                    error(
                        r.raw.file,
                        span.clone(),
                        format!("link to {what} that is not published"),
                    )
                    .field("body")
                    .found(found)
                    .expected(
                        "a link to a published article (/articles/<slug>) or tag (/tags/<tag>)",
                    ),
                );
            }
        }
    }
}

/// Which articles are published, newest first, and how many were skipped.
pub fn select(ready: &[Ready], sel: &Selection) -> (Vec<usize>, usize, usize) {
    let mut drafts = 0;
    let mut future = 0;
    let mut list: Vec<usize> = Vec::with_capacity(ready.len());
    for (i, r) in ready.iter().enumerate() {
        if r.meta.draft && !sel.include_drafts {
            drafts += 1;
        } else if r.meta.date > sel.today && !sel.include_future {
            future += 1;
        } else {
            list.push(i);
        }
    }
    list.sort_by(|&a, &b| {
        ready[b]
            .meta
            .date
            .cmp(&ready[a].meta.date)
            .then_with(|| ready[a].raw.slug.cmp(&ready[b].raw.slug))
    });
    (list, drafts, future)
}

fn json<T: serde::Serialize>(v: &T) -> Vec<u8> {
    // Serializing our own plain data types cannot fail.
    serde_json::to_vec(v).unwrap_or_default()
}

/// The pages of one list (`ids` newest first): the latest page and every archive page, each
/// with its data file ([`krasa_model::paging`]).
fn list_pages(
    ids: &[usize],
    size: usize,
    tag: Option<TagRef>,
    summaries: &(dyn Fn(&[usize]) -> Vec<ArticleSummary> + Sync),
    file: &dyn Fn(Page) -> String,
    sink: &dyn Sink,
) -> Result<(), PressError> {
    let pagination = Pagination::new(ids.len(), size);
    pagination.all().try_for_each(|page| {
        let list = ListPage {
            version: DATA_VERSION,
            tag: tag.clone(),
            page,
            total_items: (page == Page::Latest).then_some(ids.len() as u32),
            older: pagination.older(page),
            newer: pagination.newer(page),
            items: summaries(&ids[pagination.range(page)]),
        };
        sink.data(file(page), json(&list))
    })
}

/// Builds every published file into `sink`, in parallel where it can. `published` is newest
/// first. With `public_url`, the site-root files (feeds, sitemaps, robots.txt) too.
pub fn assemble(
    config: &SiteConfig,
    ready: &[Ready],
    published: &[usize],
    stats_in: Stats,
    public_url: Option<&str>,
    sink: &dyn Sink,
) -> Result<Output, PressError> {
    let sink = &Counting {
        sink,
        data_files: AtomicUsize::new(0),
    };
    let size = config.page_size as usize;
    let site = Site {
        version: DATA_VERSION,
        title: config.title.clone(),
        tagline: config.tagline.clone(),
        base_url: config.base_url.clone(),
        language: config.language.clone(),
        page_size: config.page_size,
        nav: vec![
            NavLink {
                label: "News".into(),
                path: String::new(),
            },
            NavLink {
                label: "Tags".into(),
                path: "tags".into(),
            },
        ],
    };
    sink.data(paths::site_json(), json(&site))?;

    // Feed pages.
    let summaries = |ids: &[usize]| -> Vec<ArticleSummary> {
        ids.iter().map(|&i| ready[i].summary.clone()).collect()
    };
    let feed_file = |page| paths::feed_page_json(page);
    list_pages(published, size, None, &summaries, &feed_file, sink)?;

    // Tags: name and members (newest first, as `published` is).
    let mut tags: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for &i in published {
        for t in &ready[i].summary.tags {
            tags.entry(t.slug.clone())
                .or_insert_with(|| (t.name.clone(), Vec::new()))
                .1
                .push(i);
        }
    }
    let mut infos: Vec<TagInfo> = tags
        .iter()
        .map(|(slug, (name, ids))| TagInfo {
            name: name.clone(),
            slug: slug.clone(),
            count: ids.len() as u32,
        })
        .collect();
    infos.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    sink.data(
        paths::tags_json(),
        json(&TagIndex {
            version: DATA_VERSION,
            tags: infos.clone(),
        }),
    )?;
    infos.par_iter().try_for_each(|info| {
        let tag = TagRef {
            name: info.name.clone(),
            slug: info.slug.clone(),
        };
        let file = |page| paths::tag_page_json(&info.slug, page);
        list_pages(
            &tags[&info.slug].1,
            size,
            Some(tag),
            &summaries,
            &file,
            sink,
        )
    })?;

    // Articles with related stories, ranked among the published ones only.
    let pub_ready: Vec<&Ready> = published.iter().map(|&i| &ready[i]).collect();
    let view: Vec<RankView<'_>> = pub_ready.iter().map(|r| RankView(r)).collect();
    let by_tag = related::tag_index(&view);
    (0..view.len()).into_par_iter().try_for_each(|k| {
        let r = pub_ready[k];
        let rel = related::rank_related(&view, k, &by_tag, 3);
        let article = Article {
            version: DATA_VERSION,
            summary: r.summary.clone(),
            body_html: r.rendered.html.clone(),
            headings: r.rendered.headings.clone(),
            related: rel
                .into_iter()
                .map(|j| pub_ready[j].summary.clone())
                .collect(),
        };
        sink.data(paths::article_json(&r.raw.slug), json(&article))
    })?;

    let stats = Stats {
        articles: published.len(),
        tags: infos.len(),
        files: sink.data_files.load(Ordering::Relaxed),
        ..stats_in
    };
    let cards = match public_url {
        Some(p) => {
            let root = crate::feeds::site_root(&config.base_url, p);
            crate::feeds::site_files(config, &root, ready, published, sink)?;
            crate::card::specs(config, ready, published)
        }
        None => Vec::new(),
    };
    Ok(Output { site, cards, stats })
}

struct RankView<'a>(&'a Ready);

impl related::Rankable for RankView<'_> {
    fn tag_slugs(&self) -> &[String] {
        &self.0.tag_slugs
    }
}

/// Body-level checks that need the metadata too.
pub fn body_problems(r: &Ready) -> Vec<Problem> {
    let mut out = Vec::new();
    if r.raw.body.trim().is_empty() {
        let span: Range<usize> = match &r.raw.body_at {
            crate::render::BodySpan::Offset(o) => o.saturating_sub(4)..*o,
            crate::render::BodySpan::Fixed(f) => f.clone(),
        };
        out.push(
            error(r.raw.file, span, "the article has no body")
                .field("body")
                .found("nothing after the front matter")
                .expected("the article text in Markdown, with ## section headings"),
        );
    }
    out
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn excerpts_cut_at_word_boundaries() {
        assert_eq!(excerpt("short  text\n here", 50), "short text here");
        let long = "word ".repeat(100);
        let e = excerpt(&long, 30);
        assert!(e.chars().count() <= 30, "{e}");
        assert!(e.ends_with("word…"), "{e}");
    }
}
