//! One content language's blob, opened as a `Part` of the engine: its index files read where
//! they lie in the blob, its procedures parsed the first time they are shown.

use super::super::blob;
use super::super::directory::BlobDirectory;
use super::super::error::SearchError;
use super::super::schema::{register_tokenizers, Fields};
use super::super::snippet::Lines;
use super::PINYIN_ZONES;
use crate::content::Synonyms;
use crate::content::{Lang, Procedure};
use crate::text::Form;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::OnceLock;
use tantivy::directory::OwnedBytes;
use tantivy::{Index, IndexReader, ReloadPolicy};

/// One content language's blob, opened: the page fetches and opens them one by one.
pub struct Part {
    pub(super) lang: Lang,
    pub(super) reader: IndexReader,
    pub(super) fields: Fields,
    /// The blob: index files and procedure records are read where they lie in it.
    bytes: OwnedBytes,
    /// One per procedure, in content order (= doc id).
    pub(super) records: Vec<Record>,
    pub(super) by_id: HashMap<String, usize>,
    pub(super) synonyms: Synonyms,
    /// Whether it holds pinyin readings (Chinese content): only such parts are asked about
    /// syllables.
    pub(super) has_pinyin: bool,
}

/// A procedure in the blob, parsed the first time it is a hit or opened: parsing all 10 000 at
/// open took longer than opening the index.
pub(super) struct Record {
    /// Where its JSON lies in the blob.
    pub(super) json: Range<usize>,
    /// `None`: the record did not parse.
    pub(super) procedure: OnceLock<Option<Procedure>>,
    /// Its snippet lines, analysed the first time it is a hit.
    pub(super) lines: OnceLock<Lines>,
}

impl Part {
    /// Opens a blob it takes over: the index files are read where they lie in it (no copy).
    pub fn open(bytes: Vec<u8>) -> Result<Part, SearchError> {
        let (lang, files, by_id, records, synonyms) = {
            let blob = blob::decode(&bytes)?;
            let synonyms: Synonyms = serde_json::from_slice(blob.synonyms)
                .map_err(SearchError::json("the index's synonyms"))?;
            let lang = Lang::from_code(blob.lang).ok_or_else(|| {
                SearchError::Index(format!("unknown content language \"{}\"", blob.lang))
            })?;
            let base = bytes.as_ptr() as usize;
            let at = |s: &[u8]| {
                let start = s.as_ptr() as usize - base;
                start..start + s.len()
            };
            let files: BTreeMap<PathBuf, Range<usize>> = blob
                .files
                .iter()
                .map(|(name, data)| (PathBuf::from(name), at(data)))
                .collect();
            let by_id: HashMap<String, usize> = blob
                .procedures
                .iter()
                .enumerate()
                .map(|(i, (id, _))| (id.to_string(), i))
                .collect();
            let records: Vec<Record> = blob
                .procedures
                .iter()
                .map(|(_, json)| Record {
                    json: at(json),
                    procedure: OnceLock::new(),
                    lines: OnceLock::new(),
                })
                .collect();
            (lang, files, by_id, records, synonyms)
        };
        let bytes = OwnedBytes::new(bytes);
        let dir = BlobDirectory::new(bytes.clone(), files);
        let index = Index::open_with_schema(dir, super::super::schema::build_schema())?;
        register_tokenizers(index.tokenizers());
        let fields = Fields::from_schema(&index.schema())?;
        // Manual reload: the default policy watches the directory from a thread the page lacks.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        // The builder writes one segment whose document `i` is procedure `i` (`build`'s
        // `check_content_order`), so a hit's procedure is its doc id.
        let docs = match reader.searcher().segment_readers() {
            [] => 0,
            [segment] => segment.max_doc() as usize,
            more => {
                return Err(SearchError::Index(format!(
                    "{} segments: this blob was not built by `kb`",
                    more.len()
                )))
            }
        };
        let has_pinyin = PINYIN_ZONES.into_iter().any(|zone| {
            fields.get(zone, Form::Pinyin).is_some_and(|f| {
                reader.searcher().segment_readers().iter().any(|seg| {
                    seg.inverted_index(f)
                        .is_ok_and(|inv| inv.terms().num_terms() > 0)
                })
            })
        });
        if docs != records.len() {
            return Err(SearchError::Index(format!(
                "{docs} documents for {} procedures",
                records.len()
            )));
        }
        Ok(Part {
            lang,
            reader,
            fields,
            bytes,
            records,
            by_id,
            synonyms,
            has_pinyin,
        })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A record that does not parse reads as missing: the page checks the whole blob against its
    /// hash before opening it, and the records are written from parsed procedures (a test reads
    /// every one back with `read_procedures`).
    pub(super) fn procedure_at(&self, ord: usize) -> Option<&Procedure> {
        let record = self.records.get(ord)?;
        record
            .procedure
            .get_or_init(|| {
                serde_json::from_slice(&self.bytes.as_slice()[record.json.clone()]).ok()
            })
            .as_ref()
    }

    pub(super) fn procedure(&self, id: &str) -> Option<&Procedure> {
        self.by_id.get(id).and_then(|&i| self.procedure_at(i))
    }

    /// The version of a card as published: `card_version` of its record.
    pub(super) fn card_version(&self, id: &str) -> Option<String> {
        let record = self.records.get(*self.by_id.get(id)?)?;
        Some(card_version(&self.bytes.as_slice()[record.json.clone()]))
    }
}

/// A card's version, as a flag raised on it records and the studio compares: 16 hex digits of
/// the FNV-1a hash of its record in the blob (what the desk shows, so any change an operator
/// could see changes it). Not a security hash: it only tells "the card changed since".
pub fn card_version(record: &[u8]) -> String {
    let hash = record.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}
