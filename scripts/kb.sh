#!/usr/bin/env bash
# `kb` for Trunk's hooks: a native build, without the wasm's unstable size settings that
# scripts/setup.sh's build_release passes to Trunk (they would rebuild std for the host too).
set -euo pipefail
for v in $(compgen -e | grep -E '^(RUSTC_BOOTSTRAP|CARGO_UNSTABLE_.*|CARGO_PROFILE_PAGE_.*)$' || true); do
  unset "$v"
done
exec cargo run --quiet --bin kb -- "$@"
