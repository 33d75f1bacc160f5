use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos_meta::MetaTags;
use leptos_meta::provide_meta_context;
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::components::layout::{Footer, Header, HtmlLang};
use crate::components::status::NotFoundView;
use crate::pages::{
    account::{
        AccountPage, ConfirmEmailPage, ForgotPasswordPage, ForgotSentPage, LoginCodePage,
        LoginPage, MyDataPage, RegisterPage, RegisterSentPage, ResetPasswordPage, VerifyEmailPage,
    },
    admin::{AdminMailPage, AdminUsersPage},
    archive::ArchivePage,
    audit::AuditPage,
    competition::CompetitionPage,
    competition_admin::{CompetitionEditPage, CompetitionsAdminPage, ScreeningPage},
    dashboard::DashboardPage,
    dossier::DossierPage,
    entries::{
        EntryEditPage, EntryHistoryPage, EntryPreviewPage, EntryUnsavedPage, EntryVersionPage,
        MyEntriesPage,
    },
    europe::{FinalAdminPage, FinalsAdminPage},
    european_results::EuropeanResultsPage,
    events::EventPage,
    events::EventsPage,
    events_admin::{EventEditPage, EventsAdminPage},
    feedback::{EntryFeedbackPage, FeedbackPage},
    home::HomePage,
    jury::{
        JurorHomePage, JuryAdminPage, JuryDiscussionPage, JuryGridPage, JuryIndexPage,
        JuryInvitationPage, JuryProgressPage, JuryRankingPage, JuryUnsavedPage, ScoringPage,
        ShortlistPage,
    },
    mail_texts::{MailTextPage, MailTextsPage},
    messages::MessagesPage,
    news::NewsArticlePage,
    news::NewsPage,
    news_admin::{NewsAdminPage, NewsEditPage},
    organisation::{InvitationPage, OrganisationPage},
    personal_data::PersonalDataPage,
    privacy::PrivacyPage,
    publication_admin::ResultsAdminPage,
    representative::RepresentativePage,
    rounds::HostedRoundPage,
    subscribe::{
        AccessibilityPage, ConfirmSubscriptionPage, SubscribePage, SubscribeSentPage,
        UnsubscribePage,
    },
};

/// The HTML document around the app, rendered on the server only. The page is a document:
/// outside its islands nothing hydrates, and its only script is the loader (a file, so that
/// the policy needs no per-response nonce and every visitor gets the same bytes).
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Islands mode: what follows is not hydrated, except inside `#[island]`s.
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let urls = crate::assets::urls(&options);
    provide_context(crate::assets::PageAssets::new(urls));
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="data:,"/>
                <link rel="stylesheet" href=urls.css.clone()/>
                <script type="module" src=urls.boot.clone() data-js=urls.js.clone() data-wasm=urls.wasm.clone()></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Every public route exists twice: Swedish at the root and English under `/en`.
/// Pages render fully on the server before the response is sent (`SsrMode::Async`), so titles,
/// status codes and content are all there without JavaScript.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <HtmlLang/>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundView/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/competitions/:year") view=CompetitionPage ssr=SsrMode::Async/>
                    <Route path=path!("/archive") view=ArchivePage ssr=SsrMode::Async/>
                    <Route path=path!("/news") view=NewsPage ssr=SsrMode::Async/>
                    <Route path=path!("/news/:slug") view=NewsArticlePage ssr=SsrMode::Async/>
                    <Route path=path!("/events") view=EventsPage ssr=SsrMode::Async/>
                    <Route path=path!("/events/:slug") view=EventPage ssr=SsrMode::Async/>
                    <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/register/sent") view=RegisterSentPage ssr=SsrMode::Async/>
                    <Route path=path!("/verify-email") view=VerifyEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/login/code") view=LoginCodePage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/data") view=MyDataPage ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password/sent") view=ForgotSentPage ssr=SsrMode::Async/>
                    <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/confirm-email") view=ConfirmEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/organisation") view=OrganisationPage ssr=SsrMode::Async/>
                    <Route path=path!("/invitation") view=InvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=AdminUsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/mail") view=AdminMailPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/personal-data") view=PersonalDataPage ssr=SsrMode::Async/>
                    <Route path=path!("/entries") view=MyEntriesPage ssr=SsrMode::Async/>
                    <Route path=path!("/entries/:id") view=EntryEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/entries/:id/preview") view=EntryPreviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/entries/:id/history") view=EntryHistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/entries/:id/feedback") view=EntryFeedbackPage ssr=SsrMode::Async/>
                    <Route path=path!("/entries/:id/versions/:number") view=EntryVersionPage ssr=SsrMode::Async/>
                    <Route path=path!("/entries/:id/unsaved") view=EntryUnsavedPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/competitions") view=CompetitionsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/competitions/new") view=CompetitionEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/competitions/:year") view=CompetitionEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/competitions/:year/entries") view=ScreeningPage ssr=SsrMode::Async/>
                    <Route path=path!("/jury") view=JuryIndexPage ssr=SsrMode::Async/>
                    <Route path=path!("/jury/invitation") view=JuryInvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("/jury/:year") view=JurorHomePage ssr=SsrMode::Async/>
                    <Route path=path!("/jury/:year/entries/:id") view=ScoringPage ssr=SsrMode::Async/>
                    <Route path=path!("/jury/:year/progress") view=JuryProgressPage ssr=SsrMode::Async/>
                    <Route path=path!("/jury/:year/ranking") view=JuryRankingPage ssr=SsrMode::Async/>
                    <Route path=path!("/jury/:year/grid") view=JuryGridPage ssr=SsrMode::Async/>
                    <Route path=path!("/jury/:year/shortlist") view=ShortlistPage ssr=SsrMode::Async/>
                    <Route path=path!("/jury/feedback/:id") view=FeedbackPage ssr=SsrMode::Async/>
                    <Route path=path!("/jury/discussion/:id") view=JuryDiscussionPage ssr=SsrMode::Async/>
                    <Route path=path!("/jury/unsaved/:id") view=JuryUnsavedPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/competitions/:year/jury") view=JuryAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/competitions/:year/results") view=ResultsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/competitions/:year/messages") view=MessagesPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/competitions/:year/mails") view=MailTextsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/competitions/:year/dashboard") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/competitions/:year/mails/:mail") view=MailTextPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/competitions/:year/dossier") view=DossierPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/europe") view=FinalsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/europe/:year") view=FinalAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/representative/:year") view=RepresentativePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/europe/:year/jury") view=JuryAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/europe/:year/results") view=ResultsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/europe/:year/messages") view=MessagesPage ssr=SsrMode::Async/>
                    <Route path=path!("/europe/:year") view=EuropeanResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/europe/:year/jury") view=JurorHomePage ssr=SsrMode::Async/>
                    <Route path=path!("/europe/:year/jury/entries/:id") view=ScoringPage ssr=SsrMode::Async/>
                    <Route path=path!("/europe/:year/jury/progress") view=JuryProgressPage ssr=SsrMode::Async/>
                    <Route path=path!("/europe/:year/jury/ranking") view=JuryRankingPage ssr=SsrMode::Async/>
                    <Route path=path!("/europe/:year/jury/grid") view=JuryGridPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/rounds/:country/:year") view=HostedRoundPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/rounds/:country/:year/entries") view=ScreeningPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/rounds/:country/:year/jury") view=JuryAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/rounds/:country/:year/results") view=ResultsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/rounds/:country/:year/messages") view=MessagesPage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:country/:year/jury") view=JurorHomePage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:country/:year/jury/entries/:id") view=ScoringPage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:country/:year/jury/progress") view=JuryProgressPage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:country/:year/jury/ranking") view=JuryRankingPage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:country/:year/jury/grid") view=JuryGridPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/news") view=NewsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/news/new") view=NewsEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/news/:id") view=NewsEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/events") view=EventsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/events/new") view=EventEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/events/:id") view=EventEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/subscribe") view=SubscribePage ssr=SsrMode::Async/>
                    <Route path=path!("/subscribe/sent") view=SubscribeSentPage ssr=SsrMode::Async/>
                    <Route path=path!("/subscribe/confirm") view=ConfirmSubscriptionPage ssr=SsrMode::Async/>
                    <Route path=path!("/unsubscribe") view=UnsubscribePage ssr=SsrMode::Async/>
                    <Route path=path!("/accessibility") view=AccessibilityPage ssr=SsrMode::Async/>
                    <Route path=path!("/privacy") view=PrivacyPage ssr=SsrMode::Async/>
                    <Route path=path!("/en") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/en/competitions/:year") view=CompetitionPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/archive") view=ArchivePage ssr=SsrMode::Async/>
                    <Route path=path!("/en/news") view=NewsPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/news/:slug") view=NewsArticlePage ssr=SsrMode::Async/>
                    <Route path=path!("/en/events") view=EventsPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/events/:slug") view=EventPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/register") view=RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/register/sent") view=RegisterSentPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/verify-email") view=VerifyEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/login/code") view=LoginCodePage ssr=SsrMode::Async/>
                    <Route path=path!("/en/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/account/data") view=MyDataPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/forgot-password/sent") view=ForgotSentPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/reset-password") view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/confirm-email") view=ConfirmEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/organisation") view=OrganisationPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/invitation") view=InvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/users") view=AdminUsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/mail") view=AdminMailPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/audit") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/personal-data") view=PersonalDataPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/entries") view=MyEntriesPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/entries/:id") view=EntryEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/entries/:id/preview") view=EntryPreviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/entries/:id/history") view=EntryHistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/entries/:id/feedback") view=EntryFeedbackPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/entries/:id/versions/:number") view=EntryVersionPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/entries/:id/unsaved") view=EntryUnsavedPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/competitions") view=CompetitionsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/competitions/new") view=CompetitionEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/competitions/:year") view=CompetitionEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/competitions/:year/entries") view=ScreeningPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/jury") view=JuryIndexPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/jury/invitation") view=JuryInvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/jury/:year") view=JurorHomePage ssr=SsrMode::Async/>
                    <Route path=path!("/en/jury/:year/entries/:id") view=ScoringPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/jury/:year/progress") view=JuryProgressPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/jury/:year/ranking") view=JuryRankingPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/jury/:year/grid") view=JuryGridPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/jury/:year/shortlist") view=ShortlistPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/jury/feedback/:id") view=FeedbackPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/jury/discussion/:id") view=JuryDiscussionPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/jury/unsaved/:id") view=JuryUnsavedPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/competitions/:year/jury") view=JuryAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/competitions/:year/results") view=ResultsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/competitions/:year/messages") view=MessagesPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/competitions/:year/mails") view=MailTextsPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/competitions/:year/dashboard") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/competitions/:year/mails/:mail") view=MailTextPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/competitions/:year/dossier") view=DossierPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/europe") view=FinalsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/europe/:year") view=FinalAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/representative/:year") view=RepresentativePage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/europe/:year/jury") view=JuryAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/europe/:year/results") view=ResultsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/europe/:year/messages") view=MessagesPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/europe/:year") view=EuropeanResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/europe/:year/jury") view=JurorHomePage ssr=SsrMode::Async/>
                    <Route path=path!("/en/europe/:year/jury/entries/:id") view=ScoringPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/europe/:year/jury/progress") view=JuryProgressPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/europe/:year/jury/ranking") view=JuryRankingPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/europe/:year/jury/grid") view=JuryGridPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/rounds/:country/:year") view=HostedRoundPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/rounds/:country/:year/entries") view=ScreeningPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/rounds/:country/:year/jury") view=JuryAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/rounds/:country/:year/results") view=ResultsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/rounds/:country/:year/messages") view=MessagesPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/rounds/:country/:year/jury") view=JurorHomePage ssr=SsrMode::Async/>
                    <Route path=path!("/en/rounds/:country/:year/jury/entries/:id") view=ScoringPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/rounds/:country/:year/jury/progress") view=JuryProgressPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/rounds/:country/:year/jury/ranking") view=JuryRankingPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/rounds/:country/:year/jury/grid") view=JuryGridPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/news") view=NewsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/news/new") view=NewsEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/news/:id") view=NewsEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/events") view=EventsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/events/new") view=EventEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/admin/events/:id") view=EventEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/subscribe") view=SubscribePage ssr=SsrMode::Async/>
                    <Route path=path!("/en/subscribe/sent") view=SubscribeSentPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/subscribe/confirm") view=ConfirmSubscriptionPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/unsubscribe") view=UnsubscribePage ssr=SsrMode::Async/>
                    <Route path=path!("/en/accessibility") view=AccessibilityPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/privacy") view=PrivacyPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}
