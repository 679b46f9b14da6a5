//! The app's errors: what can go wrong between a URL and a rendered page.

/// Every failure a page can show. `Clone` so it can live in signals and views.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    /// The page or its data does not exist (HTTP 404, or an unknown slug, tag or page).
    #[error("We could not find that page.")]
    NotFound,
    /// The request never got an answer.
    #[error("We could not reach the server. Check your connection and try again.")]
    Network,
    /// The server answered with an error status.
    #[error("The server had a problem (HTTP {0}). Please try again in a moment.")]
    Server(u16),
    /// The answer was not the data we expected.
    #[error("The news data we received could not be read ({0}). Please try again later.")]
    Decode(String),
    /// The search index (Pagefind's script, wasm or index files) could not be loaded.
    #[error("We could not load the search index. Check your connection and try again.")]
    SearchUnavailable,
}

impl AppError {
    /// Not-found errors show the not-found page; others the error view with Retry.
    pub fn is_not_found(&self) -> bool {
        matches!(self, AppError::NotFound)
    }
}
