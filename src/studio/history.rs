//! The History panel: the publications recorded in the site folder's `history/` (newest first,
//! the site's version now marked) and a restore of an older one, planned by `site::plan_rollback`
//! as `kb rollback` plans it — written in place into a folder opened with File System Access,
//! else downloaded as a site update, as Publish does.

use super::platform;
use super::publish::{download_update, open_site, told, write_in_place, SiteFolder};
use super::state::Studio;
use super::studio;
use crate::i18n::{t, tf, StudioMsg};
use crate::site::{plan_rollback, Kind, Record, Rollback};
use leptos::prelude::*;
use std::sync::Arc;

/// The first characters of a version, enough to tell versions apart on a row.
fn short(version: &str) -> &str {
    version.get(..8).unwrap_or(version)
}

/// Restores the publication `number` of the studio's site folder: in place when the folder
/// was opened with File System Access (read again first: the plan is for the folder as it is),
/// else as a site update to download.
fn restore(s: Studio, number: u32) {
    let fail = move |why: String| s.failed(StudioMsg::RestoreFailed, &why);
    let plan = move |folder: &SiteFolder| {
        let (site, history, files) = (&folder.site, &folder.history, &folder.files);
        plan_rollback(
            site,
            history,
            files,
            Some(&format!("#{number}")),
            &s.stamp(),
        )
        .map_err(|e| told(&e))
    };
    let done = move |r: &Rollback| {
        let lang = s.lang.get_untracked();
        let text = match &r.record {
            None => t(lang, StudioMsg::NothingToRestore).to_string(),
            Some(_) => tf(
                lang,
                StudioMsg::SiteRestored,
                &[
                    ("n", &r.target.number.to_string()),
                    ("version", short(&r.target.version)),
                    ("count", &r.update.publication.count.to_string()),
                ],
            ),
        };
        s.tell(text);
    };
    match s.site_handle.get_value() {
        Some(handle) => leptos::task::spawn_local(async move {
            let rollback = match open_site(s, &handle).await {
                Ok(folder) => plan(&folder),
                Err(why) => Err(why),
            };
            let rollback = match rollback {
                Ok(r) => r,
                Err(why) => return fail(why),
            };
            if let Err(why) = write_in_place(&handle, &rollback.update).await {
                return fail(why);
            }
            done(&rollback);
            if let Err(why) = open_site(s, &handle).await {
                fail(why);
            }
        }),
        None => {
            let Some(folder) = s.site.get_untracked() else {
                return;
            };
            match plan(&folder) {
                Ok(r) if r.record.is_none() => done(&r),
                Ok(r) => {
                    let name = format!("{}-restore-{number}.zip", folder.name);
                    match download_update(&name, &r.update) {
                        Ok(()) => done(&r),
                        Err(why) => fail(why),
                    }
                }
                Err(why) => fail(why),
            }
        }
    }
}

/// Opens a site folder with File System Access for the history alone (restores in place).
fn open_in_place(s: Studio) {
    leptos::task::spawn_local(async move {
        let handle = match platform::pick_folder().await {
            Ok(Some(h)) => h,
            Ok(None) => return,
            Err(why) => return s.failed(StudioMsg::RestoreFailed, &why),
        };
        if let Err(why) = open_site(s, &handle).await {
            s.failed(StudioMsg::RestoreFailed, &why);
        }
    });
}

fn row(s: Studio, r: Record, current: bool, now: Option<String>) -> impl IntoView {
    let number = r.number;
    let kind = move || match (r.kind, &r.to) {
        (Kind::Rollback, Some(to)) => tf(
            s.lang.get(),
            StudioMsg::HistoryRollback,
            &[("version", short(to))],
        ),
        (Kind::Rollback, None) => tf(
            s.lang.get(),
            StudioMsg::HistoryRollback,
            &[("version", "?")],
        ),
        (Kind::Publish, _) => s.msg(StudioMsg::HistoryPublish).to_string(),
        (Kind::Start, _) => s.msg(StudioMsg::HistoryStart).to_string(),
    };
    let changes = format!(
        "+{} ~{} \u{2212}{}",
        r.added.len(),
        r.changed.len(),
        r.removed.len()
    );
    let ids: Vec<String> = [("+", &r.added), ("~", &r.changed), ("\u{2212}", &r.removed)]
        .into_iter()
        .flat_map(|(mark, ids)| ids.iter().map(move |id| format!("{mark}{id}")))
        .collect();
    let restorable = Some(&r.version) != now.as_ref();
    view! {
        <li data-testid="studio-history-row" data-number=number.to_string()
            data-current=current.to_string() class:studio-history-current=current>
            <span class="studio-history-number">"#"{number}</span>" "
            <time datetime=r.time.clone()>{platform::local_time(r.unix)}</time>" "
            <span class="studio-history-by">{r.by.clone().unwrap_or_else(|| "\u{2014}".into())}</span>" "
            <span class="studio-history-kind">{kind}</span>" "
            <span class="studio-history-changes" title=ids.join(" ")>{changes}</span>
            {current.then(|| view! { " " <strong class="studio-history-now">{move || s.msg(StudioMsg::HistoryCurrent)}</strong> })}
            {restorable.then(|| view! {
                " "
                <button data-testid="studio-history-restore" data-number=number.to_string()
                    on:click=move |_| restore(s, number)>{move || s.msg(StudioMsg::Restore)}</button>
            })}
        </li>
    }
}

fn rows(s: Studio, folder: Arc<SiteFolder>) -> AnyView {
    if folder.history.records.is_empty() {
        return view! { <p class="muted" data-testid="studio-history-empty">{move || s.msg(StudioMsg::HistoryEmpty)}</p> }
            .into_any();
    }
    let now = folder.site.version();
    let current = folder.history.current(now.as_deref()).map(|r| r.number);
    let list: Vec<_> = folder
        .history
        .records
        .iter()
        .rev()
        .map(|r| row(s, r.clone(), Some(r.number) == current, now.clone()))
        .collect();
    view! { <ol class="studio-history-list" reversed>{list}</ol> }.into_any()
}

#[component]
pub fn HistoryPanel() -> impl IntoView {
    let s = studio();
    view! {
        <section class="studio-history" data-testid="studio-history" aria-labelledby="studio-history-label">
            <h2 id="studio-history-label">{move || s.msg(StudioMsg::History)}</h2>
            {platform::can_open_folders().then(|| view! {
                <div class="studio-actions">
                    <button data-testid="studio-history-open" on:click=move |_| open_in_place(s)>{move || s.msg(StudioMsg::OpenSiteFolder)}</button>
                </div>
            })}
            {move || match s.site.get() {
                None => view! { <p class="muted">{move || s.msg(StudioMsg::HistoryNoSite)}</p> }.into_any(),
                Some(folder) => rows(s, folder),
            }}
        </section>
    }
}
