//! The `press` command line: a thin shell over the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use press::{PressError, Selection};

#[derive(Parser)]
#[command(
    name = "press",
    version,
    about = "Compiles Krasa News articles into the published static data folder"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct Select {
    /// Publish articles marked `draft = true` too.
    #[arg(long)]
    drafts: bool,
    /// Publish articles dated after today too.
    #[arg(long)]
    future: bool,
    /// Treat this date (YYYY-MM-DD) as today when leaving out future articles.
    #[arg(long, value_parser = parse_date)]
    today: Option<krasa_model::Date>,
    /// Leave code blocks unhighlighted (to measure what highlighting costs).
    #[arg(long)]
    plain_code: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the content folder and report every problem; writes nothing.
    Check {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[command(flatten)]
        select: Select,
        /// One line per problem instead of source excerpts.
        #[arg(long)]
        short: bool,
    },
    /// Validate and write the published data folder (replaced atomically).
    Build {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[arg(long, default_value = "data")]
        out: PathBuf,
        /// Also write feeds (RSS, Atom, JSON Feed), sitemap.xml and robots.txt into this site
        /// root folder.
        #[arg(long)]
        root: Option<PathBuf>,
        /// The release this build will replace (with --root): social cards that would be
        /// drawn the same are taken from it instead of drawn again.
        #[arg(long, requires = "root")]
        previous: Option<PathBuf>,
        /// A folder of pictures' files made by earlier builds (with --root): a file found
        /// there by name is not encoded again, and files encoded now are kept there.
        #[arg(long, requires = "root")]
        image_cache: Option<PathBuf>,
        /// A folder of bodies rendered by earlier builds (with --root): a body whose source,
        /// address and press program are the same is not rendered again.
        #[arg(long, requires = "root")]
        parse_cache: Option<PathBuf>,
        /// The site root is a stage published whole afterwards (a release's): the data
        /// folder inside it is written in place instead of swapped in.
        #[arg(long, requires = "root")]
        stage: bool,
        /// The path the site is deployed under (for absolute URLs in feeds and the sitemap).
        #[arg(long, default_value = "/")]
        public_url: String,
        #[command(flatten)]
        select: Select,
        #[arg(long)]
        short: bool,
        /// Print only problems, no summary line.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Create a new article file (a draft) with its front matter filled in.
    New {
        title: String,
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The section (its name or slug, as site.toml declares it); asked for when not given
        /// and the terminal can answer, else the first section.
        #[arg(long, alias = "category")]
        section: Option<String>,
        /// Comma-separated tag names.
        #[arg(long, value_delimiter = ',')]
        tags: Vec<String>,
        /// The author (a name or slug from authors.toml); asked for when not given and the
        /// terminal can answer, else site.toml's default_author.
        #[arg(long)]
        author: Option<String>,
    },
    /// Write a synthetic content folder of N valid articles (for benchmarks and scale tests).
    Generate {
        #[arg(long)]
        count: usize,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// End each story with code blocks (for the highlighting benchmark).
        #[arg(long)]
        code_blocks: bool,
        /// Write with the old corpus's few dozen words, each as likely as the next, instead
        /// of a Zipf-distributed vocabulary with words per topic.
        #[arg(long)]
        uniform_words: bool,
    },
    /// Publish a built site folder: write a brotli (.br) and a gzip (.gz) copy beside every
    /// text file and the wasm, and the release manifest. With --into, the folder replaces that
    /// release in one step, keeping the release's unchanged files (and their times).
    Publish {
        /// The built site folder (Trunk's staging folder, or a release stage).
        stage: PathBuf,
        /// The release folder to replace.
        #[arg(long)]
        into: Option<PathBuf>,
    },
    /// Write the JSON Schemas of the published files.
    Schema {
        #[arg(long, default_value = "docs/schema")]
        out: PathBuf,
    },
}

fn parse_date(s: &str) -> Result<krasa_model::Date, String> {
    krasa_model::Date::parse(s).ok_or_else(|| format!("`{s}` is not a date like 2026-05-08"))
}

fn selection(s: &Select) -> Selection {
    press::highlight::set_enabled(!s.plain_code);
    Selection {
        include_drafts: s.drafts,
        include_future: s.future,
        today: s.today.unwrap_or_else(press::today::today),
        public_url: None,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("press: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, PressError> {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        Command::Check {
            content,
            select,
            short,
        } => {
            let started = Instant::now();
            let checked = press::check(&content, &selection(&select), None)?;
            print_report(&checked.report, short, color);
            let r = &checked.report;
            if r.has_errors() {
                return Err(PressError::Invalid {
                    errors: r.error_count(),
                    files: r.files_with_errors(),
                });
            }
            if let Some(o) = &checked.output {
                eprintln!(
                    "press: ok: {} articles, {} tags, {} files would be written, {} warning(s) ({:.2?})",
                    o.stats.articles, o.stats.tags, o.stats.files, r.warning_count(), started.elapsed()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Build {
            content,
            out,
            root,
            previous,
            image_cache,
            parse_cache,
            stage,
            public_url,
            select,
            short,
            quiet,
        } => {
            let started = Instant::now();
            let bar = progress_bar();
            let tick = |done: usize, total: usize| {
                if let Some(b) = &bar {
                    b.set_length(total as u64);
                    b.set_position(done as u64);
                }
            };
            let sel = Selection {
                public_url: root.as_ref().map(|_| public_url.clone()),
                ..selection(&select)
            };
            let checked = press::build(
                &content,
                &out,
                root.as_deref().map(|dir| press::SiteRoot {
                    dir,
                    previous: previous.as_deref(),
                    image_cache: image_cache.as_deref(),
                    parse_cache: parse_cache.as_deref(),
                    data_writes: if stage {
                        press::sink::DataWrites::InPlace
                    } else {
                        press::sink::DataWrites::Swapped
                    },
                }),
                &sel,
                bar.as_ref().map(|_| &tick as press::Progress<'_>),
            )?;
            if let Some(b) = &bar {
                b.finish_and_clear();
            }
            print_report(&checked.report, short, color);
            let r = &checked.report;
            if r.has_errors() {
                return Err(PressError::Invalid {
                    errors: r.error_count(),
                    files: r.files_with_errors(),
                });
            }
            if let (Some(o), false) = (&checked.output, quiet) {
                let s = &o.stats;
                let mut skipped = String::new();
                if s.drafts_skipped + s.future_skipped > 0 {
                    skipped = format!(
                        ", skipped {} draft(s) and {} future",
                        s.drafts_skipped, s.future_skipped
                    );
                }
                eprintln!(
                    "press: built {} articles, {} tags ({} files) into {} in {:.2?}{skipped}{}",
                    s.articles,
                    s.tags,
                    s.files,
                    out.display(),
                    started.elapsed(),
                    if r.warning_count() > 0 {
                        format!(", {} warning(s)", r.warning_count())
                    } else {
                        String::new()
                    }
                );
                if let Some(c) = checked.cards {
                    eprintln!(
                        "press: social cards: {} drawn, {} unchanged",
                        c.drawn, c.reused
                    );
                }
                if let Some(m) = checked.images {
                    eprintln!(
                        "press: images: {} files encoded from {} sources in {:.1} s of CPU, {} unchanged",
                        m.encoded,
                        m.decoded,
                        m.busy.as_secs_f64(),
                        m.reused
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::New {
            title,
            content,
            section,
            tags,
            author,
        } => {
            let settings = match press::settings(&content)? {
                Ok(settings) => settings,
                Err(report) => {
                    print_report(&report, false, color);
                    return Err(PressError::Invalid {
                        errors: report.error_count(),
                        files: report.files_with_errors(),
                    });
                }
            };
            let (category, author) =
                choose_byline(&settings, section.as_deref(), author.as_deref())?;
            let path = press::scaffold::new_article(
                &content,
                &press::scaffold::NewArticle {
                    title: &title,
                    author: &author,
                    category: &category,
                    tags: &tags,
                    date: press::today::today(),
                },
            )?;
            println!("{}", path.display());
            eprintln!(
                "press: created {} (a draft: set `draft = false` or remove the line to publish)",
                path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Publish { stage, into } => {
            let started = Instant::now();
            let p = krasa_release::publish::publish(&stage, into.as_deref())?;
            eprintln!(
                "press: published {}: {} files written, {} unchanged, {} removed in {:.2?}",
                into.as_ref().unwrap_or(&stage).display(),
                p.written,
                p.unchanged,
                p.removed,
                started.elapsed()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            count,
            out,
            seed,
            code_blocks,
            uniform_words,
        } => {
            let started = Instant::now();
            let words = if uniform_words {
                press::generate::Words::Uniform
            } else {
                press::generate::Words::Zipf
            };
            let extras = press::generate::Extras { code_blocks, words };
            press::generate::generate_with(&out, count, seed, extras)?;
            eprintln!(
                "press: generated {count} articles in {} in {:.2?}",
                out.display(),
                started.elapsed()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { out } => {
            std::fs::create_dir_all(&out).map_err(|source| PressError::Io {
                path: out.clone(),
                source,
            })?;
            for (name, text) in press::schema::schemas() {
                let path = out.join(name);
                std::fs::write(&path, text).map_err(|source| PressError::Io {
                    path: path.clone(),
                    source,
                })?;
                eprintln!("press: wrote {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn progress_bar() -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} rendering {pos}/{len} articles {wide_bar} {eta}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// The section and author of a new article: as given (checked against the site's), else
/// asked for on a terminal, else the first section and the default author.
fn choose_byline(
    settings: &press::Settings,
    section: Option<&str>,
    author: Option<&str>,
) -> Result<(String, String), PressError> {
    use press::scaffold::{choose, Choice, Question};
    let prompt = |question: &str, names: &[String]| {
        dialoguer::Select::new()
            .with_prompt(question)
            .items(names)
            .default(0)
            .interact_opt()
            .ok()
            .flatten()
    };
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let ask: press::scaffold::Ask<'_> = if interactive { Some(&prompt) } else { None };
    let section = choose(
        &Question {
            what: "section",
            choices: settings
                .config
                .sections
                .iter()
                .map(|s| Choice {
                    name: s.name.clone(),
                    slug: s.slug.clone(),
                })
                .collect(),
            given: section,
            default: None,
        },
        ask,
    )?;
    let author = choose(
        &Question {
            what: "author",
            choices: settings
                .authors
                .iter()
                .map(|a| Choice {
                    name: a.name.clone(),
                    slug: a.slug.clone(),
                })
                .collect(),
            given: author,
            default: settings.config.default_author.as_deref(),
        },
        ask,
    )?;
    Ok((section, author))
}

fn print_report(report: &press::diag::Report, short: bool, color: bool) {
    if report.problems().is_empty() {
        return;
    }
    if short {
        eprint!("{}", report.render_short());
    } else {
        eprint!("{}", report.render(color));
    }
}
