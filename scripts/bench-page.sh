#!/usr/bin/env bash
# One command for the page benchmark (#6): builds the release site if needed, exports the
# procedures and a 10 000-procedure synthetic index, then measures Cuecard, MiniSearch and
# FlexSearch in one headless Chromium run, then Lighthouse (mobile and desktop) on the build served
# with its precompressed files. SYSTEMS=cuecard,lighthouse limits the run. Prints a Markdown table; also in target/bench-page/,
# and writes it into README "Performance" (between its figures:bench-page markers).
# SKIP_BUILD=1 reuses dist/; RUNS=n sets the cold loads per system (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

ensure_build_tools
ensure_chromium
if [ "${SKIP_BUILD:-}" != 1 ] || ! [ -f dist/index.html ]; then build_release; fi

work=target/bench-page
mkdir -p "$work"
cargo build --quiet --release --bin kb
kb=target/release/kb
"$kb" export > "$work/docs.json"
if ! [ -f "$work/docs-10k.json" ]; then
  log "a synthetic corpus of 10 000 procedures"
  rm -rf "$work/synth" && "$kb" synth --count 10000 --out "$work/synth"
  "$kb" export --content "$work/synth" > "$work/docs-10k.json"
fi
# The 10 000-procedure site: the release build with that content published into it (a new
# index, page and worker list, as a content editor would publish).
rm -rf "$work/site-10k" && cp -r dist "$work/site-10k"
"$kb" publish --content "$work/synth" --dist "$work/site-10k" > "$work/publish-10k.txt"
# And the real content published over it: how long a content editor waits.
rm -rf "$work/site-real" && cp -r "$work/site-10k" "$work/site-real"
"$kb" publish --content content --dist "$work/site-real" > "$work/publish-real.txt"
log "kb publish (release): $(head -1 "$work/publish-10k.txt")"
log "kb publish (release): $(head -1 "$work/publish-real.txt")"
if ! [ -d benches/page/node_modules/playwright-core ] || ! [ -d benches/page/node_modules/lighthouse ]; then
  log "installing MiniSearch, FlexSearch, playwright-core and Lighthouse (npm ci, from the lockfile) into benches/page/"
  (cd benches/page && npm ci --silent --no-audit --no-fund)
fi
rm -f "$work/results.md" "$work/lighthouse.md"
CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" node benches/page/compare.mjs dist "$work" "${CUECARD_DEV_QUERIES:-../shared/relevance/dev_queries.tsv}"
# The figures live in one place, written from this run's own output (KEEP_README=1: leave it).
if [ "${KEEP_README:-}" != 1 ]; then
  if [ -f "$work/results.md" ]; then python3 scripts/put-figures.py README.md bench-page "$work/results.md"; fi
  if [ -f "$work/lighthouse.md" ]; then python3 scripts/put-figures.py README.md bench-lighthouse "$work/lighthouse.md" scripts/bench-page.sh; fi
fi
