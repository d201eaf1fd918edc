//! Cuecard: call-center procedures and scripts, searchable in the browser.
//! Data flows one way: `content` (parse) -> `search` (index at build time, query in the page).

#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod content;
pub mod desk;
pub mod i18n;
pub mod page;
pub mod search;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;
#[cfg(target_arch = "wasm32")]
pub mod studio;
#[cfg(not(target_arch = "wasm32"))]
pub mod synth;
pub mod workspace;
