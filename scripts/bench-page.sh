#!/usr/bin/env bash
# The page benchmark: builds the release site if needed, exports the procedures and a 10 000-
# procedure synthetic index, times `kb publish` on both, then measures Cuecard, MiniSearch and
# FlexSearch in one headless Chromium run and Lighthouse (mobile and desktop) on the build served
# with its precompressed files. Prints Markdown tables (also in target/bench-page/) and writes
# them into docs/performance.md (figures:bench-page, bench-lighthouse, bench-publish).
# SYSTEMS=cuecard,lighthouse limits the run; RUNS=n sets the cold loads per system (default 5);
# SKIP_BUILD=1 reuses dist/; KEEP_FIGURES=1 leaves docs/performance.md as it is.
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

# Runs a command with its output into FILE; prints the seconds it took, to one decimal.
timed() {
  local out="$1" t0=$EPOCHREALTIME
  shift
  "$@" > "$out" || return
  awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}
# The 10 000-procedure site: the release build with that content published into it (a new
# index, page and worker list, as a content editor would publish).
rm -rf "$work/site-10k" && cp -r dist "$work/site-10k"
t10k=$(timed "$work/publish-10k.txt" "$KB" publish --content "$work/synth" --dist "$work/site-10k")
# And the real content published over it: how long a content editor waits.
rm -rf "$work/site-real" && cp -r "$work/site-10k" "$work/site-real"
treal=$(timed "$work/publish-real.txt" "$KB" publish --content content --dist "$work/site-real")
log "kb publish (release), 10 000 procedures, ${t10k} s: $(head -1 "$work/publish-10k.txt")"
log "kb publish (release), the real content, ${treal} s: $(head -1 "$work/publish-real.txt")"
cat > "$work/publish.md" <<TABLE
| \`kb publish\` (release \`kb\`, 10 000 procedures into a copy of the release site, then the real content over them) | real content (s) | 10 000 procedures (s) |
|---|---:|---:|
| one run, wall clock | $treal | $t10k |
TABLE

bench_npm
rm -f "$work/results.md" "$work/lighthouse.md"
CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" node benches/page/compare.mjs dist "$work" "${CUECARD_DEV_QUERIES:-../shared/relevance/dev_queries.tsv}"
put_figures bench-publish "$work/publish.md" scripts/bench-page.sh
if [ -f "$work/results.md" ]; then put_figures bench-page "$work/results.md"; fi
if [ -f "$work/lighthouse.md" ]; then put_figures bench-lighthouse "$work/lighthouse.md" scripts/bench-page.sh; fi
