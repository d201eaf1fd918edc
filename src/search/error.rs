//! What can go wrong opening or building an index: typed here, each with its cause, shown to
//! people by the page ("could not be loaded (…)") and by `kb`.

use super::blob::BlobError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum SearchError {
    #[error(transparent)]
    Blob(#[from] BlobError),
    /// tantivy itself failed (opening, writing or searching an index).
    #[error("index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// An index file could not be read back from the directory it was written to.
    #[error("index file: {0}")]
    File(#[from] tantivy::directory::error::OpenReadError),
    /// A procedure record or the synonym groups did not (de)serialise.
    #[error("{what}: {source}")]
    Json {
        what: String,
        #[source]
        source: serde_json::Error,
    },
    /// An index that does not hold what this version expects (our own checks).
    #[error("index: {0}")]
    Index(String),
}

impl SearchError {
    /// A record or the synonyms that did not (de)serialise, named.
    pub fn json(what: impl Into<String>) -> impl FnOnce(serde_json::Error) -> SearchError {
        let what = what.into();
        move |source| SearchError::Json { what, source }
    }
}
