//! Every call the studio makes into the browser beyond the desk's (`app::platform`): the files
//! of a folder input, a folder opened with the File System Access API (read and written in
//! place, Chromium and Edge), downloads, and the question before leaving with unsaved changes.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

pub use crate::app::platform::{base_path, browser_langs, confirm, download, window, LocalStore};

/// Runs `f` and puts its duration on the performance timeline as `name` (the studio's figures in
/// the README are read from there: `performance.getEntriesByName(name)`).
pub fn measured<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let perf = window().performance();
    let (start, end) = (format!("{name}:start"), format!("{name}:end"));
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &perf {
        let _ = p.mark(&end);
        let _ = p.measure_with_start_mark_and_end_mark(name, &start, &end);
    }
    out
}

/// Puts work done elsewhere (the worker: its own timeline is not the page's) on the page's
/// timeline as `name`, lasting `ms` and ending now.
pub fn record(name: &str, ms: f64) {
    let Some(perf) = window().performance() else {
        return;
    };
    let end = perf.now();
    let options = Object::new();
    let _ = Reflect::set(&options, &"start".into(), &(end - ms).max(0.0).into());
    let _ = Reflect::set(&options, &"end".into(), &end.into());
    if let Ok(f) = method(&perf, "measure") {
        let _ = f.call2(&perf, &name.into(), &options);
    }
}

/// Now, in whole seconds since 1970 (a zip entry's date).
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// What went wrong in the browser, in its words.
use crate::app::platform::js_error as why;

async fn bytes_of(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(why)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The files a folder input holds: each with its path under the folder picked
/// ("content/vi-x.md"; a browser without folder paths gives the bare name).
pub async fn input_files(
    input: &web_sys::HtmlInputElement,
) -> Result<(String, Vec<(String, Vec<u8>)>), String> {
    let Some(list) = input.files() else {
        return Ok((String::new(), Vec::new()));
    };
    let mut out = Vec::new();
    let mut folder = String::new();
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        let rel = Reflect::get(&file, &"webkitRelativePath".into())
            .ok()
            .and_then(|p| p.as_string())
            .unwrap_or_default();
        let path = if rel.is_empty() { file.name() } else { rel };
        if folder.is_empty() {
            folder = path
                .split('/')
                .next()
                .filter(|_| path.contains('/'))
                .unwrap_or("")
                .into();
        }
        out.push((path, bytes_of(&file).await?));
    }
    Ok((folder, out))
}

/// The File System Access API is there (Chromium, Edge; not Firefox or Safari).
pub fn can_open_folders() -> bool {
    Reflect::has(&window(), &"showDirectoryPicker".into()).unwrap_or(false)
}

/// A folder the editor picked, writable (`None`: they cancelled).
pub async fn pick_folder() -> Result<Option<JsValue>, String> {
    let pick: Function = Reflect::get(&window(), &"showDirectoryPicker".into())
        .map_err(why)?
        .dyn_into()
        .map_err(why)?;
    let options = Object::new();
    Reflect::set(&options, &"mode".into(), &"readwrite".into()).map_err(why)?;
    let promise: Promise = pick
        .call1(&window(), &options)
        .map_err(why)?
        .dyn_into()
        .map_err(why)?;
    match JsFuture::from(promise).await {
        Ok(handle) => Ok(Some(handle)),
        Err(e)
            if Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .as_deref()
                == Some("AbortError") =>
        {
            Ok(None)
        }
        Err(e) => Err(why(e)),
    }
}

fn method(target: &JsValue, name: &str) -> Result<Function, String> {
    Reflect::get(target, &name.into())
        .map_err(why)?
        .dyn_into()
        .map_err(|_| format!("{name} is missing"))
}

async fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let f = method(target, name)?;
    let result = f
        .apply(target, &args.iter().collect::<Array>())
        .map_err(why)?;
    match result.dyn_into::<Promise>() {
        Ok(p) => JsFuture::from(p).await.map_err(why),
        Err(v) => Ok(v),
    }
}

/// The folder's name and its top-level files (sub-folders are not content).
pub async fn read_folder(handle: &JsValue) -> Result<(String, Vec<(String, Vec<u8>)>), String> {
    let name = Reflect::get(handle, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    let mut out = Vec::new();
    read_files(handle, "", &mut out).await?;
    Ok((name, out))
}

/// A site folder: its top-level files, and its history's (`history/*.json`,
/// `history/files/*`), each by its path in the folder.
pub async fn read_site_folder(
    handle: &JsValue,
) -> Result<(String, Vec<(String, Vec<u8>)>), String> {
    let (name, mut out) = read_folder(handle).await?;
    if let Some(history) = folder_in(handle, "history", false).await? {
        read_files(&history, "history/", &mut out).await?;
        if let Some(files) = folder_in(&history, "files", false).await? {
            read_files(&files, "history/files/", &mut out).await?;
        }
    }
    Ok((name, out))
}

/// The files directly in a folder, each as `prefix` + its name.
async fn read_files(
    handle: &JsValue,
    prefix: &str,
    out: &mut Vec<(String, Vec<u8>)>,
) -> Result<(), String> {
    let entries = call(handle, "values", &[]).await?;
    loop {
        let next = call(&entries, "next", &[]).await?;
        if Reflect::get(&next, &"done".into())
            .map_err(why)?
            .is_truthy()
        {
            break;
        }
        let entry = Reflect::get(&next, &"value".into()).map_err(why)?;
        let kind = Reflect::get(&entry, &"kind".into())
            .ok()
            .and_then(|k| k.as_string());
        if kind.as_deref() != Some("file") {
            continue;
        }
        let file: web_sys::File = call(&entry, "getFile", &[])
            .await?
            .dyn_into()
            .map_err(why)?;
        out.push((format!("{prefix}{}", file.name()), bytes_of(&file).await?));
    }
    Ok(())
}

/// The sub-folder `name` of a folder (`create`: made when missing; else `None` when missing).
async fn folder_in(handle: &JsValue, name: &str, create: bool) -> Result<Option<JsValue>, String> {
    let options = Object::new();
    Reflect::set(&options, &"create".into(), &create.into()).map_err(why)?;
    let f = method(handle, "getDirectoryHandle")?;
    let promise: Promise = f
        .call2(handle, &name.into(), &options)
        .map_err(why)?
        .dyn_into()
        .map_err(why)?;
    match JsFuture::from(promise).await {
        Ok(h) => Ok(Some(h)),
        Err(e) if !create && error_name(&e).as_deref() == Some("NotFoundError") => Ok(None),
        Err(e) => Err(why(e)),
    }
}

fn error_name(e: &JsValue) -> Option<String> {
    Reflect::get(e, &"name".into()).ok()?.as_string()
}

/// The folder a path's file is in (`history/files/x`: `history/files`, made where missing),
/// and the file's own name.
async fn parent_of<'p>(handle: &JsValue, path: &'p str) -> Result<(JsValue, &'p str), String> {
    let mut dir = handle.clone();
    let mut parts: Vec<&str> = path.split('/').collect();
    let file = parts.pop().unwrap_or(path);
    for part in parts {
        dir = folder_in(&dir, part, true)
            .await?
            .ok_or_else(|| format!("{part}: no folder"))?;
    }
    Ok((dir, file))
}

/// Writes `bytes` at `path` in the folder (created or replaced whole; its folders made).
pub async fn write_file(handle: &JsValue, path: &str, bytes: &[u8]) -> Result<(), String> {
    let (dir, name) = parent_of(handle, path).await?;
    let options = Object::new();
    Reflect::set(&options, &"create".into(), &true.into()).map_err(why)?;
    let file = call(&dir, "getFileHandle", &[name.into(), options.into()]).await?;
    let writable = call(&file, "createWritable", &[]).await?;
    call(&writable, "write", &[Uint8Array::from(bytes).into()]).await?;
    call(&writable, "close", &[]).await?;
    Ok(())
}

/// Removes the file at `path` from the folder (a file the site no longer needs).
pub async fn remove_file(handle: &JsValue, path: &str) -> Result<(), String> {
    let (dir, name) = parent_of(handle, path).await?;
    call(&dir, "removeEntry", &[name.into()]).await.map(|_| ())
}

/// A moment as the browser words it in its own locale (the History panel's times).
pub fn local_time(unix: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(unix as f64 * 1000.0));
    method(&date, "toLocaleString")
        .and_then(|f| f.call0(&date).map_err(why))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Asks before the page is left while `unsaved()` holds (the browser words the question).
pub fn ask_before_leaving(unsaved: impl Fn() -> bool + 'static) {
    let handler = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
        move |ev: web_sys::BeforeUnloadEvent| {
            if unsaved() {
                ev.prevent_default();
                ev.set_return_value("unsaved");
            }
        },
    );
    let _ =
        window().add_event_listener_with_callback("beforeunload", handler.as_ref().unchecked_ref());
    handler.forget();
}

/// Calls `f` on every `hashchange` (the preview's links to other cards).
pub fn on_hash_change(f: impl Fn(String) + 'static) {
    let handler =
        Closure::<dyn Fn()>::new(move || f(window().location().hash().unwrap_or_default()));
    let _ =
        window().add_event_listener_with_callback("hashchange", handler.as_ref().unchecked_ref());
    handler.forget();
}

/// Ctrl+S / ⌘S anywhere in the studio, instead of the browser's "save page".
pub fn on_save_key(f: impl Fn() + 'static) {
    let handler =
        Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
            if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("s") {
                ev.prevent_default();
                f();
            }
        });
    let _ = window().add_event_listener_with_callback("keydown", handler.as_ref().unchecked_ref());
    handler.forget();
}

/// Puts the caret at `at` (UTF-16 units) in a textarea and scrolls that line into view.
pub fn put_caret(area: &web_sys::HtmlTextAreaElement, at: u32, line: usize) {
    let _ = area.focus();
    let _ = area.set_selection_range(at, at);
    let lines = area.value().lines().count().max(1) as f64;
    let per_line = area.scroll_height() as f64 / lines;
    area.set_scroll_top(((line.saturating_sub(3)) as f64 * per_line) as i32);
}
