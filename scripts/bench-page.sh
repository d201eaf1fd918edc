#!/usr/bin/env bash
# One command for the page benchmark (#6): builds the release site if needed, exports the
# procedures and a 10 000-procedure synthetic index, then measures Cuecard, MiniSearch and
# FlexSearch in one headless Chromium run. Prints a Markdown table; also in target/bench-page/.
# SKIP_BUILD=1 reuses dist/; RUNS=n sets the cold loads per system (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

ensure_build_tools
ensure_chromium
if [ "${SKIP_BUILD:-}" != 1 ] || ! [ -f dist/index.html ]; then build_release; fi

work=target/bench-page
mkdir -p "$work"
cargo run --quiet --bin kb -- export > "$work/docs.json"
if ! [ -f "$work/index-10k.bin" ]; then
  log "a synthetic corpus of 10 000 procedures and its index"
  rm -rf "$work/synth" && cargo run --quiet --bin kb -- synth --count 10000 --out "$work/synth"
  cargo run --quiet --bin kb -- index --content "$work/synth" --out "$work/index-10k.bin"
fi
if ! [ -d benches/page/node_modules/playwright-core ]; then
  log "installing MiniSearch, FlexSearch and playwright-core (npm ci, from the lockfile) into benches/page/"
  (cd benches/page && npm ci --silent --no-audit --no-fund)
fi
node benches/page/compare.mjs dist "$work" "${CUECARD_DEV_QUERIES:-../shared/relevance/dev_queries.tsv}"
