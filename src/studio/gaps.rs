//! The Gaps panel: the desks' reports opened and merged (`workspace::gaps`), each situation
//! operators searched for and did not find with what the search answers now over the folder as
//! edited (live: it re-runs when the index is rebuilt), its one-click fixes (`gaps_fix`) and
//! "Dismiss" (kept in the browser), then the flags raised on cards.

use super::folder::event_target;
use super::gaps_fix::{CardChooser, SynonymChooser};
use super::state::Studio;
use super::{platform, studio};
use crate::app::platform::{day_text, desk_moment};
use crate::desk::report::{gaps, FlagKind, Gap, Outcome};
use crate::desk::storage::Store;
use crate::i18n::{t, tf, GapsMsg, StudioMsg, UiLang};
use crate::workspace::gaps::{answers_now, dismissed_key, flag_rows, not_dismissed};
use crate::workspace::gaps::{Dismissed, FlagRow, ReportFiles};
use leptos::html::Button;
use leptos::prelude::*;

/// How many rows show before "Show all".
const FIRST_ROWS: usize = 30;

/// Which chooser a row has open.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Chooser {
    Card,
    Synonym,
}

/// What the panel last said about a fix, with the way back while the file is as the fix left it.
#[derive(Clone, PartialEq)]
pub(super) struct Said {
    pub text: String,
    pub undo: Option<FixUndo>,
}

#[derive(Clone, PartialEq)]
pub(super) struct FixUndo {
    pub path: String,
    /// The file's text as the fix wrote it.
    pub after: String,
    /// The fix made the file (a first `synonyms.toml`): undone, it goes.
    pub created: bool,
}

/// The panel's own state, shared by its rows and choosers.
#[derive(Clone, Copy)]
pub(super) struct Panel {
    files: RwSignal<ReportFiles>,
    /// The files the last opening could not read, each with its name and line.
    problems: RwSignal<Vec<String>>,
    dismissed: RwSignal<Dismissed>,
    /// The row (by its query) whose chooser is open.
    pub chooser: RwSignal<Option<(String, Chooser)>>,
    pub said: RwSignal<Option<Said>>,
    all: RwSignal<bool>,
}

pub(super) fn panel() -> Panel {
    expect_context::<Panel>()
}

impl Panel {
    fn new() -> Panel {
        let stored = platform::LocalStore::open().get(&dismissed_key(&platform::base_path()));
        Panel {
            files: RwSignal::new(ReportFiles::default()),
            problems: RwSignal::new(Vec::new()),
            dismissed: RwSignal::new(Dismissed::decode(stored.as_deref())),
            chooser: RwSignal::new(None),
            said: RwSignal::new(None),
            all: RwSignal::new(false),
        }
    }

    /// Dismissed rows are kept in the browser; where storage is off, for this visit only.
    fn keep_dismissed(&self, update: impl FnOnce(&mut Dismissed)) {
        self.dismissed.update(update);
        let key = dismissed_key(&platform::base_path());
        let mut store = platform::LocalStore::open();
        match self.dismissed.with_untracked(Dismissed::is_empty) {
            true => store.remove(&key),
            false => drop(store.set(&key, &self.dismissed.with_untracked(Dismissed::encode))),
        }
    }
}

#[component]
pub fn GapsPanel() -> impl IntoView {
    let s = studio();
    provide_context(Panel::new());
    // Drawn again when the studio's language changes: its words are then plain text, not a
    // reactive closure each (the panel's share of the studio's wasm stays small).
    view! {
        <section class="studio-gaps" data-testid="studio-gaps" aria-labelledby="studio-gaps-label">
            {move || {
                let lang = s.lang.get();
                view! { <GapsBody lang=lang/> }
            }}
        </section>
    }
}

#[component]
fn GapsBody(lang: UiLang) -> impl IntoView {
    let s = studio();
    let p = panel();
    let all = Memo::new(move |_| p.files.with(|f| gaps(&f.reports())));
    let shown = Memo::new(move |_| p.dismissed.with(|d| not_dismissed(all.get(), d)));
    let rows = move || {
        let rows = shown.get().0;
        match p.all.get() {
            true => rows,
            false => rows.into_iter().take(FIRST_ROWS).collect(),
        }
    };
    view! {
        <h2 id="studio-gaps-label">{t(lang, GapsMsg::Title)} " "
            <span class="muted">{move || shown.with(|(rows, _)| rows.len())}</span></h2>
        <p class="muted">{t(lang, GapsMsg::Intro)}</p>
        <ReportsOpener lang=lang/>
        {move || s.ws.with(|w| w.paths().is_empty()).then(|| view! {
            <p class="muted" data-testid="studio-gaps-no-folder">{t(lang, GapsMsg::NoFolder)}</p>
        })}
        <Said lang=lang/>
        {move || (!p.files.with(ReportFiles::is_empty) && all.with(Vec::is_empty)).then(|| view! {
            <p class="muted" data-testid="studio-gaps-none">{t(lang, GapsMsg::NoGaps)}</p>
        })}
        <ol class="studio-gap-list">
            // Drawn again when the rows change (a file opened, a row dismissed), which is seldom.
            {move || rows().into_iter().map(|gap| view! { <GapRow gap=gap lang=lang/> }).collect_view()}
        </ol>
        {move || {
            let n = shown.with(|(rows, _)| rows.len());
            (!p.all.get() && n > FIRST_ROWS).then(|| view! {
                <button type="button" data-testid="studio-gaps-more" on:click=move |_| p.all.set(true)>
                    {tf(lang, GapsMsg::More, &[("n", &n.to_string())])}
                </button>
            })
        }}
        {move || {
            let hidden = shown.with(|(_, hidden)| *hidden);
            (hidden > 0).then(|| view! {
                <p class="muted">
                    {tf(lang, GapsMsg::Dismissed, &[("n", &hidden.to_string())])} " "
                    <button type="button" class="link" data-testid="studio-gaps-undismiss"
                        on:click=move |_| p.keep_dismissed(|d| *d = Dismissed::default())>
                        {t(lang, GapsMsg::Undismiss)}
                    </button>
                </p>
            })
        }}
        <FlagList lang=lang/>
    }
}

/// The report files' input (several at once; opened again, a file replaces its copy), what is
/// open, and the files that could not be read, each with its name and line.
#[component]
fn ReportsOpener(lang: UiLang) -> impl IntoView {
    let p = panel();
    let on_files = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        leptos::task::spawn_local(async move {
            match platform::input_files(&input).await {
                Ok((_, files)) => {
                    let mut bad = Vec::new();
                    p.files.update(|f| bad = f.add(files));
                    p.problems
                        .set(bad.iter().map(ToString::to_string).collect());
                }
                Err(why) => p.problems.set(vec![why]),
            }
            // The same file can be chosen again (a newer export under the same name).
            input.set_value("");
        });
    };
    let opened = move || {
        let (files, reports, span) = p
            .files
            .with(|f| (f.names().len(), f.reports().len(), f.span()));
        let (from, to) = span?;
        let day = |ms: f64| day_text(desk_moment().zone.date_of(ms as i64), true);
        Some(tf(
            lang,
            GapsMsg::Opened,
            &[
                ("reports", &reports.to_string()),
                ("files", &files.to_string()),
                ("from", &day(from)),
                ("to", &day(to)),
            ],
        ))
    };
    view! {
        <div class="studio-actions">
            <label class="button-like">
                <span>{t(lang, GapsMsg::Open)}</span>
                <input type="file" class="visually-hidden" data-testid="studio-gaps-open" multiple
                    accept=".json,.jsonl,application/json" on:change=on_files/>
            </label>
            {move || (!p.files.with(ReportFiles::is_empty)).then(|| view! {
                <button type="button" data-testid="studio-gaps-close" on:click=move |_| {
                    p.files.set(ReportFiles::default());
                    p.problems.set(Vec::new());
                }>{t(lang, GapsMsg::Close)}</button>
            })}
        </div>
        {move || opened().map(|o| view! { <p class="muted" data-testid="studio-gaps-opened">{o}</p> })}
        {move || {
            let problems = p.problems.get();
            (!problems.is_empty()).then(|| view! {
                <div role="alert">
                    <ul class="studio-gaps-problems">
                        {problems.into_iter().map(|why| view! {
                            <li class="error" data-testid="studio-gaps-problem">{tf(lang, GapsMsg::NotRead, &[("why", &why)])}</li>
                        }).collect_view()}
                    </ul>
                </div>
            })
        }}
    }
}

/// What the panel said about the last fix, with "Undo" while the file is as the fix left it.
#[component]
fn Said(lang: UiLang) -> impl IntoView {
    let s = studio();
    let p = panel();
    let undo = move |u: FixUndo| {
        match u.created {
            true => s.revert(&u.path),
            false => s.undo_in(&u.path, true),
        }
        p.said.set(None);
    };
    view! {
        <p class="studio-gaps-said" role="status" data-testid="studio-gaps-said">
            {move || p.said.get().map(|said| {
                let undo_now = said.undo.filter(|u| s.ws.with(|w| w.text(&u.path)).as_deref() == Some(u.after.as_str()));
                view! {
                    {said.text} " "
                    {undo_now.map(|u| view! {
                        <button type="button" data-testid="studio-gaps-undo" on:click=move |_| undo(u.clone())>
                            {t(lang, GapsMsg::Undo)}
                        </button>
                    })}
                }
            })}
        </p>
    }
}

/// One situation operators did not find: the query as typed most often, how often, where and
/// how it ended, the card they opened in the end, what the search answers now, and the fixes.
#[component]
fn GapRow(gap: Gap, lang: UiLang) -> impl IntoView {
    let s = studio();
    let p = panel();
    // Where the keyboard goes back to when a chooser closes.
    let (back_card, back_synonym) = (NodeRef::<Button>::new(), NodeRef::<Button>::new());
    let query = gap.query.clone();
    let ended = match gap.outcome {
        Outcome::NoResults => GapsMsg::NoResults,
        Outcome::Abandoned => GapsMsg::Abandoned,
        Outcome::Reformulated => GapsMsg::Reformulated,
    };
    let date = day_text(desk_moment().zone.date_of(gap.last_seen as i64), true);
    let (count, desks) = (gap.count.to_string(), gap.desks.to_string());
    let seen = move || {
        let args = [
            ("count", count.as_str()),
            ("desks", &desks),
            ("date", &date),
        ];
        format!("{} · {}", tf(lang, GapsMsg::Seen, &args), t(lang, ended))
    };
    let no_folder = move || s.ws.with(|w| w.paths().is_empty());
    let is_open = {
        let query = query.clone();
        move |which: Chooser| {
            p.chooser
                .with(|c| c.as_ref() == Some(&(query.clone(), which)))
        }
    };
    let toggle = {
        let (query, is_open) = (query.clone(), is_open.clone());
        move |which: Chooser| match is_open(which) {
            true => p.chooser.set(None),
            false => p.chooser.set(Some((query.clone(), which))),
        }
    };
    let dismiss = {
        let query = query.clone();
        move |_| p.keep_dismissed(|d| d.dismiss(&query))
    };
    let chooser = {
        let (gap, is_open) = (gap.clone(), is_open.clone());
        move || {
            let gap = gap.clone();
            if is_open(Chooser::Card) {
                Some(view! { <CardChooser gap=gap back=back_card lang=lang/> }.into_any())
            } else if is_open(Chooser::Synonym) {
                Some(
                    view! { <SynonymChooser query=gap.query back=back_synonym lang=lang/> }
                        .into_any(),
                )
            } else {
                None
            }
        }
    };
    let (card_open, synonym_open) = (is_open.clone(), is_open);
    let (toggle_card, toggle_synonym) = (toggle.clone(), toggle);
    view! {
        <li class="studio-gap" data-testid="studio-gap" data-query=query.clone()>
            <p class="studio-gap-head">
                <q class="studio-gap-query">{query.clone()}</q> " " <span class="muted">{seen}</span>
            </p>
            {gap.opened.clone().map(|id| view! {
                <p class="muted">{t(lang, GapsMsg::OpenedInTheEnd)} " " <CardLink id=id/></p>
            })}
            <SearchNow query=query.clone() lang=lang/>
            <div class="studio-actions">
                <button type="button" node_ref=back_card data-testid="studio-gap-add" disabled=no_folder
                    aria-expanded=move || card_open(Chooser::Card).to_string()
                    on:click=move |_| toggle_card(Chooser::Card)>{t(lang, GapsMsg::Add)}</button>
                <button type="button" node_ref=back_synonym data-testid="studio-gap-synonym" disabled=no_folder
                    aria-expanded=move || synonym_open(Chooser::Synonym).to_string()
                    on:click=move |_| toggle_synonym(Chooser::Synonym)>{t(lang, GapsMsg::Synonym)}</button>
                <button type="button" data-testid="studio-gap-dismiss" on:click=dismiss>{t(lang, GapsMsg::Dismiss)}</button>
            </div>
            {chooser}
        </li>
    }
}

/// A card by its title (its id while the folder has no such card); a click opens it.
#[component]
fn CardLink(id: String) -> impl IntoView {
    let s = studio();
    let title = {
        let id = id.clone();
        move || card_title(s, &id).unwrap_or_else(|| id.clone())
    };
    view! {
        <button type="button" class="link" data-id=id.clone() on:click=move |_| s.open_card(&id)>{title}</button>
    }
}

/// A card's title in the folder as last checked.
fn card_title(s: Studio, id: &str) -> Option<String> {
    s.checked.with(|c| {
        c.cards
            .iter()
            .find(|(_, p)| p.id == id)
            .map(|(_, p)| p.title.clone())
    })
}

/// The first cards the search answers for the query now, over the folder as edited (drafts
/// included, as "Try the search"): each fix shows here as soon as the index is rebuilt.
#[component]
fn SearchNow(query: String, lang: UiLang) -> impl IntoView {
    let s = studio();
    let now = move || {
        s.engine.with(|e| {
            let hits = answers_now(e.as_ref()?, &query, None).map_err(|e| e.to_string());
            Some(hits.map(|h| h.into_iter().map(|h| (h.id, h.title)).collect::<Vec<_>>()))
        })
    };
    view! {
        <div class="studio-gap-now">
            <span class="muted">{t(lang, GapsMsg::Now)}</span> " "
            {move || match now() {
                None => ().into_any(),
                Some(Err(why)) => view! { <span class="error">{why}</span> }.into_any(),
                Some(Ok(hits)) if hits.is_empty() => view! {
                    <span data-testid="studio-gap-now">{t(lang, GapsMsg::NowNothing)}</span>
                }.into_any(),
                Some(Ok(hits)) => view! {
                    <ol data-testid="studio-gap-now">
                        {hits.into_iter().map(|(id, title)| {
                            let (open, shown) = (id.clone(), id.clone());
                            view! {
                                <li data-id=id>
                                    <button type="button" class="link" on:click=move |_| s.open_card(&open)>{title}</button>
                                    " " <span class="muted">{shown}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
            {move || s.indexing.get().then(|| view! { " " <span class="muted">{t(lang, StudioMsg::IndexBuilding)}</span> })}
        </div>
    }
}

/// The flags raised on cards, the most flagged first: kinds and counts, notes, and the card
/// versions they were raised on, one the card no longer has marked "may be fixed".
#[component]
fn FlagList(lang: UiLang) -> impl IntoView {
    let s = studio();
    let p = panel();
    let rows = Memo::new(move |_| {
        let reports = p.files.with(ReportFiles::reports);
        s.engine.with(|e| {
            let engine = e.as_ref();
            flag_rows(&reports, |id| engine.and_then(|e| e.card_version(id)))
        })
    });
    view! {
        {move || (!rows.with(Vec::is_empty)).then(|| view! {
            <h3>{t(lang, GapsMsg::Flags)}</h3>
            <ul class="studio-flags">
                {rows.get().into_iter().map(|row| view! { <FlagItem row=row lang=lang/> }).collect_view()}
            </ul>
        })}
    }
}

#[component]
fn FlagItem(row: FlagRow, lang: UiLang) -> impl IntoView {
    let s = studio();
    let kind = |k: FlagKind| match k {
        FlagKind::Wrong => GapsMsg::Wrong,
        FlagKind::Outdated => GapsMsg::Outdated,
        FlagKind::Unclear => GapsMsg::Unclear,
        FlagKind::Missing => GapsMsg::Missing,
    };
    let c = row.flags.clone();
    let kinds = c.kinds.clone();
    let summary = move || {
        let kinds: Vec<String> = kinds
            .iter()
            .map(|(k, n)| format!("{} {n}", t(lang, kind(*k))))
            .collect();
        format!("{}× — {}", c.total(), kinds.join(", "))
    };
    let fixed = row.may_be_fixed();
    let in_folder = s.engine.with_untracked(Option::is_none) || row.current.is_some();
    let versions = row.flags.versions.iter().map(|v| {
        let older = row.is_older(v) && !fixed;
        let short: String = v.chars().take(8).collect();
        view! {
            <span class="studio-flag-version">
                {move || tf(lang, GapsMsg::Version, &[("version", &short)])}
                {older.then(|| view! { " (" {t(lang, GapsMsg::MayBeFixed)} ")" })}
            </span>
        }
    });
    view! {
        <li class="studio-flag" data-testid="studio-flag" data-card=row.flags.card.clone()
            data-may-be-fixed=fixed.to_string()>
            <CardLink id=row.flags.card.clone()/> " " <span class="muted">{summary}</span>
            {fixed.then(|| view! { " " <span class="studio-flag-fixed">{t(lang, GapsMsg::MayBeFixed)}</span> })}
            {(!in_folder).then(|| view! { " " <span class="muted">{t(lang, GapsMsg::NotInFolder)}</span> })}
            <ul class="studio-flag-notes">
                {row.flags.notes.iter().map(|n| view! { <li>"“" {n.clone()} "”"</li> }).collect_view()}
            </ul>
            <p class="muted">{versions.collect_view()}</p>
        </li>
    }
}
