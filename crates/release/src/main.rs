//! `release`: builds the release of a content folder (see [`krasa_release::pipeline`]).
//! `scripts/release` builds this program with press and the prerenderer and runs it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use krasa_release::pipeline::{build, Plan, Target};

/// Builds the release of a content folder: the app, press, the prerenderer, the search index,
/// then publishes it, keeping what did not change.
#[derive(Parser)]
#[command(name = "release", version)]
struct Args {
    /// The content folder (site.toml and articles/).
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// The release folder to build or update.
    #[arg(
        long,
        required_unless_present = "in_place",
        conflicts_with = "in_place"
    )]
    out: Option<PathBuf>,
    /// A folder that already holds the app (Trunk's staging folder): finish it in place.
    #[arg(long)]
    in_place: Option<PathBuf>,
    /// The path the site is deployed under (`/`, or e.g. `/news/`).
    #[arg(long, default_value = "/")]
    public_url: String,
    /// The project folder (its sources build the app; its scripts/search-index runs Pagefind).
    #[arg(long, default_value = ".")]
    project: PathBuf,
}

fn main() -> ExitCode {
    let started = Instant::now();
    let a = Args::parse();
    let tools = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(PathBuf::from))
        .unwrap_or_default();
    let (target, shown) = match (a.out, a.in_place) {
        (Some(out), _) => (Target::Release(out.clone()), out),
        (None, Some(folder)) => (Target::InPlace(folder.clone()), folder),
        (None, None) => {
            eprintln!("release: error: give --out <folder> or --in-place <folder>");
            return ExitCode::from(2);
        }
    };
    let plan = Plan {
        project: a.project,
        content: a.content,
        public_url: a.public_url,
        target,
        tools,
    };
    match build(&plan) {
        Ok(p) => {
            eprintln!(
                "release: published {}: {} files written, {} unchanged, {} removed in {:.1} s",
                shown.display(),
                p.written,
                p.unchanged,
                p.removed,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("release: error: {e}");
            ExitCode::FAILURE
        }
    }
}
