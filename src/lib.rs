//! Krasa News reader app: a client-side Leptos app over the static JSON data that press
//! publishes. `App` is the root; pages fetch (through `api`), components take props.

pub mod api;
pub mod app;
pub mod components;
pub mod error;
pub mod nav;
pub mod pages;
pub mod paths;

pub use app::App;
