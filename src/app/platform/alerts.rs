//! Sound and system notifications for due callbacks.

use super::{has, window};

/// A short beep through Web Audio (no sound file to ship).
pub fn beep() {
    let Ok(ctx) = web_sys::AudioContext::new() else {
        return;
    };
    let (Ok(osc), Ok(gain)) = (ctx.create_oscillator(), ctx.create_gain()) else {
        return;
    };
    osc.set_type(web_sys::OscillatorType::Sine);
    osc.frequency().set_value(880.0);
    gain.gain().set_value(0.2);
    let _ = osc.connect_with_audio_node(&gain);
    let _ = gain.connect_with_audio_node(&ctx.destination());
    let t = ctx.current_time();
    let _ = osc.start();
    let _ = osc.stop_with_when(t + 0.35);
}

/// Notifications exist (secure contexts) and may be shown.
pub fn notifications_allowed() -> bool {
    has(&window(), "Notification")
        && web_sys::Notification::permission() == web_sys::NotificationPermission::Granted
}

pub fn ask_notification_permission() {
    if has(&window(), "Notification")
        && web_sys::Notification::permission() == web_sys::NotificationPermission::Default
    {
        let _ = web_sys::Notification::request_permission();
    }
}

/// Shows a system notification where permitted. Callers pass no personal data beyond a
/// customer's name: notifications outlive the page on shared PCs.
pub fn notify(title: &str, body: &str) -> bool {
    if !notifications_allowed() {
        return false;
    }
    let opts = web_sys::NotificationOptions::new();
    opts.set_body(body);
    web_sys::Notification::new_with_options(title, &opts).is_ok()
}
