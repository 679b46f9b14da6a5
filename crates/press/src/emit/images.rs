//! The pictures' files in the site root (`images/`): every width and format of each image a
//! published story shows, and the share crops of lead images ([`crate::images::encode`]).
//! A file's name carries the hash of its source and of the code that makes it, so a file
//! the previous release holds under the same name is the same file: it is hard-linked, and
//! a source whose files all exist is not even decoded. An incremental release after a text
//! edit encodes nothing. For the same reason a folder of files made before (the image
//! cache, `target/image-cache` for `scripts/release` and `scripts/serve`) can serve any
//! build: a fresh release folder, or the preview rebuilt at every save.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::error::PressError;
use crate::images::encode::{self, Format, Output};
use crate::images::probe::{Kind, Source};
use crate::images::{picture_of, CropKind};
use crate::index::SiteIndex;
use krasa_release::files::{link_file, write_file};
use krasa_release::inputs;
use krasa_release::manifest::{inputs_digest, Previous};

/// The files to make of one source.
#[derive(Debug, Clone)]
pub struct Job {
    pub source: Arc<Source>,
    /// Each file (relative to the site root) and what it is.
    pub files: Vec<(String, Output)>,
}

/// Every file of every picture the published stories show, one job per source.
pub fn jobs(index: &SiteIndex<'_>) -> Vec<Job> {
    let mut by_source: BTreeMap<String, Job> = BTreeMap::new();
    let mut add = |source: &Arc<Source>, files: Vec<(String, Output)>| {
        let job = by_source
            .entry(picture_of(source).stem)
            .or_insert_with(|| Job {
                source: Arc::clone(source),
                files: Vec::new(),
            });
        for file in files {
            if !job.files.iter().any(|(name, _)| *name == file.0) {
                job.files.push(file);
            }
        }
    };
    for story in &index.stories {
        for source in &story.rendered.images {
            add(source, picture_files(source));
        }
        if let Some(lead) = &story.lead {
            add(&lead.source, picture_files(&lead.source));
            let crops = crate::images::crops_of(&lead.source, lead.focus);
            if let Some(c) = crops {
                let crop = |kind, file: String| {
                    (
                        file,
                        Output::Crop {
                            kind,
                            focus: lead.focus,
                        },
                    )
                };
                add(
                    &lead.source,
                    vec![
                        crop(CropKind::Card, c.card.src),
                        crop(CropKind::Wide, c.wide.src),
                        crop(CropKind::Square, c.square.src),
                    ],
                );
            }
        }
    }
    by_source.into_values().collect()
}

/// The files of a source's picture: each width in AVIF, WebP and its fallback; an SVG as it
/// is.
fn picture_files(source: &Source) -> Vec<(String, Output)> {
    let picture = picture_of(source);
    if matches!(source.kind, Kind::Svg) {
        return vec![(picture.src(), Output::Copy)];
    }
    let fallback = match picture.fallback {
        krasa_model::Fallback::Png => Format::Png,
        _ => Format::Jpg,
    };
    picture
        .widths
        .iter()
        .flat_map(|&width| {
            [Format::Avif, Format::Webp, fallback].map(|format| {
                (
                    picture.file(width, format.ext()),
                    Output::Width { width, format },
                )
            })
        })
        .collect()
}

/// What [`make_into`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    /// Files encoded (or copied) afresh.
    pub encoded: usize,
    /// Files taken from the previous release or the image cache.
    pub reused: usize,
    /// Sources decoded.
    pub decoded: usize,
    /// Time spent decoding and encoding, summed over the threads.
    pub busy: Duration,
}

impl Made {
    fn add(self, other: Made) -> Made {
        Made {
            encoded: self.encoded + other.encoded,
            reused: self.reused + other.reused,
            decoded: self.decoded + other.decoded,
            busy: self.busy + other.busy,
        }
    }
}

/// Where files made before may be found.
#[derive(Debug, Clone, Copy, Default)]
pub struct Earlier<'a> {
    /// The release this build replaces.
    pub previous: Option<&'a Previous>,
    /// The image cache: every file made, by its name.
    pub cache: Option<&'a Path>,
}

impl Earlier<'_> {
    /// A file made before under the name `file` (relative to the site root).
    fn find(&self, file: &str, inputs: &str) -> Option<PathBuf> {
        self.previous
            .and_then(|p| p.made_from(file, inputs))
            .or_else(|| {
                let cached = self.cache?.join(file_name(file));
                cached.is_file().then_some(cached)
            })
    }

    /// Keeps a file just made in the cache (best effort: the cache only saves time).
    fn keep(&self, root: &Path, file: &str) {
        if let Some(cache) = self.cache {
            let made = root.join(file);
            let kept = cache.join(file_name(file));
            if fs::create_dir_all(cache).is_ok() && fs::hard_link(&made, &kept).is_err() {
                // another file system: a copy, written whole before it gets its name
                let tmp = kept.with_extension("part");
                if fs::copy(&made, &tmp).is_ok() {
                    let _ = fs::rename(&tmp, &kept);
                }
            }
        }
    }
}

fn file_name(file: &str) -> &str {
    file.rsplit('/').next().unwrap_or(file)
}

/// Makes every job's files in the site root `root`, on all cores, recording what each was
/// made from in `log`; a file made before under the same name (`earlier`) is linked (or
/// copied) instead.
pub fn make_into(
    root: &Path,
    jobs: &[Job],
    earlier: Earlier<'_>,
    log: &inputs::Log,
) -> Result<Made, PressError> {
    jobs.par_iter()
        .map(|job| make_job(root, job, earlier, log))
        .try_reduce(Made::default, |a, b| Ok(a.add(b)))
}

/// Puts the file `existing` at `rel` in the site root: a hard link, else a copy.
fn place(existing: &Path, root: &Path, rel: &str) -> Result<(), PressError> {
    if link_file(existing, root, rel).is_ok() {
        return Ok(());
    }
    let bytes = fs::read(existing).map_err(crate::error::io(existing))?;
    Ok(write_file(root, rel, &bytes)?)
}

fn make_job(
    root: &Path,
    job: &Job,
    earlier: Earlier<'_>,
    log: &inputs::Log,
) -> Result<Made, PressError> {
    let mut made = Made::default();
    let mut missing = Vec::new();
    for (file, output) in &job.files {
        // the name carries the source's and the code's hash: the name is what it is made of
        let inputs = inputs_digest(&[file.as_bytes()]);
        log.record(file, &inputs);
        match earlier.find(file, &inputs) {
            Some(old) => {
                place(&old, root, file)?;
                made.reused += 1;
            }
            None => missing.push((file, output)),
        }
    }
    if missing.is_empty() {
        return Ok(made);
    }
    let started = Instant::now();
    let outputs: Vec<&Output> = missing.iter().map(|(_, o)| *o).collect();
    let bytes = encode::make(&job.source, &outputs)
        .map_err(|e| PressError::Image(format!("{}: {e}", job.source.path.display())))?;
    for ((file, _), bytes) in missing.iter().zip(bytes) {
        write_file(root, file, &bytes)?;
        earlier.keep(root, file);
        made.encoded += 1;
    }
    made.decoded += 1;
    made.busy += started.elapsed();
    Ok(made)
}
