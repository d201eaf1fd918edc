//! What can go wrong opening or building an index: typed here, shown to people by the page
//! ("could not be loaded (…)") and by `kb`.

use super::blob::BlobError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum SearchError {
    #[error(transparent)]
    Blob(#[from] BlobError),
    #[error("index: {0}")]
    Index(String),
    #[error("procedures in the index are unreadable: {0}")]
    Procedures(String),
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        SearchError::Index(e.to_string())
    }
}
