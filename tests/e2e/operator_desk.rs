//! End to end, against the release build (`dist/`) in Chromium, Firefox ESR and WebKitGTK: what
//! an operator does all day. Each test opens its site at an origin of its own and runs once per engine
//! (`chromium::…`, `firefox::…`, `webkit::…`). Needs `trunk build --release` first.
//!
//! One room per part of the day: `finding` (the card for the call), `the_call` (working through
//! a card), `callbacks`, `loading` (an index that does not arrive, a sub-path). This file lists
//! the scenarios, in the order they run.
#![cfg(not(target_arch = "wasm32"))]

mod callbacks;
mod finding;
mod loading;
mod the_call;

use crate::e2e;

use callbacks::{
    a_callback_is_kept_across_a_reload_and_can_be_marked_done, an_overdue_callback_is_highlighted,
    on_a_phone_screen_callbacks_sit_behind_a_count_badge,
    two_tabs_share_callbacks_and_lose_neither_change,
};
use e2e::{Browser, Engine, Server};
use finding::{
    a_deep_link_opens_its_procedure, a_desk_that_searches_one_language_downloads_only_its_index,
    a_wrong_layout_query_says_what_was_searched, back_returns_to_the_results_with_the_query_intact,
    search_finds_procedures_in_vietnamese_chinese_and_russian,
    the_keyboard_alone_finds_opens_and_returns,
};
use loading::{
    a_corrupt_index_shows_a_message_with_retry_not_a_blank_page,
    a_missing_index_shows_a_message_and_retry_recovers, the_build_works_unchanged_under_a_sub_path,
};
use the_call::{
    a_checked_step_is_still_checked_after_a_reload, a_chosen_branch_reveals_its_steps,
    a_leader_call_says_do_not_hold_instead_of_a_hold_button,
    a_rule_line_draws_its_icon_not_a_font_glyph,
    alternative_scripts_are_one_step_and_the_summary_names_the_one_said,
    new_call_clears_the_checked_steps, the_hold_timer_keeps_counting_across_a_reload,
};

async fn open(engine: Engine, path: &str) -> (Browser, Server) {
    Browser::open(engine, path).await
}

in_every_engine!(
    a_rule_line_draws_its_icon_not_a_font_glyph,
    alternative_scripts_are_one_step_and_the_summary_names_the_one_said,
    search_finds_procedures_in_vietnamese_chinese_and_russian,
    a_wrong_layout_query_says_what_was_searched,
    a_checked_step_is_still_checked_after_a_reload,
    a_chosen_branch_reveals_its_steps,
    the_hold_timer_keeps_counting_across_a_reload,
    a_leader_call_says_do_not_hold_instead_of_a_hold_button,
    a_callback_is_kept_across_a_reload_and_can_be_marked_done,
    a_deep_link_opens_its_procedure,
    a_desk_that_searches_one_language_downloads_only_its_index,
    the_keyboard_alone_finds_opens_and_returns,
    new_call_clears_the_checked_steps,
    back_returns_to_the_results_with_the_query_intact,
    two_tabs_share_callbacks_and_lose_neither_change,
    a_corrupt_index_shows_a_message_with_retry_not_a_blank_page,
    a_missing_index_shows_a_message_and_retry_recovers,
    an_overdue_callback_is_highlighted,
    on_a_phone_screen_callbacks_sit_behind_a_count_badge,
    the_build_works_unchanged_under_a_sub_path,
);
