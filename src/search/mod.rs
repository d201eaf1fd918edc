//! Situation search: analysis, the index schema, the blob shipped to the page, and the engine.
//! The index is built natively at build time (`build`); `Engine` opens the blob anywhere.

pub mod analyzer;
mod blob;
// Writing an index spawns threads and needs the whole schema builder: native only.
#[cfg(not(target_arch = "wasm32"))]
mod build;
mod directory;
mod engine;
mod error;
pub mod plan;
mod schema;
mod snippet;
mod synonyms;
pub mod understand;

pub use blob::{BlobError, BLOB_FORMAT};
#[cfg(not(target_arch = "wasm32"))]
pub use build::{build_blobs, read_procedures, LangBlob};
pub use engine::{Engine, Found, Hit, Part};
pub use error::SearchError;
pub use snippet::Snippet;
pub use synonyms::Synonyms;
