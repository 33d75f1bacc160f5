//! Demo data: the real 2022 Swedish round (facts from Brå's announcement, descriptions written
//! for this portal), the 2022 European final as far as its result is known, a Dutch round of
//! 2022 hosted on the portal with invented sample entries in English, and three earlier years
//! with their themes.
mod final_2022;
mod round_nl_2022;

use crate::backend::begin_write;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};

use super::clock::stockholm;
use super::entities::*;
use super::markdown;

pub(super) fn at(y: i32, m: u32, d: u32, hh: u32, mm: u32) -> DateTime<Utc> {
    stockholm(y, m, d, hh, mm).expect("demo dates are valid Stockholm times")
}

/// True when the database holds no competition at all.
pub async fn is_empty(db: &DatabaseConnection) -> Result<bool, DbErr> {
    Ok(competition::Entity::find().count(db).await? == 0)
}

/// Loads the demo data in one transaction. Idempotent: returns `false` and changes nothing when
/// the 2022 round is already there.
pub async fn seed(db: &DatabaseConnection) -> Result<bool, DbErr> {
    let txn = begin_write(db).await?;
    let exists = crate::backend::competition::home_rounds()
        .filter(competition::Column::Year.eq(2022))
        .one(&txn)
        .await?
        .is_some();
    if exists {
        txn.rollback().await?;
        return Ok(false);
    }
    earlier_years(&txn).await?;
    let rri = round_2022(&txn).await?;
    final_2022::seed(&txn, rri).await?;
    round_nl_2022::seed(&txn).await?;
    txn.commit().await?;
    Ok(true)
}

struct Year {
    year: i32,
    theme_sv: &'static str,
    theme_en: &'static str,
    closes: Option<DateTime<Utc>>,
}

async fn earlier_years<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let years = [
        Year {
            year: 2019,
            theme_sv: "Förebyggande av narkotikarelaterad brottslighet bland unga",
            theme_en: "Prevention of drug-related crime among young people",
            closes: Some(at(2019, 8, 20, 23, 59)),
        },
        Year {
            year: 2020,
            theme_sv: "Förebyggande av familjebaserad organiserad brottslighet",
            theme_en: "Prevention of family-based organised crime",
            closes: None,
        },
        Year {
            year: 2021,
            theme_sv: "Förebyggande av mobbning och våld bland minderåriga",
            theme_en: "Prevention of bullying and violence among minors",
            closes: None,
        },
    ];
    for y in years {
        competition::ActiveModel {
            year: Set(y.year),
            theme_sv: Set(y.theme_sv.into()),
            theme_en: Set(Some(y.theme_en.into())),
            description_sv: Set(format!(
                "Den svenska deltävlingen {} hade temat: {}.",
                y.year,
                y.theme_sv.to_lowercase()
            )),
            description_en: Set(Some(format!(
                "The theme of the Swedish round in {} was: {}.",
                y.year,
                y.theme_en.to_lowercase()
            ))),
            opens_at: Set(Some(at(y.year, 4, 1, 9, 0))),
            closes_at: Set(y.closes),
            published_at: Set(Some(at(y.year, 11, 1, 9, 0))),
            results_released_at: Set(Some(at(y.year, 11, 1, 9, 0))),
            results_notified_at: Set(Some(at(y.year, 11, 1, 9, 0))),
            archived_at: Set(Some(at(y.year + 1, 1, 15, 9, 0))),
            created_at: Set(at(y.year, 3, 1, 9, 0)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

pub(super) async fn org<C: ConnectionTrait>(
    db: &C,
    name: &str,
    kind: &str,
    city: &str,
) -> Result<i32, DbErr> {
    Ok(organisation::ActiveModel {
        name: Set(name.into()),
        kind: Set(kind.into()),
        city: Set(Some(city.into())),
        org_number: Set(None),
        created_at: Set(at(2022, 5, 2, 10, 0)),
        ..Default::default()
    }
    .insert(db)
    .await?
    .id)
}

struct DemoEntry {
    slug: &'static str,
    org: i32,
    title: &'static str,
    credited: &'static str,
    summary_sv: &'static str,
    summary_en: &'static str,
}

/// The 2022 Swedish round; returns the winning entry (RRI).
async fn round_2022<C: ConnectionTrait>(db: &C) -> Result<entry::Model, DbErr> {
    let c = competition::ActiveModel {
        year: Set(2022),
        theme_sv: Set("Brottsförebyggande arbete med sårbara brottsoffer och upprepad utsatthet".into()),
        theme_en: Set(Some("Protecting vulnerable victims and preventing repeat victimisation".into())),
        description_sv: Set("Årets tävling sökte insatser som skyddar särskilt sårbara människor och som bryter mönster där samma person drabbas av brott gång på gång. Temat bestämdes av det tjeckiska EU-ordförandeskapet.".into()),
        description_en: Set(Some("This year’s competition looked for work that protects especially vulnerable people and breaks the pattern of the same person being targeted again and again. The theme was set by the Czech EU presidency.".into())),
        who_may_apply_sv: Set(Some("Alla som bedriver brottsförebyggande arbete i Sverige: myndigheter, kommuner, regioner, rättsväsendet, socialtjänsten, företag och ideella organisationer. Den som känner till ett bra projekt kan också nominera det.".into())),
        who_may_apply_en: Set(Some("Anyone doing crime-prevention work in Sweden: agencies, municipalities, regions, the justice system, social services, companies and NGOs. Anyone who knows of a good project may also nominate it.".into())),
        prize_sv: Set(Some("Vinnaren representerar Sverige i den europeiska finalen.".into())),
        prize_en: Set(Some("The winner represents Sweden in the European final.".into())),
        final_sv: Set(Some("Tjeckien, 8–9 december 2022".into())),
        final_en: Set(Some("Czechia, 8–9 December 2022".into())),
        opens_at: Set(Some(at(2022, 4, 1, 9, 0))),
        closes_at: Set(Some(at(2022, 8, 19, 23, 59))),
        judging_at: Set(Some(at(2022, 8, 29, 9, 0))),
        deliberation_at: Set(Some(at(2022, 9, 19, 9, 0))),
        decided_at: Set(Some(at(2022, 9, 26, 9, 0))),
        published_at: Set(Some(at(2022, 10, 20, 9, 0))),
        results_released_at: Set(Some(at(2022, 10, 20, 9, 0))),
        results_notified_at: Set(Some(at(2022, 10, 20, 9, 0))),
        archived_at: Set(None),
        created_at: Set(at(2022, 3, 15, 9, 0)),
        ..Default::default()
    }
    .insert(db)
    .await?;

    let police = org(db, "Polismyndigheten", "police", "Stockholm").await?;
    let stockholm_city = org(db, "Stockholms stad", "municipality", "Stockholm").await?;
    let mora = org(db, "Mora kommun", "municipality", "Mora").await?;
    let stadsmission = org(db, "Stockholms Stadsmission", "ngo", "Stockholm").await?;
    let gothenburg = org(db, "Göteborgs stad", "municipality", "Göteborg").await?;
    let salvation_army = org(db, "Frälsningsarmén", "ngo", "Stockholm").await?;
    let liu = org(db, "Linköpings universitet", "university", "Linköping").await?;

    let entries = [
        DemoEntry {
            slug: "rri",
            org: police,
            title: "Riskreducerande insatser (RRI)",
            credited: "Polismyndigheten",
            summary_sv: "Särskilt utbildade poliser för strukturerade samtal med personer som hotar eller utövar våld, för att få dem att sluta. Av 118 ärenden under 2019–2021 upphörde våldet och hoten i 72 procent. Sedan 2021 är RRI en nationell metod inom polisen.",
            summary_en: "Specially trained officers hold structured conversations with people who threaten or use violence, to get them to stop. Of 118 cases in 2019–2021, the violence and threats ended in 72 per cent. Since 2021 RRI has been a national police method.",
        },
        DemoEntry {
            slug: "vip",
            org: stockholm_city,
            title: "VIP – Viktig intressant person",
            credited: "Stockholms stad, bostad med särskild service Sydväst",
            summary_sv: "Personal inom bostad med särskild service utbildas till gruppledare och håller sedan kurser för boende med intellektuella eller psykiska funktionsnedsättningar. Kurserna handlar om känslor, gränser och vad våld är. Deltagarna säger att de vågar prata om svåra saker och mår bättre om sig själva.",
            summary_en: "Staff in supported housing are trained as group leaders and then run courses for residents with intellectual or psychosocial disabilities. The courses cover feelings, personal boundaries and the forms violence takes. Participants report more confidence and a safe place to talk about difficult things.",
        },
        DemoEntry {
            slug: "liten-och-trygg",
            org: mora,
            title: "Liten och Trygg i norra Dalarna",
            credited: "Mora kommun",
            summary_sv: "Förskolepersonal i Mora och Orsa har fått utbildning om våld mot små barn, med Brottsoffermyndighetens material Liten och trygg. Personalen är nu bättre på att upptäcka och agera när ett barn far illa.",
            summary_en: "Preschool staff in Mora and Orsa were trained on violence against young children, using the Crime Victim Authority’s Liten och trygg material. Staff are now better at noticing and acting when a child is at risk.",
        },
        DemoEntry {
            slug: "baba",
            org: stadsmission,
            title: "Baba",
            credited: "Stockholms Stadsmission",
            summary_sv: "En mötesplats för ensamkommande unga upp till 25 år som hamnat utanför samhällets stöd. Här finns mat och andra basbehov, gruppverksamhet, en kreativ verkstad, stödsamtal och juridisk rådgivning. De flesta deltagarna säger att de mår bättre tack vare Baba.",
            summary_en: "A meeting place for unaccompanied young people up to 25 who have fallen outside public support. It offers food and other basic needs, group activities, a creative workshop, counselling and legal advice. Most participants say Baba has improved their wellbeing.",
        },
        DemoEntry {
            slug: "igor",
            org: police,
            title: "IGOR – I gemensam organisation mot relationsvåld",
            credited: "Lokalpolisområde Södermalm och Södermalms stadsdelsförvaltning",
            summary_sv: "Polis och socialtjänst på Södermalm arbetar tillsammans mot våld i parrelationer: att förebygga det, att upptäcka fler fall och att stoppa våld som upprepas. Tack vare samarbetet når socialtjänsten fler utsatta än förut.",
            summary_en: "Police and social services in Södermalm work together against intimate-partner violence: preventing it, uncovering more cases and stopping repeated abuse. Thanks to the partnership, social services now reach more victims than before.",
        },
        DemoEntry {
            slug: "resursteam-heder",
            org: gothenburg,
            title: "Resursteam Heder",
            credited: "Göteborgs stad, Socialförvaltningen Centrum",
            summary_sv: "Ett team som stöttar personer som utsätts för, eller riskerar att utsättas för, hedersrelaterat våld och förtryck. Teamet ger också råd till andra yrkesverksamma och samarbetar med myndigheter och civilsamhälle. Unga har fått hjälp att ta tillvara sina rättigheter.",
            summary_en: "A team that supports people who suffer, or are at risk of, honour-related violence and oppression. It also advises other professionals and works with agencies and civil society. Young people have been helped to exercise their rights.",
        },
        DemoEntry {
            slug: "safe-havens-stockholm",
            org: salvation_army,
            title: "Safe Havens Stockholm",
            credited: "Frälsningsarméns Traffickingcenter",
            summary_sv: "Socialt och juridiskt stöd till människor som utsatts för människohandel. Centret utbildar också myndigheter, organisationer och grupper som löper risk att utnyttjas. Allt fler söker stöd, och nätverket av samarbetspartner har vuxit.",
            summary_en: "Social and legal support for victims of human trafficking. The centre also trains agencies, organisations and groups at risk of exploitation. More and more people seek its help, and its network of partners has grown.",
        },
        DemoEntry {
            slug: "basprogram-barnafrid",
            org: liu,
            title: "Basprogram Barnafrid om våld mot barn",
            credited: "Barnafrid, Linköpings universitet",
            summary_sv: "En webbutbildning som ger alla som arbetar med barn grundläggande, forskningsbaserad kunskap om våld mot barn. De flesta deltagare säger att kunskapen kommer att förändra hur de arbetar.",
            summary_en: "An online course giving everyone who works with children a research-based grounding in violence against children. Most participants say what they learned will change how they work.",
        },
        DemoEntry {
            slug: "stodcentrum-unga-brottsutsatta",
            org: stockholm_city,
            title: "Stödcentrum för unga brottsutsatta och vittnen",
            credited: "Stockholms stad, Socialförvaltningen",
            summary_sv: "Råd och stöd till barn och unga som utsatts för eller bevittnat brott. År 2021 sänktes den nedre åldersgränsen från 12 till 10 år, så att även yngre barn får hjälp. Fler yngre barn nås nu, och de som fått stöd är nöjda.",
            summary_en: "Advice and support for children and young people who have been victims of or witnesses to crime. In 2021 the lower age limit went down from 12 to 10, so younger children can get help too. More young children are now reached, and those helped are satisfied.",
        },
    ];

    let mut winner = None;
    for (i, e) in entries.iter().enumerate() {
        let rri = e.slug == "rri";
        let model = entry::ActiveModel {
            competition_id: Set(c.id),
            organisation_id: Set(e.org),
            reference: Set(format!("ECPA-2022-{:03}", i + 1)),
            slug: Set(e.slug.into()),
            country: Set("SE".into()),
            competing: Set(true),
            title: Set(e.title.into()),
            organisation_display: Set(e.credited.into()),
            start_date: Set(if rri { NaiveDate::from_ymd_opt(2019, 1, 1) } else { None }),
            ongoing: Set(true),
            end_date: Set(None),
            video_url: Set(None),
            description: Set(e.summary_sv.into()),
            problem: Set(if rri { "Upprepat våld drabbar oftast samma offer, från samma gärningsperson. Skydd som kontaktförbud begränsar offrets liv men stoppar inte alltid den som är fast besluten att skada.".into() } else { String::new() }),
            objectives: Set(if rri { "Att minska våldsutövarens motivation att hota och skada, och därmed den upprepade utsattheten.".into() } else { String::new() }),
            target_group: Set(if rri { "Personer som utövar våld eller hot, särskilt i nära relationer.".into() } else { String::new() }),
            methods: Set(if rri { "Riskbedömning, strukturerade samtal med gärningspersonen och skydd och stöd till den utsatta.".into() } else { String::new() }),
            partners: Set(if rri { "Polisens brottsoffer- och personsäkerhetsverksamhet tillsammans med polisens förhandlare.".into() } else { String::new() }),
            resources: Set(String::new()),
            evaluation: Set(if rri { "En utvärdering av pilotprojektet omfattade 118 ärenden 2019–2021. I 72 procent av dem upphörde våldet och hoten. Störst effekt sågs vid våld i nära relationer, stalkning, upprepade brott mot kontaktförbud och hot mot anställda i rättsväsendet.".into() } else { String::new() }),
            replicability: Set(String::new()),
            theme_relevance: Set(String::new()),
            public_summary_sv: Set(e.summary_sv.into()),
            public_summary_en: Set(Some(e.summary_en.into())),
            publication_consent: Set(true),
            status: Set(crate::model::EntryStatus::Eligible),
            revision: Set(1),
            submitted_at: Set(Some(at(2022, 8, 15, 12, 0))),
            created_at: Set(at(2022, 6, 1, 9, 0)),
            updated_at: Set(at(2022, 8, 15, 12, 0)),
            english: Set(entry::English(if rri { rri_in_english() } else { Default::default() })),
            ..Default::default()
        }
        .insert(db)
        .await?;
        if rri {
            winner = Some(model);
        }
    }
    let winner = winner.expect("RRI is among the demo entries");
    let rri_id = winner.id;

    award::ActiveModel {
        competition_id: Set(c.id),
        entry_id: Set(rri_id),
        kind: Set("winner".into()),
        rank: Set(1),
        about_sv: Set(Some("RRI tar sig an våldet från gärningspersonens sida. Polisens brottsoffer- och personsäkerhetsverksamhet och polisens förhandlare har gått samman: utbildade samtalsledare möter den som hotar eller slår, bedömer risken och arbetar med det som driver beteendet, medan den utsatta får skydd och stöd. Metoden prövades som pilot i region Stockholm och blev nationell metod 2021.".into())),
        about_en: Set(Some("RRI tackles violence from the side of the person who uses it. The Police’s victim and personal-security unit has joined forces with its negotiators: trained conversation leaders meet the person who threatens or hits, assess the risk and work on what drives the behaviour, while the victim receives protection and support. The method was piloted in the Stockholm region and became a national method in 2021.".into())),
        motivation_sv: Set(Some("Juryn belönar en nyskapande metod som riktar sig direkt till våldsutövaren och därmed skyddar offret utan att begränsa offrets frihet. Utvärderingen visar att våld och hot upphörde i 72 procent av 118 ärenden, och metoden används nu i hela landet.".into())),
        motivation_en: Set(Some("The jury rewards an innovative method that addresses the perpetrator directly and so protects the victim without restricting the victim’s freedom. The evaluation shows that violence and threats ended in 72 per cent of 118 cases, and the method is now used nationwide.".into())),
        ..Default::default()
    }
    .insert(db)
    .await?;

    let call_sv = "Brå bjuder in till 2022 års svenska deltävling i European Crime Prevention Award. Temat är brottsförebyggande arbete med sårbara brottsoffer och insatser mot upprepad utsatthet.\n\nSista dag att skicka in ett bidrag är **19 augusti 2022**.";
    let call_en = "Brå invites entries to the 2022 Swedish round of the European Crime Prevention Award. The theme is crime prevention for vulnerable victims and work against repeat victimisation.\n\nThe last day to send an entry is **19 August 2022**.";
    news_item::ActiveModel {
        slug: Set("ecpa-2022-utlysning".into()),
        kind: Set("news".into()),
        competition_id: Set(Some(c.id)),
        title_sv: Set("Nu kan du söka till ECPA 2022".into()),
        title_en: Set(Some("Entries open for ECPA 2022".into())),
        summary_sv: Set("Årets tema handlar om sårbara brottsoffer och upprepad utsatthet.".into()),
        summary_en: Set(Some(
            "This year’s theme is vulnerable victims and repeat victimisation.".into(),
        )),
        body_md_sv: Set(call_sv.into()),
        body_html_sv: Set(markdown::render(call_sv)),
        body_md_en: Set(Some(call_en.into())),
        body_html_en: Set(Some(markdown::render(call_en))),
        published_at: Set(Some(at(2022, 4, 1, 9, 0))),
        created_at: Set(at(2022, 3, 30, 9, 0)),
        ..Default::default()
    }
    .insert(db)
    .await?;

    let press_sv = "\
Polismyndighetens metod **Riskreducerande insatser (RRI)** vinner den svenska deltävlingen i European Crime Prevention Award 2022 och representerar Sverige i den europeiska finalen i Tjeckien den 8–9 december.

## Så fungerar RRI

Utbildade samtalsledare inom polisen möter personer som hotar eller utövar våld i strukturerade samtal. Målet är att minska viljan att skada och därigenom skydda den som annars riskerar att drabbas igen. Arbetet kombinerar riskbedömning, samtal med gärningspersonen och stöd till den utsatta.

## Resultat

Metoden prövades först som ett pilotprojekt. I de 118 ärenden som utvärderades, från åren 2019–2021, upphörde våldet och hoten i 72 procent. Effekten var störst vid våld i nära relationer, stalkning, upprepade överträdelser av kontaktförbud och hot mot anställda i rättsväsendet. Sedan 2021 är RRI en nationell metod inom polisen.

## Övriga bidrag

Åtta andra bidrag tävlade om utmärkelsen:

- VIP – Viktig intressant person, Stockholms stad
- Liten och Trygg i norra Dalarna, Mora kommun
- Baba, Stockholms Stadsmission
- IGOR – I gemensam organisation mot relationsvåld, Lokalpolisområde Södermalm och Södermalms stadsdelsförvaltning
- Resursteam Heder, Göteborgs stad
- Safe Havens Stockholm, Frälsningsarméns Traffickingcenter
- Basprogram Barnafrid om våld mot barn, Linköpings universitet
- Stödcentrum för unga brottsutsatta och vittnen, Stockholms stad
";
    let press_en = "\
The Swedish Police Authority’s method **Risk-reducing interventions (RRI)** wins the Swedish round of the European Crime Prevention Award 2022 and will represent Sweden in the European final in Czechia on 8–9 December.

## How RRI works

Trained conversation leaders in the police meet people who threaten or use violence in structured conversations. The aim is to weaken the will to harm and so protect the person who would otherwise be targeted again. The work combines risk assessment, conversations with the perpetrator and support for the victim.

## Results

The method was first run as a pilot. In the 118 cases evaluated, from 2019–2021, the violence and threats ended in 72 per cent. The effect was greatest in intimate-partner violence, stalking, repeated breaches of contact bans and threats against justice-system staff. Since 2021 RRI has been a national police method.

## The other entries

Eight other entries competed for the award:

- VIP – Viktig intressant person, City of Stockholm
- Liten och Trygg i norra Dalarna, Mora Municipality
- Baba, Stockholms Stadsmission
- IGOR, Södermalm local police area and Södermalm district administration
- Resursteam Heder, City of Gothenburg
- Safe Havens Stockholm, the Salvation Army’s Trafficking Centre
- Basprogram Barnafrid om våld mot barn, Linköping University
- Stödcentrum för unga brottsutsatta och vittnen, City of Stockholm
";
    news_item::ActiveModel {
        slug: Set("rri-vinner-ecpa-2022".into()),
        kind: Set("press_release".into()),
        competition_id: Set(Some(c.id)),
        title_sv: Set("Polisens metod RRI vinner svenska ECPA 2022".into()),
        title_en: Set(Some("Police method RRI wins the Swedish ECPA 2022".into())),
        summary_sv: Set("Riskreducerande insatser riktar sig till den som utövar våld. I en utvärdering upphörde våld och hot i 72 procent av ärendena.".into()),
        summary_en: Set(Some("Risk-reducing interventions address the person who uses violence. In an evaluation, violence and threats ended in 72 per cent of cases.".into())),
        body_md_sv: Set(press_sv.into()),
        body_html_sv: Set(markdown::render(press_sv)),
        body_md_en: Set(Some(press_en.into())),
        body_html_en: Set(Some(markdown::render(press_en))),
        published_at: Set(Some(at(2022, 10, 20, 9, 0))),
        created_at: Set(at(2022, 10, 18, 9, 0)),
        ..Default::default()
    }
    .insert(db)
    .await?;

    let webinar_sv = "\
Hur kan samhället förebygga våld i nära relationer? Webbinariet samlar verktyg och konkreta exempel.

- Unizon berättar hur läget ser ut i kvinno-, tjej- och ungdomsjourernas arbete.
- Brå och Jämställdhetsmyndigheten visar ett metodstöd för att kartlägga tre typer av våld, bland dem våld i nära relationer.
- Polisen presenterar Riskreducerande insatser (RRI), som riktar sig till den som utövar våldet. RRI var Sveriges bidrag till ECPA 2022.
";
    let webinar_en = "\
How can society prevent intimate-partner violence? The webinar brings together tools and practical examples.

- Unizon describes the situation seen by the women’s, girls’ and youth shelters.
- Brå and the Swedish Gender Equality Agency show a method for mapping three types of violence, intimate-partner violence among them.
- The Police present Risk-reducing interventions (RRI), which address the person who uses violence. RRI was Sweden’s entry to the ECPA 2022.
";
    let webinar = event::ActiveModel {
        slug: Set("webbinarium-vald-i-nara-relationer".into()),
        competition_id: Set(Some(c.id)),
        title_sv: Set("Hur kan vi förebygga våld i nära relationer?".into()),
        title_en: Set(Some("How can we prevent intimate-partner violence?".into())),
        summary_sv: Set(
            "Webbinarium med Jämställdhetsmyndigheten, Brå, Unizon och Polisen.".into(),
        ),
        summary_en: Set(Some(
            "Webinar with the Gender Equality Agency, Brå, Unizon and the Police.".into(),
        )),
        body_md_sv: Set(webinar_sv.into()),
        body_html_sv: Set(markdown::render(webinar_sv)),
        body_md_en: Set(Some(webinar_en.into())),
        body_html_en: Set(Some(markdown::render(webinar_en))),
        starts_at: Set(at(2022, 12, 1, 9, 0)),
        ends_at: Set(Some(at(2022, 12, 1, 10, 30))),
        video_url: Set(None),
        online: Set(true),
        published_at: Set(Some(at(2022, 11, 10, 9, 0))),
        created_at: Set(at(2022, 11, 8, 9, 0)),
        ..Default::default()
    }
    .insert(db)
    .await?;

    let speakers = [
        (
            "Lina Lundborg",
            "Utredare",
            "Investigator",
            "Jämställdhetsmyndigheten",
            false,
        ),
        (
            "Mahlet Techan",
            "Handläggare",
            "Officer",
            "Brottsförebyggande rådet (Brå)",
            false,
        ),
        (
            "Rebecka Andersson",
            "Generalsekreterare",
            "Secretary-General",
            "Unizon",
            false,
        ),
        (
            "Susanne Gosenius",
            "Brottsoffer- och personsäkerhetssamordnare, region Syd",
            "Victim and personal-security coordinator, Region South",
            "Polismyndigheten",
            false,
        ),
        (
            "Carl Gynne",
            "Utredare",
            "Investigator",
            "Brottsförebyggande rådet (Brå)",
            true,
        ),
    ];
    for (i, (name, role_sv, role_en, organisation, moderator)) in speakers.into_iter().enumerate() {
        event_speaker::ActiveModel {
            event_id: Set(webinar.id),
            position: Set(i as i32),
            name: Set(name.into()),
            role_sv: Set(role_sv.into()),
            role_en: Set(Some(role_en.into())),
            organisation: Set(organisation.into()),
            moderator: Set(moderator),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(winner)
}

/// RRI's entry in English, complete, so that the 2022 dossier can be seen in the demo.
pub(super) fn rri_in_english() -> crate::model::EnglishText {
    crate::model::EnglishText {
        title: "Risk-reducing interventions (RRI)".into(),
        sections: crate::model::Sections {
            description: "RRI works with the person who threatens or hurts, not only with the person at risk. \
                Police officers trained as negotiators, together with the Police unit for crime victims and \
                personal security, hold structured conversations with the perpetrator, assess how dangerous \
                the situation is and try to lower the will to harm. The victim is protected and supported \
                at the same time. After a pilot in the Stockholm region, the Police made RRI a national \
                method in 2021.".into(),
            problem: "Most repeat violence hits the same victims again, from the same perpetrator. Protection \
                such as a contact ban narrows the victim’s life and does not always stop a person who is set \
                on doing harm.".into(),
            objectives: "To reduce the perpetrator’s motivation to threaten and harm, and so reduce repeat \
                victimisation.".into(),
            target_group: "People who use violence or threats, above all in close relationships, and the people \
                they target.".into(),
            methods: "A risk assessment in each case; conversations with the perpetrator led by trained \
                negotiators; protection and support for the victim, coordinated by the Police.".into(),
            partners: "The Police unit for crime victims and personal security, and the Police negotiators.".into(),
            resources: "Officers from existing Police units, given training in the method; no separate \
                budget line.".into(),
            evaluation: "The pilot was evaluated over 118 cases from 2019 to 2021. Violence and threats stopped \
                in 72 per cent of them. The effect was greatest for violence in close relationships, for \
                stalking, for repeated breaches of contact bans and for threats against people working in \
                the justice system.".into(),
            replicability: "The method is documented and taught inside the Police, and it needs no new \
                legislation, so another country’s police could adopt it.".into(),
            theme_relevance: "The 2022 theme was particularly vulnerable victims and repeat victimisation: RRI \
                aims directly at stopping the same victim being harmed again.".into(),
        },
    }
}
