//! The pictures' files in the site root (`images/`): every width and format of each image a
//! published story shows, and the share crops of lead images ([`crate::images::encode`]).
//! A file's name carries the hash of its source and of the code that makes it, so a file
//! the previous release holds under the same name is the same file: it is hard-linked, and
//! a source whose files all exist is not even decoded. An incremental release after a text
//! edit encodes nothing.

use std::collections::BTreeMap;
use std::path::Path;
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
    /// Files taken from the previous release.
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

/// Makes every job's files in the site root `root`, on all cores, recording what each was
/// made from in `log`; a file the `previous` release holds under the same name is linked
/// from it.
pub fn make_into(
    root: &Path,
    jobs: &[Job],
    previous: Option<&Previous>,
    log: &inputs::Log,
) -> Result<Made, PressError> {
    jobs.par_iter()
        .map(|job| make_job(root, job, previous, log))
        .try_reduce(Made::default, |a, b| Ok(a.add(b)))
}

fn make_job(
    root: &Path,
    job: &Job,
    previous: Option<&Previous>,
    log: &inputs::Log,
) -> Result<Made, PressError> {
    let mut made = Made::default();
    let mut missing = Vec::new();
    for (file, output) in &job.files {
        // the name carries the source's and the code's hash: the name is what it is made of
        let inputs = inputs_digest(&[file.as_bytes()]);
        log.record(file, &inputs);
        match previous.and_then(|p| p.made_from(file, &inputs)) {
            Some(old) => {
                link_file(&old, root, file)?;
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
        made.encoded += 1;
    }
    made.decoded += 1;
    made.busy += started.elapsed();
    Ok(made)
}
