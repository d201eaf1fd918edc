//! The end-to-end tests: the release build (`dist/`) in Chromium, Firefox ESR and WebKitGTK, one
//! module per theme, each scenario once per engine (`operator_desk::chromium::…`). One crate, so
//! the suite is compiled and linked once; `mod.rs` is the shared harness (also used by
//! `kb_publish_updates_a_built_site`). Without the build, a driver or a display the scenarios are
//! skipped with a line saying why (`CUECARD_REQUIRE_BROWSERS=1` makes that a failure).
#![cfg(not(target_arch = "wasm32"))]

#[macro_use]
#[path = "mod.rs"]
mod e2e;

mod hostile_input_and_broken_storage;
mod keeps_data_only_as_long_as_it_must;
mod mid_call_without_the_mouse;
mod operator_desk;
mod survives_real_static_hosts;
mod works_offline_and_offers_updates;
