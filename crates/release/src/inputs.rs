//! How the steps of a build tell [`crate::publish`] what each output was made from: each
//! step that records inputs writes a log into the stage's [`FOLDER`] (one line per output:
//! `<inputs digest> <path>`), and publish reads them into the manifest and removes the folder
//! before the stage becomes the release. Every output of a release build is recorded, with
//! its inputs or as made ([`Log::made`]): a file of the stage no step recorded is one the
//! stage kept from the release before, and publish removes it.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::Mutex;

use crate::files::write_file;
use crate::manifest::NO_INPUTS;
use crate::{io, ReleaseError};

/// The folder of a stage that holds the steps' logs (never published).
pub const FOLDER: &str = ".krasa-inputs";

/// The inputs of the outputs one step made, collected from any thread.
#[derive(Debug, Default)]
pub struct Log(Mutex<Vec<(String, String)>>);

impl Log {
    /// Records that the output `rel` (relative to the site root) was made from `inputs`.
    pub fn record(&self, rel: &str, inputs: &str) {
        let mut lines = self.0.lock().unwrap_or_else(|e| e.into_inner());
        lines.push((rel.to_string(), inputs.to_string()));
    }

    /// Records that the output `rel` was made, from inputs the step does not name (its bytes
    /// are its identity: press's data files and feeds).
    pub fn made(&self, rel: &str) {
        self.record(rel, NO_INPUTS);
    }

    /// Writes the log of the step `step` into the stage `stage`.
    pub fn write(self, stage: &Path, step: Step) -> Result<(), ReleaseError> {
        let mut lines = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        lines.sort();
        let text: String = lines
            .iter()
            .map(|(rel, inputs)| format!("{inputs} {rel}\n"))
            .collect();
        write_file(stage, &format!("{FOLDER}/{}", step.name()), text.as_bytes())
    }
}

/// A step that records what its outputs were made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The app's files, made from its sources.
    App,
    /// press's data files, feeds, sitemaps and robots.txt.
    Press,
    /// The social cards press draws.
    Cards,
    /// The pictures' files press encodes.
    Images,
    /// The prerendered pages.
    Prerender,
    /// The search index.
    Search,
}

impl Step {
    /// In the order the steps run: where two record the same output (the app's shell, then
    /// the prerendered front page written over it), the later one's record is the output's.
    pub const IN_ORDER: [Step; 6] = [
        Step::App,
        Step::Press,
        Step::Cards,
        Step::Images,
        Step::Prerender,
        Step::Search,
    ];

    /// Its log's file name.
    fn name(self) -> &'static str {
        match self {
            Step::App => "app",
            Step::Press => "press",
            Step::Cards => "cards",
            Step::Images => "images",
            Step::Prerender => "prerender",
            Step::Search => "search",
        }
    }
}

/// Every output's inputs recorded in the stage by the steps (by path); empty without logs.
pub fn read_all(stage: &Path) -> Result<BTreeMap<String, String>, ReleaseError> {
    let mut all = BTreeMap::new();
    for step in Step::IN_ORDER {
        all.extend(read_step(stage, step)?);
    }
    Ok(all)
}

/// The inputs one step recorded (`step`), by path.
pub fn read_step(stage: &Path, step: Step) -> Result<BTreeMap<String, String>, ReleaseError> {
    let path = stage.join(FOLDER).join(step.name());
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(io(&path)(e)),
    };
    Ok(text
        .lines()
        .filter_map(|line| line.split_once(' '))
        .map(|(inputs, rel)| (rel.to_string(), inputs.to_string()))
        .collect())
}

/// Removes the logs from the stage.
pub fn remove(stage: &Path) -> Result<(), ReleaseError> {
    let dir = stage.join(FOLDER);
    match fs::remove_dir_all(&dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(&dir)(e)),
        _ => Ok(()),
    }
}
