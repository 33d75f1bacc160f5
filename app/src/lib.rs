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
pub mod backend;

pub use root::{App, shell};

/// Entry point of the browser bundle: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // Lets tests and monitoring tell a hydrated page from a server-rendered one.
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
