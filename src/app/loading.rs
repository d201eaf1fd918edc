//! The index blobs' fetches, as `page::load::IndexLoad` decides them: one language at a time,
//! checked, opened, and what a finished one does is `IndexLoad::finish`'s to say.

use super::platform;
use super::store::{IndexLoad, LoadProblem as Problem, Ui};
use crate::content::Lang;
use crate::page::{self, load::Applied};
use crate::search::Part;
use leptos::prelude::*;
use std::sync::Arc;

/// Starts over after a failure (`IndexLoad::retry`): the first languages and those that
/// failed, fetched again past every cache; the effect in `App` then brings the others.
pub(super) fn retry_engine(ui: Ui) {
    let tickets = ui.index.try_update(IndexLoad::retry).unwrap_or_default();
    for ticket in tickets {
        fetch_and_open(ui, ticket, true);
    }
}

/// Loads one language's index unless it is open or on its way already (`IndexLoad::begin`).
pub(super) fn load_lang(ui: Ui, lang: Lang) {
    if let Some(ticket) = ui.index.try_update(|l| l.begin(lang)).flatten() {
        fetch_and_open(ui, ticket, false);
    }
}

/// Fetches a language's index, checks it against the build's checksum and opens it; what that
/// does to the page is `IndexLoad::finish`'s to decide. A first load takes the bytes boot.js
/// began to download beside the wasm; without them (or on a retry) the app fetches them itself.
pub(super) fn fetch_and_open(ui: Ui, ticket: page::load::Ticket, bypass_cache: bool) {
    let lang = ticket.lang;
    leptos::task::spawn_local(async move {
        let early = if bypass_cache {
            None
        } else {
            platform::take_early_index(lang).await
        };
        let fetched = match (early, platform::index_ref(lang)) {
            (Some(bytes), _) => Ok(bytes),
            (None, Some((url, integrity))) => {
                platform::fetch_checked(&url, integrity.as_deref(), bypass_cache).await
            }
            (None, None) => Err(platform::FetchProblem::Other(format!(
                "no index for {}",
                lang.code()
            ))),
        };
        if !ui.index.with_untracked(|l| l.is_current(ticket)) {
            return;
        }
        let opened = match fetched {
            Ok(bytes) => {
                if ui.index.with_untracked(|l| l.state().engine().is_none()) {
                    platform::mark("cuecard:index-fetched");
                }
                Part::open(bytes)
                    .map(Arc::new)
                    .map_err(|e| Problem::Other(e.to_string()))
            }
            Err(platform::FetchProblem::Damaged) => Err(Problem::Damaged),
            Err(platform::FetchProblem::Other(e)) => Err(Problem::Other(e)),
        };
        if let Some(Applied::Opened { first }) = ui.index.try_update(|l| l.finish(ticket, opened)) {
            if first {
                platform::mark("cuecard:index-open");
            }
            // (The page benchmark waits for every language before typing.)
            platform::mark(&format!("cuecard:index-open:{}", lang.code()));
        }
    });
}
