//! Builds the index natively (writing spawns threads, which the page cannot) and packs it,
//! with the procedures, into the blob.

use super::blob;
use super::engine::SearchError;
use super::schema::{build_schema, register_tokenizers, Fields, Zone};
use crate::content::link::plain;
use crate::content::Procedure;
use std::path::Path;
use tantivy::directory::{Directory, RamDirectory};
use tantivy::{Index, TantivyDocument};

/// Every text of a procedure as read (links as their words), by zone.
pub(super) fn zone_texts(p: &Procedure) -> Vec<(Zone, String)> {
    let mut out = vec![(Zone::Title, p.title.clone())];
    out.extend(p.situations.iter().map(|s| (Zone::Situations, s.clone())));
    out.push((Zone::Body, p.category.clone()));
    out.extend(p.cautions.iter().map(|s| (Zone::Body, plain(s))));
    out.extend(p.step_texts().into_iter().map(|s| (Zone::Body, plain(s))));
    out.extend(p.rule_texts().into_iter().map(|s| (Zone::Rules, s)));
    out.extend(p.notes.iter().map(|s| (Zone::Notes, plain(s))));
    out
}

pub fn build_blob(procedures: &[Procedure]) -> Result<Vec<u8>, SearchError> {
    let schema = build_schema();
    let fields = Fields::from_schema(&schema)?;
    let dir = RamDirectory::create();
    let index = Index::create(dir.clone(), schema, Default::default())?;
    register_tokenizers(&index);
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 64_000_000)?;
    for (ord, p) in procedures.iter().enumerate() {
        let mut doc = TantivyDocument::default();
        for (zone, text) in zone_texts(p) {
            for form in super::schema::FORMS {
                doc.add_text(fields.get(zone, form), &text);
            }
        }
        doc.add_text(fields.lang, p.lang.code());
        doc.add_u64(fields.ord, ord as u64);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;

    let mut names: Vec<String> = vec!["meta.json".into()];
    for meta in index.searchable_segment_metas()? {
        use tantivy::index::SegmentComponent as C;
        for c in [
            C::Postings,
            C::Positions,
            C::Terms,
            C::Store,
            C::FastFields,
            C::FieldNorms,
            C::Delete,
        ] {
            names.push(meta.relative_path(c).to_string_lossy().into_owned());
        }
    }
    names.sort();
    names.dedup();
    let mut files = Vec::new();
    for name in names {
        match dir.atomic_read(Path::new(&name)) {
            Ok(data) => files.push((name, data)),
            Err(tantivy::directory::error::OpenReadError::FileDoesNotExist(_)) => {}
            Err(e) => return Err(SearchError::Index(e.to_string())),
        }
    }
    let procs = serde_json::to_vec(procedures).map_err(|e| SearchError::Index(e.to_string()))?;
    Ok(blob::encode(
        concat!("kb ", env!("CARGO_PKG_VERSION")),
        &procs,
        &files,
    ))
}
