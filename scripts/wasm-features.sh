#!/usr/bin/env bash
# Which WebAssembly features the built page's module really uses (not only those rustc declares
# in its target_features section): each feature is switched off in turn and the module validated
# with binaryen's wasm-opt. The README's minimum browser versions follow from this list.
# Usage: bash scripts/wasm-features.sh [dist]   (after `trunk build --release`)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_wasm_opt
dist="${1:-dist}"
wasm=$(ls "$dist"/*_bg.wasm | head -n 1)
stripped=$(mktemp --suffix=.wasm)
trap 'rm -f "$stripped"' EXIT
# Without the declared features, validation sees only what the code needs.
wasm-opt --strip-target-features "$wasm" -o "$stripped"
features=(mutable-globals nontrapping-float-to-int bulk-memory bulk-memory-opt sign-ext
  reference-types multivalue call-indirect-overlong simd tail-call exception-handling gc
  extended-const)
echo "WebAssembly features used by $wasm:"
for f in "${features[@]}"; do
  others=()
  for g in "${features[@]}"; do [ "$g" = "$f" ] || others+=("--enable-$g"); done
  if ! wasm-opt --mvp-features "${others[@]}" "$stripped" -o /dev/null >/dev/null 2>&1; then
    echo "  $f"
  fi
done
