//! The studio's slow work off the page's main thread: the folder's check, its index build and a
//! publication's plan and `.zip` run in a Web Worker (this same wasm, started by `studio/worker.js`), so typing, the preview and
//! the outline stay responsive while 1 000 procedures are checked and indexed. Where no worker
//! starts, or it stops, the same work (`workspace::background`) runs in the page between tasks.

use crate::app::platform::DeskZone;
use crate::site::{SiteUpdate, SiteWrite, Stamp};
use crate::workspace::background::{
    Blob, CheckJob, CheckedToday, Next, PublishError, PublishJob, Published, Queue, Receiver,
    Sender, Worker,
};
use gloo_timers::callback::Timeout;
use js_sys::{Array, Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// An answer, as the page takes it; `ms` is how long the work took where it ran.
pub enum Answer {
    Checked {
        gen: u64,
        today: Box<CheckedToday>,
        ms: f64,
    },
    Indexed {
        gen: u64,
        blobs: Result<Vec<Blob>, String>,
        ms: f64,
    },
    Published {
        result: Result<Published, PublishError>,
        ms: f64,
    },
}

/// A job for the worker.
#[derive(Clone)]
enum Job {
    Check(CheckJob),
    Publish(PublishJob),
}

/// The work queue and the worker's state, with where answers go: the same in the worker and in
/// the page.
struct Runner {
    work: Worker,
    queue: Queue,
    scheduled: bool,
    reply: Box<dyn Fn(Answer)>,
}

type Shared = Rc<RefCell<Runner>>;

fn runner(reply: impl Fn(Answer) + 'static) -> Shared {
    Rc::new(RefCell::new(Runner {
        work: Worker::default(),
        queue: Queue::default(),
        scheduled: false,
        reply: Box::new(reply),
    }))
}

fn push(r: &Shared, job: Job) {
    match job {
        Job::Check(job) => r.borrow_mut().queue.push(job),
        Job::Publish(job) => r.borrow_mut().queue.publish(job),
    }
    schedule(r);
}

/// One piece of work per task: messages that arrive meanwhile (newer folders) are taken in
/// before the next piece, so stale work is dropped rather than done.
fn schedule(r: &Shared) {
    if std::mem::replace(&mut r.borrow_mut().scheduled, true) {
        return;
    }
    let r = r.clone();
    Timeout::new(0, move || step(&r)).forget();
}

fn step(r: &Shared) {
    let answer = {
        let mut b = r.borrow_mut();
        b.scheduled = false;
        let started = js_sys::Date::now();
        match b.queue.take() {
            None => return,
            Some(Next::Check(job)) => {
                let today = b.work.check(&job, &DeskZone);
                Answer::Checked {
                    gen: job.gen,
                    today: Box::new(today),
                    ms: js_sys::Date::now() - started,
                }
            }
            Some(Next::Publish(job)) => {
                let result = b.work.publish(&job);
                Answer::Published {
                    result,
                    ms: js_sys::Date::now() - started,
                }
            }
            Some(Next::Index(gen)) => {
                let blobs = b.work.index().map_err(|e| e.to_string());
                Answer::Indexed {
                    gen,
                    blobs,
                    ms: js_sys::Date::now() - started,
                }
            }
        }
    };
    (r.borrow().reply)(answer);
    schedule(r);
}

/// Where the page sends its folder to be checked.
pub struct Background {
    me: Weak<Background>,
    worker: RefCell<Option<web_sys::Worker>>,
    local: RefCell<Option<Shared>>,
    /// The last folder sent (a `Job::Check`), and the publication not yet answered: sent
    /// again to the page's own runner if the worker stops. Kept, not copied: a folder of 1 000
    /// cards is megabytes.
    last: RefCell<Option<Job>>,
    publishing: RefCell<Option<Job>>,
    published: RefCell<Option<futures_channel::oneshot::Sender<PublishAnswer>>>,
    on_answer: Rc<dyn Fn(Answer)>,
}

/// A publication's answer, and how long the worker took for it.
pub type PublishAnswer = (Result<Published, PublishError>, f64);

impl Background {
    /// The studio's worker when the page names one (`data-worker` on the boot script's tag) and
    /// the browser starts it; the page's own runner otherwise.
    pub fn start(on_answer: impl Fn(Answer) + 'static) -> Rc<Background> {
        let bg = Rc::new_cyclic(|me| Background {
            me: me.clone(),
            worker: RefCell::new(None),
            local: RefCell::new(None),
            last: RefCell::new(None),
            publishing: RefCell::new(None),
            published: RefCell::new(None),
            on_answer: Rc::new(on_answer),
        });
        match start_worker(&bg) {
            Ok(w) => *bg.worker.borrow_mut() = Some(w),
            Err(why) => bg.in_page(&why),
        }
        bg
    }

    pub fn send(&self, job: CheckJob) {
        let job = Job::Check(job);
        self.post(&job);
        *self.last.borrow_mut() = Some(job);
    }

    /// A publication of the folder as last sent, answered once the worker has planned it (and
    /// packed it, if asked). A newer one replaces one not yet answered, which then answers
    /// nothing.
    pub async fn publish(&self, job: PublishJob) -> Option<PublishAnswer> {
        let (tx, rx) = futures_channel::oneshot::channel();
        *self.published.borrow_mut() = Some(tx);
        let job = Job::Publish(job);
        self.post(&job);
        *self.publishing.borrow_mut() = Some(job);
        rx.await.ok()
    }

    fn post(&self, job: &Job) {
        if let Some(w) = &*self.worker.borrow() {
            if w.post_message(&job_to_js(job)).is_ok() {
                return;
            }
        }
        if let Some(r) = &*self.local.borrow() {
            push(r, job.clone());
        }
    }

    /// An answer from either runner: a publication to whoever waits for it, the rest to the
    /// studio.
    fn deliver(&self, answer: Answer) {
        match answer {
            Answer::Published { result, ms } => {
                self.publishing.borrow_mut().take();
                if let Some(tx) = self.published.borrow_mut().take() {
                    let _ = tx.send((result, ms));
                }
            }
            other => (self.on_answer)(other),
        }
    }

    /// The work runs in the worker (not in the page, as where none starts).
    pub fn in_worker(&self) -> bool {
        self.worker.borrow().is_some()
    }

    /// From now on the work runs in the page (the console says why), the last folder again.
    fn in_page(&self, why: &str) {
        crate::app::platform::warn(&format!(
            "studio: checking in the page, not in a worker: {why}"
        ));
        if let Some(w) = self.worker.borrow_mut().take() {
            w.terminate();
        }
        let me = self.me.clone();
        let r = runner(move |a| {
            if let Some(bg) = me.upgrade() {
                bg.deliver(a)
            }
        });
        for job in [&self.last, &self.publishing] {
            if let Some(job) = job.borrow().clone() {
                push(&r, job);
            }
        }
        *self.local.borrow_mut() = Some(r);
    }
}

/// The worker's script, glue and wasm, as the page's tag names them (absolute: the worker
/// resolves against its own address).
fn start_worker(bg: &Rc<Background>) -> Result<web_sys::Worker, String> {
    let doc = crate::app::platform::window()
        .document()
        .ok_or("no document")?;
    let tag = doc
        .query_selector("script[data-worker]")
        .ok()
        .flatten()
        .ok_or("the page names no worker")?;
    let base = doc.base_uri().ok().flatten().unwrap_or_default();
    let abs = |attr: &str| -> Result<String, String> {
        let rel = tag.get_attribute(attr).ok_or(format!("no {attr}"))?;
        web_sys::Url::new_with_base(&rel, &base)
            .map(|u| u.href())
            .map_err(crate::app::platform::js_error)
    };
    let (script, js, wasm) = (abs("data-worker")?, abs("data-js")?, abs("data-wasm")?);
    let query = js_sys::encode_uri_component;
    let url = format!(
        "{script}?js={}&wasm={}",
        String::from(query(&js)),
        String::from(query(&wasm))
    );
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(&url, &options)
        .map_err(crate::app::platform::js_error)?;

    // The page's compiled module first, so the worker does not fetch and compile the wasm
    // again; an engine that cannot send one gets `null`, and the worker fetches it.
    let first = Object::new();
    set(&first, "wasmModule", &wasm_bindgen::module());
    if worker.post_message(&first).is_err() {
        set(&first, "wasmModule", &JsValue::NULL);
        if let Err(e) = worker.post_message(&first) {
            worker.terminate();
            return Err(crate::app::platform::js_error(e));
        }
    }
    let me = Rc::downgrade(bg);
    let receiver = RefCell::new(Receiver::default());
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let kind = get(&ev.data(), "kind").ok().and_then(|k| k.as_string());
            if kind.as_deref() == Some("ready") {
                // On the page's timeline, for the studio benchmark.
                crate::app::platform::mark("cuecard:studio-worker-ready");
                return;
            }
            match answer_from_js(&ev.data(), &mut receiver.borrow_mut()) {
                Ok(a) => {
                    if let Some(bg) = me.upgrade() {
                        bg.deliver(a)
                    }
                }
                Err(why) => crate::app::platform::warn(&format!("studio: worker's answer: {why}")),
            }
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A worker that cannot start (no module workers, its files missing) or that stopped on a
    // panic: its work goes on in the page.
    let weak = Rc::downgrade(bg);
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        ev.prevent_default();
        let why = Reflect::get(&ev, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_else(|| "the worker stopped".into());
        if let Some(bg) = weak.upgrade() {
            bg.in_page(&why);
        }
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Ok(worker)
}

fn set(o: &Object, k: &str, v: &JsValue) {
    let _ = Reflect::set(o, &k.into(), v);
}

fn get(o: &JsValue, k: &str) -> Result<JsValue, String> {
    Reflect::get(o, &k.into()).map_err(crate::app::platform::js_error)
}

fn number(o: &JsValue, k: &str) -> Result<f64, String> {
    get(o, k)?.as_f64().ok_or_else(|| format!("no {k}"))
}

/// Files as two arrays: their paths, and their bytes.
fn set_files(o: &Object, files: &[(String, Vec<u8>)]) {
    let (paths, bytes) = (Array::new(), Array::new());
    for (p, b) in files {
        paths.push(&p.into());
        bytes.push(&Uint8Array::from(&b[..]));
    }
    set(o, "paths", &paths);
    set(o, "bytes", &bytes);
}

fn files_from(v: &JsValue) -> Result<Vec<(String, Vec<u8>)>, String> {
    let paths: Array = get(v, "paths")?.dyn_into().map_err(|_| "no paths")?;
    let bytes: Array = get(v, "bytes")?.dyn_into().map_err(|_| "no bytes")?;
    Ok(paths
        .iter()
        .zip(bytes.iter())
        .map(|(p, b)| {
            (
                p.as_string().unwrap_or_default(),
                Uint8Array::new(&b).to_vec(),
            )
        })
        .collect())
}

fn job_to_js(job: &Job) -> JsValue {
    let o = Object::new();
    match job {
        Job::Check(job) => {
            set(&o, "kind", &"check".into());
            set(&o, "gen", &(job.gen as f64).into());
            set(&o, "now", &(job.now as f64).into());
            set_files(&o, &job.files);
        }
        Job::Publish(job) => {
            set(&o, "kind", &"publish".into());
            set(&o, "site", &job.site_name.as_str().into());
            set(&o, "unix", &(job.stamp.unix as f64).into());
            if let Some(by) = &job.stamp.by {
                set(&o, "by", &by.as_str().into());
            }
            set(&o, "zip", &job.zip.into());
            set_files(&o, &job.site_files);
        }
    }
    o.into()
}

fn job_from_js(v: &JsValue) -> Result<Job, String> {
    match get(v, "kind")?.as_string().as_deref() {
        Some("check") => Ok(Job::Check(CheckJob {
            gen: number(v, "gen")? as u64,
            now: number(v, "now")? as i64,
            files: files_from(v)?,
        })),
        Some("publish") => Ok(Job::Publish(PublishJob {
            site_name: get(v, "site")?.as_string().unwrap_or_default(),
            site_files: files_from(v)?,
            stamp: Stamp {
                unix: number(v, "unix")? as i64,
                by: get(v, "by")?.as_string(),
            },
            zip: get(v, "zip")?.is_truthy(),
        })),
        other => Err(format!("unknown job {other:?}")),
    }
}

/// Bytes as a message's array, its buffer handed over.
fn handed_over(bytes: &[u8], transfer: &Array) -> Uint8Array {
    let array = Uint8Array::from(bytes);
    transfer.push(&array.buffer());
    array
}

/// The answer as a message, and the buffers it hands over rather than copies.
fn answer_to_js(a: &Answer, sender: &mut Sender) -> (JsValue, Array) {
    let (o, transfer) = (Object::new(), Array::new());
    match a {
        Answer::Checked { gen, today, ms } => {
            set(&o, "kind", &"checked".into());
            set(&o, "gen", &(*gen as f64).into());
            set(&o, "ms", &(*ms).into());
            set(&o, "json", &sender.encode(today).into());
        }
        Answer::Indexed { gen, blobs, ms } => {
            set(&o, "kind", &"indexed".into());
            set(&o, "gen", &(*gen as f64).into());
            set(&o, "ms", &(*ms).into());
            match blobs {
                Ok(blobs) => {
                    let (langs, bytes) = (Array::new(), Array::new());
                    for b in blobs {
                        langs.push(&b.lang.code().into());
                        bytes.push(&handed_over(&b.bytes, &transfer));
                    }
                    set(&o, "langs", &langs);
                    set(&o, "blobs", &bytes);
                }
                Err(why) => set(&o, "why", &why.into()),
            }
        }
        Answer::Published { result, ms } => {
            set(&o, "kind", &"published".into());
            set(&o, "ms", &(*ms).into());
            match result {
                Ok(published) => {
                    let publication = serde_json::to_string(published.publication())
                        .expect("a publication is plain data");
                    set(&o, "publication", &publication.into());
                    match published {
                        Published::Update(update) => {
                            let (paths, bytes) = (Array::new(), Array::new());
                            for w in &update.writes {
                                paths.push(&w.path.as_str().into());
                                bytes.push(&handed_over(&w.bytes, &transfer));
                            }
                            set(&o, "paths", &paths);
                            set(&o, "bytes", &bytes);
                            let deletes: Array = update
                                .deletes
                                .iter()
                                .map(|d| JsValue::from(d.as_str()))
                                .collect();
                            set(&o, "deletes", &deletes);
                        }
                        Published::Zip { bytes, .. } => {
                            set(&o, "zip", &handed_over(bytes, &transfer));
                        }
                    }
                }
                Err(PublishError::Problems(n)) => set(&o, "problems", &(*n as f64).into()),
                Err(PublishError::Failed(why)) => set(&o, "why", &why.as_str().into()),
            }
        }
    }
    (o.into(), transfer)
}

fn answer_from_js(v: &JsValue, receiver: &mut Receiver) -> Result<Answer, String> {
    let ms = number(v, "ms")?;
    let kind = get(v, "kind")?.as_string();
    if kind.as_deref() == Some("published") {
        return Ok(Answer::Published {
            result: published_from_js(v),
            ms,
        });
    }
    let gen = number(v, "gen")? as u64;
    match kind.as_deref() {
        Some("checked") => {
            let json = get(v, "json")?.as_string().ok_or("no json")?;
            let today = super::platform::measured("cuecard:studio-check-read", || {
                receiver.decode(&json).map_err(|e| e.to_string())
            })?;
            Ok(Answer::Checked {
                gen,
                today: Box::new(today),
                ms,
            })
        }
        Some("indexed") => {
            let blobs = match get(v, "why")?.as_string() {
                Some(why) => Err(why),
                None => {
                    let langs: Array = get(v, "langs")?.dyn_into().map_err(|_| "no langs")?;
                    let bytes: Array = get(v, "blobs")?.dyn_into().map_err(|_| "no blobs")?;
                    langs
                        .iter()
                        .zip(bytes.iter())
                        .map(|(l, b)| {
                            let code = l.as_string().unwrap_or_default();
                            let lang = crate::content::Lang::from_code(&code)
                                .ok_or_else(|| format!("no language {code}"))?;
                            Ok(Blob {
                                lang,
                                bytes: Uint8Array::new(&b).to_vec(),
                            })
                        })
                        .collect::<Result<Vec<_>, String>>()
                }
            };
            Ok(Answer::Indexed { gen, blobs, ms })
        }
        other => Err(format!("unknown answer {other:?}")),
    }
}

fn published_from_js(v: &JsValue) -> Result<Published, PublishError> {
    let failed = PublishError::Failed;
    if let Ok(n) = number(v, "problems") {
        return Err(PublishError::Problems(n as usize));
    }
    if let Some(why) = get(v, "why").map_err(failed)?.as_string() {
        return Err(PublishError::Failed(why));
    }
    let json = get(v, "publication")
        .map_err(failed)?
        .as_string()
        .ok_or_else(|| failed("no publication".into()))?;
    let publication = serde_json::from_str(&json).map_err(|e| failed(e.to_string()))?;
    let zip = get(v, "zip").map_err(failed)?;
    if !zip.is_undefined() {
        return Ok(Published::Zip {
            publication,
            bytes: Uint8Array::new(&zip).to_vec(),
        });
    }
    let writes = files_from(v)
        .map_err(failed)?
        .into_iter()
        .map(|(path, bytes)| SiteWrite { path, bytes })
        .collect();
    let deletes: Array = get(v, "deletes")
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| failed("no deletes".into()))?;
    Ok(Published::Update(SiteUpdate {
        publication,
        writes,
        deletes: deletes.iter().filter_map(|d| d.as_string()).collect(),
    }))
}

/// The wasm started in the studio's worker (`studio/worker.js`): it answers the page's
/// folders with checks and index blobs until the page closes.
pub fn serve() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("studio worker: {info}").into());
    }));
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post_to = scope.clone();
    let sender = RefCell::new(Sender::default());
    let r = runner(move |a| {
        let (message, transfer) = answer_to_js(&a, &mut sender.borrow_mut());
        if let Err(e) = post_to.post_message_with_transfer(&message, &transfer) {
            web_sys::console::error_1(&e);
        }
    });
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            match job_from_js(&ev.data()) {
                Ok(job) => push(&r, job),
                Err(why) => web_sys::console::error_1(&format!("studio worker: {why}").into()),
            }
        });
    let _ = scope.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
    // Compiled before an editor's folder comes (it waits meanwhile: a few hundred ms, once).
    if let Err(e) = crate::workspace::background::warm_up(&DeskZone) {
        web_sys::console::error_1(&format!("studio worker: warming up: {e}").into());
    }
    let ready = Object::new();
    set(&ready, "kind", &"ready".into());
    let _ = scope.post_message(&ready);
}

/// This wasm runs in a worker, not a page (the worker's global has no `document`).
pub fn in_worker() -> bool {
    !Reflect::has(&js_sys::global(), &"document".into()).unwrap_or(true)
}
