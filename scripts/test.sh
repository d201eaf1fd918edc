#!/usr/bin/env bash
# Runs every test, in two stages; exits non-zero on the first failure.
#
#   bash scripts/test.sh fast   the fast lane only: cargo fmt --check, clippy -D warnings on both
#                               targets (native, all targets; the page and the studio for wasm32), kb check, and
#                               `cargo test` of the units and the native integration tests (content,
#                               relevance, fuzz, CLI). Needs no browser, trunk or dist/: the tests
#                               that do say they were skipped (CUECARD_FAST=1).
#   bash scripts/test.sh        the fast lane first, then the browser stage: installs what is
#                               missing (trunk, wasm-bindgen, wasm-opt, Chromium, Firefox ESR,
#                               WebKitGTK, Xvfb, axe-core), builds the release (`trunk build
#                               --release` into dist/), runs the tests that need it — end-to-end in
#                               three engines, kb publish on the built site, the page build on
#                               broken content — with CUECARD_REQUIRE_BROWSERS=1 (a missing build,
#                               driver or display fails them instead of skipping), and the search
#                               engine in wasm in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

stage="${1:-all}"
case "$stage" in
  fast | all) ;;
  *)
    echo "usage: bash scripts/test.sh [fast]" >&2
    exit 2
    ;;
esac

# The integration tests that need the release build, a browser or trunk (support/stage.rs):
# skipped in the fast lane, run (and required) in the browser stage.
BROWSER_TESTS=(--test 'e2e*' --test kb_publish_updates_a_built_site --test kb_rollback_restores_a_publication --test page_build_stops_on_broken_content)

# A test crate that can skip (it includes tests/support/stage.rs, directly or through the e2e
# harness) must be one the browser stage runs, or CI would only ever see it skipped.
check_browser_tests_listed() {
  local f name missing=""
  for f in $(grep -lE '^ *(#\[path = "(\.\./)?support/stage\.rs"\]|mod e2e;)' tests/*.rs tests/*/main.rs); do
    name="${f#tests/}"
    name="${name%/main.rs}"
    name="${name%.rs}"
    case "$name" in
      e2e* | kb_publish_updates_a_built_site | kb_rollback_restores_a_publication | page_build_stops_on_broken_content) ;;
      *) missing="$missing $name" ;;
    esac
  done
  if [ -n "$missing" ]; then
    echo "test crates that skip without a browser but are not in BROWSER_TESTS (scripts/test.sh):$missing" >&2
    return 1
  fi
}

# Rooms by job: a Rust file over 600 lines is split, not grown (ARCHITECTURE says so), in the
# tests and benchmarks as in the source: a harness is read and changed as often as the code.
check_file_sizes() {
  local big
  big=$(find src tests benches -name '*.rs' -not -path '*/node_modules/*' -print0 |
    xargs -0 wc -l | awk '$2 != "total" && $1 > 600 {print $2 " (" $1 " lines)"}')
  if [ -n "$big" ]; then
    echo "Rust files over 600 lines in src/, tests/ or benches/ (split them by job): $big" >&2
    return 1
  fi
}

# On a machine without the browsers, Debian's packages install while the fast lane compiles
# (one is network and disk, the other CPU); the browser stage waits for them (`wait_for`: a
# failed install fails the run with its log).
APT_PID=""
APT_LOG=target/apt-install.log
browsers_in_background() {
  local missing=()
  { command -v chromium && command -v chromedriver; } >/dev/null || missing+=(chromium chromium-driver)
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  { command -v WebKitWebDriver && command -v xvfb-run; } >/dev/null || missing+=(webkit2gtk-driver xvfb)
  [ ${#missing[@]} -gt 0 ] || return 0
  log "installing ${missing[*]} from Debian in the background ($APT_LOG)"
  mkdir -p target
  (apt_install "${missing[@]}") >"$APT_LOG" 2>&1 &
  APT_PID=$!
}

# The three tools compiled from crates.io compile beside the fast lane too: it leaves cores idle
# while its tests run and its crates link.
TOOLS_PID=""
TOOLS_LOG=target/tools-install.log
tools_in_background() {
  if wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$" &&
    trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$" &&
    geckodriver --version 2>/dev/null | grep -q "^geckodriver $GECKODRIVER_VERSION"; then
    return 0
  fi
  log "compiling wasm-bindgen-cli, trunk and geckodriver in the background ($TOOLS_LOG)"
  mkdir -p target
  (ensure_wasm_bindgen && ensure_trunk && ensure_geckodriver) >"$TOOLS_LOG" 2>&1 &
  TOOLS_PID=$!
}

# Waits for a background job (an install, a build); on failure shows its log and fails the run.
wait_for() {
  local pid="$1" what="$2" logfile="$3"
  [ -n "$pid" ] || return 0
  log "waiting for $what"
  if ! wait "$pid"; then
    cat "$logfile" >&2
    echo "$what: failed (above)" >&2
    return 1
  fi
}

fast_lane() {
  ensure_wasm_target
  check_browser_tests_listed
  check_file_sizes
  log "fast lane 1/5: cargo fmt --check"
  cargo fmt --all --check
  log "fast lane 2/5: clippy, native, all targets, -D warnings"
  cargo clippy --all-targets -- -D warnings
  log "fast lane 3/5: clippy, the page and the studio for wasm32, -D warnings"
  cargo clippy --target wasm32-unknown-unknown --features page --bin cuecard -- -D warnings
  cargo clippy --target wasm32-unknown-unknown --features studio --bin studio -- -D warnings
  log "fast lane 4/5: kb check (the content must pass before anything is built from it)"
  cargo run --quiet --bin kb -- check
  log "fast lane 5/5: unit and native integration tests (writes the wasm equivalence fixture)"
  CUECARD_FAST=1 cargo test
}

browser_stage() {
  wait_for "$APT_PID" "the browsers (Debian)" "$APT_LOG"
  wait_for "$TOOLS_PID" "wasm-bindgen-cli, trunk and geckodriver" "$TOOLS_LOG"
  ensure_build_tools
  ensure_chromium
  ensure_firefox
  ensure_webkit
  ensure_axe

  build_release

  # The search engine's wasm test compiles while the end-to-end tests run, at the lowest
  # priority: it takes only the CPU the browsers leave idle (a quarter of it), not theirs. In a
  # target folder of its own, since the running `cargo test` holds the lock on target/.
  # `studio`: the index builder and the content checks are in the wasm library with it only.
  local wasm_test=(cargo test --target wasm32-unknown-unknown --features studio --test engine_answers_the_same_in_wasm)
  local wasm_log=target/wasm-test-build.log
  (exec nice -n 19 env CARGO_TARGET_DIR=target/wasm-test "${wasm_test[@]}" --no-run) >"$wasm_log" 2>&1 &
  WASM_TEST_PID=$!

  export CUECARD_REQUIRE_BROWSERS=1
  log "browser stage: end-to-end tests of dist/ in three engines, kb publish, broken-content build"
  # WebKitGTK's MiniBrowser needs a display; the other engines run headless.
  xvfb-run -a --server-args="-screen 0 1280x1024x24" cargo test "${BROWSER_TESTS[@]}"

  wait_for "$WASM_TEST_PID" "the wasm engine test's build" "$wasm_log"
  log "browser stage: the search engine in wasm, headless Chromium: same ranked ids as natively"
  # wasm-bindgen-test-runner prefers $GECKODRIVER over $CHROMEDRIVER: unset it for this one command.
  env -u GECKODRIVER CARGO_TARGET_DIR=target/wasm-test "${wasm_test[@]}"
}

# A failed stage leaves no build running behind it.
WASM_TEST_PID=""
trap '[ -z "$WASM_TEST_PID" ] || kill "$WASM_TEST_PID" 2>/dev/null || true' EXIT

if [ "$stage" = all ]; then
  browsers_in_background
  tools_in_background
fi
fast_lane
if [ "$stage" = all ]; then
  browser_stage
fi
log "all passed"
