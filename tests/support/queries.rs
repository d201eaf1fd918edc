//! The situation queries used by the equivalence fixture and the benchmarks: our own set and
//! the shared dev set (its query column), in file order.

use std::path::Path;

pub fn relevance_queries(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for path in [
        root.join("tests/relevance/own_queries.tsv"),
        root.join("../shared/relevance/dev_queries.tsv"),
    ] {
        if let Ok(text) = std::fs::read_to_string(&path) {
            out.extend(
                text.lines()
                    .filter(|l| !l.starts_with('#'))
                    .filter_map(|l| l.split('\t').nth(1))
                    .map(str::to_string),
            );
        }
    }
    out
}
