//! Builds the index and packs it, with the procedures, into the blob: in the calling thread, one
//! segment per language in content order, so `kb index` and the studio's page write the same
//! bytes. Everything that writes lives here (`pinyin`: the builder's pinyin form; `encode`: the
//! blob's bytes); the reader never needs it.

mod encode;
mod pinyin;

pub(in crate::search) use encode::encode;
pub use encode::read_procedures;
pub use pinyin::PinyinTokenizer;

use super::error::SearchError;
use super::schema::{
    build_schema, register_tokenizers, tokenizer_name, Fields, Zone, FORMS, ORD_FIELD,
};
use super::Engine;
use crate::content::link::plain;
use crate::content::Synonyms;
use crate::content::{Lang, Place, Procedure};
use crate::text::Form;
use std::path::Path;
use tantivy::directory::{Directory, RamDirectory};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{Index, IndexSettings, ReloadPolicy, TantivyDocument};

impl Engine {
    /// Builds the blobs in memory and opens them all: the same path the page takes.
    pub fn from_procedures(procedures: &[Procedure]) -> Result<Engine, SearchError> {
        Engine::from_content(procedures, &Synonyms::default())
    }

    /// `from_procedures`, with the editors' synonym groups.
    pub fn from_content(
        procedures: &[Procedure],
        synonyms: &Synonyms,
    ) -> Result<Engine, SearchError> {
        Engine::from_blobs(
            build_blobs(procedures, synonyms)?
                .into_iter()
                .map(|b| b.bytes),
        )
    }
}

/// One content language's blob.
#[derive(Debug, Clone, PartialEq)]
pub struct LangBlob {
    pub lang: Lang,
    pub bytes: Vec<u8>,
}

/// One blob per content language, in `Lang::ALL` order, each with its own procedures in content
/// order (a language without procedures still gets an empty one, so every build has the same
/// files and the page the same choices).
pub fn build_blobs(
    procedures: &[Procedure],
    synonyms: &Synonyms,
) -> Result<Vec<LangBlob>, SearchError> {
    Lang::ALL
        .into_iter()
        .map(|lang| {
            let own: Vec<Procedure> = procedures
                .iter()
                .filter(|p| p.lang == lang)
                .cloned()
                .collect();
            Ok(LangBlob {
                lang,
                bytes: build_lang_blob(lang, &own, synonyms)?,
            })
        })
        .collect()
}

/// One language's blob (every procedure in `lang`), as `build_blobs` makes it: the studio
/// rebuilds only the languages an edit touched.
pub fn build_lang_blob(
    lang: Lang,
    procedures: &[Procedure],
    synonyms: &Synonyms,
) -> Result<Vec<u8>, SearchError> {
    let synonyms = serde_json::to_vec(synonyms).map_err(SearchError::json("the synonyms"))?;
    build_blob(lang, procedures, &synonyms)
}

/// Every text of a procedure as read (links as their words), by zone.
pub(super) fn zone_texts(p: &Procedure) -> Vec<(Zone, String)> {
    let (mut out, mut notes) = (Vec::new(), Vec::new());
    p.visit(&mut |place, text| match place {
        Place::Title => out.push((Zone::Title, plain(text))),
        Place::Situation => out.push((Zone::Situations, plain(text))),
        Place::Note => notes.push((Zone::Notes, plain(text))),
        Place::Category
        | Place::Caution
        | Place::Action
        | Place::Detail
        | Place::Lead
        | Place::ScriptLabel
        | Place::Script
        | Place::Question
        | Place::Condition => out.push((Zone::Body, plain(text))),
    });
    out.extend(p.rule_texts().into_iter().map(|s| (Zone::Rules, s)));
    out.extend(notes);
    out
}

/// The invariant the page relies on (`Engine::try_search`): one segment, document `i` = ord `i`.
fn check_content_order(index: &Index, count: usize) -> Result<(), SearchError> {
    // A manual reader: the default one watches the directory from a thread.
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let segments = searcher.segment_readers();
    let in_order = match segments {
        [] => count == 0,
        [seg] => {
            let ords = seg.fast_fields().u64(ORD_FIELD)?;
            seg.max_doc() as usize == count
                && (0..seg.max_doc()).all(|doc| ords.first(doc) == Some(doc as u64))
        }
        _ => false,
    };
    if in_order {
        Ok(())
    } else {
        Err(SearchError::Index(format!(
            "the index's documents are not in content order ({} segments)",
            segments.len()
        )))
    }
}

/// What the writer may hold before it writes the segment out: it sizes the term table from
/// it (the arena grows past it as needed; one segment is written whatever the corpus).
const WRITER_BUDGET: usize = 64_000_000;

/// The blob of one language's procedures (all of them in `lang`).
///
/// One segment, written in the calling thread (tantivy's `single_segment_index_writer`): the
/// page has no threads, and in tantivy 0.27 merging is the only code that reads `Instant`,
/// which panics there. Documents go in in content order, so document `i` is procedure `i`: the
/// page then finds a hit's procedure without opening a fast field (tantivy's column codecs were
/// a seventh of the page's code). Natively the same path, so both sides write the same bytes.
fn build_blob(
    lang: Lang,
    procedures: &[Procedure],
    synonyms: &[u8],
) -> Result<Vec<u8>, SearchError> {
    if let Some(p) = procedures.iter().find(|p| p.lang != lang) {
        return Err(SearchError::Index(format!(
            "{} is in {}, not in {}",
            p.id,
            p.lang.code(),
            lang.code()
        )));
    }
    let schema = build_schema();
    let fields = Fields::from_schema(&schema)?;
    let dir = RamDirectory::create();
    let tokenizers = TokenizerManager::default();
    register_tokenizers(&tokenizers);
    tokenizers.register(tokenizer_name(Form::Pinyin), PinyinTokenizer);
    let mut writer = Index::builder()
        .schema(schema)
        .tokenizers(tokenizers)
        .settings(IndexSettings {
            // Compressing the store in a thread of its own is not possible in the page.
            docstore_compress_dedicated_thread: false,
            ..IndexSettings::default()
        })
        .single_segment_index_writer::<TantivyDocument>(dir.clone(), WRITER_BUDGET)?;
    for (ord, p) in procedures.iter().enumerate() {
        let mut doc = TantivyDocument::default();
        for (zone, text) in zone_texts(p) {
            for field in FORMS.into_iter().filter_map(|form| fields.get(zone, form)) {
                doc.add_text(field, &text);
            }
        }
        doc.add_u64(fields.ord, ord as u64);
        writer.add_document(doc)?;
    }
    let index = writer.finalize()?;
    check_content_order(&index, procedures.len())?;

    // Segments are named by random UUIDs; the blob names them by their order instead, so that
    // the same content always gives the same bytes (and the site's version changes exactly when
    // the content does).
    let metas = index.searchable_segment_metas()?;
    // (meta.json writes the hyphenated form of a UUID, file names the simple one.)
    let hyphenated = |s: &str| {
        format!(
            "{}-{}-{}-{}-{}",
            &s[..8],
            &s[8..12],
            &s[12..16],
            &s[16..20],
            &s[20..]
        )
    };
    let renames: Vec<(String, String)> = metas
        .iter()
        .enumerate()
        .flat_map(|(i, m)| {
            let (from, to) = (m.id().uuid_string(), format!("{:032x}", i + 1));
            [(hyphenated(&from), hyphenated(&to)), (from, to)]
        })
        .collect();
    let stable = |name: &str| {
        renames
            .iter()
            .fold(name.to_string(), |n, (from, to)| n.replace(from, to))
    };
    let mut names: Vec<String> = vec!["meta.json".into()];
    for meta in &metas {
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
            Ok(data) if name == "meta.json" => {
                // tantivy writes meta.json as JSON: UTF-8, or the index is not tantivy's.
                let text = String::from_utf8(data)
                    .map_err(|_| SearchError::Index("meta.json is not UTF-8".into()))?;
                files.push((name, stable(&text).into_bytes()));
            }
            Ok(data) => files.push((stable(&name), data)),
            Err(tantivy::directory::error::OpenReadError::FileDoesNotExist(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    files.sort();
    let procs = procedures
        .iter()
        .map(|p| {
            serde_json::to_vec(p)
                .map(|json| (p.id.clone(), json))
                .map_err(SearchError::json(format!("procedure {}", p.id)))
        })
        .collect::<Result<Vec<_>, SearchError>>()?;
    Ok(encode(
        concat!("kb ", env!("CARGO_PKG_VERSION")),
        lang.code(),
        synonyms,
        &procs,
        &files,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::blob;
    use super::pinyin::pinyin_terms;
    use super::*;

    fn content() -> Vec<Procedure> {
        crate::content::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).unwrap()
    }

    fn none() -> Synonyms {
        Synonyms::default()
    }

    fn in_lang(lang: Lang) -> Vec<Procedure> {
        content().into_iter().filter(|p| p.lang == lang).collect()
    }

    #[test]
    fn chinese_is_indexed_with_its_toneless_pinyin_and_pairs_of_it() {
        assert_eq!(
            pinyin_terms("投诉电话"),
            ["tou", "tou_su", "su", "su_dian", "dian", "dian_hua", "hua"]
        );
        assert_eq!(
            pinyin_terms("转接，女"),
            ["zhuan", "zhuan_jie", "jie", "nu"]
        );
        // The usual reading of a polyphonic character: 行 as xing, 重 as zhong.
        assert_eq!(pinyin_terms("行"), ["xing"]);
        assert_eq!(pinyin_terms("重"), ["zhong"]);
        assert!(pinyin_terms("khách hàng клиент 123").is_empty());
    }

    #[test]
    fn a_card_version_changes_with_what_the_desk_shows_and_only_then() {
        let procs = in_lang(Lang::Vi);
        let open = |procs: &[Procedure]| {
            crate::search::Engine::from_blob(&build_lang_blob(Lang::Vi, procs, &none()).unwrap())
                .unwrap()
        };
        let (before, again) = (open(&procs), open(&procs));
        let (a, b) = (&procs[0].id, &procs[1].id);
        let v = before.card_version(a).unwrap();
        assert_eq!(v.len(), 16);
        assert_eq!(again.card_version(a), Some(v.clone()));
        assert_ne!(before.card_version(b), Some(v.clone()));
        let mut edited = procs.clone();
        edited[0].situations.push("khách hỏi lại".into());
        let after = open(&edited);
        assert_ne!(after.card_version(a), Some(v));
        assert_eq!(after.card_version(b), before.card_version(b));
        assert_eq!(before.card_version("no-such-card"), None);
    }

    #[test]
    fn the_same_content_always_gives_the_same_blobs() {
        let procs = content();
        assert_eq!(
            build_blobs(&procs, &none()).unwrap(),
            build_blobs(&procs, &none()).unwrap()
        );
    }

    #[test]
    fn each_language_gets_its_own_blob_with_only_its_procedures() {
        let procs = content();
        let blobs = build_blobs(&procs, &none()).unwrap();
        assert_eq!(blobs.iter().map(|b| b.lang).collect::<Vec<_>>(), Lang::ALL);
        for b in &blobs {
            let inside = read_procedures(&b.bytes).unwrap();
            assert_eq!(blob::decode(&b.bytes).unwrap().lang, b.lang.code());
            assert!(!inside.is_empty() && inside.iter().all(|p| p.lang == b.lang));
            let engine = Engine::from_blob(&b.bytes).unwrap();
            assert_eq!(engine.langs(), vec![b.lang]);
        }
        let total: usize = blobs
            .iter()
            .map(|b| read_procedures(&b.bytes).unwrap().len())
            .sum();
        assert_eq!(total, procs.len());
        // A language without procedures still has a (small, empty) blob that opens.
        let only_vi = build_blobs(&in_lang(Lang::Vi), &none()).unwrap();
        let empty = Engine::from_blob(&only_vi[1].bytes).unwrap();
        assert!(empty.search("客户投诉", None, 5).is_empty());
        let err = build_blob(Lang::Zh, &in_lang(Lang::Vi), b"{}").unwrap_err();
        assert!(err.to_string().contains("is in vi, not in zh"), "{err}");
    }

    #[test]
    fn a_language_is_one_segment_whose_document_i_is_procedure_i() {
        let procs = in_lang(Lang::Vi);
        let bytes = build_blob(Lang::Vi, &procs, b"{}").unwrap();
        let blob = blob::decode(&bytes).unwrap();
        let meta = blob
            .files
            .iter()
            .find(|(n, _)| *n == "meta.json")
            .unwrap()
            .1;
        let meta: serde_json::Value = serde_json::from_slice(meta).unwrap();
        assert_eq!(meta["segments"].as_array().unwrap().len(), 1, "{meta}");
        assert_eq!(meta["segments"][0]["max_doc"], procs.len());
        // A hit's procedure is found by its document id: each title finds its own card.
        let engine = Engine::from_blob(&bytes).unwrap();
        for p in &procs {
            assert_eq!(engine.procedure(&p.id), Some(p));
            let hits = engine.search(&format!("{}\n", p.title), None, 5);
            assert!(hits.iter().any(|h| h.id == p.id), "{}", p.title);
        }
    }

    #[test]
    fn procedures_are_read_one_by_one_and_a_bad_record_only_loses_itself() {
        let procs = in_lang(Lang::Ru);
        let bytes = build_blob(Lang::Ru, &procs, b"{}").unwrap();
        let blob = blob::decode(&bytes).unwrap();
        let owned = |v: &[(&str, &[u8])]| -> Vec<(String, Vec<u8>)> {
            v.iter().map(|(n, d)| (n.to_string(), d.to_vec())).collect()
        };
        let mut records = owned(&blob.procedures);
        assert_eq!(records.len(), procs.len());
        records[0].1 = b"{".to_vec();
        let broken = encode("kb", "ru", blob.synonyms, &records, &owned(&blob.files));

        let engine = Engine::from_blob(&broken).unwrap();
        assert_eq!(engine.procedure(&procs[0].id), None);
        assert_eq!(engine.procedure(&procs[1].id), Some(&procs[1]));
        let err = read_procedures(&broken).unwrap_err().to_string();
        assert!(err.contains(&procs[0].id), "{err}");
        assert_eq!(read_procedures(&bytes).unwrap(), procs);
    }
}
