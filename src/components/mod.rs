//! Presentational components: they take data as props and never fetch.

pub mod article_view;
pub mod card;
pub mod error_view;
pub mod layout;
pub mod pager;
pub mod search_hit;
pub mod skeleton;
pub mod theme;

pub use article_view::{ArticleBody, ArticleView};
pub use card::{ArticleCard, CardList, Profile, TagLinks};
pub use error_view::ErrorView;
pub use layout::{Footer, Header, SearchBox, SkipLink};
pub use pager::Pager;
pub use search_hit::{NoResults, SearchHit};
pub use skeleton::{ArticleSkeleton, ListSkeleton};
pub use theme::{Theme, ThemeToggle};
