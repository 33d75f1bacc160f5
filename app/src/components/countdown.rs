use leptos::prelude::*;

use super::current_lang;

/// Time left until `deadline` (unix seconds). Rendered on the server from the server's clock,
/// then kept current in the browser once per half minute.
#[component]
pub fn Countdown(deadline: i64, now: i64) -> impl IntoView {
    let lang = current_lang();
    let (now, set_now) = signal(now);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let tick = move || set_now.set((js_sys::Date::now() / 1000.0) as i64);
        tick();
        set_interval(tick, std::time::Duration::from_secs(30));
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = set_now;
    view! { <span class="countdown">{move || lang.duration(deadline - now.get())}</span> }
}
