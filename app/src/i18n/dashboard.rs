//! Strings of the organiser's dashboard of a year, in Swedish and English. `{}` placeholders
//! are filled in the order given beside each field.
use super::Lang;

pub struct DashboardStrings {
    /// `{}`: the year.
    pub title: &'static str,
    pub intro: &'static str,
    /// The link to the dashboard from the year's page.
    pub link: &'static str,
    /// Back to the year's page.
    pub back: &'static str,
    pub theme: &'static str,
    pub phase: &'static str,
    pub entries_heading: &'static str,
    pub no_entries: &'static str,
    pub started: &'static str,
    pub submitted: &'static str,
    pub screened: &'static str,
    /// `{}`: what is counted (started, submitted, screened).
    pub chart_caption: &'static str,
    pub chart_axis: &'static str,
    /// Said before a week's date to screen readers.
    pub week_ending: &'static str,
    pub jurors_heading: &'static str,
    pub no_jurors: &'static str,
    pub col_juror: &'static str,
    pub col_to_score: &'static str,
    pub col_submitted: &'static str,
    pub col_drafts: &'static str,
    pub col_left: &'static str,
    pub col_recused: &'static str,
    pub chair: &'static str,
    pub due_heading: &'static str,
    pub nothing_due: &'static str,
    /// The year's dates, in `Milestone` order.
    pub milestones: [&'static str; 7],
    /// `{}`: the date and time, the days before, how many organisations.
    pub reminder_drafts: &'static str,
    /// `{}`: the date and time, the days before, how many jurors.
    pub reminder_jurors: &'static str,
    /// `{}`: the date and time, the days before, how many jurors.
    pub reminder_answers: &'static str,
    pub to_progress: &'static str,
}

impl Lang {
    /// The organiser's dashboard of a year.
    pub fn dashboard(self) -> &'static DashboardStrings {
        self.pick(&SV, &EN)
    }
}

static SV: DashboardStrings = DashboardStrings {
    title: "Översikt {}",
    intro: "Hur bidragen har kommit in, hur långt juryn har kommit och vad som händer härnäst.",
    link: "Översikt",
    back: "Tävlingsåret",
    theme: "Tema",
    phase: "Skede",
    entries_heading: "Bidrag vecka för vecka",
    no_entries: "Inga bidrag ännu.",
    started: "Påbörjade",
    submitted: "Inskickade",
    screened: "Granskade",
    chart_caption: "{} bidrag, sammanlagt vid veckans slut",
    chart_axis: "Antal bidrag",
    week_ending: "Veckan som slutar",
    jurors_heading: "Juryns arbete",
    no_jurors: "Juryn har inga medlemmar ännu.",
    col_juror: "Jurymedlem",
    col_to_score: "Att bedöma",
    col_submitted: "Inskickade",
    col_drafts: "Påbörjade",
    col_left: "Kvar",
    col_recused: "Jäv",
    chair: "ordförande",
    due_heading: "Härnäst",
    nothing_due: "Årets alla datum har passerat.",
    milestones: [
        "Öppnar för bidrag",
        "Sista tidpunkt för bidrag",
        "Bedömningen börjar",
        "Kortlistans svar senast",
        "Bedömningen stänger",
        "Beslut",
        "Resultaten publiceras",
    ],
    reminder_drafts: "{}: påminnelse {} dagar före till organisationer med utkast (i dag {}).",
    reminder_jurors: "{}: påminnelse {} dagar före till jurymedlemmar med bedömningar kvar (i dag {}).",
    reminder_answers: "{}: påminnelse {} dagar före till jurymedlemmar med kortlistesvar kvar (i dag {}).",
    to_progress: "Juryns arbete bidrag för bidrag",
};

static EN: DashboardStrings = DashboardStrings {
    title: "Overview {}",
    intro: "How the entries have come in, how far the jury has got, and what happens next.",
    link: "Overview",
    back: "The competition year",
    theme: "Theme",
    phase: "Phase",
    entries_heading: "Entries week by week",
    no_entries: "No entries yet.",
    started: "Started",
    submitted: "Submitted",
    screened: "Screened",
    chart_caption: "{} entries, in all at the end of each week",
    chart_axis: "Number of entries",
    week_ending: "Week ending",
    jurors_heading: "The jury’s work",
    no_jurors: "The jury has no members yet.",
    col_juror: "Juror",
    col_to_score: "To score",
    col_submitted: "Submitted",
    col_drafts: "Started",
    col_left: "Left",
    col_recused: "Conflicts",
    chair: "chair",
    due_heading: "Next",
    nothing_due: "All of the year’s dates have passed.",
    milestones: [
        "Opens for entries",
        "Deadline for entries",
        "Judging starts",
        "Shortlist answers due",
        "Judging closes",
        "Decision",
        "Results published",
    ],
    reminder_drafts: "{}: reminder {} days before to organisations with drafts ({} today).",
    reminder_jurors: "{}: reminder {} days before to jurors with sheets left ({} today).",
    reminder_answers: "{}: reminder {} days before to jurors with shortlist answers left ({} today).",
    to_progress: "The jury’s work entry by entry",
};
