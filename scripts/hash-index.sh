#!/usr/bin/env bash
# Trunk post_build hook: gives the index blob a content-hashed name (index-<hash>.bin) and points
# the page's <meta name="cuecard-index"> at it, so a content change is a new URL and caches
# never serve a stale index with a new app (or the reverse).
set -euo pipefail
cd "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
[ -f index.bin ] || { echo "hash-index: no index.bin in $PWD" >&2; exit 1; }
hash=$(sha256sum index.bin | cut -c1-16)
mv index.bin "index-$hash.bin"
sed -i "s|<meta name=\"cuecard-index\" content=\"index.bin\">|<meta name=\"cuecard-index\" content=\"index-$hash.bin\">|" index.html
grep -q "index-$hash.bin" index.html || { echo "hash-index: the cuecard-index meta tag was not found in index.html" >&2; exit 1; }
