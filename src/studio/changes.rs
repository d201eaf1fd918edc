//! The changed files, each with its diff against the folder's copy and a way to drop it, and
//! the two ways out: saving into the folder (File System Access) or downloading the changes
//! (one file as itself, several as a zip at their paths).

use super::platform;
use super::state::Studio;
use super::studio;
use crate::i18n::{tf, StudioMsg};
use crate::site::zip_files;
use crate::workspace::diff::DiffKind;
use crate::workspace::{Change, ChangeKind};
use leptos::prelude::*;

/// Ctrl+S and the buttons: into the folder where the studio may write it, else a download.
pub fn save(s: Studio) {
    let changes = s.ws.with_untracked(|w| w.changes());
    if changes.is_empty() {
        return;
    }
    match s.handle.get_value() {
        Some(handle) => leptos::task::spawn_local(async move {
            let mut done = Vec::new();
            for c in &changes {
                if let Err(why) = platform::write_file(&handle, &c.path, &c.bytes).await {
                    s.saved(&done);
                    return s.failed(StudioMsg::SaveFailed, &why);
                }
                done.push(c.path.clone());
            }
            s.saved(&done);
        }),
        None => download(s, &changes),
    }
}

/// The changes as a download, at once.
fn download(s: Studio, changes: &[Change]) {
    let result = match changes {
        [one] => platform::download(&one.path, &one.bytes, "text/markdown;charset=utf-8"),
        many => {
            let files: Vec<(&str, &[u8])> = many
                .iter()
                .map(|c| (c.path.as_str(), c.bytes.as_slice()))
                .collect();
            let name = s.ws.with_untracked(|w| w.name.clone());
            let name = if name.is_empty() {
                "content".to_string()
            } else {
                name
            };
            let zip = zip_files(&files, platform::now_secs());
            platform::download(&format!("{name}-changes.zip"), &zip, "application/zip")
        }
    };
    if let Err(why) = result {
        s.failed(StudioMsg::SaveFailed, &why);
    }
}

#[component]
pub fn ChangesPanel() -> impl IntoView {
    let s = studio();
    let changes = Memo::new(move |_| s.ws.with(|w| w.changes()));
    let drop_one = move |path: String| {
        if platform::confirm(&tf(
            s.lang.get_untracked(),
            StudioMsg::ConfirmDrop,
            &[("file", &path)],
        )) {
            s.revert(&path);
        }
    };
    view! {
        <section class="studio-changes" data-testid="studio-changes" aria-labelledby="studio-changes-label">
            <h2 id="studio-changes-label">{move || s.msg(StudioMsg::Changes)} " " <span class="muted">{move || changes.with(Vec::len)}</span></h2>
            <div class="studio-actions">
                {move || s.handle.with_value(Option::is_some).then(|| view! {
                    <button data-testid="studio-save" disabled=move || changes.with(Vec::is_empty)
                        on:click=move |_| save(s)>{s.msg(StudioMsg::SaveToFolder)}</button>
                })}
                <button data-testid="studio-download" disabled=move || changes.with(Vec::is_empty)
                    on:click=move |_| download(s, &changes.get_untracked())>{move || s.msg(StudioMsg::DownloadChanges)}</button>
            </div>
            {move || {
                let all = changes.get();
                if all.is_empty() {
                    return view! { <p class="muted">{s.msg(StudioMsg::NoChanges)}</p> }.into_any();
                }
                all.into_iter().map(|c| {
                    let path = c.path.clone();
                    let kind = match c.kind {
                        ChangeKind::Added => StudioMsg::Added,
                        ChangeKind::Modified => StudioMsg::Modified,
                    };
                    view! {
                        <details class="studio-change" data-testid="studio-change" data-path=c.path.clone() open>
                            <summary>
                                <span class="studio-change-path">{c.path.clone()}</span> " "
                                <span class="muted">{move || s.msg(kind)}</span>
                            </summary>
                            <button class="studio-drop" data-testid="studio-drop" on:click=move |_| drop_one(path.clone())>{move || s.msg(StudioMsg::DropChange)}</button>
                            <pre class="studio-diff" tabindex="0">{c.diff.into_iter().map(|l| {
                                let (class, mark) = match l.kind {
                                    DiffKind::Same => ("same", " "),
                                    DiffKind::Added => ("added", "+"),
                                    DiffKind::Removed => ("removed", "−"),
                                    DiffKind::Gap => ("gap", "⋯"),
                                };
                                let n = l.new.or(l.old).map(|n| n.to_string()).unwrap_or_default();
                                view! { <span class=format!("diff-line {class}")><span class="diff-n">{n}</span>{mark} {l.text}"\n"</span> }
                            }).collect_view()}</pre>
                        </details>
                    }
                }).collect_view().into_any()
            }}
        </section>
    }
}
