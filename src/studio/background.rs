//! The studio's slow work off the page's main thread: the folder's check and its index build run
//! in a Web Worker (this same wasm, started by `studio/worker.js`), so typing, the preview and
//! the outline stay responsive while 1 000 procedures are checked and indexed. Where no worker
//! starts, or it stops, the same work (`workspace::background`) runs in the page between tasks.

use crate::app::platform::DeskZone;
use crate::workspace::background::{Blob, CheckJob, CheckedToday, Next, Queue, Worker};
use gloo_timers::callback::Timeout;
use js_sys::{Array, Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
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

fn push(r: &Shared, job: CheckJob) {
    r.borrow_mut().queue.push(job);
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
    worker: RefCell<Option<web_sys::Worker>>,
    local: RefCell<Option<Shared>>,
    /// The last folder sent: sent again to the page's own runner if the worker stops.
    last: RefCell<Option<CheckJob>>,
    on_answer: Rc<dyn Fn(Answer)>,
}

impl Background {
    /// The studio's worker when the page names one (`data-worker` on the boot script's tag) and
    /// the browser starts it; the page's own runner otherwise.
    pub fn start(on_answer: impl Fn(Answer) + 'static) -> Rc<Background> {
        let bg = Rc::new(Background {
            worker: RefCell::new(None),
            local: RefCell::new(None),
            last: RefCell::new(None),
            on_answer: Rc::new(on_answer),
        });
        match start_worker(&bg) {
            Ok(w) => *bg.worker.borrow_mut() = Some(w),
            Err(why) => bg.in_page(&why),
        }
        bg
    }

    pub fn send(&self, job: CheckJob) {
        *self.last.borrow_mut() = Some(job.clone());
        if let Some(w) = &*self.worker.borrow() {
            if w.post_message(&job_to_js(&job)).is_ok() {
                return;
            }
        }
        if let Some(r) = &*self.local.borrow() {
            push(r, job);
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
        let on_answer = self.on_answer.clone();
        let r = runner(move |a| on_answer(a));
        if let Some(job) = self.last.borrow().clone() {
            push(&r, job);
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

    let on_answer = bg.on_answer.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            match answer_from_js(&ev.data()) {
                Ok(a) => on_answer(a),
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

fn job_to_js(job: &CheckJob) -> JsValue {
    let o = Object::new();
    set(&o, "gen", &(job.gen as f64).into());
    set(&o, "now", &(job.now as f64).into());
    let (paths, bytes) = (Array::new(), Array::new());
    for (p, b) in &job.files {
        paths.push(&p.into());
        bytes.push(&Uint8Array::from(&b[..]));
    }
    set(&o, "paths", &paths);
    set(&o, "bytes", &bytes);
    o.into()
}

fn job_from_js(v: &JsValue) -> Result<CheckJob, String> {
    let paths: Array = get(v, "paths")?.dyn_into().map_err(|_| "no paths")?;
    let bytes: Array = get(v, "bytes")?.dyn_into().map_err(|_| "no bytes")?;
    let files = paths
        .iter()
        .zip(bytes.iter())
        .map(|(p, b)| {
            (
                p.as_string().unwrap_or_default(),
                Uint8Array::new(&b).to_vec(),
            )
        })
        .collect();
    Ok(CheckJob {
        gen: number(v, "gen")? as u64,
        now: number(v, "now")? as i64,
        files,
    })
}

/// The answer as a message, and the buffers it hands over rather than copies.
fn answer_to_js(a: &Answer) -> (JsValue, Array) {
    let (o, transfer) = (Object::new(), Array::new());
    match a {
        Answer::Checked { gen, today, ms } => {
            set(&o, "kind", &"checked".into());
            set(&o, "gen", &(*gen as f64).into());
            set(&o, "ms", &(*ms).into());
            set(&o, "json", &today.to_json().into());
        }
        Answer::Indexed { gen, blobs, ms } => {
            set(&o, "kind", &"indexed".into());
            set(&o, "gen", &(*gen as f64).into());
            set(&o, "ms", &(*ms).into());
            match blobs {
                Ok(blobs) => {
                    let (langs, bytes) = (Array::new(), Array::new());
                    for b in blobs {
                        let array = Uint8Array::from(&b.bytes[..]);
                        langs.push(&b.lang.code().into());
                        transfer.push(&array.buffer());
                        bytes.push(&array);
                    }
                    set(&o, "langs", &langs);
                    set(&o, "blobs", &bytes);
                }
                Err(why) => set(&o, "why", &why.into()),
            }
        }
    }
    (o.into(), transfer)
}

fn answer_from_js(v: &JsValue) -> Result<Answer, String> {
    let gen = number(v, "gen")? as u64;
    let ms = number(v, "ms")?;
    match get(v, "kind")?.as_string().as_deref() {
        Some("checked") => {
            let json = get(v, "json")?.as_string().ok_or("no json")?;
            let today = super::platform::measured("cuecard:studio-check-read", || {
                CheckedToday::from_json(&json).map_err(|e| e.to_string())
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

/// The wasm started in the studio's worker (`studio/worker.js`): it answers the page's
/// folders with checks and index blobs until the page closes.
pub fn serve() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("studio worker: {info}").into());
    }));
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post_to = scope.clone();
    let r = runner(move |a| {
        let (message, transfer) = answer_to_js(&a);
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
}

/// This wasm runs in a worker, not a page (the worker's global has no `document`).
pub fn in_worker() -> bool {
    !Reflect::has(&js_sys::global(), &"document".into()).unwrap_or(true)
}
