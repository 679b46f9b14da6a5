//! Prerendering a whole site: every page press listed (`data/pages.json`), then the
//! not-found page, rendered on all cores into the built folder.
//!
//! A page is made from the shell, `site.json`, the public URL, this program and its route's
//! data file, nothing else: the digest of those is its *inputs*, recorded for the release's
//! manifest ([`krasa_release::inputs`]). With a previous release, a page the release made
//! from the same inputs is hard-linked from it instead of rendered again; so a rebuild after
//! one story changed renders the few pages that story is on. A data file press kept (the
//! release's own, hard-linked) is not even read: its digest is the manifest's.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use krasa::links::Base;
use krasa::prerender::{render, PageSpec, SiteContext};
use krasa_model::paths::{self, DATA_DIR};
use krasa_model::{PageList, Resolved, Route};
use krasa_release::inputs;
use krasa_release::manifest::{inputs_digest, FileDigest, Previous};
use serde_json::Value;

use crate::shell::Shell;

/// What to prerender, and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The built site folder (Trunk's staging folder, or a release stage) holding `data/`.
    pub dist: PathBuf,
    /// The path the site is deployed under (`/`, or e.g. `/news/`).
    pub public_url: String,
    /// Trunk's index.html, when it is not (or no longer) `<dist>/index.html`.
    pub shell: Option<PathBuf>,
    /// Write only the article pages, for the search index of a debug build, into this
    /// folder (no shell, no record).
    pub index_pages_only: Option<PathBuf>,
    /// The release this build replaces.
    pub previous: Option<PathBuf>,
}

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub pages: usize,
    pub articles: usize,
    pub rendered: usize,
    /// Taken from the previous release.
    pub reused: usize,
}

/// Prerenders the site in `o.dist`.
pub fn run(o: &Options) -> Result<Summary> {
    let site_json = read_data(&o.dist, &paths::site_json())?;
    let ctx = SiteContext::new(
        serde_json::from_slice(&site_json).context("parsing site.json")?,
        Base::new(&o.public_url),
    )?;
    let mut pages = pages(&o.dist)?;
    let out = output(o, &site_json, &mut pages)?;
    let log = inputs::Log::default();
    let made = on_all_cores(&pages, |route| make_page(&ctx, &out, &log, route))?;
    if out.shared_inputs.is_some() {
        log.write(&o.dist, inputs::Step::Prerender)?;
    }
    let reused = made.iter().filter(|m| **m == Made::Reused).count();
    Ok(Summary {
        pages: pages.len(),
        articles: pages
            .iter()
            .filter(|p| matches!(p, Some(Route::Article { .. })))
            .count(),
        rendered: pages.len() - reused,
        reused,
    })
}

/// The bytes of the data file `rel`.
fn read_data(dist: &Path, rel: &str) -> Result<Vec<u8>> {
    let path = dist.join(DATA_DIR).join(rel);
    fs::read(&path).with_context(|| format!("reading {}", path.display()))
}

/// Every page of the site: exactly the pages press listed (`pages.json`, each address
/// read back by the model's one URL scheme), then the not-found page (`None`). Only the
/// addresses: each page's data is read when it is rendered, so memory does not grow with
/// the archive.
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

/// What happened to a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Made {
    Rendered,
    /// Taken from the previous release.
    Reused,
}

/// Where the pages go, what they are wrapped in, and what they are made from.
struct Output {
    shell: Shell,
    dir: PathBuf,
    /// The built folder whose `data/` the pages show.
    dist: PathBuf,
    /// The digest of what every page is made from besides its data file (none for the
    /// index-only pages, which are not part of a release).
    shared_inputs: Option<String>,
    previous: Option<Previous>,
}

/// The output of this run: the site itself, or the index-only pages of
/// `--index-pages-only` (then `pages` keeps the articles alone).
fn output(o: &Options, site_json: &[u8], pages: &mut Vec<Option<Route>>) -> Result<Output> {
    if let Some(dir) = &o.index_pages_only {
        pages.retain(|p| matches!(p, Some(Route::Article { .. })));
        if dir.exists() {
            fs::remove_dir_all(dir).with_context(|| format!("emptying {}", dir.display()))?;
        }
        return Ok(Output {
            shell: Shell::for_search_index(),
            dir: dir.clone(),
            dist: o.dist.clone(),
            shared_inputs: None,
            previous: None,
        });
    }
    let path = o.shell.clone().unwrap_or_else(|| o.dist.join("index.html"));
    let index = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let shell = Shell::from_trunk(&index).context("reading the shell (index.html)")?;
    let exe = std::env::current_exe().context("finding the prerenderer's own file")?;
    let program = fs::read(&exe).with_context(|| format!("reading {}", exe.display()))?;
    let shared = [
        index.as_bytes(),
        site_json,
        o.public_url.as_bytes(),
        &program,
    ];
    Ok(Output {
        shell,
        dir: o.dist.clone(),
        dist: o.dist.clone(),
        shared_inputs: Some(inputs_digest(&shared)),
        previous: o.previous.as_deref().map(Previous::open),
    })
}

/// A page's data file: its bytes when they had to be read, and their digest.
struct Data {
    bytes: Option<Vec<u8>>,
    sha256: String,
}

impl Output {
    /// The data file of `route` (none for search and the not-found page): its digest from
    /// the manifest when press kept the release's own file, else read.
    fn data(&self, route: &Option<Route>) -> Result<Option<Data>> {
        let Some(rel) = route.as_ref().and_then(Route::data_file) else {
            return Ok(None);
        };
        let in_release = format!("{DATA_DIR}/{rel}");
        let path = self.dist.join(&in_release);
        let kept = self
            .previous
            .as_ref()
            .and_then(|p| p.has_same_file(&in_release, &path));
        if let Some(digest) = kept {
            return Ok(Some(Data {
                bytes: None,
                sha256: digest.sha256.clone(),
            }));
        }
        let bytes = read_data(&self.dist, &rel)?;
        let sha256 = FileDigest::of(&bytes).sha256;
        Ok(Some(Data {
            bytes: Some(bytes),
            sha256,
        }))
    }
}

/// Writes the page of `route`: taken from the previous release when it was made from the
/// same inputs, else rendered.
fn make_page(
    ctx: &SiteContext,
    out: &Output,
    log: &inputs::Log,
    route: &Option<Route>,
) -> Result<Made> {
    let file = PageSpec::file_of(route);
    let path = out.dir.join(&file);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    let data = out.data(route)?;
    if let Some(shared) = &out.shared_inputs {
        let data_sha = data.as_ref().map_or("", |d| d.sha256.as_str());
        let inputs = inputs_digest(&[shared.as_bytes(), data_sha.as_bytes()]);
        log.record(&file, &inputs);
        if let Some(old) = out
            .previous
            .as_ref()
            .and_then(|p| p.made_from(&file, &inputs))
        {
            krasa_release::files::link_file(&old, &out.dir, &file)?;
            return Ok(Made::Reused);
        }
    }
    let data = match data {
        Some(Data {
            bytes: Some(bytes), ..
        }) => {
            serde_json::from_slice(&bytes).with_context(|| format!("parsing the data of {file}"))?
        }
        Some(Data { bytes: None, .. }) => {
            let rel = route
                .as_ref()
                .and_then(Route::data_file)
                .unwrap_or_default();
            serde_json::from_slice(&read_data(&out.dist, &rel)?)
                .with_context(|| format!("parsing {rel}"))?
        }
        None => Value::Null,
    };
    let spec = PageSpec {
        route: route.clone(),
        data,
    };
    let rendered = render(ctx, &spec).with_context(|| format!("rendering {file}"))?;
    let html = out
        .shell
        .page(&rendered)
        .with_context(|| format!("writing {file}"))?;
    // through a rename: the stage's index.html is a hard link to the app's build
    krasa_release::files::replace_file(&path, html.as_bytes())?;
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
