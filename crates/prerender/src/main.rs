//! `prerender --dist <dir> [--public-url /news/] [--shell index.html] [--previous <release>]`:
//! writes an HTML page for every page press listed into a built folder (Trunk's staging
//! folder, or a release stage), using the data press published in `<dir>/data`. Trunk's
//! `index.html` is the shell; it becomes the prerendered front page. See [`prerender::site`].

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;
use prerender::site::{run, Options};

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

fn main() -> std::process::ExitCode {
    let started = Instant::now();
    let a = Args::parse();
    let options = Options {
        dist: a.dist,
        public_url: a.public_url,
        shell: a.shell,
        previous: a.previous,
        index_pages_only: a.index_pages_only,
    };
    match run(&options) {
        Ok(s) => {
            let into = options.index_pages_only.as_ref().unwrap_or(&options.dist);
            eprintln!(
                "prerender: wrote {} pages ({} articles) into {} in {:.2?}: {} rendered, {} unchanged",
                s.pages,
                s.articles,
                into.display(),
                started.elapsed(),
                s.rendered,
                s.reused
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prerender: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
