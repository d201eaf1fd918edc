#!/usr/bin/env bash
# The studio's own wasm bundle (studio.html), built in every Trunk build beside the page's: the
# `studio` binary for wasm32 (profile `studio` in release, the page's settings under a name of
# its own, so cargo's lock on a profile's folders lets the two builds run at once), its
# wasm-bindgen glue, and in release wasm-opt as Trunk runs it for the page. `kb site` names its
# files by content and keeps them out of the operator page's precache list and first load.
#
#   bash scripts/build-studio.sh start        Trunk's pre_build hook: starts the build in the
#                                             background (its output in target/cuecard-site/
#                                             studio.log) and returns at once
#   bash scripts/build-studio.sh finish DIR   the post_build hook: waits for that build and
#                                             copies the bundle into DIR; a failed build fails
#                                             the hook with its log
#   bash scripts/build-studio.sh build        the build itself, in the foreground
#
# In parallel because each build leaves a core idle at times (fat LTO, wasm-opt): in sequence on
# a fresh 2-core machine the studio took 215 s and the page 155 s; together the release stage
# went from 429 s to 388 s (docs/performance.md, "A fresh machine's test run").
set -euo pipefail
cd "$(dirname "$0")/.."

work=target/cuecard-site
out=$work/studio
lock=$work/studio.lock
log=$work/studio.log
status=$work/studio.status

build() {
  # wasm-opt from npm's binaryen (scripts/setup.sh installs it there), as for the page.
  export PATH="$PWD/.tools/node_modules/.bin:$PATH"
  local profile
  case "${TRUNK_PROFILE:-debug}" in
    release) profile=studio ;;
    *) profile=page-dev ;;
  esac
  # The page's panic setting from scripts/setup.sh (PAGE_SIZE_ENV) applies to this profile too.
  if [ -n "${CARGO_PROFILE_PAGE_PANIC:-}" ]; then
    export CARGO_PROFILE_STUDIO_PANIC="$CARGO_PROFILE_PAGE_PANIC"
  fi
  # Not the page's `-Zfmt-debug=none` (scripts/setup.sh, PAGE_SIZE_ENV): the studio shows serde's
  # and toml's messages, which quote values with `Debug`.
  env -u CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS \
    cargo build --quiet --target wasm32-unknown-unknown --bin studio --features studio --profile "$profile"
  rm -rf "$out"
  mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name studio \
    "target/wasm32-unknown-unknown/$profile/studio.wasm"
  if [ "$profile" = studio ]; then
    wasm-opt -Oz --output "$out/studio_bg.wasm" "$out/studio_bg.wasm"
  fi
  cp style/studio.css "$out/studio.css"
  cp src/studio/worker.js "$out/studio-worker.js"
}

case "${1:-}" in
  start)
    mkdir -p "$work"
    # The lock is taken here and held by the background build (it inherits the descriptor), so
    # `finish` cannot slip in before the build began; a second `start` (trunk serve) waits.
    exec 9>"$lock"
    flock 9
    rm -f "$status"
    # Its output goes to the log, not to Trunk's pipe, which Trunk reads until it closes.
    (
      set +e
      bash scripts/build-studio.sh build
      echo $? >"$status"
    ) >"$log" 2>&1 </dev/null &
    ;;
  finish)
    dest="${2:?usage: bash scripts/build-studio.sh finish DIR}"
    flock "$lock" true
    case "$(cat "$status" 2>/dev/null || echo none)" in
      0) ;;
      none)
        echo "the studio's build was not started (scripts/build-studio.sh start)" >&2
        exit 1
        ;;
      *)
        cat "$log" >&2
        echo "the studio's build failed (above)" >&2
        exit 1
        ;;
    esac
    rm -rf "$dest"
    cp -r "$out" "$dest"
    ;;
  build) build ;;
  *)
    echo "usage: bash scripts/build-studio.sh start | finish DIR | build" >&2
    exit 2
    ;;
esac
