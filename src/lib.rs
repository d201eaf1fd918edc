//! Cuecard: call-center procedures and scripts, searchable in the browser.
//! Data flows one way: `content` (parse) -> `search` (index at build time, query in the page);
//! `text` (how words are analysed) is the bottom room both use. `cfg(authoring)` (build.rs)
//! marks what only `kb` and the studio compile: the operator page's wasm has none of it.

#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod content;
pub mod desk;
pub mod i18n;
pub mod page;
pub mod search;
// Native: the build's output stage and `kb publish` on disk. In wasm with the `studio` feature
// (the studio's build): the publication plan and the site update `.zip` (gated inside).
#[cfg(authoring)]
pub mod site;
#[cfg(all(target_arch = "wasm32", feature = "studio"))]
pub mod studio;
#[cfg(not(target_arch = "wasm32"))]
pub mod synth;
pub mod text;
// The studio's own model: natively tested, in wasm only in the studio's build.
#[cfg(authoring)]
pub mod workspace;
