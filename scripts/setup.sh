#!/usr/bin/env bash
# Installs what Cuecard's build and tests need, reusing whatever is already installed.
# Sourced by scripts/test.sh, serve.sh, build.sh, wasm-features.sh and bench-prelude.sh; each
# ensure_* step is idempotent.
set -euo pipefail

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate in Cargo.lock

export PATH="$HOME/.cargo/bin:$PATH"

# Each step with the seconds since the script started, so a run's log says where its time went.
log() { printf '\033[1m== [%4ds] %s\033[0m\n' "$SECONDS" "$*" >&2; }

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# The page's wasm is built with std itself rebuilt for size (page_size_env), from its source.
ensure_rust_src() {
  if ! rustup component list --installed | grep -q '^rust-src'; then
    log "adding the rust-src component (std rebuilt for the page's size)"
    rustup component add rust-src
  fi
}

# The tools from crates.io are built in cargo's dev profile without debug info, at opt-level
# LEVEL: they only run other programs and move files, and release builds (fat LTO, opt-level 3)
# took about three times as long to compile (15 minutes beside the fast lane on a fresh machine)
# for the same build time (trunk build --release: 106 s with either trunk).
# Usage: tool_profile LEVEL cargo install ...   (cargo install then gets --debug)
tool_profile() {
  local level="$1"
  shift
  CARGO_PROFILE_DEV_OPT_LEVEL="$level" CARGO_PROFILE_DEV_DEBUG=0 "$@" --debug
}

ensure_wasm_bindgen() {
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
    # Not --locked: its locked webpki-roots version is not served by the registry.
    # opt-level 1 (tool_profile): its test runner rewrites the wasm engine test's large debug
    # module, which takes four times as long at opt-level 0.
    tool_profile 1 cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing Chromium and ChromeDriver from Debian"
    apt_install chromium chromium-driver
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
}

# The end-to-end tests also run in Firefox ESR (geckodriver from crates.io: Mozilla's binary
# downloads are not reachable here) and WebKitGTK (WebKitWebDriver driving MiniBrowser, which
# needs a display: Xvfb).
GECKODRIVER_VERSION=0.37.1

ensure_geckodriver() {
  if ! geckodriver --version 2>/dev/null | grep -q "^geckodriver $GECKODRIVER_VERSION"; then
    log "installing geckodriver $GECKODRIVER_VERSION (about 1 minute)"
    tool_profile 0 cargo install geckodriver --version "$GECKODRIVER_VERSION" --force
  fi
}

ensure_firefox() {
  if ! command -v firefox-esr >/dev/null; then
    log "installing Firefox ESR from Debian"
    apt_install firefox-esr
  fi
  ensure_geckodriver
  export GECKODRIVER="${GECKODRIVER:-$(command -v geckodriver)}"
}

ensure_webkit() {
  if ! command -v WebKitWebDriver >/dev/null || ! command -v xvfb-run >/dev/null; then
    log "installing WebKitGTK's WebDriver and Xvfb from Debian"
    apt_install webkit2gtk-driver xvfb
  fi
  export WEBKITWEBDRIVER="${WEBKITWEBDRIVER:-$(command -v WebKitWebDriver)}"
}

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
    log "installing trunk $TRUNK_VERSION (about 3 minutes; 0.22 needs a newer rustc)"
    tool_profile 0 cargo install trunk --version "$TRUNK_VERSION" --locked --force
  fi
}

# A tool from npm, at its pinned version, into .tools/ (not the system's: Debian's binaryen is
# too old for today's rustc output, and esbuild is not packaged); puts .tools/ on PATH.
# Usage: ensure_npm_tool PACKAGE VERSION BIN   (VERSION: the package's, or only its major)
ensure_npm_tool() {
  local package="$1" version="$2" bin="$3" root have=""
  root="$(pwd)/.tools"
  if [ -x "$root/node_modules/.bin/$bin" ]; then
    have=$(node -p "require(process.argv[1]).version" "$root/node_modules/$package/package.json" 2>/dev/null) || have=""
  fi
  if [ "$have" != "$version" ] && [ "${have%%.*}" != "$version" ]; then
    log "installing $bin (npm $package@$version) into .tools/"
    if ! command -v npm >/dev/null; then apt_install nodejs npm; fi
    npm install --silent --prefix "$root" "$package@$version"
  fi
  export PATH="$root/node_modules/.bin:$PATH"
}

# wasm-opt (npm's binaryen ships a working one): the page's and the studio's release wasm.
ensure_wasm_opt() {
  ensure_npm_tool binaryen "$BINARYEN_VERSION" wasm-opt
}

# esbuild: scripts/minify.sh minifies the release build's JavaScript before `kb site` hashes it
# (5 KB gzip of the first load).
ESBUILD_VERSION=0.25.12
ensure_esbuild() {
  ensure_npm_tool esbuild "$ESBUILD_VERSION" esbuild
}

# axe-core (npm, from tests/e2e's lockfile): the end-to-end tests inject it into the pages they
# drive and require zero accessibility violations.
ensure_axe() {
  if ! [ -f tests/e2e/node_modules/axe-core/axe.min.js ]; then
    log "installing axe-core (npm ci) into tests/e2e/"
    if ! command -v npm >/dev/null; then apt_install nodejs npm; fi
    (cd tests/e2e && npm ci --silent --no-audit --no-fund)
  fi
}

# What building the page needs (serve, test and bench all start with it).
ensure_build_tools() {
  ensure_wasm_target
  ensure_rust_src
  ensure_wasm_bindgen
  ensure_trunk
  ensure_wasm_opt
  ensure_esbuild
}

# The shipped wasm's size settings (ARCHITECTURE, "Page size"), for the cargo runs that build the
# page and the studio in profile `page`: std rebuilt with `optimize_for_size`, and a panic a plain
# trap (`immediate-abort`: no panic messages or formatting in the wasm; boot.js's crash banner
# catches the trap). These are unstable cargo features, enabled on the pinned stable toolchain by
# RUSTC_BOOTSTRAP; the Trunk hooks' native `kb` runs drop them again (scripts/kb.sh).
# The operator page alone is also built without `Debug` formatting and panic locations
# (`-Zfmt-debug=none -Zlocation-detail=none`, added to .cargo/config.toml's flags for wasm32):
# 8 KB gzip less. The page shows no `Debug` text (`app::platform::js_error` says why); the
# studio shows serde's and toml's messages, which quote values with `Debug`, so
# scripts/build-studio.sh drops these two flags again.
# shellcheck disable=SC2054 # the commas are inside the values
PAGE_SIZE_ENV=(
  RUSTC_BOOTSTRAP=1
  CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  CARGO_UNSTABLE_PANIC_IMMEDIATE_ABORT=true
  CARGO_PROFILE_PAGE_PANIC=immediate-abort
  "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS=-Zfmt-debug=none -Zlocation-detail=none"
)

# The shipped build. Trunk runs cargo with --offline, so the dependencies must be fetched first.
build_release() {
  cargo fetch --quiet
  # And std's own dependencies (rust-src's lock file), which the page's rebuilt std needs.
  env "${PAGE_SIZE_ENV[@]}" cargo fetch --quiet --target wasm32-unknown-unknown
  log "trunk build --release (runs kb index first: content that fails kb check stops the build)"
  env "${PAGE_SIZE_ENV[@]}" TRUNK_SKIP_VERSION_CHECK=true trunk build --release --offline
}
