#!/usr/bin/env bash
# The studio's figures (#23): builds the release site if needed and a 1 000-procedure synthetic
# content folder, then measures the studio in headless Chromium (benches/page/studio.mjs).
# Prints a Markdown table (also target/bench-studio/figures.md) and writes it into README "For
# content editors" between its figures:bench-studio markers. SKIP_BUILD=1 reuses dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

ensure_build_tools
ensure_chromium
if [ "${SKIP_BUILD:-}" != 1 ] || ! [ -f dist/studio.html ]; then build_release; fi
work=target/bench-studio
mkdir -p "$work"
cargo build --quiet --release --bin kb
if ! [ -d "$work/synth-1000" ]; then
  target/release/kb synth --count 1000 --out "$work/synth-1000"
fi
if ! [ -d benches/page/node_modules/playwright-core ]; then
  (cd benches/page && npm ci --silent --no-audit --no-fund)
fi
node benches/page/studio.mjs dist content "$work/synth-1000" | tee "$work/figures.md"
if [ "${KEEP_README:-}" != 1 ]; then
  python3 scripts/put-figures.py README.md bench-studio "$work/figures.md"
fi
