//! The site index: built once, after validation, from the published stories. It knows the
//! stories in order, every taxonomy with its members, every list with its pagination, and
//! every page of the site with its [`Route`] and last-modified date. Every emitter (data
//! files, feeds, sitemaps, cards, the page list the prerenderer and the search index work
//! from) reads it; none of them groups, orders or paginates stories on its own.

use std::collections::BTreeMap;

use krasa_model::{Author, Date, Listing, Page, Pagination, Route, Section, TagRef};

use crate::meta::SiteConfig;
use crate::story::Story;

/// Everything the emitters need to know about the site.
pub struct SiteIndex<'a> {
    pub config: &'a SiteConfig,
    /// The published stories, newest first (then by slug).
    pub stories: Vec<&'a Story>,
    /// Every tag with its stories, by slug.
    pub tags: Vec<Term>,
    /// Every section with its stories, in site.toml's order (an empty one too: the header
    /// links to it).
    pub sections: Vec<Term>,
    /// Every author with their stories, in authors.toml's order.
    pub authors: Vec<Term>,
    /// Every series with its published parts, in part order (a series without any is left
    /// out: it has no page).
    pub series: Vec<Term>,
    /// Every position in `stories` (the feed's members).
    every: Vec<usize>,
    /// The day the build runs (the date of an empty front page in the sitemap).
    pub today: Date,
}

/// What a term of a taxonomy is: a tag, a section, an author or a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Tag(TagRef),
    Section(Section),
    Author(Author),
    Series(krasa_model::SeriesInfo),
}

impl Subject {
    /// The list of its stories.
    pub fn listing(&self) -> Listing {
        match self {
            Subject::Tag(t) => Listing::Tag(t.slug.clone()),
            Subject::Section(s) => Listing::Section(s.slug.clone()),
            Subject::Author(a) => Listing::Author(a.slug.clone()),
            Subject::Series(s) => Listing::Series(s.slug.clone()),
        }
    }

    /// Its display name.
    pub fn name(&self) -> &str {
        match self {
            Subject::Tag(t) => &t.name,
            Subject::Section(s) => &s.name,
            Subject::Author(a) => &a.name,
            Subject::Series(s) => &s.name,
        }
    }
}

/// The terms of a declared taxonomy (sections, authors, series), in their declared order,
/// each with the stories whose `key` is its own, newest first: one pass over the stories.
fn grouped<'k>(
    stories: &[&Story],
    declared: impl Iterator<Item = (&'k str, Subject)>,
    key: impl Fn(&Story) -> Option<&str>,
) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut by_key: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (k, subject) in declared {
        by_key.insert(k, terms.len());
        terms.push(Term {
            subject,
            members: Vec::new(),
        });
    }
    for (position, story) in stories.iter().enumerate() {
        if let Some(&t) = key(story).and_then(|k| by_key.get(k)) {
            terms[t].members.push(position);
        }
    }
    terms
}

/// One value of a taxonomy (a tag, a section, an author, a series) and its stories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub subject: Subject,
    /// Positions in [`SiteIndex::stories`], newest first.
    pub members: Vec<usize>,
}

/// A list of stories shown a page at a time: the front page and its archive, or the stories
/// of a tag, a section or an author.
#[derive(Debug, Clone, Copy)]
pub struct List<'i> {
    /// What the stories have in common; `None` for the feed of every story.
    pub term: Option<&'i Term>,
    /// Positions in [`SiteIndex::stories`], newest first.
    pub members: &'i [usize],
    pub pagination: Pagination,
}

impl List<'_> {
    /// Which list it is.
    pub fn listing(&self) -> Listing {
        self.term.map_or(Listing::Feed, |t| t.subject.listing())
    }

    /// The address of one of its pages.
    pub fn route(&self, page: Page) -> Route {
        self.listing().route(page)
    }

    /// The stories on `page`, newest first (a series': in part order).
    pub fn on_page(&self, page: Page) -> &[usize] {
        &self.members[self.pagination.range(page)]
    }

    /// Its pages: the latest and every archive page, newest first; a list that is not paged
    /// (a series) has one page.
    pub fn pages(&self) -> Vec<Page> {
        if self.listing().is_paged() {
            self.pagination.all().collect()
        } else {
            vec![Page::Latest]
        }
    }
}

/// A page of the site: its address and the day its content last changed (none for pages
/// that are not in the sitemap: search).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageEntry {
    pub route: Route,
    pub last_changed: Option<Date>,
}

impl<'a> SiteIndex<'a> {
    /// The index of `published` (positions in `stories`, newest first).
    pub fn new(
        config: &'a SiteConfig,
        authors: &[Author],
        stories: &'a [Story],
        published: &[usize],
        today: Date,
    ) -> SiteIndex<'a> {
        let stories: Vec<&Story> = published.iter().map(|&i| &stories[i]).collect();
        let mut tags: BTreeMap<&str, Term> = BTreeMap::new();
        for (k, story) in stories.iter().enumerate() {
            for tag in &story.summary.tags {
                tags.entry(tag.slug.as_str())
                    .or_insert_with(|| Term {
                        subject: Subject::Tag(tag.clone()),
                        members: Vec::new(),
                    })
                    .members
                    .push(k);
            }
        }
        let sections = grouped(
            &stories,
            config
                .sections
                .iter()
                .map(|s| (s.slug.as_str(), Subject::Section(s.clone()))),
            |story| Some(story.summary.section.as_str()),
        );
        let authors = grouped(
            &stories,
            authors
                .iter()
                .map(|a| (a.slug.as_str(), Subject::Author(a.clone()))),
            |story| Some(story.summary.author_slug.as_str()),
        );
        let mut series = grouped(
            &stories,
            config
                .series
                .iter()
                .map(|s| (s.name.as_str(), Subject::Series(s.clone()))),
            |story| story.meta.series.as_ref().map(|p| p.name.as_str()),
        );
        // a series' parts in order, and a series without a published part has no page
        series.retain(|t| !t.members.is_empty());
        for term in &mut series {
            term.members
                .sort_by_key(|&k| stories[k].meta.series.as_ref().map_or(0, |p| p.part));
        }
        SiteIndex {
            config,
            series,
            every: (0..stories.len()).collect(),
            stories,
            tags: tags.into_values().collect(),
            sections,
            authors,
            today,
        }
    }

    fn page_size(&self) -> usize {
        self.config.page_size as usize
    }

    /// The front page and its archive.
    pub fn feed(&self) -> List<'_> {
        List {
            term: None,
            members: &self.every,
            pagination: Pagination::new(self.every.len(), self.page_size()),
        }
    }

    /// Every list of the site: the feed, then each section's (in their order), each author's
    /// (in theirs) and each tag's (by slug).
    pub fn lists(&self) -> impl Iterator<Item = List<'_>> {
        let terms = self
            .sections
            .iter()
            .chain(&self.authors)
            .chain(&self.series)
            .chain(&self.tags);
        std::iter::once(self.feed()).chain(terms.map(|term| self.term_list(term)))
    }

    /// The stories of a tag, a section, an author or a series (a series on one page).
    pub fn term_list<'i>(&'i self, term: &'i Term) -> List<'i> {
        let page_size = if term.subject.listing().is_paged() {
            self.page_size()
        } else {
            term.members.len()
        };
        List {
            term: Some(term),
            members: &term.members,
            pagination: Pagination::new(term.members.len(), page_size),
        }
    }

    /// Every page of the site, in the sitemap's order: the feed's pages, each section's, each
    /// author's, the tag index and each tag's pages (by slug),
    /// the stories (newest first), then the search page.
    pub fn pages(&self) -> Vec<PageEntry> {
        let mut pages = self.list_pages(self.feed());
        for term in &self.sections {
            pages.extend(self.list_pages(self.term_list(term)));
        }
        for term in self.authors.iter().chain(&self.series) {
            pages.extend(self.list_pages(self.term_list(term)));
        }
        pages.push(PageEntry {
            route: Route::Tags,
            last_changed: self.last_changed(&self.every),
        });
        for term in &self.tags {
            pages.extend(self.list_pages(self.term_list(term)));
        }
        pages.extend(self.stories.iter().map(|s| PageEntry {
            route: Route::article(&s.raw.slug),
            last_changed: Some(s.last_changed()),
        }));
        pages.push(PageEntry {
            route: Route::Search,
            last_changed: None,
        });
        pages
    }

    /// The pages of a list, each dated by its newest story (a list's first page without one,
    /// the front page of an empty site or a section or author without stories yet, by
    /// [`SiteIndex::site_changed`]).
    fn list_pages(&self, list: List<'_>) -> Vec<PageEntry> {
        list.pages()
            .into_iter()
            .map(|page| {
                let route = list.route(page);
                let newest = self.last_changed(list.on_page(page));
                PageEntry {
                    last_changed: newest
                        .or_else(|| (page == Page::Latest).then(|| self.site_changed())),
                    route,
                }
            })
            .collect()
    }

    /// The author of a story (validation made sure there is one).
    pub fn author_of(&self, story: &Story) -> Author {
        self.authors
            .iter()
            .find_map(|term| match &term.subject {
                Subject::Author(a) if a.slug == story.summary.author_slug => Some(a.clone()),
                _ => None,
            })
            .unwrap_or_else(|| Author {
                name: story.summary.author.clone(),
                slug: story.summary.author_slug.clone(),
                role: None,
                bio: String::new(),
                links: Vec::new(),
            })
    }

    /// The newest change on the site: its newest story's, else (an empty site) today.
    fn site_changed(&self) -> Date {
        self.last_changed(&self.every).unwrap_or(self.today)
    }

    /// The newest change among these stories.
    fn last_changed(&self, members: &[usize]) -> Option<Date> {
        members
            .iter()
            .map(|&k| self.stories[k].last_changed())
            .max()
    }
}
