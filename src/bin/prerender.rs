//! `prerender --dist <dir> [--public-url /news/] [--shell index.html]`: writes an HTML page
//! for every route of the site into a built folder (Trunk's staging folder, from the
//! post_build hook), using the data press published in `<dir>/data`. Trunk's `index.html` is
//! the shell; it becomes the prerendered front page.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use krasa::links::Base;
use krasa::prerender::{render, PageSpec, Shell, SiteContext};
use krasa_model::paths::{self, DATA_DIR};
use krasa_model::{Page, Route, TagIndex};
use serde_json::Value;

struct Args {
    dist: PathBuf,
    public_url: String,
    /// Trunk's index.html, when it is not (or no longer) `<dist>/index.html`.
    shell: Option<PathBuf>,
    /// Write only the article pages, for the search index, into this folder.
    index_pages_only: Option<PathBuf>,
}

const USAGE: &str = "usage: prerender --dist <built site folder> [--public-url /sub/path/] \
     [--shell index.html | --index-pages-only <folder>]";

fn args() -> Result<Args> {
    let mut dist = None;
    let mut public_url = "/".to_string();
    let mut shell = None;
    let mut index_pages_only = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--dist" => dist = it.next().map(PathBuf::from),
            "--public-url" => public_url = it.next().context("--public-url needs a value")?,
            "--shell" => shell = it.next().map(PathBuf::from),
            "--index-pages-only" => index_pages_only = it.next().map(PathBuf::from),
            "-h" | "--help" => bail!(USAGE),
            other => bail!("unknown argument `{other}`\n{USAGE}"),
        }
    }
    Ok(Args {
        dist: dist.context("--dist <folder> is required")?,
        public_url,
        shell,
        index_pages_only,
    })
}

fn read_json(dist: &Path, rel: &str) -> Result<Value> {
    let path = dist.join(DATA_DIR).join(rel);
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
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

/// Every page of the site: feed pages, the tag index, tag pages, articles, the search page
/// and the not-found page (`None`). Only the addresses: each page's data is read when it is
/// rendered ([`spec`]), so memory does not grow with the archive.
fn pages(dist: &Path) -> Result<Vec<Option<Route>>> {
    let mut pages = Vec::new();
    for page in list_pages(&dist.join(DATA_DIR).join("feed"))? {
        pages.push(Some(Route::Feed { page }));
    }
    let tags: TagIndex = serde_json::from_value(read_json(dist, &paths::tags_json())?)
        .context("reading tags.json")?;
    pages.push(Some(Route::Tags));
    for t in &tags.tags {
        let latest = dist
            .join(DATA_DIR)
            .join(paths::tag_page_json(&t.slug, Page::Latest));
        for page in list_pages(latest.parent().unwrap_or(dist))? {
            let slug = t.slug.clone();
            pages.push(Some(Route::Tag { slug, page }));
        }
    }
    let articles = dist.join(DATA_DIR).join("articles");
    let mut slugs: Vec<String> = fs::read_dir(&articles)
        .with_context(|| format!("listing {}", articles.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".json"))
                .map(str::to_string)
        })
        .collect();
    slugs.sort();
    pages.extend(slugs.iter().map(|slug| Some(Route::article(slug))));
    pages.push(Some(Route::Search));
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

/// The pages of a list whose data files are in `folder` (`latest.json`, `<n>.json`): the
/// latest page, then archive pages by number.
fn list_pages(folder: &Path) -> Result<Vec<Page>> {
    let mut pages: Vec<Page> = fs::read_dir(folder)
        .with_context(|| format!("listing {}", folder.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| paths::list_page_of_file(e.file_name().to_str()?))
        .collect();
    pages.sort_by_key(|p| match p {
        Page::Latest => 0,
        Page::Archive(n) => u64::from(*n) + 1,
    });
    Ok(pages)
}

/// Trunk's index.html (`--shell`, else the one in `--dist`) as the shell of every page.
fn trunk_shell(a: &Args) -> Result<Shell> {
    let path = a.shell.clone().unwrap_or_else(|| a.dist.join("index.html"));
    let index = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    Shell::from_trunk(&index).with_context(|| path.display().to_string())
}

fn run() -> Result<()> {
    let started = Instant::now();
    let a = args()?;
    let ctx = SiteContext::new(
        read_json(&a.dist, &paths::site_json())?,
        Base::new(&a.public_url),
    )?;
    let mut pages = pages(&a.dist)?;
    let (shell, out_dir) = match &a.index_pages_only {
        Some(dir) => {
            pages.retain(|p| matches!(p, Some(Route::Article { .. })));
            if dir.exists() {
                fs::remove_dir_all(dir).with_context(|| format!("emptying {}", dir.display()))?;
            }
            (Shell::for_search_index(), dir.clone())
        }
        None => (trunk_shell(&a)?, a.dist.clone()),
    };
    let page = |route: &Option<Route>| -> Result<()> {
        let spec = spec(&a.dist, route)?;
        let file = spec.file();
        let rendered = render(&ctx, &spec).with_context(|| format!("rendering {file}"))?;
        let html = shell
            .page(&rendered)
            .with_context(|| format!("writing {file}"))?;
        let out = out_dir.join(&file);
        if let Some(parent) = out.parent() {
            fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        fs::write(&out, html).with_context(|| format!("writing {}", out.display()))
    };
    // one worker per core, each with its own reactive owner per page (`render`)
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = pages.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = pages
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().try_for_each(page)))
            .collect();
        handles.into_iter().try_for_each(|h| {
            h.join()
                .map_err(|_| anyhow::anyhow!("a render worker panicked"))?
        })
    })?;
    let articles = pages
        .iter()
        .filter(|p| matches!(p, Some(Route::Article { .. })))
        .count();
    eprintln!(
        "prerender: wrote {} pages ({articles} articles) into {} in {:.2?}",
        pages.len(),
        out_dir.display(),
        started.elapsed()
    );
    Ok(())
}
