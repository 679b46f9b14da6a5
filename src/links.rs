//! In-app hrefs: the model's [`Route::path`] (the site's one URL scheme) under the deploy
//! base. The base (`/news` for a site built with `--public-url /news/`, empty at the root)
//! is a context value the app provides ([`Base`]); without one (a component mounted alone in
//! a test) links start at `/`.

use krasa_model::Route;
use leptos::prelude::*;

/// The deploy base path, without a trailing slash ("" at the root).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Base(String);

impl Base {
    /// From a public URL or `<base href>` path: `/news/`, `/news` and `news` are `/news`;
    /// `/` and `` are the root.
    pub fn new(path: &str) -> Base {
        let trimmed = path.trim_matches('/');
        if trimmed.is_empty() {
            Base(String::new())
        } else {
            Base(format!("/{trimmed}"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The href of a route under this base.
    pub fn href(&self, route: &Route) -> String {
        format!("{}{}", self.0, route.path())
    }

    /// The router's path of a full URL path (`/news/tags` → `/tags`); `None` outside the base.
    pub fn strip<'a>(&self, pathname: &'a str) -> Option<&'a str> {
        krasa_model::route::strip_base(&self.0, pathname)
    }
}

/// The base the app runs under.
pub fn base() -> Base {
    use_context::<Base>().unwrap_or_default()
}

/// The href of a page, under the deploy base.
pub fn href(route: &Route) -> String {
    base().href(route)
}

#[cfg(test)]
mod tests {
    use super::*;
    use krasa_model::Page;

    #[test]
    fn hrefs_carry_the_deploy_base() {
        let root = Base::new("/");
        assert_eq!(root.href(&Route::HOME), "/");
        assert_eq!(
            root.href(&Route::Feed {
                page: Page::Archive(3)
            }),
            "/page/3/"
        );
        let news = Base::new("/news/");
        assert_eq!(news.as_str(), "/news");
        assert_eq!(news.href(&Route::HOME), "/news/");
        assert_eq!(news.href(&Route::article("x")), "/news/articles/x/");
        assert_eq!(
            news.href(&Route::Tag {
                slug: "ai".into(),
                page: Page::Archive(2)
            }),
            "/news/tags/ai/page/2/"
        );
        assert_eq!(Base::new("news"), news);
        assert_eq!(news.strip("/news/tags/"), Some("/tags/"));
        assert_eq!(news.strip("/newsroom"), None);
    }
}
