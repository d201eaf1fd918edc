//! The studio scenarios' helpers: the folders handed to the studio's folder inputs and its
//! File System Access picker, the downloads it hands the browser, and a site update applied.
#![cfg(not(target_arch = "wasm32"))]

use crate::e2e::{Browser, Engine, Server};
use base64::Engine as _;
use fantoccini::Locator;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The real content folder.
pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// Opens the real content folder in the studio and waits for every card and its check.
pub async fn open_content(b: &Browser) {
    choose_folder(b, "studio-folder", &content_dir()).await;
    let cards = std::fs::read_dir(content_dir())
        .unwrap()
        .filter(|e| {
            let n = e.as_ref().unwrap().file_name();
            let n = n.to_string_lossy();
            n.ends_with(".md") && n != "README.md"
        })
        .count();
    b.until("every card listed", || async {
        (b.all_testid("studio-card").await.len() == cards).then_some(())
    })
    .await;
    b.wait_testid("studio-no-problems").await;
}

/// The id of the studio search's first result for `query`.
/// New card → its title → Create, as an editor does.
pub async fn new_card(b: &Browser, title: &str) {
    b.wait_testid("studio-new").await.click().await.unwrap();
    b.wait_testid("studio-new-title")
        .await
        .send_keys(title)
        .await
        .unwrap();
    b.wait_testid("studio-new-create")
        .await
        .click()
        .await
        .unwrap();
}

pub async fn search_first(b: &Browser, query: &str) -> String {
    let input = b.wait_testid("studio-search").await;
    input.clear().await.unwrap();
    input.send_keys(query).await.unwrap();
    b.until("a result", || async {
        let first = b.all_testid("studio-result").await.into_iter().next()?;
        first.attr("data-id").await.ok()?
    })
    .await
}

/// The top-level files of a folder, as `[name, base64]` pairs for the page.
pub fn files_of(dir: &Path) -> serde_json::Value {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, b64.encode(std::fs::read(&p).unwrap()))
        })
        .collect();
    files.sort();
    serde_json::json!(files)
}

pub async fn open_studio(engine: Engine) -> (Browser, Server) {
    let (b, s) = Browser::open(engine, "studio.html").await;
    b.wait_testid("studio-folder").await;
    catch_downloads(&b).await;
    (b, s)
}

/// Keeps what the page hands the browser to download in `window.cuecardDownloads`.
pub async fn catch_downloads(b: &Browser) {
    b.eval(
        "window.cuecardDownloads = [];
         const blobs = new Map();
         const create = URL.createObjectURL.bind(URL);
         URL.createObjectURL = (blob) => { const url = create(blob); blobs.set(url, blob); return url; };
         const click = HTMLAnchorElement.prototype.click;
         HTMLAnchorElement.prototype.click = function () {
           if (this.download && blobs.has(this.href)) {
             window.cuecardDownloads.push({ name: this.download, blob: blobs.get(this.href) });
             return;
           }
           return click.call(this);
         };
         return true",
    )
    .await;
}

/// The `i`th download: its file name and bytes.
pub async fn download(b: &Browser, i: usize) -> (String, Vec<u8>) {
    // A site update is a publication first: its compression took WebKitGTK's wasm more than
    // 30 s on a loaded machine (in the worker; in the page, where no worker starts, the page
    // and the driver's calls wait with it).
    b.until_within(
        std::time::Duration::from_secs(120),
        "the download",
        || async {
            let n = b.eval("return window.cuecardDownloads.length").await;
            (n.as_u64()? as usize > i).then_some(())
        },
    )
    .await;
    let v = b
        .eval_async(&format!(
            "const d = window.cuecardDownloads[{i}];
             d.blob.arrayBuffer().then(buf => {{
               let s = ''; const bytes = new Uint8Array(buf);
               for (let j = 0; j < bytes.length; j++) s += String.fromCharCode(bytes[j]);
               done([d.name, btoa(s)]);
             }})"
        ))
        .await;
    let (name, data): (String, String) = serde_json::from_value(v).unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap();
    (name, bytes)
}

/// Hands `dir`'s files to the folder input `testid`, as the browser's folder dialog does.
pub async fn choose_folder(b: &Browser, testid: &str, dir: &Path) {
    b.client
        .execute(
            "const [testid, files] = arguments;
             const input = document.querySelector(`[data-testid=${testid}]`);
             const dt = new DataTransfer();
             for (const [name, b64] of files) {
               const bin = atob(b64); const bytes = new Uint8Array(bin.length);
               for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
               dt.items.add(new File([bytes], name));
             }
             input.files = dt.files;
             input.dispatchEvent(new Event('change', { bubbles: true }));
             return true",
            vec![serde_json::json!(testid), files_of(dir)],
        )
        .await
        .unwrap();
}

/// Copies `dir`'s top-level files into the origin-private file system under `name`, and makes
/// the folder picker hand that folder over: real File System Access handles (Chromium has the
/// API, but headless its dialog cannot be answered).
pub async fn pick_opfs_folder(b: &Browser, name: &str, dir: &Path) {
    let v = b
        .client
        .execute_async(
            "const [name, files, done] = arguments;
             (async () => {
               const root = await navigator.storage.getDirectory();
               await root.removeEntry(name, { recursive: true }).catch(() => {});
               const folder = await root.getDirectoryHandle(name, { create: true });
               for (const [file, b64] of files) {
                 const bin = atob(b64); const bytes = new Uint8Array(bin.length);
                 for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
                 const w = await (await folder.getFileHandle(file, { create: true })).createWritable();
                 await w.write(bytes); await w.close();
               }
               window.showDirectoryPicker = async () => folder;
               done(true);
             })().catch((e) => done(String(e)));",
            vec![serde_json::json!(name), files_of(dir)],
        )
        .await
        .unwrap();
    assert_eq!(v, serde_json::json!(true), "{v}");
}

/// A file of an origin-private folder, as text (`null`: missing).
pub async fn opfs_text(b: &Browser, folder: &str, file: &str) -> Option<String> {
    let v = b
        .client
        .execute_async(
            "const [folder, file, done] = arguments;
             navigator.storage.getDirectory()
               .then((root) => root.getDirectoryHandle(folder))
               .then((d) => d.getFileHandle(file)).then((h) => h.getFile()).then((f) => f.text())
               .then(done, () => done(null));",
            vec![serde_json::json!(folder), serde_json::json!(file)],
        )
        .await
        .unwrap();
    v.as_str().map(str::to_string)
}

/// Applies a site update `.zip` to `site` as its note says: its files copied over (history
/// included), then the old files deleted. Returns the note and what it deleted.
pub fn apply_update(site: &Path, zip: &[u8]) -> (String, Vec<String>) {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut note = String::new();
    archive
        .by_name("CUECARD-UPDATE.txt")
        .unwrap()
        .read_to_string(&mut note)
        .unwrap();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        if f.name() == "CUECARD-UPDATE.txt" {
            continue;
        }
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        let to = site.join(f.name());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    let deletes = note
        .split("Then delete these old files")
        .nth(1)
        .unwrap_or("");
    let deleted: Vec<String> = deletes
        .lines()
        .skip(1)
        .map(|l| l.trim().to_string())
        .take_while(|l| !l.is_empty())
        .collect();
    for old in &deleted {
        std::fs::remove_file(site.join(old)).unwrap();
    }
    (note, deleted)
}

/// A site folder's top-level files and its `history/` (records and `files/`), by their path
/// in the folder.
fn site_tree(dir: &Path) -> Vec<(String, String)> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut out = Vec::new();
    for sub in ["", "history", "history/files"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for p in entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()) {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let rel = match sub {
                "" => name,
                _ => format!("{sub}/{name}"),
            };
            out.push((rel, b64.encode(std::fs::read(&p).unwrap())));
        }
    }
    out.sort();
    out
}

/// Hands a site folder with its sub-folders to the site folder input, each file with its path
/// under the folder (`site/history/0001-….json`) as a folder dialog gives it. A `DataTransfer`
/// cannot carry those paths, so the input's `files` is the list itself.
pub async fn choose_site_tree(b: &Browser, dir: &Path) {
    b.client
        .execute(
            "const [files] = arguments;
             const input = document.querySelector('[data-testid=studio-site-folder]');
             const list = files.map(([path, b64]) => {
               const bin = atob(b64); const bytes = new Uint8Array(bin.length);
               for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
               const f = new File([bytes], path.split('/').pop());
               Object.defineProperty(f, 'webkitRelativePath', { value: 'site/' + path });
               return f;
             });
             Object.defineProperty(input, 'files', { value: list, configurable: true, writable: true });
             input.dispatchEvent(new Event('change', { bubbles: true }));
             return true",
            vec![serde_json::json!(site_tree(dir))],
        )
        .await
        .unwrap();
}

/// Opens a card in the editor's text view.
pub async fn select_card(b: &Browser, path: &str) {
    b.client
        .find(Locator::Css(&format!(
            "[data-testid=studio-card][data-path=\"{path}\"]"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // These scenarios edit the text (the form's are in `studio_form_for_trainers`).
    b.wait_testid("studio-view-text")
        .await
        .click()
        .await
        .unwrap();
    // The folder opens on its first card: wait for this one's name and text, not any card's.
    b.until(&format!("{path} in the editor"), || async {
        let v = b
            .eval(
                "return [document.getElementById('studio-editor-label').textContent,
                         document.querySelector('[data-testid=studio-editor]').value]",
            )
            .await;
        let label = v[0].as_str()?;
        let text = v[1].as_str()?;
        (label.contains(path) && text.contains("id = \"")).then_some(())
    })
    .await;
}

/// Puts the caret at the end of the first line that starts with `line_start` (or at its start)
/// and types `keys` there, as an editor does.
pub async fn type_at(b: &Browser, line_start: &str, at_end: bool, keys: &str) {
    b.client
        .execute(
            "const [start, atEnd] = arguments;
             const area = document.querySelector('[data-testid=studio-editor]');
             const text = area.value;
             const i = text.indexOf('\\n' + start) + 1;
             const end = text.indexOf('\\n', i);
             area.focus();
             const at = atEnd ? end : i;
             area.setSelectionRange(at, at);
             return true",
            vec![serde_json::json!(line_start), serde_json::json!(at_end)],
        )
        .await
        .unwrap();
    let before = editor_text(b).await;
    let area = b.wait_testid("studio-editor").await;
    area.send_keys(keys).await.unwrap();
    b.until("the keys typed into the editor", || async {
        (editor_text(b).await != before).then_some(())
    })
    .await;
}

pub async fn editor_text(b: &Browser) -> String {
    b.eval("return document.querySelector('[data-testid=studio-editor]').value")
        .await
        .as_str()
        .unwrap()
        .to_string()
}

pub async fn problems(b: &Browser) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in b.all_testid("studio-problem").await {
        let line = p.attr("data-line").await.unwrap().unwrap_or_default();
        out.push((line, p.text().await.unwrap_or_default()));
    }
    out
}
