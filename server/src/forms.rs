//! Plain HTML forms (no scripts; islands mode leaves every form outside an island as one): a
//! server function posted by a form answers with a redirect back to the page it came from
//! (Leptos' form redirects), `__path` and `__err` added when it failed. This completes the
//! round trip: a success is marked as well (`__ok=<function>`), so that the page can say
//! "saved" or "sent", and an older result in the address is replaced, never piled up.
use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;

pub async fn mark_result(req: Request, next: Next) -> Response {
    let endpoint = req
        .uri()
        .path()
        .strip_prefix("/api/")
        .filter(|e| !e.is_empty() && !e.contains('/'))
        .map(str::to_string);
    let plain_form = req.method() == Method::POST
        && req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
    let referer_path = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| url::Url::parse(r).ok())
        .map(|u| u.path().to_string());
    let mut res = next.run(req).await;
    let (Some(endpoint), true) = (endpoint, plain_form) else {
        return res;
    };
    if !res.status().is_redirection() {
        return res;
    }
    let Some(location) = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
    else {
        return res;
    };
    if let Some(fixed) = rewrite(&location, &endpoint, referer_path.as_deref())
        && let Ok(v) = HeaderValue::from_str(&fixed)
    {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// The redirect's address with one result in it: the last error (`__path`, `__err`) if there is
/// one, or `__ok` when the function went back to the page it came from without an error.
fn rewrite(location: &str, endpoint: &str, referer_path: Option<&str>) -> Option<String> {
    // Relative addresses (`/entries/3`) are read against any base and written back relative.
    let base = url::Url::parse("http://portal.invalid/").ok()?;
    let absolute = location.contains("://");
    let mut url = base.join(location).ok()?;
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let last = |key: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let (path, err) = (last("__path"), last("__err"));
    let back = referer_path == Some(url.path());
    {
        let mut q = url.query_pairs_mut();
        q.clear();
        for (k, v) in pairs
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "__path" | "__err" | "__ok"))
        {
            q.append_pair(k, v);
        }
        match (path, err) {
            (Some(p), Some(e)) => {
                q.append_pair("__path", &p);
                q.append_pair("__err", &e);
            }
            _ if back => {
                q.append_pair("__ok", endpoint);
            }
            _ => {}
        }
    }
    if url.query() == Some("") {
        url.set_query(None);
    }
    Some(if absolute {
        url.to_string()
    } else {
        url[url::Position::BeforePath..].to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn a_form_post_goes_back_with_one_result() {
        let back = Some("/organisation");
        assert_eq!(
            rewrite("http://x.se/organisation", "invite", back).unwrap(),
            "http://x.se/organisation?__ok=invite"
        );
        // An older result gives way to the new one.
        assert_eq!(
            rewrite(
                "http://x.se/organisation?__path=%2Fapi%2Finvite&__err=AA&__path=%2Fapi%2Finvite&__err=BB",
                "invite",
                back
            )
            .unwrap(),
            "http://x.se/organisation?__path=%2Fapi%2Finvite&__err=BB"
        );
        assert_eq!(
            rewrite(
                "http://x.se/organisation?tab=2&__ok=invite",
                "update_organisation",
                back
            )
            .unwrap(),
            "http://x.se/organisation?tab=2&__ok=update_organisation"
        );
        // A function that sends the browser on elsewhere is left to do so.
        assert_eq!(
            rewrite("/register/sent", "register", Some("/register")).unwrap(),
            "/register/sent"
        );
        assert_eq!(
            rewrite(
                "/entries/3?__ok=save_entry",
                "start_entry",
                Some("/entries")
            )
            .unwrap(),
            "/entries/3"
        );
    }
}
