//! The parse cache: a story's rendered body kept by the digest of everything rendering reads
//! (press's own program, the story's address, its body and where the body starts in its
//! file, whether code is highlighted), so that a build renders only the bodies whose source
//! changed (`press build --parse-cache <dir>`; the release keeps it in `target/parse-cache`).
//!
//! One JSON file per body, in a folder named for the program (`<dir>/<program digest>/`);
//! opening the cache removes the folders of other programs (named by 16 hex digits), whose
//! renderings may differ. Within one program the cache only grows (one file per state of a
//! body); deleting it is always safe. A
//! body that shows pictures or has problems is rendered every time: its rendering depends
//! on more than its text (the pictures' files), or reports what the editor must see. The
//! cache is only ever an aid: a file that cannot be read or written is rendered again.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{io, PressError};
use crate::render::{BodySpan, Rendered};

/// A folder of rendered bodies for this program.
#[derive(Debug)]
pub struct ParseCache {
    dir: PathBuf,
}

/// What a body was rendered from: the name of its file in the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BodyKey(String);

impl ParseCache {
    /// The cache in `root` for the running program (made if missing); other programs'
    /// renderings in it are removed.
    pub fn open(root: &Path) -> Result<ParseCache, PressError> {
        let exe = std::env::current_exe().map_err(|e| PressError::Usage(e.to_string()))?;
        let program = fs::read(&exe).map_err(io(&exe))?;
        let name = format!("{:x}", Sha256::digest(&program))[..16].to_string();
        fs::create_dir_all(root).map_err(io(root))?;
        for entry in fs::read_dir(root).map_err(io(root))?.flatten() {
            let other = entry.file_name().to_str().is_some_and(|n| {
                n != name && n.len() == 16 && n.bytes().all(|b| b.is_ascii_hexdigit())
            });
            if other {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        let dir = root.join(name);
        fs::create_dir_all(&dir).map_err(io(&dir))?;
        Ok(ParseCache { dir })
    }

    /// The body of the story at `page`, starting at `at` in its file: an earlier build's, or
    /// `render`ed now (and kept, when it may be).
    pub fn rendered(
        &self,
        page: &str,
        body: &str,
        at: &BodySpan,
        render: impl FnOnce() -> Rendered,
    ) -> Rendered {
        let key = ParseCache::key(page, body, at);
        self.get(&key).unwrap_or_else(|| {
            let rendered = render();
            self.put(&key, &rendered);
            rendered
        })
    }

    /// The key of a body of the story at `page`, starting at `at` in its file.
    fn key(page: &str, body: &str, at: &BodySpan) -> BodyKey {
        let highlighted = if crate::highlight::enabled() {
            "1"
        } else {
            "0"
        };
        let at = format!("{at:?}");
        let digest = krasa_release::manifest::inputs_digest(&[
            page.as_bytes(),
            body.as_bytes(),
            at.as_bytes(),
            highlighted.as_bytes(),
        ]);
        BodyKey(digest)
    }

    /// The body rendered from `key` by an earlier build, if kept.
    fn get(&self, key: &BodyKey) -> Option<Rendered> {
        let bytes = fs::read(self.path(key)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Keeps `rendered` under `key`, when it may be (see the module's notes).
    fn put(&self, key: &BodyKey, rendered: &Rendered) {
        if !rendered.images.is_empty() || !rendered.problems.is_empty() {
            return;
        }
        if let Ok(bytes) = serde_json::to_vec(rendered) {
            let _ = krasa_release::files::write_file(&self.dir, &ParseCache::rel(key), &bytes);
        }
    }

    /// Where the body of `key` is kept, inside the program's folder.
    fn rel(key: &BodyKey) -> String {
        format!("{}/{}.json", &key.0[..2], key.0)
    }

    fn path(&self, key: &BodyKey) -> PathBuf {
        self.dir.join(ParseCache::rel(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(html: &str) -> Rendered {
        Rendered {
            html: html.into(),
            word_count: 2,
            first_paragraph: "Two words.".into(),
            ..Rendered::default()
        }
    }

    #[test]
    fn a_body_is_kept_by_what_it_was_rendered_from() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("0123456789abcdef")).unwrap();
        fs::create_dir_all(dir.path().join("notes")).unwrap();
        let cache = ParseCache::open(dir.path()).unwrap();
        assert!(
            !dir.path().join("0123456789abcdef").exists(),
            "another program's renderings are removed"
        );
        assert!(dir.path().join("notes").exists(), "nothing else is");
        let at = BodySpan::Offset(40);
        let key = ParseCache::key("articles/a", "Two words.", &at);
        assert_eq!(cache.get(&key).map(|r| r.html), None);
        cache.put(&key, &rendered("<p>Two words.</p>"));
        let back = cache.get(&key).unwrap();
        assert_eq!(back.html, "<p>Two words.</p>");
        assert_eq!(back.word_count, 2);
        // any input differing is another key
        for other in [
            ParseCache::key("articles/b", "Two words.", &at),
            ParseCache::key("articles/a", "Two words!", &at),
            ParseCache::key("articles/a", "Two words.", &BodySpan::Offset(41)),
        ] {
            assert_ne!(other, key);
            assert!(cache.get(&other).is_none());
        }
    }

    #[test]
    fn bodies_with_problems_are_not_kept_and_a_broken_file_is_rendered_again() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ParseCache::open(dir.path()).unwrap();
        let key = ParseCache::key("articles/a", "[x](/articles/nope)", &BodySpan::Offset(0));
        let mut with_problem = rendered("<p>x</p>");
        with_problem
            .problems
            .push(crate::diag::warning(0, 0..1, "a warning"));
        cache.put(&key, &with_problem);
        assert!(cache.get(&key).is_none());
        cache.put(&key, &rendered("<p>x</p>"));
        fs::write(cache.path(&key), b"{ not json").unwrap();
        assert!(cache.get(&key).is_none());
    }
}
