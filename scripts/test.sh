#!/usr/bin/env bash
# Sets up what is missing, then runs every test: content checks, native unit, content,
# relevance and CLI tests, and the wasm engine in headless Chromium. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

ensure_wasm_target
ensure_wasm_bindgen
ensure_chromium

log "kb check (the content must pass before anything is built from it)"
cargo run --quiet --bin kb -- check

log "native tests (writes the wasm equivalence fixture to target/equivalence/)"
cargo test

log "the search engine in wasm, headless Chromium: same ranked ids as natively"
cargo test --target wasm32-unknown-unknown --test engine_answers_the_same_in_wasm
