//! The site index: built once, after validation, from the published stories. It knows the
//! stories in order, every taxonomy with its members, every list with its pagination, and
//! every page of the site with its [`Route`] and last-modified date. Every emitter (data
//! files, feeds, sitemaps, cards, the page list the prerenderer and the search index work
//! from) reads it; none of them groups, orders or paginates stories on its own.

use std::collections::BTreeMap;

use krasa_model::{Date, Page, Pagination, Route, TagRef};

use crate::meta::SiteConfig;
use crate::story::Story;

/// Everything the emitters need to know about the site.
pub struct SiteIndex<'a> {
    pub config: &'a SiteConfig,
    /// The published stories, newest first (then by slug).
    pub stories: Vec<&'a Story>,
    /// Every tag with its stories, by slug.
    pub tags: Vec<Term>,
    /// Every position in `stories` (the feed's members).
    every: Vec<usize>,
    /// The day the build runs (the date of an empty front page in the sitemap).
    pub today: Date,
}

/// One value of a taxonomy (a tag) and its stories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub tag: TagRef,
    /// Positions in [`SiteIndex::stories`], newest first.
    pub members: Vec<usize>,
}

/// A list of stories shown a page at a time: the front page and its archive, or a tag's.
#[derive(Debug, Clone, Copy)]
pub struct List<'i> {
    /// The tag whose stories these are; `None` for the feed of every story.
    pub term: Option<&'i Term>,
    /// Positions in [`SiteIndex::stories`], newest first.
    pub members: &'i [usize],
    pub pagination: Pagination,
}

impl List<'_> {
    /// The address of one of its pages.
    pub fn route(&self, page: Page) -> Route {
        match self.term {
            None => Route::Feed { page },
            Some(term) => Route::Tag {
                slug: term.tag.slug.clone(),
                page,
            },
        }
    }

    /// The stories on `page`, newest first.
    pub fn on_page(&self, page: Page) -> &[usize] {
        &self.members[self.pagination.range(page)]
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
                        tag: tag.clone(),
                        members: Vec::new(),
                    })
                    .members
                    .push(k);
            }
        }
        SiteIndex {
            config,
            every: (0..stories.len()).collect(),
            stories,
            tags: tags.into_values().collect(),
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

    /// Every list of the site: the feed, then each tag's (by slug).
    pub fn lists(&self) -> impl Iterator<Item = List<'_>> {
        std::iter::once(self.feed()).chain(self.tags.iter().map(|term| self.tag_list(term)))
    }

    /// A tag's stories.
    pub fn tag_list<'i>(&'i self, term: &'i Term) -> List<'i> {
        List {
            term: Some(term),
            members: &term.members,
            pagination: Pagination::new(term.members.len(), self.page_size()),
        }
    }

    /// Every page of the site, in the sitemap's order: the feed's pages, the tag index, each
    /// tag's pages (by slug), the stories (newest first), then the search page.
    pub fn pages(&self) -> Vec<PageEntry> {
        let mut pages = self.list_pages(self.feed());
        pages.push(PageEntry {
            route: Route::Tags,
            last_changed: self.last_changed(&self.every),
        });
        for term in &self.tags {
            pages.extend(self.list_pages(self.tag_list(term)));
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

    /// The pages of a list, each dated by its newest story (the front page by today when
    /// there is none).
    fn list_pages(&self, list: List<'_>) -> Vec<PageEntry> {
        list.pagination
            .all()
            .map(|page| {
                let route = list.route(page);
                let newest = self.last_changed(list.on_page(page));
                PageEntry {
                    last_changed: newest.or((route == Route::HOME).then_some(self.today)),
                    route,
                }
            })
            .collect()
    }

    /// The newest change among these stories.
    fn last_changed(&self, members: &[usize]) -> Option<Date> {
        members
            .iter()
            .map(|&k| self.stories[k].last_changed())
            .max()
    }
}
