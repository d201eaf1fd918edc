#!/usr/bin/env bash
# Sets up what is missing, then serves the app at http://127.0.0.1:8080 (rebuilds on change).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_build_tools
cargo fetch --quiet
TRUNK_SKIP_VERSION_CHECK=true exec trunk serve --offline --no-autoreload --address 127.0.0.1 --port "${PORT:-8080}"
