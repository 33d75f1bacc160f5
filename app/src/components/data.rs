use std::future::Future;

use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

use super::{current_lang, status::ErrorView};
use crate::error::AppError;

/// What a page loads by: a key that changes when the data must be fetched again.
pub trait Key: PartialEq + Clone + Send + Sync + 'static {}
impl<K: PartialEq + Clone + Send + Sync + 'static> Key for K {}

/// What a server function answers with, rendered on the server and hydrated from the same value.
pub trait Data: Serialize + DeserializeOwned + Clone + Send + Sync + 'static {}
impl<T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static> Data for T {}

/// A server function's answer on its way.
pub trait Fetching<T>: Future<Output = Result<T, AppError>> + Send + 'static {}
impl<T, F: Future<Output = Result<T, AppError>> + Send + 'static> Fetching<T> for F {}

/// Loads data through a server function and renders it inside a page that has its own heading;
/// an error shows as a message in its place (with the right HTTP status).
/// The page is rendered on the server with the data, and hydrates from the same data.
pub fn load<K: Key, T: Data, Fut: Fetching<T>, V: IntoView + 'static>(
    key: impl Fn() -> K + Send + Sync + 'static,
    fetch: impl Fn(K) -> Fut + Send + Sync + 'static,
    render: impl Fn(T) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView {
    load_with(key, fetch, render, true)
}

/// Like [`load`], for a page whose whole content is the data: an error replaces the page with
/// the shared error page (its own title and heading).
pub fn load_page<K: Key, T: Data, Fut: Fetching<T>, V: IntoView + 'static>(
    key: impl Fn() -> K + Send + Sync + 'static,
    fetch: impl Fn(K) -> Fut + Send + Sync + 'static,
    render: impl Fn(T) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView {
    load_with(key, fetch, render, false)
}

/// [`load_page`] for a page addressed by its year (`/competitions/:year`, `/europe/:year`): a
/// year that is not a number is "not found", like a year that does not exist.
pub fn load_year_page<T: Data, Fut: Fetching<T>, V: IntoView + 'static>(
    fetch: impl Fn(i32) -> Fut + Copy + Send + Sync + 'static,
    render: impl Fn(T) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView {
    load_page(
        super::number_param("year"),
        move |year| async move {
            match year {
                Some(year) => fetch(year).await,
                None => Err(AppError::NotFound),
            }
        },
        render,
    )
}

fn load_with<K: Key, T: Data, Fut: Fetching<T>, V: IntoView + 'static>(
    key: impl Fn() -> K + Send + Sync + 'static,
    fetch: impl Fn(K) -> Fut + Send + Sync + 'static,
    render: impl Fn(T) -> V + Send + Sync + Clone + 'static,
    inline: bool,
) -> impl IntoView {
    let data = Resource::new(key, fetch);
    let loading = current_lang().t().loading;
    view! {
        <Suspense fallback=move || view! { <p class="loading">{loading}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(d) => render(d).into_any(),
                        Err(error) => view! { <ErrorView error inline/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
