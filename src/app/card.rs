//! A procedure card as an operator sees it — cautions, hold timer, rules, the checklist with its
//! branches and "say this" cards, notes, related cards, source — for any surface that shows one:
//! the desk (its saved call) and the studio's preview (a call of its own). The views read and
//! change the call only through `CardEnv`, never through the desk's stores.

use super::copy::CopyButton;
use super::hold::HoldTimer;
use super::platform;
use super::targets;
use crate::content::link::{segments, Segment};
use crate::content::{Procedure, Script, Step};
use crate::desk::call::{branch_prefix, step_key, step_path, CallState};
use crate::desk::edit::CallEdit;
use crate::desk::summary::fill_placeholders;
use crate::i18n::{t, tf, Msg, UiLang};
use crate::search::Hit;

/// How many related cards a card shows (`CardEnv::related` asks the engine for this many), on
/// the desk and in the studio's preview alike.
pub const RELATED: usize = 4;
use leptos::prelude::*;

/// Where a card is shown, for what only the desk does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// An opened card takes the keyboard; the hold timer beeps, notifies and flashes the title.
    Desk,
    /// The studio's preview beside the editor: the keyboard stays in the editor, and trying
    /// the hold timer makes no noise.
    Preview,
}

/// What the card's views need from the surface showing them (a context each surface provides).
#[derive(Clone, Copy)]
pub struct CardEnv {
    pub surface: Surface,
    // Plain `RwSignal`s, as both surfaces hold them: a `Signal` would dispatch every read over
    // its kinds, which cost the desk's wasm 6.6 KB gzip.
    pub lang: RwSignal<UiLang>,
    /// The clock the hold timer shows (milliseconds, ticking while the page is open).
    pub now: RwSignal<f64>,
    /// On paper every branch is shown.
    pub printing: RwSignal<bool>,
    pub call: RwSignal<CallState>,
    /// Applies what the operator did (the desk saves it at once).
    pub edit: Callback<CallEdit>,
    /// The cards most like a card (by id), for "Related".
    pub related: Callback<String, Vec<Hit>>,
    /// Screen-reader announcements (the hold limit passed).
    pub announce: Callback<String>,
}

pub fn card_env() -> CardEnv {
    expect_context::<CardEnv>()
}

/// The card. `back` is what stands above the title (the desk's link back to the results).
#[component]
pub fn ProcedureView(
    p: Procedure,
    #[prop(optional, into)] back: Option<ViewFn>,
    /// Its last day as the desk writes it, when that is within a week ("until 31/12").
    #[prop(default = None)]
    until: Option<String>,
) -> impl IntoView {
    let env = card_env();
    if env.surface == Surface::Desk {
        // An opened procedure takes the keyboard, so `j`, `h` and the rest act on it at once.
        request_animation_frame(|| {
            platform::focus_selector(&targets::selector(targets::PROCEDURE_TITLE))
        });
    }
    let lang = move || env.lang.get();
    let code = p.lang.code();
    let cautions = p.cautions.clone();
    let notes = p.notes.clone();
    let rules = p.rule_texts();
    let steps = render_steps(&p, &p.steps, "");
    view! {
        <article class="procedure" data-testid="procedure" lang=code>
            {back.map(|b| b.run())}
            <h1 data-testid="procedure-title" data-key=targets::PROCEDURE_TITLE tabindex="-1">{p.title.clone()}</h1>
            <p class="result-meta">
                <span class="lang-badge">{code}</span> <span class="category">{p.category.clone()}</span>
                {p.draft.then(|| view! { " " <span class="draft-badge" data-testid="draft-badge">{move || t(lang(), Msg::Draft)}</span> })}
                {until.map(|d| view! { " " <span class="until-badge" data-testid="procedure-until">{move || tf(lang(), Msg::Until, &[("date", &d)])}</span> })}
            </p>
            {(!cautions.is_empty()).then(|| view! {
                <section class="cautions" aria-label=move || t(lang(), Msg::Cautions)>
                    <ul>{cautions.into_iter().map(|c| view! { <li>"⚠ " <RichText text=c/></li> }).collect_view()}</ul>
                </section>
            })}
            <HoldTimer timers=p.timers.clone()/>
            {(!rules.is_empty()).then(|| view! {
                <section class="rules" aria-label=move || t(lang(), Msg::Rules) data-testid="rules">
                    <ul>{rules.into_iter().map(|r| view! { <li><ClockIcon/> {r}</li> }).collect_view()}</ul>
                </section>
            })}
            <h2>{move || t(lang(), Msg::Steps)}</h2>
            {steps}
            {(!notes.is_empty()).then(|| view! {
                <section class="notes">
                    <h2>{move || t(lang(), Msg::Notes)}</h2>
                    {notes.into_iter().map(|n| view! { <p><RichText text=n/></p> }).collect_view()}
                </section>
            })}
            <Related id=p.id.clone()/>
            <p class="source">{move || t(lang(), Msg::Source)} ": " {p.source.file.clone()} " — " {p.source.section.clone()}</p>
        </article>
    }
}

/// The rule lines' clock, drawn by the page itself: the ⏱ emoji it replaces rendered as an
/// empty box on desks without an emoji font (Debian's Chromium, locked-down desk images).
#[component]
fn ClockIcon() -> impl IntoView {
    let env = card_env();
    view! {
        <svg class="icon" data-testid="rule-icon" viewBox="0 0 16 16" role="img"
            aria-label=move || t(env.lang.get(), Msg::TimerRule)>
            <circle cx="8" cy="8.5" r="6" fill="none" stroke="currentColor" stroke-width="1.6"/>
            <path d="M8 5v3.5l2.5 1.5M6 1.5h4" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/>
        </svg>
    }
}

/// Content text with its `[[links]]` as links to the other procedures; following one keeps the
/// current call (it lives in the desk store, not in the page).
#[component]
pub fn RichText(text: String) -> impl IntoView {
    segments(&text)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => t.to_string().into_any(),
            Segment::Link { id, words } => {
                let words = words.unwrap_or(id).to_string();
                view! { <a class="procedure-link" href=format!("#/p/{id}") data-testid="procedure-link">{words}</a> }
                    .into_any()
            }
        })
        .collect_view()
}

fn step_text(step: &Step) -> String {
    match step {
        Step::Action { text, .. } | Step::Decision { text, .. } => text.clone(),
        Step::Say { lead, .. } => lead.clone().unwrap_or_default(),
    }
}

/// The checklist, recursively: a chosen branch reveals its own steps.
fn render_steps(p: &Procedure, steps: &[Step], prefix: &str) -> AnyView {
    let items = steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            view! { <StepItem p=p.clone() step=step.clone() path=step_path(prefix, i)/> }
        })
        .collect_view();
    view! { <ol class="steps">{items}</ol> }.into_any()
}

/// Alternative scripts for one moment: the operator picks the one said (recorded in the call).
#[component]
fn Alternatives(scripts: Vec<Script>, key: String) -> impl IntoView {
    let env = card_env();
    let options = scripts
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let (kc, kd) = (key.clone(), key.clone());
            let chosen = Memo::new(move |_| env.call.with(|c| c.chosen(&kc) == Some(i)));
            view! {
                <div class="alternative" class:chosen=chosen data-testid="alternative">
                    <label class="branch">
                        <input
                            type="radio"
                            name=key.clone()
                            prop:checked=chosen
                            on:change=move |_| env.edit.run(CallEdit::Choose(kd.clone(), i))
                        />
                        <span>{s.label.clone().unwrap_or_else(|| format!("{}", i + 1))}</span>
                    </label>
                    <SayCard text=s.text/>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="alternatives" data-key=targets::CHOICES>
            <legend class="visually-hidden">{move || t(env.lang.get(), Msg::ChooseAlternative)}</legend>
            {options}
        </fieldset>
    }
}

#[component]
fn StepItem(p: Procedure, step: Step, path: String) -> impl IntoView {
    let env = card_env();
    let key = step_key(&p.id, &path);
    let (k1, k2) = (key.clone(), key.clone());
    let checked = Memo::new(move |_| env.call.with(|c| c.is_checked(&k1)));
    let text = step_text(&step);
    // A script with no lead line (`N. > …`) names its checkbox by its own words.
    let unnamed = match &step {
        Step::Say { scripts, .. } if text.trim().is_empty() => {
            scripts.first().map(|s| s.text.clone())
        }
        _ => None,
    };
    let body = match &step {
        Step::Action { details, .. } if !details.is_empty() => {
            view! { <ul class="details">{details.iter().map(|d| view! { <li><RichText text=d.clone()/></li> }).collect_view()}</ul> }.into_any()
        }
        Step::Action { .. } => ().into_any(),
        Step::Say { scripts, .. } if scripts.len() > 1 => {
            view! { <Alternatives scripts=scripts.clone() key=key.clone()/> }.into_any()
        }
        Step::Say { scripts, .. } => scripts
            .first()
            .map(|s| view! { <SayCard text=s.text.clone()/> }.into_any())
            .unwrap_or_else(|| ().into_any()),
        Step::Decision { branches, .. } => {
            let options = branches
                .iter()
                .enumerate()
                .map(|(b, br)| {
                    let (kc, kd) = (key.clone(), key.clone());
                    view! {
                        <label class="branch">
                            <input
                                type="radio"
                                name=key.clone()
                                prop:checked=move || env.call.with(|c| c.chosen(&kc) == Some(b))
                                on:change=move |_| env.edit.run(CallEdit::Choose(kd.clone(), b))
                            />
                            <span><RichText text=br.condition.clone()/></span>
                        </label>
                    }
                })
                .collect_view();
            let (p2, branches2, path2, kc) = (p.clone(), branches.clone(), path.clone(), key.clone());
            view! {
                <fieldset class="decision" data-key=targets::CHOICES>
                    <legend class="visually-hidden">{move || t(env.lang.get(), Msg::ChooseBranch)}</legend>
                    {options}
                </fieldset>
                {move || if env.printing.get() {
                    // On paper every branch is there, each under its condition.
                    branches2
                        .iter()
                        .enumerate()
                        .map(|(b, br)| view! {
                            <div class="print-branch">
                                <p class="print-condition">"→ " <RichText text=br.condition.clone()/></p>
                                {render_steps(&p2, &br.steps, &branch_prefix(&path2, b))}
                            </div>
                        })
                        .collect_view()
                        .into_any()
                } else {
                    env.call
                        .with(|c| c.chosen(&kc))
                        .and_then(|b| branches2.get(b).map(|br| render_steps(&p2, &br.steps, &branch_prefix(&path2, b))))
                        .into_any()
                }}
            }
            .into_any()
        }
    };
    view! {
        <li class="step" class:done=checked data-testid="step" data-key=targets::STEP>
            <label class="step-check">
                <input type="checkbox" data-key=targets::STEP_CHECK aria-label=unnamed prop:checked=checked on:change=move |_| env.edit.run(CallEdit::Toggle(k2.clone()))/>
                <span class="step-text"><RichText text=text/></span>
            </label>
            {body}
        </li>
    }
}

/// A line to say, with the call's names filled in, and a copy button.
#[component]
fn SayCard(text: String) -> impl IntoView {
    let env = card_env();
    let filled = Memo::new(move |_| env.call.with(|c| fill_placeholders(&text, &c.context)));
    view! {
        <div class="say">
            <span class="say-label">{move || t(env.lang.get(), Msg::SayThis)}</span>
            <blockquote>{move || filled.get()}</blockquote>
            <CopyButton lang=env.lang text=Callback::new(move |_| filled.get_untracked()) label=Msg::Copy testid="copy"/>
        </div>
    }
}

/// The few other cards most like this one, so an operator who opened the wrong one is one
/// click from the right one.
#[component]
fn Related(id: String) -> impl IntoView {
    let env = card_env();
    let hits = env.related.run(id);
    (!hits.is_empty()).then(|| {
        view! {
            <section class="related" data-testid="related">
                <h2>{move || t(env.lang.get(), Msg::Related)}</h2>
                <ul>
                    {hits
                        .into_iter()
                        .map(|h| view! {
                            <li><a href=format!("#/p/{}", h.id) lang=h.lang.code()>{h.title}</a>
                            " " <span class="category">{h.category}</span></li>
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
