#!/usr/bin/env bash
# The studio benchmark: builds the release site if needed and a 1 000-procedure synthetic content
# folder, then measures the studio in headless Chromium (benches/page/studio.mjs). Prints a
# Markdown table (also target/bench-studio/figures.md) and writes it into docs/performance.md
# (figures:bench-studio). SKIP_BUILD=1 reuses dist/; KEEP_FIGURES=1 leaves docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-prelude.sh

bench_site studio.html
work=target/bench-studio
mkdir -p "$work"
synth_content 1000 "$work/synth-1000"
bench_npm
node benches/page/studio.mjs dist content "$work/synth-1000" | tee "$work/figures.md"
put_figures bench-studio "$work/figures.md"
