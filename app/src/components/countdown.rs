use leptos::prelude::*;

use crate::i18n::Lang;

/// Time left until `deadline` (unix seconds), rendered on the server from the server's clock.
/// The page's loader (`app/src/boot.js`) keeps it current once per half minute, in the same
/// words (its units come along in `data-units`): a few lines of script instead of the wasm
/// bundle, so that a public page with a countdown stays a light document.
#[component]
pub fn Countdown(deadline: i64, now: i64, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let units = serde_json::json!({
        "day": [t.unit_day.0, t.unit_day.1],
        "hour": [t.unit_hour.0, t.unit_hour.1],
        "minute": [t.unit_minute.0, t.unit_minute.1],
        "and": t.and,
    })
    .to_string();
    view! {
        <span class="countdown" data-deadline=deadline.to_string() data-units=units>
            {lang.duration(deadline - now)}
        </span>
    }
}
