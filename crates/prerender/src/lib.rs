//! The prerenderer: writes an HTML page for every page press listed (`data/pages.json`) into
//! a built site folder, rendered by the app's own components (`krasa::prerender::render`,
//! Leptos SSR) and put into Trunk's `index.html` ([`shell::Shell`]).

pub mod shell;
pub mod site;
