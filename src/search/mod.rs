//! Situation search: analysis, the index schema, the blob shipped to the page, and the engine.
//! The index is built by `kb index` and, from the same code, in the studio's page (`build`);
//! `Engine` opens the blob anywhere.

mod blob;
#[cfg(authoring)]
mod build;
mod directory;
mod engine;
mod error;
mod schema;
mod snippet;
mod synonyms;
pub mod understand;

pub use blob::{BlobError, BLOB_FORMAT};
#[cfg(authoring)]
pub use build::{build_blobs, build_lang_blob, read_procedures, LangBlob};
pub use engine::{card_version, At, Engine, Found, Hit, NotInForce, Part};
pub use error::SearchError;
pub use snippet::Snippet;
