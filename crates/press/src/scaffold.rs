//! `press new "<title>"`: start an article with its front matter filled in.

use std::fs;
use std::path::{Path, PathBuf};

use krasa_model::Date;

use crate::slug::slugify;

use crate::PressError;

pub struct NewArticle<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub category: &'a str,
    pub tags: &'a [String],
    pub date: Date,
}

/// Writes `<content>/articles/<slug>.md` as a draft and returns its path. Never overwrites.
pub fn new_article(content: &Path, a: &NewArticle<'_>) -> Result<PathBuf, PressError> {
    let slug = slugify(a.title);
    if slug.is_empty() {
        return Err(PressError::Usage(format!(
            "the title \"{}\" has no letters or digits to make a file name from",
            a.title
        )));
    }
    let dir = content.join("articles");
    fs::create_dir_all(&dir).map_err(|source| PressError::Io {
        path: dir.clone(),
        source,
    })?;
    let path = dir.join(format!("{slug}.md"));
    let tags = if a.tags.is_empty() {
        "\"AI\"".to_string()
    } else {
        a.tags
            .iter()
            .map(|t| format!("{:?}", t.trim()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = format!(
        "+++\ntitle = {title:?}\ndate = {date}\nauthor = {author:?}\ncategory = {category:?}\ntags = [{tags}]\nsummary = \"One or two sentences that sell the story.\"\ndraft = true\n+++\nThe opening paragraph: what happened and why a reader should care.\n\n## First section\n\nThe details, in short paragraphs.\n",
        title = a.title,
        date = a.date,
        author = a.author,
        category = a.category,
    );
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(PressError::Exists(path));
        }
        Err(source) => return Err(PressError::Io { path, source }),
    };
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|source| PressError::Io {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}
