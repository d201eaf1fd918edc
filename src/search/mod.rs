//! Situation search: analysis, the index schema, the blob shipped to the page, and the engine.
//! The index is built natively at build time (`build`); `Engine` opens the blob anywhere.

pub mod analyzer;
mod blob;
#[cfg(not(target_arch = "wasm32"))]
mod build;
mod engine;
mod schema;
mod snippet;

pub use blob::{BlobError, BLOB_FORMAT};
#[cfg(not(target_arch = "wasm32"))]
pub use build::build_blob;
pub use engine::{Engine, Hit, SearchError};
pub use snippet::Snippet;
