//! The search index's shards (docs/architecture.md, search): the published stories split by
//! publication period, each shard a Pagefind bundle of its own that the release builds one
//! at a time (bounding its memory) and only when one of its stories changed. The newest
//! month is a shard alone, the *hot* shard, which new stories and most corrections go to, so
//! publishing them re-indexes one month. Before it, a shard holds consecutive months of one
//! year, as many as fit in `search_shard_size` stories (a month larger than that is a shard
//! alone); such a shard changes when one of its stories is edited or removed, or once, when
//! a new month begins and the hot month joins it.
//! Writes `data/search.json` (the shards, for the app) and hands the release the pages of
//! each shard ([`krasa_release::shards`]).

use krasa_model::{paths, Route, SearchShard, SearchShards, DATA_VERSION};
use krasa_release::manifest::inputs_digest;
use krasa_release::shards::ShardPages;
use rayon::prelude::*;

use crate::error::PressError;
use crate::index::SiteIndex;
use crate::sink::Sink;
use crate::story::Story;

/// One shard: its first and last month and its stories, newest first.
pub struct Shard<'a> {
    pub from: String,
    pub to: String,
    pub stories: Vec<&'a Story>,
}

/// `YYYY-MM` of a story.
fn month(story: &Story) -> String {
    let d = story.meta.date;
    format!("{:04}-{:02}", d.year, d.month)
}

/// The shards of the published stories, newest first.
pub fn shards<'a>(index: &SiteIndex<'a>) -> Vec<Shard<'a>> {
    let most = index.config.search_shard_size.max(1) as usize;
    // months, oldest first, each with its stories (newest first, as the index holds them)
    let mut months: Vec<(String, Vec<&'a Story>)> = Vec::new();
    for story in index.stories.iter().rev() {
        let m = month(story);
        match months.last_mut() {
            Some((last, stories)) if *last == m => stories.insert(0, story),
            _ => months.push((m, vec![story])),
        }
    }
    // the newest month is the hot shard, alone: most edits and every new story go there
    let hot = months.pop();
    let mut shards: Vec<Shard<'a>> = Vec::new();
    for (m, stories) in months {
        let joins = shards
            .last()
            .is_some_and(|s| s.from[..4] == m[..4] && s.stories.len() + stories.len() <= most);
        match shards.last_mut() {
            Some(shard) if joins => {
                let mut newer = stories;
                newer.append(&mut shard.stories);
                shard.stories = newer;
                shard.to = m;
            }
            _ => shards.push(Shard {
                from: m.clone(),
                to: m,
                stories,
            }),
        }
    }
    if let Some((m, stories)) = hot {
        shards.push(Shard {
            from: m.clone(),
            to: m,
            stories,
        });
    }
    shards.reverse();
    shards
}

/// The shard's tag: the digest of its stories' addresses, summaries and bodies (12 hex
/// digits), so it changes with anything its index holds (a change of the page's frame,
/// rarer, is caught by the browser's revalidation: the index's files are served `no-cache`).
fn tag(stories: &[&Story]) -> String {
    let summaries: Vec<Vec<u8>> = stories
        .iter()
        .map(|s| serde_json::to_vec(&s.summary).unwrap_or_default())
        .collect();
    let mut parts: Vec<&[u8]> = Vec::with_capacity(stories.len() * 3);
    for (story, summary) in stories.iter().zip(&summaries) {
        parts.extend([
            story.raw.slug.as_bytes(),
            summary,
            story.rendered.html.as_bytes(),
        ]);
    }
    inputs_digest(&parts)[..12].to_string()
}

/// `data/search.json` into `sink`; the pages of each shard, for the release's search step.
pub fn emit(index: &SiteIndex<'_>, sink: &dyn Sink) -> Result<Vec<ShardPages>, PressError> {
    let shards = shards(index);
    let public = SearchShards {
        version: DATA_VERSION,
        scope: index.config.search_scope,
        shards: shards
            .par_iter()
            .map(|s| SearchShard {
                id: s.from.clone(),
                to: s.to.clone(),
                stories: s.stories.len() as u32,
                tag: tag(&s.stories),
            })
            .collect(),
    };
    sink.data(
        paths::search_json(),
        serde_json::to_vec(&public).unwrap_or_default(),
    )?;
    Ok(shards
        .iter()
        .map(|s| ShardPages {
            id: s.from.clone(),
            pages: s
                .stories
                .iter()
                .map(|story| format!("{}index.html", Route::article(&story.raw.slug).relative()))
                .collect(),
        })
        .collect())
}
