//! The page's banners and notes above the desk: the index that could not be opened, a new
//! version waiting, storage trouble, the plain-http note. Each is told, never a blank page.

use super::platform;
use super::store::{Desk, LoadProblem as Problem, Notice, Prefs, Ui};
use crate::i18n::{t, tf, Msg};
use leptos::prelude::*;

/// On a plain-http desk (no service worker, clipboard API or notifications there), a quiet
/// note that offline use needs https, until dismissed.
#[component]
pub(super) fn HttpsNote(prefs: RwSignal<Prefs>) -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        (!platform::is_secure_context() && !prefs.with(|p| p.https_note_dismissed)).then(|| {
            view! {
                <p class="https-note muted" data-testid="https-note">
                    {t(ui.lang.get(), Msg::OfflineNeedsHttps)} " "
                    <button class="link" on:click=move |_| prefs.update(|p| p.https_note_dismissed = true)>
                        {t(ui.lang.get(), Msg::Dismiss)}
                    </button>
                </p>
            }
        })
    }
}

/// The index could not be fetched or opened: say so, and offer a retry that bypasses every
/// cache (never a blank page).
#[component]
pub(super) fn LoadProblemBanner(why: Problem) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let lang = move || ui.lang.get();
    let (kind, text) = match why {
        Problem::Damaged => ("damaged", None),
        Problem::Other(detail) => ("failed", Some(detail)),
    };
    view! {
        <div class="error" role="alert" data-testid="load-problem" data-kind=kind>
            <p>
                {move || t(lang(), if kind == "damaged" { Msg::IndexDamaged } else { Msg::LoadFailed })}
                {text.map(|d| format!(" ({d})"))}
            </p>
            <button on:click=move |_| super::loading::retry_engine(ui)>{move || t(lang(), Msg::Retry)}</button>
        </div>
    }
}

/// A new build is installed and waiting (service worker), or another tab already switched to
/// it: offer the reload, never force it mid-call.
#[component]
pub(super) fn UpdateBanner() -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        ui.update_ready.get().then(|| {
            view! {
                <div class="notice update" role="status" data-testid="update-ready">
                    <span>{t(ui.lang.get(), Msg::UpdateReady)}</span>
                    <button on:click=move |_| platform::apply_update()>{t(ui.lang.get(), Msg::Reload)}</button>
                </div>
            }
        })
    }
}

/// Storage trouble, told until dismissed: what was set aside and where (with the offer to
/// delete it: it may hold customers' data), or what lives in this tab only.
#[component]
pub(super) fn StorageNotice() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let desk = expect_context::<Desk>();
    move || {
        let lang = ui.lang.get();
        desk.notice.get().map(|notice| {
            let (msg, detail, kind, backup) = match notice {
                Notice::Recovered { detail, backup_key } => {
                    (Msg::StorageRecovered, detail, "recovered", Some(backup_key))
                }
                Notice::Unreadable(d) => (Msg::StorageUnreadable, d, "unreadable", None),
                Notice::NotSaved(d) => (Msg::StorageNotSaved, d, "not-saved", None),
            };
            let days = (desk.retention.backups_ms / crate::desk::DAY_MS).round();
            view! {
                <div class="notice" role="alert" data-testid="storage-notice" data-kind=kind>
                    <span>
                        {t(lang, msg)} " (" {detail} ")"
                        {backup.clone().map(|k| view! {
                            " " {t(lang, Msg::BackupKeptAt)} " " <code data-testid="backup-key">{k}</code>
                            " — " {tf(lang, Msg::BackupExpires, &[("days", &days.to_string())])}
                        })}
                    </span>
                    {backup.map(|k| view! {
                        <button data-testid="delete-backup" on:click=move |_| desk.delete_backup(&k)>{t(lang, Msg::DeleteBackup)}</button>
                    })}
                    <button on:click=move |_| desk.notice.set(None)>{t(lang, Msg::Dismiss)}</button>
                </div>
            }
        })
    }
}
