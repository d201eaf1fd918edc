#!/usr/bin/env bash
# The studio's own wasm bundle (studio.html), built in every Trunk build by its pre_build hook
# (after `kb index`): the `studio` binary for wasm32 with the page's profile, its wasm-bindgen
# glue, and in release wasm-opt as Trunk runs it for the page. Trunk copies the result
# (target/cuecard-site/studio/) into the site; `kb site` names its files by content and keeps
# them out of the operator page's precache list and first load.
set -euo pipefail
cd "$(dirname "$0")/.."

# wasm-opt from npm's binaryen (scripts/setup.sh installs it there), as for the page.
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
out=target/cuecard-site/studio
case "${TRUNK_PROFILE:-debug}" in
  release) profile=page ;;
  *) profile=page-dev ;;
esac
# Not the page's `-Zfmt-debug=none` (scripts/setup.sh, PAGE_SIZE_ENV): the studio shows serde's
# and toml's messages, which quote values with `Debug`.
env -u CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS \
  cargo build --quiet --target wasm32-unknown-unknown --bin studio --features studio --profile "$profile"
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name studio \
  "target/wasm32-unknown-unknown/$profile/studio.wasm"
if [ "$profile" = page ]; then
  wasm-opt -Oz --output "$out/studio_bg.wasm" "$out/studio_bg.wasm"
fi
cp style/studio.css "$out/studio.css"
