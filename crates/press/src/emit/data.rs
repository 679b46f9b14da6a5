//! The data emitter: the JSON files the app reads (`data/`): the site's settings, every page
//! of every list, the tag index, each story with its author and related stories, and the page
//! list the prerenderer renders.

use krasa_model::{
    paths, related, Article, Correction, ListPage, NavLink, PageList, Route, Site, TagIndex,
    TagInfo, DATA_VERSION,
};
use rayon::prelude::*;

use crate::error::PressError;
use crate::index::{List, SiteIndex, Subject};
use crate::sink::Sink;
use crate::story::Story;

fn json<T: serde::Serialize>(v: &T) -> Vec<u8> {
    // Serializing our own plain data types cannot fail.
    serde_json::to_vec(v).unwrap_or_default()
}

/// Every data file of the site into `sink`, in parallel where it can.
pub fn emit(index: &SiteIndex<'_>, sink: &dyn Sink) -> Result<Site, PressError> {
    let site = site(index);
    sink.data(paths::site_json(), json(&site))?;
    sink.data(paths::tags_json(), json(&tag_index(index)))?;
    let lists: Vec<List<'_>> = index.lists().collect();
    lists
        .par_iter()
        .try_for_each(|list| emit_list(index, *list, sink))?;
    emit_stories(index, sink)?;
    let pages = PageList {
        version: DATA_VERSION,
        pages: index.pages().iter().map(|p| p.route.path()).collect(),
    };
    sink.data(paths::pages_json(), json(&pages))?;
    Ok(site)
}

/// `site.json`: the settings every page shows, and the header's navigation: the latest
/// stories, each section, and the tags.
fn site(index: &SiteIndex<'_>) -> Site {
    let config = index.config;
    let nav = |label: &str, route: Route| NavLink {
        label: label.into(),
        path: route.path(),
    };
    let sections = config
        .sections
        .iter()
        .map(|s| nav(&s.name, Route::section(&s.slug)));
    Site {
        version: DATA_VERSION,
        title: config.title.clone(),
        tagline: config.tagline.clone(),
        base_url: config.base_url.clone(),
        language: config.language.clone(),
        page_size: config.page_size,
        nav: std::iter::once(nav("Latest", Route::HOME))
            .chain(sections)
            .chain([nav("Tags", Route::Tags)])
            .collect(),
    }
}

/// Every page of one list: the latest page and every archive page.
fn emit_list(index: &SiteIndex<'_>, list: List<'_>, sink: &dyn Sink) -> Result<(), PressError> {
    let pagination = list.pagination;
    list.pages().into_iter().try_for_each(|page| {
        let file = list.route(page).data_file().unwrap_or_default();
        let mut data = ListPage {
            version: DATA_VERSION,
            tag: None,
            section: None,
            author: None,
            series: None,
            page,
            total_items: (page == krasa_model::Page::Latest).then_some(list.members.len() as u32),
            older: pagination.older(page),
            newer: pagination.newer(page),
            items: list
                .on_page(page)
                .iter()
                .map(|&k| index.stories[k].summary.clone())
                .collect(),
        };
        match list.term.map(|t| &t.subject) {
            None => {}
            Some(Subject::Tag(t)) => data.tag = Some(t.clone()),
            Some(Subject::Section(s)) => data.section = Some(s.clone()),
            Some(Subject::Author(a)) => data.author = Some(a.clone()),
            Some(Subject::Series(s)) => data.series = Some(s.clone()),
        }
        sink.data(file, json(&data))
    })
}

/// `tags.json`: every tag with its count, the most used first (then by name).
fn tag_index(index: &SiteIndex<'_>) -> TagIndex {
    let mut tags: Vec<TagInfo> = index
        .tags
        .iter()
        .filter_map(|term| match &term.subject {
            Subject::Tag(tag) => Some(TagInfo {
                name: tag.name.clone(),
                slug: tag.slug.clone(),
                count: term.members.len() as u32,
            }),
            _ => None,
        })
        .collect();
    tags.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    TagIndex {
        version: DATA_VERSION,
        tags,
    }
}

/// Each story with its author, corrections and related stories (ranked among the published
/// ones).
fn emit_stories(index: &SiteIndex<'_>, sink: &dyn Sink) -> Result<(), PressError> {
    let stories = &index.stories;
    let view: Vec<Ranked<'_>> = stories.iter().map(|s| Ranked(s)).collect();
    let by_tag = related::tag_index(&view);
    (0..stories.len()).into_par_iter().try_for_each(|k| {
        let story = stories[k];
        let article = Article {
            version: DATA_VERSION,
            summary: story.summary.clone(),
            body_html: with_series(index, k, &story.rendered.html),
            headings: story.rendered.headings.clone(),
            author_profile: index.author_of(story),
            corrections: story
                .meta
                .corrections
                .iter()
                .map(|c| Correction {
                    date: c.date.to_string(),
                    text: c.text.clone(),
                })
                .collect(),
            tutorial: story.meta.tutorial.clone(),
            related: related::rank_related(&view, k, &by_tag, 3)
                .into_iter()
                .map(|j| stories[j].summary.clone())
                .collect(),
        };
        let file = Route::article(&story.raw.slug)
            .data_file()
            .unwrap_or_default();
        sink.data(file, json(&article))
    })
}

/// A story's body with, when it is a part of a series, the series box before it ("Part 2 of
/// 3", every part, the current one marked) and the links to the previous and next parts
/// after it. The box carries the series as a search filter.
fn with_series(index: &SiteIndex<'_>, k: usize, body: &str) -> String {
    use krasa_model::escape_markup as esc;
    let Some(term) = index.series.iter().find(|t| t.members.contains(&k)) else {
        return body.to_string();
    };
    let Subject::Series(series) = &term.subject else {
        return body.to_string();
    };
    let at = term.members.iter().position(|&m| m == k).unwrap_or(0);
    let href = |m: usize| Route::article(&index.stories[m].raw.slug).relative();
    let title = |m: usize| esc(&index.stories[m].summary.title);
    let parts: String = term
        .members
        .iter()
        .enumerate()
        .map(|(n, &m)| {
            let n = n + 1;
            if m == k {
                format!("<li value=\"{n}\" aria-current=\"page\">{}</li>", title(m))
            } else {
                format!(
                    "<li value=\"{n}\"><a href=\"{}\">{}</a></li>",
                    href(m),
                    title(m)
                )
            }
        })
        .collect();
    let top = format!(
        "<nav class=\"series-box\" aria-labelledby=\"series-heading\" data-pagefind-ignore=\"\"><p id=\"series-heading\" class=\"series-title\">Part {} of {} in <a href=\"{}\" data-pagefind-filter=\"series\">{}</a></p><ol>{parts}</ol></nav>\n",
        at + 1,
        term.members.len(),
        Route::Series { slug: series.slug.clone() }.relative(),
        esc(&series.name),
    );
    let link = |m: usize, rel: &str, label: String| {
        format!("<a rel=\"{rel}\" href=\"{}\">{label}</a>", href(m))
    };
    let previous = at
        .checked_sub(1)
        .map(|p| {
            link(
                term.members[p],
                "prev",
                format!("← Part {}: {}", p + 1, title(term.members[p])),
            )
        })
        .unwrap_or_default();
    let next = term
        .members
        .get(at + 1)
        .map(|&m| link(m, "next", format!("Part {}: {} →", at + 2, title(m))))
        .unwrap_or_default();
    let bottom = format!(
        "<nav class=\"series-pager\" aria-label=\"{}, previous and next parts\" data-pagefind-ignore=\"\">{previous}{next}</nav>\n",
        esc(&series.name)
    );
    format!("{top}{body}{bottom}")
}

/// A story as the related ranking sees it: its tags.
struct Ranked<'a>(&'a Story);

impl related::Rankable for Ranked<'_> {
    fn tag_slugs(&self) -> &[String] {
        &self.0.tag_slugs
    }
}
