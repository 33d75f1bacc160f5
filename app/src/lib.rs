//! The ECPA portal: Leptos pages, components and server functions, plus the server-only backend.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod error;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod ranking;
mod root;

#[cfg(feature = "ssr")]
pub mod assets;
#[cfg(feature = "ssr")]
pub mod backend;

pub use root::App;
#[cfg(feature = "ssr")]
pub use root::shell;

/// Entry point of the browser bundle, called by the page's loader (`/pkg/boot.*.js`) before it
/// hydrates each island of the page (the islands are exported functions of their own). Pages
/// are otherwise rendered on the server only.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // A server function that redirects (a saved year, a new entry) takes the browser there;
    // islands have no client-side router to do it.
    let _ = leptos::server_fn::redirect::set_redirect_hook(|to: &str| {
        let _ = leptos::prelude::window().location().set_href(to);
    });
    leptos::mount::hydrate_islands();
}
