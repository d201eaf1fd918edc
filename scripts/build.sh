#!/usr/bin/env bash
# The shipped build: `trunk build --release` into dist/ with the page's size settings
# (scripts/setup.sh, PAGE_SIZE_ENV), after installing whatever the build lacks. A plain
# `trunk build --release` works too, with a larger wasm that fails the first-load budget.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_build_tools
build_release
