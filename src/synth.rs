//! A deterministic synthetic corpus for benchmarks: procedures recombined from the real ones
//! (titles, situations, steps and notes of the same language), written as content files.

use crate::content::{write::to_markdown, Procedure};
use std::path::Path;

/// A small xorshift generator: the same `count` always gives the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as usize
    }
}

pub fn synthesize(real: &[Procedure], count: usize) -> Vec<Procedure> {
    let mut rng = Rng(0x5eed_cafe_f00d);
    let mut out = Vec::with_capacity(count);
    if real.is_empty() {
        return out;
    }
    for k in 0..count {
        let a = &real[rng.next() % real.len()];
        let same: Vec<&Procedure> = real.iter().filter(|p| p.lang == a.lang).collect();
        let b = same[rng.next() % same.len()];
        let mut p = a.clone();
        p.id = format!("synth-{k:05}");
        p.title = format!("{} · {}", a.title, b.title);
        p.situations = a
            .situations
            .iter()
            .take(3)
            .chain(b.situations.iter().skip(3).take(3))
            .cloned()
            .collect();
        let cut_a = a.steps.len().div_ceil(2);
        let cut_b = b.steps.len() / 2;
        p.steps = a.steps[..cut_a]
            .iter()
            .chain(&b.steps[cut_b..])
            .cloned()
            .collect();
        p.notes = b.notes.clone();
        // Links point at real procedures, which the synthetic corpus does not hold.
        p.map_texts(&mut |t| *t = crate::content::link::plain(t));
        out.push(p);
    }
    out
}

pub fn write_corpus(real: &[Procedure], count: usize, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for p in synthesize(real, count) {
        std::fs::write(dir.join(format!("{}.md", p.id)), to_markdown(&p))?;
    }
    Ok(())
}
