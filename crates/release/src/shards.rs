//! How press tells the search step which story pages each search shard holds: a file in the
//! stage's [`inputs::FOLDER`] (never published), one line per story, `<shard id> <page>`,
//! newest shard first. The public list of shards is press's `data/search.json`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::files::write_file;
use crate::{inputs, io, ReleaseError};

/// The plan's file, relative to the stage.
fn file() -> String {
    format!("{}/search-shards", inputs::FOLDER)
}

/// A search shard and the pages (relative to the site root) it indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardPages {
    pub id: String,
    pub pages: Vec<String>,
}

/// Writes the plan into the stage.
pub fn write(stage: &Path, shards: &[ShardPages]) -> Result<(), ReleaseError> {
    let text: String = shards
        .iter()
        .flat_map(|s| s.pages.iter().map(move |p| format!("{} {p}\n", s.id)))
        .collect();
    write_file(stage, &file(), text.as_bytes())
}

/// The plan press wrote into the stage, in its order; none when press wrote none.
pub fn read(stage: &Path) -> Result<Vec<ShardPages>, ReleaseError> {
    let path = stage.join(file());
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&path)(e)),
    };
    let mut order: Vec<String> = Vec::new();
    let mut pages: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (id, page) in text.lines().filter_map(|l| l.split_once(' ')) {
        if !pages.contains_key(id) {
            order.push(id.to_string());
        }
        pages
            .entry(id.to_string())
            .or_default()
            .push(page.to_string());
    }
    Ok(order
        .into_iter()
        .map(|id| ShardPages {
            pages: pages.remove(&id).unwrap_or_default(),
            id,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_reads_back_in_its_order() {
        let dir = tempfile::tempdir().unwrap();
        let plan = vec![
            ShardPages {
                id: "2026-03".into(),
                pages: vec![
                    "articles/b/index.html".into(),
                    "articles/a/index.html".into(),
                ],
            },
            ShardPages {
                id: "2025-01".into(),
                pages: vec!["articles/c/index.html".into()],
            },
        ];
        write(dir.path(), &plan).unwrap();
        assert_eq!(read(dir.path()).unwrap(), plan);
        assert!(read(&dir.path().join("none")).unwrap().is_empty());
    }
}
