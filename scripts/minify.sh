#!/usr/bin/env bash
# Minifies a staged release build's JavaScript in place (Trunk's post_build hook, before `kb site`
# hashes and names it and writes its integrity values): the wasm-bindgen glue, boot.js and the
# studio's. Not the stylesheets: Trunk has already written their integrity values (and they
# would save 0.5 KB). Trunk's own `--minify` cannot parse the glue and rewrites the HTML
# `kb site` reads.
# Development builds stay as written, for reading in the browser.
# Usage: bash scripts/minify.sh STAGING_DIR
set -euo pipefail
dir="$1"
[ "${TRUNK_PROFILE:-release}" = release ] || exit 0
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
if ! command -v esbuild >/dev/null; then
  echo "minify: no esbuild (bash scripts/setup.sh installs it into .tools/)" >&2
  exit 1
fi
find "$dir" -maxdepth 2 -type f -name '*.js' -print0 |
  while IFS= read -r -d '' f; do
    esbuild --minify --log-level=warning --allow-overwrite "$f" --outfile="$f"
  done
