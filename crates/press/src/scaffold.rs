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

/// One of the names an article may give (a section for `category`, an author for
/// `author`), as the site declares them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub name: String,
    pub slug: String,
}

/// What `press new` asks for, and how the answer is chosen.
pub struct Question<'a> {
    /// `section` or `author`, for the prompt and the errors.
    pub what: &'a str,
    pub choices: Vec<Choice>,
    /// The answer given on the command line.
    pub given: Option<&'a str>,
    /// The answer when none is given and nobody can be asked.
    pub default: Option<&'a str>,
}

/// How an answer is asked for when none was given: `None` when nobody can answer (stdin is
/// not a terminal), else a prompt that returns the index of the chosen entry.
pub type Ask<'a> = Option<&'a dyn Fn(&str, &[String]) -> Option<usize>>;

/// The name chosen for `q`: the given one (by name or slug, in any case), else the answer
/// to the prompt, else the default. An unknown name is an error naming the closest one.
pub fn choose(q: &Question<'_>, ask: Ask<'_>) -> Result<String, PressError> {
    let listed = || {
        q.choices
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(given) = q.given {
        let wanted = given.trim().to_lowercase();
        if let Some(c) = q
            .choices
            .iter()
            .find(|c| c.name.to_lowercase() == wanted || c.slug == wanted)
        {
            return Ok(c.name.clone());
        }
        let hint = crate::diag::closest(given, q.choices.iter().map(|c| c.name.as_str()))
            .map(|n| format!(" Did you mean \"{n}\"?"))
            .unwrap_or_default();
        return Err(PressError::Usage(format!(
            "unknown {} \"{given}\".{hint} The site has: {}",
            q.what,
            listed()
        )));
    }
    if let Some(ask) = ask {
        let names: Vec<String> = q.choices.iter().map(|c| c.name.clone()).collect();
        if let Some(i) = ask(&format!("Which {}?", q.what), &names) {
            return Ok(names[i].clone());
        }
    }
    q.default
        .map(str::to_string)
        .or_else(|| q.choices.first().map(|c| c.name.clone()))
        .ok_or_else(|| PressError::Usage(format!("the site declares no {}", q.what)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections() -> Question<'static> {
        Question {
            what: "section",
            choices: ["News", "Tutorials"]
                .iter()
                .map(|n| Choice {
                    name: n.to_string(),
                    slug: n.to_lowercase(),
                })
                .collect(),
            given: None,
            default: None,
        }
    }

    #[test]
    fn a_given_name_or_slug_is_taken_in_any_case() {
        let q = Question {
            given: Some("tutorials"),
            ..sections()
        };
        assert_eq!(choose(&q, None).unwrap(), "Tutorials");
    }

    #[test]
    fn an_unknown_name_is_refused_with_the_closest() {
        let q = Question {
            given: Some("Tutorial"),
            ..sections()
        };
        let e = choose(&q, None).unwrap_err().to_string();
        assert!(e.contains("Did you mean \"Tutorials\"?"), "{e}");
        assert!(e.contains("News, Tutorials"), "{e}");
    }

    #[test]
    fn without_an_answer_the_prompt_then_the_default_decides() {
        let pick_second = |_: &str, _: &[String]| Some(1);
        assert_eq!(
            choose(&sections(), Some(&pick_second)).unwrap(),
            "Tutorials"
        );
        assert_eq!(choose(&sections(), None).unwrap(), "News");
    }
}
