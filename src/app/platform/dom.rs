//! The DOM the keyboard acts on (the views render it; the shortcuts focus and click it), forms
//! and printing.

use super::window;
use crate::app::targets::{selector, CHOICES, STEP, STEP_CHECK};
use wasm_bindgen::JsCast;

/// Puts the keyboard in the element with this id, selecting its text.
pub fn focus_and_select(id: &str) {
    if let Some(el) = window().document().and_then(|d| d.get_element_by_id(id)) {
        if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
            let _ = input.focus();
            input.select();
        }
    }
}

/// Whether a key event comes from a field that takes text (where keys type, not command);
/// checkboxes, radios and buttons take shortcuts.
pub fn typing_in_a_field(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    match el.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(
            el.get_attribute("type").unwrap_or_default().as_str(),
            "checkbox" | "radio" | "button" | "submit" | "reset"
        ),
        _ => el
            .get_attribute("contenteditable")
            .is_some_and(|v| v != "false"),
    }
}

fn query_all(selector: &str) -> Vec<web_sys::HtmlElement> {
    let Some(list) = window()
        .document()
        .and_then(|d| d.query_selector_all(selector).ok())
    else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

fn active_element() -> Option<web_sys::Element> {
    window().document()?.active_element()
}

/// Moves the keyboard to the next (`+1`) or previous (`-1`) step's checkbox of the open
/// procedure (`j`/`k`); Space then checks it.
pub fn focus_step(delta: i32) {
    let (step_sel, check) = (selector(STEP), selector(STEP_CHECK));
    // Every step's own box, nested steps' included, in reading order.
    let boxes = query_all(&check);
    if boxes.is_empty() {
        return;
    }
    // The step that has the keyboard: the innermost step around the focused element.
    let current = active_element()
        .and_then(|a| a.closest(&step_sel).ok().flatten())
        .and_then(|step| {
            boxes.iter().position(|b| {
                b.closest(&step_sel)
                    .ok()
                    .flatten()
                    .is_some_and(|s| s == step)
            })
        });
    let next = match current {
        None if delta > 0 => 0,
        None => boxes.len() - 1,
        Some(i) => (i as i32 + delta).clamp(0, boxes.len() as i32 - 1) as usize,
    };
    let _ = boxes[next].focus();
    boxes[next].scroll_into_view_with_bool(false);
}

/// Chooses option `n` (1-based) of a decision or of alternative scripts (`Alt+1…9`): in the
/// step that has the keyboard, else the first step whose choice is still open, else the first
/// step that offers a choice.
pub fn choose_option(n: usize) {
    let choices = selector(CHOICES);
    let own_radios = |step: &web_sys::Element| -> Vec<web_sys::HtmlElement> {
        let Some(group) = step
            .query_selector(&format!(":scope > {choices}"))
            .ok()
            .flatten()
        else {
            return Vec::new();
        };
        let Ok(list) = group.query_selector_all("input[type=radio]") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            .filter(|r| {
                r.closest(&choices)
                    .ok()
                    .flatten()
                    .is_some_and(|g| g == group)
            })
            .collect()
    };
    let steps: Vec<web_sys::Element> = query_all(&selector(STEP))
        .into_iter()
        .map(Into::into)
        .filter(|s| !own_radios(s).is_empty())
        .collect();
    // The innermost offering step around the keyboard (steps come in document order, so the
    // last one containing the focus is the innermost).
    let focused = active_element().and_then(|a| {
        let a: &web_sys::Node = a.as_ref();
        steps.iter().rev().find(|s| s.contains(Some(a))).cloned()
    });
    let is_open = |s: &web_sys::Element| {
        own_radios(s).iter().all(|r| {
            !r.clone()
                .dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.checked())
                .unwrap_or(false)
        })
    };
    let target = focused
        .or_else(|| steps.iter().find(|s| is_open(s)).cloned())
        .or_else(|| steps.first().cloned());
    if let Some(radio) = target.and_then(|s| own_radios(&s).into_iter().nth(n.wrapping_sub(1))) {
        radio.click();
        let _ = radio.focus();
    }
}

/// Clicks the first element matching `selector` (a keyboard shortcut for a visible button).
pub fn click(selector: &str) -> bool {
    match query_all(selector).first() {
        Some(el) => {
            el.click();
            true
        }
        None => false,
    }
}

/// Puts the keyboard on the first element matching `selector`.
pub fn focus_selector(selector: &str) {
    if let Some(el) = query_all(selector).first() {
        let _ = el.focus();
    }
}

/// Runs `f(true)` before the page is printed and `f(false)` after: the app expands every
/// branch for a paper copy (print styles alone cannot show what is not rendered).
pub fn on_print(f: impl Fn(bool) + 'static) {
    let f = std::rc::Rc::new(f);
    let g = f.clone();
    let _ = leptos::prelude::window_event_listener_untyped("beforeprint", move |_| f(true));
    let _ = leptos::prelude::window_event_listener_untyped("afterprint", move |_| g(false));
}

/// Empties the submitted form's fields.
pub fn reset_form(ev: &web_sys::SubmitEvent) {
    if let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
    {
        form.reset();
    }
}

/// The value of the submitted form's input named `name` ("" when there is none): a text
/// input's text, a radio group's checked value.
pub fn form_value(ev: &web_sys::SubmitEvent, name: &str) -> String {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        .and_then(|form| form.elements().named_item(name))
        .and_then(|el| js_sys::Reflect::get(&el, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}
