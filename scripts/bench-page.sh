#!/usr/bin/env bash
# The page benchmark: builds the release site if needed, exports the procedures and a 10 000-
# procedure synthetic index and publishes both, then measures Cuecard, MiniSearch and
# FlexSearch in one headless Chromium run and Lighthouse (mobile and desktop) on the build served
# with its precompressed files. Prints Markdown tables (also in target/bench-page/) and writes
# them into README "Performance" (figures:bench-page, bench-lighthouse).
# SYSTEMS=cuecard,lighthouse limits the run; RUNS=n sets the cold loads per system (default 5);
# SKIP_BUILD=1 reuses dist/; KEEP_README=1 leaves the README as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-prelude.sh

bench_site index.html
work=target/bench-page
mkdir -p "$work"
"$KB" export > "$work/docs.json"
synth_content 10000 "$work/synth"
if ! [ -f "$work/docs-10k.json" ]; then
  "$KB" export --content "$work/synth" > "$work/docs-10k.json"
fi

# The 10 000-procedure site: the release build with that content published into it (a new
# index, page and worker list, as a content editor would publish).
rm -rf "$work/site-10k" && cp -r dist "$work/site-10k"
"$KB" publish --content "$work/synth" --dist "$work/site-10k" > "$work/publish-10k.txt"
# And the real content published over it: how long a content editor waits.
rm -rf "$work/site-real" && cp -r "$work/site-10k" "$work/site-real"
"$KB" publish --content content --dist "$work/site-real" > "$work/publish-real.txt"
log "kb publish (release): $(head -1 "$work/publish-10k.txt")"
log "kb publish (release): $(head -1 "$work/publish-real.txt")"

bench_npm
rm -f "$work/results.md" "$work/lighthouse.md"
CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" node benches/page/compare.mjs dist "$work" "${CUECARD_DEV_QUERIES:-../shared/relevance/dev_queries.tsv}"
if [ -f "$work/results.md" ]; then put_figures bench-page "$work/results.md"; fi
if [ -f "$work/lighthouse.md" ]; then put_figures bench-lighthouse "$work/lighthouse.md" scripts/bench-page.sh; fi
