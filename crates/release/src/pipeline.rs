//! The release of a content folder, step by step (what `scripts/release` runs):
//!
//! 1. **app**: Trunk's release build of the reader app (wasm, JS, CSS, shell, public files),
//!    kept in `target/release-app/` under the digest of its sources and public URL, so it is
//!    built once per source state;
//! 2. **press**: content → `data/`, feeds, sitemaps, robots.txt and social cards;
//! 3. **prerender**: every page press listed, as HTML;
//! 4. **search**: the Pagefind index of the article pages;
//! 5. **publish**: compresses what changed, writes the manifest and swaps the stage in.
//!
//! Everything is built in a stage folder beside the release (`.<name>.stage`); a failed or
//! interrupted build leaves the release as it was. Each step that could redo work asks the
//! release's manifest whether its output is still the release's own ([`crate::manifest`]):
//! press for data files and cards, the prerenderer for pages, this module for the search
//! index. With `in_place`, steps 2 to 5 run in a folder that already holds the app (Trunk's
//! staging folder, from its post_build hook), without a previous release.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::files;
use crate::inputs::{self, Log, Step};
use crate::manifest::{inputs_digest, Previous};
use crate::publish::{publish, Published};
use crate::shards::{self, ShardPages};
use crate::{io, ReleaseError};

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The project: its sources (for the app) and its tools (`scripts/search-index`).
    pub project: PathBuf,
    pub content: PathBuf,
    /// The path the site is deployed under (`/`, or e.g. `/news/`).
    pub public_url: String,
    pub target: Target,
    /// Where `press` and `prerender` are (built beside this program).
    pub tools: PathBuf,
}

/// Where the release goes.
#[derive(Debug, Clone)]
pub enum Target {
    /// A release folder, built in a stage beside it and swapped in.
    Release(PathBuf),
    /// A folder that already holds the app (Trunk's staging folder), finished in place.
    InPlace(PathBuf),
}

/// Why a release could not be built (the release folder is then as it was).
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{step} failed ({status}); the release was left as it was")]
    StepFailed { step: &'static str, status: String },
    #[error("{tool} is missing: run scripts/setup ({why})")]
    MissingTool { tool: String, why: String },
    #[error("--public-url must start and end with / (got {0})")]
    PublicUrl(String),
    #[error("content folder {0} does not exist")]
    NoContent(PathBuf),
    #[error(transparent)]
    Files(#[from] ReleaseError),
}

/// The folder of the project that keeps every picture file press encoded, by its hashed
/// name (docs/images.md): a fresh release takes from it what an earlier one made.
pub const IMAGE_CACHE: &str = "target/image-cache";

/// The folder of the project that keeps the bodies press rendered (`press build
/// --parse-cache`).
pub const PARSE_CACHE: &str = "target/parse-cache";

/// The search index's folder in a release.
const SEARCH_DIR: &str = "pagefind";

/// Builds the release.
pub fn build(plan: &Plan) -> Result<Published, BuildError> {
    let built = build_steps(plan);
    if let Some(bar) = PROGRESS.get() {
        bar.finish_and_clear();
    }
    built
}

fn build_steps(plan: &Plan) -> Result<Published, BuildError> {
    let url = &plan.public_url;
    if !(url == "/" || (url.starts_with('/') && url.ends_with('/'))) {
        return Err(BuildError::PublicUrl(url.clone()));
    }
    if !plan.content.is_dir() {
        return Err(BuildError::NoContent(plan.content.clone()));
    }
    match &plan.target {
        Target::InPlace(folder) => {
            site_steps(plan, folder, None)?;
            step("publish", || Ok(publish(folder, None)?))
        }
        Target::Release(out) => {
            let app = step("app", || app(plan))?;
            let Stage { dir: stage, from } = stage_beside(out)?;
            let built = release_steps(plan, &app, &stage, out);
            if built.is_err() && from == StageStart::Leftover {
                // a state of the stage this build could not publish from: the next build
                // starts afresh instead of failing on it again
                let _ = files::remove_dir(&stage);
            }
            built
        }
    }
}

/// The app linked into `stage`, then press, the prerenderer, the search index and publish.
fn release_steps(
    plan: &Plan,
    app: &App,
    stage: &Path,
    out: &Path,
) -> Result<Published, BuildError> {
    let linked = step("stage", || Ok(link_tree(&app.dir, stage)?))?;
    log_app(stage, &linked, &app.fingerprint)?;
    let previous = out.is_dir().then_some(out);
    site_steps(plan, stage, previous)?;
    step("publish", || Ok(publish(stage, Some(out))?))
}

/// Press, the prerenderer and the search index, in `stage`.
fn site_steps(plan: &Plan, stage: &Path, previous: Option<&Path>) -> Result<(), BuildError> {
    let mut press = Command::new(plan.tools.join("press"));
    press
        .arg("build")
        .arg("--content")
        .arg(&plan.content)
        .arg("--out")
        .arg(stage.join("data"))
        .arg("--root")
        .arg(stage)
        .args(["--public-url", &plan.public_url])
        // pictures already encoded by any earlier build of this project, by hashed name
        .arg("--image-cache")
        .arg(plan.project.join(IMAGE_CACHE))
        // bodies rendered by an earlier build with the same press
        .arg("--parse-cache")
        .arg(plan.project.join(PARSE_CACHE))
        // the root is a stage, published whole: its data folder is written in place
        .arg("--stage");
    let mut prerender = Command::new(plan.tools.join("prerender"));
    prerender
        .arg("--dist")
        .arg(stage)
        .args(["--public-url", &plan.public_url]);
    if let Some(previous) = previous {
        press.arg("--previous").arg(previous);
        prerender.arg("--previous").arg(previous);
    }
    step("press", || run("press", &mut press))?;
    step("prerender", || run("prerender", &mut prerender))?;
    step("search index", || search_index(plan, stage, previous))
}

/// The app built for the plan's public URL: its folder and the digest of its sources.
struct App {
    dir: PathBuf,
    fingerprint: String,
}

/// Trunk's release build of the app, once per state of its sources and public URL.
fn app(plan: &Plan) -> Result<App, BuildError> {
    let fingerprint = app_fingerprint(&plan.project, &plan.public_url)?;
    let cache = plan.project.join("target/release-app");
    let url_key = &inputs_digest(&[plan.public_url.as_bytes()])[..12];
    let dir = cache.join(format!("{url_key}-{}", &fingerprint[..16]));
    if dir.is_dir() {
        eprintln!(
            "release: app unchanged since the last build ({})",
            dir.display()
        );
        return Ok(App { dir, fingerprint });
    }
    let tmp = cache.join(format!(".building-{}", std::process::id()));
    let mut trunk = Command::new("trunk");
    trunk
        .current_dir(&plan.project)
        .env("KRASA_APP_ONLY", "1")
        .args(["build", "--release", "--offline", "--public-url"])
        .arg(&plan.public_url)
        .arg("--dist")
        .arg(&tmp);
    run("trunk build --release", &mut trunk)?;
    // earlier builds for this public URL are stale now
    if let Ok(entries) = fs::read_dir(&cache) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(url_key) {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }
    fs::rename(&tmp, &dir).map_err(io(&dir))?;
    Ok(App { dir, fingerprint })
}

/// The digest of the app's sources (every file Trunk's build reads) and the public URL.
fn app_fingerprint(project: &Path, public_url: &str) -> Result<String, ReleaseError> {
    const SOURCES: [&str; 8] = [
        "index.html",
        "Trunk.toml",
        "Cargo.toml",
        "Cargo.lock",
        "src",
        "style",
        "public",
        "crates/model",
    ];
    let mut h = Sha256::new();
    for source in SOURCES {
        let walk = walkdir::WalkDir::new(project.join(source)).sort_by_file_name();
        for entry in walk {
            let entry = entry.map_err(|e| ReleaseError::Io {
                path: project.join(source),
                source: e.into(),
            })?;
            let path = entry.path();
            if !entry.file_type().is_file() || path.components().any(|c| c.as_os_str() == "target")
            {
                continue;
            }
            let bytes = fs::read(path).map_err(io(path))?;
            let rel = path.strip_prefix(project).unwrap_or(path);
            h.update(inputs_digest(&[rel.as_os_str().as_encoded_bytes(), &bytes]));
        }
    }
    h.update(format!("public-url {public_url}"));
    Ok(format!("{:x}", h.finalize()))
}

/// A stage folder beside `out`: the stage of a build that failed or was interrupted, else the
/// release before `out`, which the last publish kept whole, else an empty folder (a first
/// build). Any of them will do: the steps only ever rename and link files into a stage,
/// never write into one, so whatever a stage holds is whole files, and publish removes
/// those no step of this build made.
fn stage_beside(out: &Path) -> Result<Stage, ReleaseError> {
    let name = out
        .file_name()
        .ok_or_else(|| ReleaseError::NoFolder(out.to_path_buf()))?;
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
    let parent = parent.unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io(parent))?;
    let stage = parent.join(format!(".{}.stage", name.to_string_lossy()));
    // (the folders-only tree earlier versions kept there)
    files::remove_dir(&parent.join(format!(".{}.folders", name.to_string_lossy())))?;
    let from = if stage.is_dir() {
        StageStart::Leftover
    } else if files::reuse_spare(&files::spare_beside(out), &stage)? {
        StageStart::Spare
    } else {
        fs::create_dir(&stage).map_err(io(&stage))?;
        StageStart::Empty
    };
    Ok(Stage { dir: stage, from })
}

/// The folder a release is built in, and what it started from.
struct Stage {
    dir: PathBuf,
    from: StageStart,
}

/// What a stage held when a build started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StageStart {
    /// The stage of a build that failed or was interrupted.
    Leftover,
    /// The release before the current one.
    Spare,
    /// Nothing (a first build).
    Empty,
}

/// The files of the folder `from` put into `to` as hard links, over what `to` holds (no byte
/// is copied; nothing writes into a stage's files, which are replaced through renames).
/// Returns the files' paths.
fn link_tree(from: &Path, to: &Path) -> Result<Vec<String>, ReleaseError> {
    link_over(from, to, &HashMap::new())
}

/// A shard's bundle kept from the previous release (`from`) put into the stage's folder of
/// that shard (`to`), as [`link_tree`] does; the files `to` holds as the same files already
/// (a stage made from the spare: most of them) are told by the two folders' listings and
/// left as they are. Returns the files' paths.
fn keep_bundle(from: &Path, to: &Path) -> Result<Vec<String>, ReleaseError> {
    let held: HashMap<String, u64> = if to.is_dir() {
        files::list_tree(to)?.files.into_iter().collect()
    } else {
        HashMap::new()
    };
    link_over(from, to, &held)
}

/// Links the files of `from` into `to` on all cores, but those `held` (paths with inode
/// numbers) says `to` holds as the same file. Returns the files' paths.
fn link_over(
    from: &Path,
    to: &Path,
    held: &HashMap<String, u64>,
) -> Result<Vec<String>, ReleaseError> {
    let files = files::list_tree(from)?.files;
    files
        .par_iter()
        .filter(|(rel, inode)| held.get(rel) != Some(inode))
        .try_for_each(|(rel, _)| files::link_file(&from.join(rel), to, rel))?;
    Ok(files.into_iter().map(|(rel, _)| rel).collect())
}

/// Records the app's files as made from its sources.
fn log_app(stage: &Path, files: &[String], fingerprint: &str) -> Result<(), ReleaseError> {
    let log = Log::default();
    for rel in files {
        log.record(rel, fingerprint);
    }
    log.write(stage, Step::App)
}

/// The search index of the stage's article pages: the previous release's when it was made
/// from the same pages (their inputs, as the prerenderer recorded them) with the same
/// Pagefind, else built by `scripts/search-index`.
fn search_index(plan: &Plan, stage: &Path, previous: Option<&Path>) -> Result<(), BuildError> {
    let pages = inputs::read_step(stage, Step::Prerender)?;
    let pagefind = pagefind_version(&plan.project)?;
    let previous = previous.map(Previous::open);
    let log = Log::default();
    for shard in shards::read(stage)? {
        let dir = format!("{SEARCH_DIR}/{}", shard.id);
        let made = ShardRecord::of(&dir);
        let pages_digest = shard_inputs(&pagefind, &shard, &pages);
        let old = |file: &str, inputs: &str| {
            previous
                .as_ref()
                .filter(|p| p.made_from(file, inputs).is_some())
        };
        // its pages unchanged, or changed outside what the index reads (another story's
        // card among a page's related stories): the previous bundle is kept
        let mut text_digest = None;
        let mut kept = old(&made.pages_file, &pages_digest);
        if kept.is_none() {
            let text = shard_text(&pagefind, stage, &shard)?;
            kept = old(&made.text_file, &text);
            text_digest = Some(text);
        }
        let started = Instant::now();
        // (a stage made from the spare may hold files of another state of the shard: only the
        // files of this one are recorded, and publish removes the others)
        let files = match kept {
            Some(previous) => {
                let files = keep_bundle(&previous.dir.join(&dir), &stage.join(&dir))?;
                eprintln!("search-index: shard {}: unchanged, kept", shard.id);
                files
            }
            None => {
                let files = index_shard(plan, stage, &shard, &dir)?;
                eprintln!(
                    "search-index: shard {}: {} stories indexed in {:.1} s",
                    shard.id,
                    shard.pages.len(),
                    started.elapsed().as_secs_f64()
                );
                files
            }
        };
        // kept for unchanged pages: the text is the one the release recorded (reading every
        // page again to digest it would make a rebuild read the whole archive)
        let recorded = || {
            let entry = previous.as_ref()?.manifest.files.get(&made.text_file)?;
            entry.inputs.clone()
        };
        let text_digest = match text_digest.or_else(recorded) {
            Some(t) => t,
            None => shard_text(&pagefind, stage, &shard)?,
        };
        for file in files {
            let rel = format!("{dir}/{file}");
            let inputs = if rel == made.text_file {
                &text_digest
            } else {
                &pages_digest
            };
            log.record(&rel, inputs);
        }
    }
    Ok(log.write(stage, Step::Search)?)
}

/// The files of a shard's bundle that record what it was made from: its module the pages'
/// inputs ([`shard_inputs`]), its entry file the text the index reads ([`shard_text`]).
struct ShardRecord {
    pages_file: String,
    text_file: String,
}

impl ShardRecord {
    fn of(dir: &str) -> ShardRecord {
        ShardRecord {
            pages_file: format!("{dir}/pagefind.js"),
            text_file: format!("{dir}/pagefind-entry.json"),
        }
    }
}

/// What Pagefind reads of a shard's pages: each page from its searchable part on (not the
/// head, which names the app's files), without the parts that show other stories (the
/// related stories, the data embedded for the app), which change when another story does.
/// Read only when the pages' inputs changed.
fn shard_text(pagefind: &str, stage: &Path, shard: &ShardPages) -> Result<String, BuildError> {
    let mut h = Sha256::new();
    h.update(pagefind);
    h.update(&shard.id);
    for page in &shard.pages {
        let path = stage.join(page);
        let html = fs::read_to_string(&path).map_err(io(&path))?;
        h.update(page);
        h.update(indexed_text(&html));
    }
    Ok(format!("{:x}", h.finalize()))
}

/// An article page without its related stories and its embedded data, from the element
/// Pagefind indexes (`data-pagefind-body`) on, with the page's language (`<html lang>`):
/// Pagefind reads nothing before that element when no `data-pagefind-*` attribute is there,
/// so a new version of the app (other file names in the head) keeps every shard. A page
/// with such an attribute before it is read whole.
fn indexed_text(html: &str) -> String {
    const BODY: &str = "data-pagefind-body";
    let searchable = html
        .find(BODY)
        .and_then(|at| html[..at].rfind('<'))
        .filter(|&start| !html[..start].contains("data-pagefind-"));
    let mut text = match searchable {
        Some(start) => {
            let root = html.find("<html").and_then(|at| {
                let end = html[at..].find('>')?;
                Some(&html[at..=at + end])
            });
            format!("{}{}", root.unwrap_or_default(), &html[start..])
        }
        None => html.to_string(),
    };
    for (open, close) in [
        ("<section aria-labelledby=\"related-heading\"", "</section>"),
        ("<script id=\"krasa-data\"", "</script>"),
    ] {
        if let Some(start) = text.find(open) {
            if let Some(len) = text[start..].find(close) {
                text.replace_range(start..start + len + close.len(), "");
            }
        }
    }
    text
}

/// What a shard's index is made of: Pagefind's version, the shard, and each of its pages
/// with what the page was made from.
fn shard_inputs(pagefind: &str, shard: &ShardPages, pages: &BTreeMap<String, String>) -> String {
    let mut parts: Vec<&[u8]> = vec![pagefind.as_bytes(), shard.id.as_bytes()];
    for page in &shard.pages {
        parts.push(page.as_bytes());
        parts.push(pages.get(page).map_or(&b""[..], |i| i.as_bytes()));
    }
    inputs_digest(&parts)
}

/// Indexes one shard: its pages, hard-linked into a folder of their own (in the stage's
/// never-published inputs folder), given to Pagefind, whose bundle goes to `dir`. Returns the
/// bundle's files, relative to `dir`.
fn index_shard(
    plan: &Plan,
    stage: &Path,
    shard: &ShardPages,
    dir: &str,
) -> Result<Vec<String>, BuildError> {
    let site = stage.join(inputs::FOLDER).join("search-site");
    files::remove_dir(&site)?;
    for page in &shard.pages {
        files::link_file(&stage.join(page), &site, page)?;
    }
    // Pagefind writes into its files: those of a stage made from the spare may be links of
    // the published release's
    files::remove_dir(&stage.join(dir))?;
    let script = plan.project.join("scripts/search-index");
    run(
        "search index",
        Command::new(script).arg(&site).arg(stage.join(dir)),
    )?;
    fs::remove_dir_all(&site).map_err(io(&site))?;
    Ok(files_under(&stage.join(dir))?)
}

/// The files under `dir`, relative to it with `/` separators.
fn files_under(dir: &Path) -> Result<Vec<String>, ReleaseError> {
    let listing = files::list_tree(dir)?;
    Ok(listing.files.into_iter().map(|(rel, _)| rel).collect())
}

/// The installed Pagefind's version (its npm package).
fn pagefind_version(project: &Path) -> Result<String, BuildError> {
    let package = project.join("node_modules/pagefind/package.json");
    let text = fs::read_to_string(&package).map_err(|e| BuildError::MissingTool {
        tool: "Pagefind".into(),
        why: format!("{}: {e}", package.display()),
    })?;
    let version = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("\"version\":"))
        .map(|v| v.trim().trim_matches([',', '"']).to_string());
    version.ok_or_else(|| BuildError::MissingTool {
        tool: "Pagefind".into(),
        why: format!("no version in {}", package.display()),
    })
}

/// Runs a tool, its output passed on line by line above the progress line; a failure names
/// the step.
fn run(step: &'static str, command: &mut Command) -> Result<(), BuildError> {
    use std::io::BufRead as _;
    let program = command.get_program().to_string_lossy().into_owned();
    let missing = |e: std::io::Error| BuildError::MissingTool {
        tool: program.clone(),
        why: e.to_string(),
    };
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(missing)?;
    let out = child.stdout.take();
    let err = child.stderr.take();
    std::thread::scope(|scope| {
        if let Some(out) = out {
            scope.spawn(|| {
                std::io::BufReader::new(out)
                    .lines()
                    .map_while(Result::ok)
                    .for_each(|l| say(&l))
            });
        }
        if let Some(err) = err {
            std::io::BufReader::new(err)
                .lines()
                .map_while(Result::ok)
                .for_each(|l| say(&l));
        }
    });
    let status = child.wait().map_err(missing)?;
    if status.success() {
        Ok(())
    } else {
        Err(BuildError::StepFailed {
            step,
            status: status.to_string(),
        })
    }
}

/// A line of output, above the progress line when there is one.
fn say(line: &str) {
    match PROGRESS.get().filter(|bar| !bar.is_hidden()) {
        Some(bar) => bar.println(line),
        None => eprintln!("{line}"),
    }
}

/// The progress line of the step running (on a terminal only).
static PROGRESS: std::sync::OnceLock<ProgressBar> = std::sync::OnceLock::new();

/// Runs one step under a progress line: a spinner with the step's name and time on a
/// terminal (the tools' own output printed above it), plain `release: <step>` and
/// `release:   <seconds> s` lines elsewhere.
fn step<T>(name: &str, work: impl FnOnce() -> Result<T, BuildError>) -> Result<T, BuildError> {
    let started = Instant::now();
    let bar = PROGRESS.get_or_init(|| {
        if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            ProgressBar::new_spinner()
        } else {
            ProgressBar::hidden()
        }
    });
    if bar.is_hidden() {
        eprintln!("release: {name}");
    } else {
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
            bar.set_style(style);
        }
        bar.reset_elapsed();
        bar.set_message(name.to_string());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
    }
    let result = work();
    let took = started.elapsed().as_secs_f64();
    if bar.is_hidden() {
        eprintln!("release:   {took:.1} s");
    } else {
        bar.println(format!("✓ {name} ({took:.1} s)"));
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_index_reads_leaves_out_other_stories_cards_and_the_embedded_data() {
        let page = |related: &str, data: &str| {
            format!("<main><article>Story text.</article><section aria-labelledby=\"related-heading\" class=\"related\"><h2>Related</h2>{related}</section></main><script id=\"krasa-data\" type=\"application/json\">{data}</script></body>")
        };
        let a = indexed_text(&page("<p>Card: 3 minute read</p>", "{\"a\":1}"));
        let b = indexed_text(&page("<p>Card: 4 minute read</p>", "{\"a\":2}"));
        assert_eq!(a, b);
        assert_eq!(a, "<main><article>Story text.</article></main></body>");
        assert_ne!(
            a,
            indexed_text(&page("", "").replace("Story text", "Edited text"))
        );
    }

    #[test]
    fn a_kept_bundle_is_the_previous_releases_files_whatever_the_stage_held() {
        use std::os::unix::fs::MetadataExt as _;
        let dir = tempfile::tempdir().unwrap();
        let (from, to) = (dir.path().join("release"), dir.path().join("stage"));
        for (rel, text) in [
            ("entry.json", "1"),
            ("index/a.pf", "2"),
            ("index/b.pf", "3"),
        ] {
            files::write_file(&from, rel, text.as_bytes()).unwrap();
        }
        // the stage (from the spare): one file the same, one an older state, one stale
        files::link_file(&from.join("entry.json"), &to, "entry.json").unwrap();
        files::write_file(&to, "index/a.pf", b"older").unwrap();
        files::write_file(&to, "index/old.pf", b"stale").unwrap();
        let mut kept = keep_bundle(&from, &to).unwrap();
        kept.sort();
        assert_eq!(kept, ["entry.json", "index/a.pf", "index/b.pf"]);
        let inode = |p: PathBuf| fs::metadata(p).unwrap().ino();
        for rel in &kept {
            assert_eq!(inode(to.join(rel)), inode(from.join(rel)), "{rel}");
        }
        assert!(
            to.join("index/old.pf").exists(),
            "not its to remove: publish removes what no step recorded"
        );
    }

    #[test]
    fn what_the_index_reads_starts_at_the_searchable_element_with_the_language() {
        let page = |lang: &str, head: &str, body: &str| {
            format!("<!doctype html><html lang=\"{lang}\"><head>{head}</head><body><nav>Menu</nav><article data-pagefind-body=\"\">{body}</article></body></html>")
        };
        let app_1 = page("en", "<script src=\"/app-1.js\"></script>", "Story text.");
        let app_2 = page("en", "<script src=\"/app-2.js\"></script>", "Story text.");
        assert_eq!(
            indexed_text(&app_1),
            indexed_text(&app_2),
            "a new app version keeps the shards"
        );
        assert_eq!(
            indexed_text(&app_1),
            "<html lang=\"en\"><article data-pagefind-body=\"\">Story text.</article></body></html>"
        );
        assert_ne!(
            indexed_text(&app_1),
            indexed_text(&page(
                "de",
                "<script src=\"/app-1.js\"></script>",
                "Story text."
            )),
            "the language is read"
        );
        assert_ne!(
            indexed_text(&app_1),
            indexed_text(&page("en", "", "Edited text."))
        );
        let meta_before = page(
            "en",
            "<meta data-pagefind-meta=\"image[content]\" content=\"/a.png\">",
            "Story text.",
        );
        assert_eq!(
            indexed_text(&meta_before),
            meta_before,
            "what Pagefind reads before the element is kept"
        );
    }
}
