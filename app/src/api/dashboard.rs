//! The server function of the organiser's dashboard of a year; its service checks who may read
//! it.
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::YearDashboard;

#[cfg(feature = "ssr")]
use crate::backend::{dashboard, state::signed_in};

#[server(input = GetUrl, endpoint = "year_dashboard")]
pub async fn get_year_dashboard(year: i32) -> Result<YearDashboard, AppError> {
    let s = signed_in().await?;
    dashboard::year(&s.db, &s.actor, year, s.now).await
}
