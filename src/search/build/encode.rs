//! The blob's bytes: the layout `blob::decode` reads (magic, format, generator, language,
//! synonyms, procedures, index files), and the procedures read back without opening the index.

use super::super::blob;
use super::super::error::SearchError;
use crate::content::Procedure;

fn put(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(bytes);
}

fn put_sections(out: &mut Vec<u8>, sections: &[(String, Vec<u8>)]) {
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    for (name, data) in sections {
        put(out, name.as_bytes());
        put(out, data);
    }
}

/// The blob's layout (read by `blob::decode`): magic, format, generator, language,
/// procedures, files.
pub(in crate::search) fn encode(
    generator: &str,
    lang: &str,
    synonyms: &[u8],
    procedures: &[(String, Vec<u8>)],
    files: &[(String, Vec<u8>)],
) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(blob::MAGIC);
    out.extend_from_slice(&blob::BLOB_FORMAT.to_le_bytes());
    put(&mut out, generator.as_bytes());
    put(&mut out, lang.as_bytes());
    put(&mut out, synonyms);
    put_sections(&mut out, procedures);
    put_sections(&mut out, files);
    out
}

/// The procedures a blob carries, without opening its index (to compare two builds' content).
pub fn read_procedures(bytes: &[u8]) -> Result<Vec<Procedure>, SearchError> {
    blob::decode(bytes)?
        .procedures
        .iter()
        .map(|(id, json)| {
            serde_json::from_slice(json)
                .map_err(SearchError::json(format!("procedure {id} in the index")))
        })
        .collect()
}
