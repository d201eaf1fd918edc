#!/usr/bin/env bash
# Sets up what is missing, then runs every test: content checks, native unit, content,
# relevance, fuzz and CLI tests, end-to-end tests of the release build in Chromium, Firefox ESR
# and WebKitGTK, and the wasm engine in headless Chromium. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

ensure_build_tools
ensure_chromium
ensure_firefox
ensure_webkit
ensure_axe

log "kb check (the content must pass before anything is built from it)"
cargo run --quiet --bin kb -- check

build_release

log "native tests, end-to-end tests of dist/ in three engines (writes the wasm equivalence fixture)"
# WebKitGTK's MiniBrowser needs a display; the other engines run headless.
xvfb-run -a --server-args="-screen 0 1280x1024x24" cargo test

log "the search engine in wasm, headless Chromium: same ranked ids as natively"
# wasm-bindgen-test-runner prefers $GECKODRIVER over $CHROMEDRIVER: unset it for this one command.
env -u GECKODRIVER cargo test --target wasm32-unknown-unknown --test engine_answers_the_same_in_wasm
