use std::future::Future;

use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

use super::{current_lang, status::ErrorView};
use crate::error::AppError;

/// Loads data through a server function and renders it inside a page that has its own heading;
/// an error shows as a message in its place (with the right HTTP status).
/// The page is rendered on the server with the data, and hydrates from the same data.
pub fn load<K, T, Fut, V>(
    key: impl Fn() -> K + Send + Sync + 'static,
    fetch: impl Fn(K) -> Fut + Send + Sync + 'static,
    render: impl Fn(T) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView
where
    K: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    load_with(key, fetch, render, true)
}

/// Like [`load`], for a page whose whole content is the data: an error replaces the page with
/// the shared error page (its own title and heading).
pub fn load_page<K, T, Fut, V>(
    key: impl Fn() -> K + Send + Sync + 'static,
    fetch: impl Fn(K) -> Fut + Send + Sync + 'static,
    render: impl Fn(T) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView
where
    K: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    load_with(key, fetch, render, false)
}

fn load_with<K, T, Fut, V>(
    key: impl Fn() -> K + Send + Sync + 'static,
    fetch: impl Fn(K) -> Fut + Send + Sync + 'static,
    render: impl Fn(T) -> V + Send + Sync + Clone + 'static,
    inline: bool,
) -> impl IntoView
where
    K: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
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
