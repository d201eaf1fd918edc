//! The studio's state in signals and what each action does to it: the folder (a `Workspace`),
//! the card being edited, the folder checked after each pause in typing and its index rebuilt
//! (both in the studio's worker, `background`), the status line, and the unsaved changes kept
//! in the browser.

use super::background::{Answer, Background};
use super::platform;
use super::publish::SiteFolder;
use crate::content::Lang;
use crate::content::{attention, Checked};
use crate::desk::storage::{Loaded, Store};
use crate::i18n::{t, tf, StudioMsg, UiLang};
use crate::search::{Engine, Part};
use crate::site::Stamp;
use crate::workspace::background::CheckJob;
use crate::workspace::undo::History;
use crate::workspace::unsaved::{unsaved_key, Unsaved};
use crate::workspace::Workspace;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsValue;

/// How long typing pauses before the folder is sent to be checked again (its index follows,
/// unless typing goes on).
const CHECK_AFTER_MS: u32 = 200;

/// How the card is edited: fields and an outline (the default), or its text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum View {
    Form,
    Text,
}

#[derive(Clone, Copy)]
pub struct Studio {
    pub lang: RwSignal<UiLang>,
    pub ws: RwSignal<Workspace>,
    /// The file in the editor.
    pub selected: RwSignal<Option<String>>,
    /// The form or the text view; both edit the same text.
    pub view: RwSignal<View>,
    /// Each file's undo history, across both views.
    histories: StoredValue<BTreeMap<String, History>>,
    /// The folder as last checked (`kb check`'s code); `checking` while an edit waits for it.
    pub checked: RwSignal<Arc<Checked>>,
    /// The cards that need attention today (expired, ending soon, …), judged with `checked`.
    pub attention: RwSignal<Arc<Vec<attention::Row>>>,
    pub checking: RwSignal<bool>,
    /// The folder opened (or brought back) waits for its first check: until then there is no
    /// "no problems" to say.
    pub first_check: RwSignal<bool>,
    /// The last check ran in the studio's worker (false: in the page, where no worker starts).
    pub checked_in_worker: RwSignal<bool>,
    /// The index of the folder as last checked, drafts included; `indexing` while it is rebuilt.
    pub engine: RwSignal<Option<Engine>>,
    pub indexing: RwSignal<bool>,
    /// The last thing the studio has to say (the status line, read out by screen readers).
    pub status: RwSignal<String>,
    /// A folder opened with the File System Access API: saves go straight into it.
    pub handle: StoredValue<Option<JsValue>, LocalStorage>,
    /// Changes brought back from before a reload, to put over the folder when it is opened.
    kept: StoredValue<Option<Unsaved>>,
    /// Where the folder is checked and indexed: the studio's worker, or the page.
    background: StoredValue<Option<Rc<Background>>, LocalStorage>,
    /// Each language's index as last built (the worker sends only the languages that changed).
    parts: StoredValue<BTreeMap<Lang, Arc<Part>>>,
    /// Counts edits, so a pause is told from typing that goes on, and a check's answer from a
    /// stale one.
    edits: StoredValue<u64>,
    pub storage_ok: RwSignal<bool>,
    /// Bumped when the folder changes other than by typing (opened, restored, a change dropped,
    /// a new card): the editor then shows the file's text again.
    pub reloads: RwSignal<u64>,
    /// The site folder last chosen or opened for publishing, with its history.
    pub site: RwSignal<Option<Arc<SiteFolder>>>,
    /// The site folder opened with the File System Access API: publications and restores are
    /// written straight into it.
    pub site_handle: StoredValue<Option<JsValue>, LocalStorage>,
    /// Who publishes ("Your name"), for the site's history; kept in the browser.
    pub by: RwSignal<String>,
}

impl Studio {
    pub fn new() -> Studio {
        let lang = UiLang::from_browser(platform::browser_langs().iter().map(String::as_str));
        let s = Studio {
            lang: RwSignal::new(lang),
            ws: RwSignal::new(Workspace::default()),
            selected: RwSignal::new(None),
            view: RwSignal::new(
                match platform::LocalStore::open().get(&view_key()).as_deref() {
                    Some("text") => View::Text,
                    _ => View::Form,
                },
            ),
            histories: StoredValue::new(BTreeMap::new()),
            checked: RwSignal::new(Arc::new(Checked::default())),
            attention: RwSignal::new(Arc::new(Vec::new())),
            checking: RwSignal::new(false),
            first_check: RwSignal::new(false),
            checked_in_worker: RwSignal::new(false),
            engine: RwSignal::new(None),
            indexing: RwSignal::new(false),
            status: RwSignal::new(String::new()),
            handle: StoredValue::new_local(None),
            kept: StoredValue::new(None),
            edits: StoredValue::new(0),
            parts: StoredValue::new(BTreeMap::new()),
            background: StoredValue::new_local(None),
            storage_ok: RwSignal::new(true),
            reloads: RwSignal::new(0),
            site: RwSignal::new(None),
            site_handle: StoredValue::new_local(None),
            by: RwSignal::new(
                platform::LocalStore::open()
                    .get(&name_key())
                    .unwrap_or_default(),
            ),
        };
        s.background
            .set_value(Some(Background::start(move |answer| s.take(answer))));
        s.bring_back_unsaved();
        s
    }

    pub fn reload(&self) {
        self.reloads.update(|n| *n += 1);
    }

    fn say(&self, text: String) {
        self.status.set(text);
    }

    fn key() -> String {
        unsaved_key(&platform::base_path())
    }

    /// The changes kept before a reload: shown at once (their diffs, their downloads), and put
    /// over the folder when it is opened again.
    fn bring_back_unsaved(&self) {
        let store = platform::LocalStore::open();
        match Unsaved::decode(store.get(&Self::key()).as_deref()) {
            Loaded::Ok(kept) if !kept.is_empty() => {
                self.ws.set(Workspace::from_unsaved(&kept));
                let n = kept.files.len().to_string();
                self.say(tf(
                    self.lang.get_untracked(),
                    StudioMsg::Restored,
                    &[("n", &n)],
                ));
                self.selected
                    .set(kept.files.first().map(|f| f.path.clone()));
                self.first_check.set(true);
                self.kept.set_value(Some(kept));
                self.reload();
                self.after_edit();
            }
            Loaded::Salvaged {
                unreadable, reason, ..
            } => {
                // Never lost: set aside beside the key, and the console says why.
                let mut store = platform::LocalStore::open();
                let _ = store.set(&format!("{}.unreadable", Self::key()), &unreadable);
                crate::app::platform::warn(&format!(
                    "studio: unsaved changes unreadable ({reason}); set aside"
                ));
            }
            _ => {}
        }
    }

    /// Keeps the unsaved changes in the browser (or forgets them once all are saved).
    fn keep_unsaved(&self) {
        let unsaved = self.ws.with_untracked(Workspace::unsaved);
        let mut store = platform::LocalStore::open();
        let ok = if unsaved.is_empty() {
            store.remove(&Self::key());
            true
        } else {
            store.set(&Self::key(), &unsaved.encode()).is_ok()
        };
        if ok != self.storage_ok.get_untracked() {
            self.storage_ok.set(ok);
        }
    }

    /// A folder read by the browser (`handle`: opened with the File System Access API).
    pub fn open(&self, name: String, files: Vec<(String, Vec<u8>)>, handle: Option<JsValue>) {
        let mut ws = Workspace::open(&name, files);
        let lang = self.lang.get_untracked();
        let mut said = tf(
            lang,
            StudioMsg::FolderOpened,
            &[("folder", &name), ("n", &ws.paths().len().to_string())],
        );
        if let Some(kept) = self.kept.get_value() {
            let moved = ws.restore(&kept);
            if !moved.is_empty() {
                said = format!(
                    "{said}. {}",
                    tf(
                        lang,
                        StudioMsg::ChangedSince,
                        &[("files", &moved.join(", "))]
                    )
                );
            }
            self.kept.set_value(None);
        }
        let first = ws.card_paths().into_iter().next();
        self.ws.set(ws);
        self.handle.set_value(handle);
        if self
            .selected
            .get_untracked()
            .is_none_or(|p| self.ws.with_untracked(|w| w.text(&p).is_none()))
        {
            self.selected.set(first);
        }
        self.say(said);
        self.reload();
        self.first_check.set(true);
        self.checking.set(true);
        // A new generation: an answer about the folder open before is never taken for this one.
        self.edits.update_value(|n| *n += 1);
        self.recheck_now();
    }

    /// The text view's text for the selected file.
    pub fn edit(&self, text: String) {
        self.change("text", text);
    }

    /// The selected file's new text after an edit of `place` (the text view, a field, a step),
    /// recorded for undo. The view that made it keeps its state: nothing is shown again.
    pub fn change(&self, place: &str, text: String) {
        if let Some(path) = self.selected.get_untracked() {
            self.change_in(&path, place, text);
        }
    }

    /// `path`'s new text after an edit of `place`, in the editor or elsewhere (a fix from the
    /// Gaps panel), recorded in the file's undo history like any edit.
    pub fn change_in(&self, path: &str, place: &str, text: String) {
        let before = self.ws.with_untracked(|w| w.text(path)).unwrap_or_default();
        if before == text {
            return;
        }
        let now = js_sys::Date::now();
        self.histories.update_value(|h| {
            h.entry(path.to_string())
                .or_default()
                .record(&before, place, now)
        });
        self.ws.update(|w| w.set_text(path, &text));
        self.after_edit();
    }

    /// The form or the text view, kept for the next visit (a developer who prefers the text
    /// gets it again; a new editor starts in the form).
    pub fn set_view(&self, view: View) {
        let mut store = platform::LocalStore::open();
        let _ = match view {
            View::Text => store.set(&view_key(), "text"),
            View::Form => {
                store.remove(&view_key());
                Ok(())
            }
        };
        self.view.set(view);
    }

    /// Ctrl+Z (`back`) or Ctrl+Shift+Z in either view: the selected file's text one step back
    /// or forward, shown again in both views.
    pub fn undo(&self, back: bool) {
        if let Some(path) = self.selected.get_untracked() {
            self.undo_in(&path, back);
        }
    }

    /// One step back (`back`) or forward in `path`'s history, whichever file the editor shows.
    pub fn undo_in(&self, path: &str, back: bool) {
        let path = path.to_string();
        let now = self
            .ws
            .with_untracked(|w| w.text(&path))
            .unwrap_or_default();
        let mut to = None;
        self.histories.update_value(|h| {
            let h = h.entry(path.clone()).or_default();
            to = if back { h.undo(&now) } else { h.redo(&now) };
        });
        if let Some(text) = to {
            self.ws.update(|w| w.set_text(&path, &text));
            self.reload();
            self.after_edit();
        }
    }

    /// Drops one file's changes.
    pub fn revert(&self, path: &str) {
        self.ws.update(|w| w.revert(path));
        if self.ws.with_untracked(|w| w.text(path).is_none()) {
            self.selected.set(None);
        }
        self.reload();
        self.after_edit();
    }

    pub fn new_card(&self, lang: crate::content::Lang, title: &str) {
        let mut path = String::new();
        let for_form = self.view.get_untracked() == View::Form;
        self.ws.update(|w| path = w.new_card(lang, title, for_form));
        self.selected.set(Some(path));
        self.reload();
        self.after_edit();
    }

    /// Saved into the folder: these files are the folder's now.
    pub fn saved(&self, paths: &[String]) {
        self.ws.update(|w| w.mark_saved(paths));
        self.keep_unsaved();
        self.say(tf(
            self.lang.get_untracked(),
            StudioMsg::Saved,
            &[("files", &paths.join(", "))],
        ));
    }

    pub fn failed(&self, msg: StudioMsg, why: &str) {
        self.say(tf(self.lang.get_untracked(), msg, &[("why", why)]));
    }

    pub fn tell(&self, text: String) {
        self.say(text);
    }

    /// After any change of the folder: kept in the browser at once, checked after a pause in
    /// typing, the index rebuilt after a longer one.
    fn after_edit(&self) {
        self.keep_unsaved();
        self.checking.set(true);
        let n = self.edits.get_value() + 1;
        self.edits.set_value(n);
        let s = *self;
        Timeout::new(CHECK_AFTER_MS, move || {
            if s.edits.get_value() == n {
                s.recheck_now();
            }
        })
        .forget();
    }

    /// The folder as it stands, sent to be checked (and then indexed) as of now.
    fn recheck_now(&self) {
        platform::measured("cuecard:studio-check-send", || {
            let job = CheckJob {
                gen: self.edits.get_value(),
                files: self.ws.with_untracked(Workspace::files),
                // Today's warnings, on this computer's clock and zone, as its desks would judge.
                now: crate::app::platform::desk_moment().now,
            };
            self.background.with_value(|b| {
                if let Some(b) = b {
                    b.send(job)
                }
            });
        });
    }

    /// An answer from the worker. A check of an older folder than the one now edited is not
    /// shown (its newer check is on its way); every index is taken, since the worker sends only
    /// the languages that changed since its last one.
    fn take(&self, answer: Answer) {
        let latest = self.edits.get_value();
        match answer {
            Answer::Checked { gen, today, ms } => {
                platform::record("cuecard:studio-check", ms);
                if gen != latest {
                    return;
                }
                let today = *today;
                self.checked.set(Arc::new(today.checked));
                self.attention.set(Arc::new(today.attention));
                self.checking.set(false);
                self.first_check.set(false);
                self.indexing.set(true);
                self.checked_in_worker.set(
                    self.background
                        .with_value(|b| b.as_ref().is_some_and(|b| b.in_worker())),
                );
            }
            // Publications go to whoever asked (`publish`), never here.
            Answer::Published { .. } => {}
            Answer::Indexed { gen, blobs, ms } => {
                platform::record("cuecard:studio-index", ms);
                let opened = platform::measured("cuecard:studio-index-open", || {
                    for blob in blobs? {
                        let part = Arc::new(Part::open(blob.bytes).map_err(|e| e.to_string())?);
                        self.parts.update_value(|m| drop(m.insert(blob.lang, part)));
                    }
                    let parts = self.parts.with_value(|m| m.values().cloned().collect());
                    Engine::from_parts(parts).map_err(|e| e.to_string())
                });
                match opened {
                    Ok(engine) => self.engine.set(Some(engine)),
                    Err(e) => self.say(e),
                }
                if gen == latest {
                    self.indexing.set(false);
                }
            }
        }
    }

    /// A publication of the folder as checked, planned (and packed) by the worker: its answer,
    /// and how long the worker took (`None`: a newer publication replaced it).
    pub async fn publish(
        &self,
        job: crate::workspace::background::PublishJob,
    ) -> Option<super::background::PublishAnswer> {
        let background = self.background.with_value(|b| b.clone())?;
        background.publish(job).await
    }

    /// Opens the card with this id in the editor (a preview's link, a search result).
    pub fn open_card(&self, id: &str) {
        let path = self.checked.with_untracked(|c| {
            c.cards
                .iter()
                .find(|(_, p)| p.id == id)
                .map(|(path, _)| path.display().to_string())
        });
        if path.is_some() {
            self.selected.set(path);
        }
    }

    /// The editor's name for the history, kept in the browser (or forgotten when emptied).
    pub fn set_by(&self, name: String) {
        let mut store = platform::LocalStore::open();
        let _ = match name.trim().is_empty() {
            true => {
                store.remove(&name_key());
                Ok(())
            }
            false => store.set(&name_key(), &name),
        };
        self.by.set(name);
    }

    /// Now, by the editor named in "Your name" (none when it is empty).
    pub fn stamp(&self) -> Stamp {
        let by = self.by.get_untracked().trim().to_string();
        Stamp {
            unix: platform::now_secs(),
            by: (!by.is_empty()).then_some(by),
        }
    }

    pub fn msg(&self, m: StudioMsg) -> &'static str {
        t(self.lang.get(), m)
    }
}

/// The storage key of the editor's name, beside the studio's other keys of the deployment.
fn name_key() -> String {
    format!("cuecard:{}:studio-name", platform::base_path())
}

/// The storage key of the view the editor chose last.
fn view_key() -> String {
    format!("cuecard:{}:studio-view", platform::base_path())
}
