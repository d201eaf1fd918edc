//! Native search benchmarks: query latency (p50/p95 over the relevance queries) on the real
//! corpus and on 10 000 synthetic procedures, index build time, and blob size per procedure.

use criterion::{criterion_group, criterion_main, Criterion};
use cuecard::content::Procedure;
use cuecard::content::Synonyms;
use cuecard::content::{load_dir, load_synonyms};
use cuecard::search::{build_blobs, Engine};
use cuecard::synth::synthesize;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[path = "../tests/support/queries.rs"]
mod support;

fn queries() -> Vec<String> {
    support::relevance_queries(&root())
}

/// Every prefix of every query, as the page searches on each keystroke.
fn keystrokes(queries: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for q in queries {
        let mut s = String::new();
        for c in q.chars() {
            s.push(c);
            out.push(s.clone());
        }
    }
    out
}

fn percentiles(engine: &Engine, inputs: &[String]) -> (Duration, Duration, Duration) {
    let mut times: Vec<Duration> = inputs
        .iter()
        .map(|q| {
            let t = Instant::now();
            std::hint::black_box(engine.search(q, None, 10));
            t.elapsed()
        })
        .collect();
    times.sort();
    let at = |p: f64| times[((times.len() as f64 - 1.0) * p) as usize];
    (at(0.5), at(0.95), *times.last().unwrap())
}

fn synonyms() -> Synonyms {
    load_synonyms(&root().join("content")).unwrap().synonyms
}

fn report(name: &str, procs: &[Procedure]) -> Engine {
    let t = Instant::now();
    let blobs = build_blobs(procs, &synonyms()).unwrap();
    let build = t.elapsed();
    let t = Instant::now();
    let engine = Engine::from_blobs(blobs.iter().map(|b| b.bytes.clone())).unwrap();
    let open = t.elapsed();
    let sizes: Vec<String> = blobs
        .iter()
        .map(|b| format!("{} {}", b.lang.code(), b.bytes.len()))
        .collect();
    let bytes: usize = blobs.iter().map(|b| b.bytes.len()).sum();
    let qs = queries();
    let (p50, p95, max) = percentiles(&engine, &qs);
    let keys = keystrokes(&qs);
    let (k50, k95, kmax) = percentiles(&engine, &keys);
    println!(
        "[{name}] {} procedures: build {:.2?}, blobs {} bytes ({}; {} bytes/procedure), open {:.2?} (all three, copies included)\n\
         [{name}] full queries ({}): p50 {:.2?}, p95 {:.2?}, max {:.2?}\n\
         [{name}] keystroke prefixes ({}): p50 {:.2?}, p95 {:.2?}, max {:.2?}",
        procs.len(),
        build,
        bytes,
        sizes.join(", "),
        bytes / procs.len(),
        open,
        qs.len(),
        p50,
        p95,
        max,
        keys.len(),
        k50,
        k95,
        kmax
    );
    engine
}

fn benches(c: &mut Criterion) {
    let real = load_dir(&root().join("content")).unwrap();
    let synth = synthesize(&real, 10_000);
    let qs = queries();

    let real_engine = report("real", &real);
    let synth_engine = report("synth", &synth);

    c.bench_function("search/real/one query (mean over the query set)", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % qs.len();
            real_engine.search(&qs[i], None, 10)
        })
    });
    c.bench_function(
        "search/synth-10k/one query (mean over the query set)",
        |b| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % qs.len();
                synth_engine.search(&qs[i], None, 10)
            })
        },
    );
    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    let syn = synonyms();
    g.bench_function("real", |b| b.iter(|| build_blobs(&real, &syn).unwrap()));
    g.bench_function("synth-10k", |b| {
        b.iter(|| build_blobs(&synth, &syn).unwrap())
    });
    g.finish();
}

criterion_group!(search, benches);
criterion_main!(search);
