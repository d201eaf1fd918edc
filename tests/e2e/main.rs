//! The end-to-end tests: the release build (`dist/`) in Chromium, Firefox ESR and WebKitGTK, one
//! module per theme, each scenario once per engine (`operator_desk::chromium::…`). One crate, so
//! the suite is compiled and linked once; `mod.rs` is the shared harness (also used by
//! `kb_publish_updates_a_built_site`).
//!
//! The harness is libtest-mimic's, not libtest's, so that a scenario that cannot run here (no
//! build, driver or display; an engine left out with `CUECARD_BROWSERS`; the fast lane) shows as
//! **ignored**, with the reason said once, instead of passing without having run.
//! `CUECARD_REQUIRE_BROWSERS=1` makes a missing build, driver or display a failure.
#![cfg(not(target_arch = "wasm32"))]

#[macro_use]
#[path = "mod.rs"]
mod e2e;

mod cards_know_their_dates;
mod desks_send_reports_to_a_collector;
mod desks_tell_editors_what_missed;
mod hostile_input_and_broken_storage;
mod keeps_data_only_as_long_as_it_must;
mod mid_call_without_the_mouse;
mod operator_desk;
mod paints_before_the_wasm;
mod studio_for_content_editors;
mod studio_form_for_trainers;
mod studio_support;
mod studio_turns_desk_reports_into_fixes;
mod survives_real_static_hosts;
mod works_offline_and_offers_updates;

use e2e::{stage, Engine, Scenario};
use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::BTreeMap;

fn themes() -> Vec<(&'static str, Vec<Scenario>)> {
    vec![
        (
            "cards_know_their_dates",
            cards_know_their_dates::scenarios(),
        ),
        (
            "desks_send_reports_to_a_collector",
            desks_send_reports_to_a_collector::scenarios(),
        ),
        (
            "desks_tell_editors_what_missed",
            desks_tell_editors_what_missed::scenarios(),
        ),
        (
            "hostile_input_and_broken_storage",
            hostile_input_and_broken_storage::scenarios(),
        ),
        (
            "keeps_data_only_as_long_as_it_must",
            keeps_data_only_as_long_as_it_must::scenarios(),
        ),
        (
            "mid_call_without_the_mouse",
            mid_call_without_the_mouse::scenarios(),
        ),
        ("operator_desk", operator_desk::scenarios()),
        (
            "paints_before_the_wasm",
            paints_before_the_wasm::scenarios(),
        ),
        (
            "studio_for_content_editors",
            studio_for_content_editors::scenarios(),
        ),
        (
            "studio_form_for_trainers",
            studio_form_for_trainers::scenarios(),
        ),
        (
            "studio_turns_desk_reports_into_fixes",
            studio_turns_desk_reports_into_fixes::scenarios(),
        ),
        (
            "survives_real_static_hosts",
            survives_real_static_hosts::scenarios(),
        ),
        (
            "works_offline_and_offers_updates",
            works_offline_and_offers_updates::scenarios(),
        ),
    ]
}

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    for (theme, scenarios) in themes() {
        for engine in [Engine::Chromium, Engine::Firefox, Engine::WebKit] {
            for s in scenarios
                .iter()
                .filter(|s| s.only.is_none_or(|e| e == engine))
            {
                let name = format!("{theme}::{}::{}", engine.name(), s.name);
                let run = s.run;
                let trial = match stage::verdict(&name, &engine.needs()) {
                    stage::Verdict::Run => Trial::test(name, move || {
                        tokio::runtime::Builder::new_current_thread()
                            .enable_all()
                            .build()
                            .expect("a tokio runtime")
                            .block_on(run(engine));
                        Ok(())
                    }),
                    stage::Verdict::Skip(why) => {
                        *skipped.entry(why).or_default() += 1;
                        Trial::test(name, || Ok(())).with_ignored_flag(true)
                    }
                    stage::Verdict::Fail(why) => {
                        Trial::test(name, move || Err(Failed::from(why.as_str())))
                    }
                };
                trials.push(trial);
            }
        }
    }
    // Which scenarios are ignored, and why, before libtest-mimic lists them (only those the
    // filter selects are listed there; the counts here are for the whole suite).
    for (why, n) in &skipped {
        stage::say(&format!("ignored: {n} × {why}"));
    }
    // A browser that passed a scenario is kept for the next one in its engine (browser.rs);
    // the kept ones are killed once every trial has run.
    e2e::keep_sessions();
    let conclusion = libtest_mimic::run(&args, trials);
    e2e::end_kept_sessions();
    conclusion.exit();
}
