#!/usr/bin/env bash
# What the two benchmarks share, sourced by scripts/bench-page.sh and scripts/bench-studio.sh
# from the repository's root: the build tools and Chromium, the release site, a release `kb`,
# synthetic content, the benchmarks' npm packages, and writing the figures into
# docs/performance.md (scripts/put-figures.py; KEEP_FIGURES=1 leaves the file as it is).
# SKIP_BUILD=1 reuses dist/ when it holds a site.
# shellcheck source=scripts/setup.sh
source scripts/setup.sh

ensure_build_tools
ensure_chromium

# The release site in dist/ (FILE: the page the benchmark opens), built unless SKIP_BUILD=1.
bench_site() {
  if [ "${SKIP_BUILD:-}" != 1 ] || ! [ -f "dist/$1" ]; then build_release; fi
}

# A release `kb` (content work at its shipped speed), as $KB.
cargo build --quiet --release --bin kb
KB="${CARGO_TARGET_DIR:-target}/release/kb"

# A deterministic synthetic content folder of N procedures in DIR, written once.
synth_content() {
  local n="$1" dir="$2"
  if ! [ -d "$dir" ]; then
    log "a synthetic corpus of $n procedures in $dir"
    rm -rf "$dir.part" && "$KB" synth --count "$n" --out "$dir.part" && mv "$dir.part" "$dir"
  fi
}

# playwright-core, Lighthouse, MiniSearch and FlexSearch (npm ci, from the lockfile).
bench_npm() {
  if ! [ -d benches/page/node_modules/playwright-core ] || ! [ -d benches/page/node_modules/lighthouse ]; then
    log "installing the benchmarks' npm packages (npm ci, from the lockfile) into benches/page/"
    (cd benches/page && npm ci --silent --no-audit --no-fund)
  fi
}

# Writes a table the benchmark made into docs/performance.md (and the README's summary from it).
# Usage: put_figures NAME RESULTS.md [SCRIPT]
put_figures() {
  if [ "${KEEP_FIGURES:-}" != 1 ]; then python3 scripts/put-figures.py "$@"; fi
}
