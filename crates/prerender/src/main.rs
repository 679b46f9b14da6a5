//! `prerender --dist <dir> [--public-url /news/] [--shell index.html] [--previous <release>]`:
//! writes an HTML page for every route of the site into a built folder (Trunk's staging
//! folder, from the post_build hook), using the data press published in `<dir>/data`. Trunk's
//! `index.html` is the shell; it becomes the prerendered front page.
//!
//! A page is made from the shell, `site.json`, the public URL, this program and the route's
//! data file, nothing else. The digest of the first four is recorded in [`RECORD`]. With
//! `--previous`, when the release's record matches, a page whose data file press kept (the
//! release's own file, hard-linked because its bytes had not changed) is taken from the
//! release as a hard link instead of rendered again; so a rebuild after one story changed
//! renders the few pages that story is on.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Parser;
use krasa::links::Base;
use krasa::prerender::{render, PageSpec, SiteContext};
use krasa_model::paths::{self, DATA_DIR};
use krasa_model::{PageList, Resolved, Route};
use prerender::shell::Shell;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Writes an HTML page for every page press listed into a built site folder.
#[derive(Parser)]
#[command(name = "prerender", version)]
struct Args {
    /// The built site folder (Trunk's staging folder, or a release stage) holding `data/`.
    #[arg(long)]
    dist: PathBuf,
    /// The path the site is deployed under (`/`, or e.g. `/news/`).
    #[arg(long, default_value = "/")]
    public_url: String,
    /// Trunk's index.html, when it is not (or no longer) `<dist>/index.html`.
    #[arg(long, conflicts_with = "index_pages_only")]
    shell: Option<PathBuf>,
    /// Write only the article pages, for the search index, into this folder.
    #[arg(long)]
    index_pages_only: Option<PathBuf>,
    /// The release this build replaces: its pages are reused where nothing they are made
    /// from changed.
    #[arg(long)]
    previous: Option<PathBuf>,
}

/// The file (at the site root) recording what every page was rendered from, besides its
/// data file.
const RECORD: &str = ".krasa-pages";

/// The bytes of the data file `rel`.
fn read_data(dist: &Path, rel: &str) -> Result<Vec<u8>> {
    let path = dist.join(DATA_DIR).join(rel);
    fs::read(&path).with_context(|| format!("reading {}", path.display()))
}

fn read_json(dist: &Path, rel: &str) -> Result<Value> {
    let path = dist.join(DATA_DIR).join(rel);
    serde_json::from_slice(&read_data(dist, rel)?)
        .with_context(|| format!("parsing {}", path.display()))
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("prerender: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Every page of the site: exactly the pages press listed (`pages.json`, each address
/// read back by the model's one URL scheme), then the not-found page (`None`). Only the
/// addresses: each page's data is read when it is rendered ([`spec`]), so memory does not
/// grow with the archive.
fn pages(dist: &Path) -> Result<Vec<Option<Route>>> {
    let list: PageList = serde_json::from_slice(&read_data(dist, &paths::pages_json())?)
        .context("parsing the page list (pages.json)")?;
    let mut pages = Vec::with_capacity(list.pages.len() + 1);
    for path in &list.pages {
        match Route::resolve(path) {
            Resolved::Page(route) => pages.push(Some(route)),
            _ => bail!("pages.json lists `{path}`, which is not the address of a page"),
        }
    }
    pages.push(None);
    Ok(pages)
}

/// A page with its data file read.
fn spec(dist: &Path, route: &Option<Route>) -> Result<PageSpec> {
    let data = match route.as_ref().and_then(Route::data_file) {
        Some(rel) => read_json(dist, &rel)?,
        None => Value::Null,
    };
    Ok(PageSpec {
        route: route.clone(),
        data,
    })
}

/// Trunk's index.html (`--shell`, else the one in `--dist`): its text.
fn trunk_index(a: &Args) -> Result<String> {
    let path = a.shell.clone().unwrap_or_else(|| a.dist.join("index.html"));
    fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
}

/// The digest of what every page is made from besides its data file: the shell, the site's
/// settings, the public URL and this program.
fn inputs_digest(shell: &str, site_json: &[u8], public_url: &str) -> Result<String> {
    let exe = std::env::current_exe().context("finding the prerenderer's own file")?;
    let program = fs::read(&exe).with_context(|| format!("reading {}", exe.display()))?;
    let mut h = Sha256::new();
    for part in [shell.as_bytes(), site_json, public_url.as_bytes(), &program] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    Ok(format!("{:x}", h.finalize()))
}

/// The previous release whose pages can be reused: the one given, when its pages were
/// rendered from the same `digest`.
fn reusable_release(previous: Option<&Path>, digest: &str) -> Option<PathBuf> {
    let previous = previous?;
    let recorded = fs::read_to_string(previous.join(RECORD)).ok()?;
    (recorded.trim() == digest).then(|| previous.to_path_buf())
}

/// Whether the page of `route` in `previous` was rendered from the data file the stage has:
/// press kept the release's own file (a hard link) because its bytes had not changed.
fn data_unchanged(dist: &Path, previous: &Path, route: &Option<Route>) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    let Some(rel) = route.as_ref().and_then(Route::data_file) else {
        return true;
    };
    let file = |root: &Path| fs::metadata(root.join(DATA_DIR).join(&rel));
    match (file(dist), file(previous)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Puts `existing` at `path` as a hard link, replacing what is there.
fn link_over(existing: &Path, path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(e).with_context(|| format!("replacing {}", path.display()))
        }
        _ => {}
    }
    fs::hard_link(existing, path).with_context(|| format!("linking {}", path.display()))
}

/// What happened to a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Made {
    Rendered,
    /// Taken from the previous release.
    Reused,
}

/// Where the pages go and what they are wrapped in.
struct Output {
    shell: Shell,
    dir: PathBuf,
    /// The release whose pages can be reused, when its record matches.
    previous: Option<PathBuf>,
}

/// The output of this run: the site itself (recording what its pages are made from), or the
/// index-only pages of `--index-pages-only` (then `pages` keeps the articles alone).
fn output(a: &Args, site_json: &[u8], pages: &mut Vec<Option<Route>>) -> Result<Output> {
    if let Some(dir) = &a.index_pages_only {
        pages.retain(|p| matches!(p, Some(Route::Article { .. })));
        if dir.exists() {
            fs::remove_dir_all(dir).with_context(|| format!("emptying {}", dir.display()))?;
        }
        return Ok(Output {
            shell: Shell::for_search_index(),
            dir: dir.clone(),
            previous: None,
        });
    }
    let index = trunk_index(a)?;
    let shell = Shell::from_trunk(&index).context("reading the shell (index.html)")?;
    let digest = inputs_digest(&index, site_json, &a.public_url)?;
    fs::write(a.dist.join(RECORD), format!("{digest}\n")).context("writing the record")?;
    Ok(Output {
        shell,
        dir: a.dist.clone(),
        previous: reusable_release(a.previous.as_deref(), &digest),
    })
}

/// Writes the page of `route`: taken from the previous release when nothing it is made from
/// changed, else rendered.
fn make_page(dist: &Path, ctx: &SiteContext, out: &Output, route: &Option<Route>) -> Result<Made> {
    let file = PageSpec::file_of(route);
    let path = out.dir.join(&file);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    if let Some(old) = out.previous.as_deref() {
        let old_page = old.join(&file);
        if old_page.is_file() && data_unchanged(dist, old, route) {
            link_over(&old_page, &path)?;
            return Ok(Made::Reused);
        }
    }
    let spec = spec(dist, route)?;
    let rendered = render(ctx, &spec).with_context(|| format!("rendering {file}"))?;
    let html = out
        .shell
        .page(&rendered)
        .with_context(|| format!("writing {file}"))?;
    fs::write(&path, html).with_context(|| format!("writing {}", path.display()))?;
    Ok(Made::Rendered)
}

/// `make` for every item, on one worker per core (each page gets its own reactive owner in
/// `render`, so workers share nothing but the inputs).
fn on_all_cores<T: Sync>(
    items: &[T],
    make: impl Fn(&T) -> Result<Made> + Sync,
) -> Result<Vec<Made>> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(workers).max(1);
    let make = &make;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(make).collect::<Result<Vec<_>>>()))
            .collect();
        handles.into_iter().try_fold(Vec::new(), |mut all, h| {
            let part = h
                .join()
                .map_err(|_| anyhow::anyhow!("a render worker panicked"))??;
            all.extend(part);
            Ok(all)
        })
    })
}

fn run() -> Result<()> {
    let started = Instant::now();
    let a = Args::parse();
    let site_json = read_data(&a.dist, &paths::site_json())?;
    let ctx = SiteContext::new(
        serde_json::from_slice(&site_json).context("parsing site.json")?,
        Base::new(&a.public_url),
    )?;
    let mut pages = pages(&a.dist)?;
    let out = output(&a, &site_json, &mut pages)?;
    let made = on_all_cores(&pages, |route| make_page(&a.dist, &ctx, &out, route))?;
    let articles = pages
        .iter()
        .filter(|p| matches!(p, Some(Route::Article { .. })))
        .count();
    let reused = made.iter().filter(|m| **m == Made::Reused).count();
    eprintln!(
        "prerender: wrote {} pages ({articles} articles) into {} in {:.2?}: {} rendered, {reused} unchanged",
        pages.len(),
        out.dir.display(),
        started.elapsed(),
        pages.len() - reused,
    );
    Ok(())
}
