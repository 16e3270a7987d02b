//! The choice of the publication and modification dates over the declared sources
//! ([`super::sources`]), and the named cross-checks that correct it.

use super::context::{date_line, in_teaser, line_at, DateCtx, Label};
use super::sources::{Source, Trust, MODIFIED, PUBLISHED};
use super::Date;
use crate::dom::{Dom, NodeId};
use crate::explain::{Candidate, FieldReport};

/// The dates chosen, where they came from and which cross-checks changed them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Choice {
    pub published: Option<Date>,
    pub modified: Option<Date>,
    pub published_from: Option<&'static str>,
    pub modified_from: Option<&'static str>,
    /// The cross-checks that changed the publication date, in order.
    pub checks: Vec<&'static str>,
}

/// Chooses the page's publication and modification dates.
pub(crate) fn choose(c: &DateCtx) -> Choice {
    let (modified, modified_from) = c.modified.unzip();
    let mut choice = Choice {
        modified,
        modified_from,
        ..Choice::default()
    };
    let strong = structured(c);
    let mut published = match prefer_seen(c, &strong) {
        Some((p, from)) => {
            choice.published_from = Some(from);
            let checks: [Check; 3] = [generic_only, beside_headline, revision_is_modification];
            apply(c, &strong, p, &checks, &mut choice.checks)
        }
        None => {
            let found = first_found(PUBLISHED, c, |s| !strong_trust(s.trust));
            choice.published_from = found.map(|(_, s)| s.name);
            found.map(|(p, s)| url_beats_loose_text(c, p, s, &mut choice.checks))
        }
    };
    for (name, check) in [
        (
            "local midnight in UTC",
            local_midnight as fn(&DateCtx, Date) -> Option<Date>,
        ),
        ("time zone shift", zone_shift),
    ] {
        let Some(p) = published else { break };
        published = check(c, p);
        if published != Some(p) {
            choice.checks.push(name);
        }
    }
    choice.published = published;
    choice
}

/// For `explain`: every date each source finds (in the tables' order) and the choice.
pub(crate) fn report(c: &DateCtx) -> Vec<FieldReport> {
    let found = |table: &'static [Source]| -> Vec<Candidate> {
        table
            .iter()
            .filter_map(|s| {
                let values: Vec<String> = (s.find)(c).iter().map(Date::to_iso).collect();
                (!values.is_empty()).then_some(Candidate {
                    source: s.name,
                    trust: s.trust.as_str(),
                    values,
                })
            })
            .collect()
    };
    let choice = choose(c);
    vec![
        FieldReport {
            field: "date_published",
            chosen: choice.published.map(|d| d.to_iso()),
            chosen_from: choice.published_from,
            checks: choice.checks,
            candidates: found(PUBLISHED),
        },
        FieldReport {
            field: "date_modified",
            chosen: choice.modified.map(|d| d.to_iso()),
            chosen_from: choice.modified_from,
            checks: Vec::new(),
            candidates: found(MODIFIED),
        },
    ]
}

/// The page's modification date and its source: the first of the table that finds one
/// (read once, into [`DateCtx::modified`], when the page facts are gathered).
pub(crate) fn modified(c: &DateCtx) -> Option<(Date, &'static str)> {
    first_found(MODIFIED, c, |_| true).map(|(d, s)| (d, s.name))
}

fn strong_trust(t: Trust) -> bool {
    matches!(t, Trust::Structured | Trust::Generic)
}

/// Every date of the structured and generic sources, in the table's order.
pub(crate) fn structured(c: &DateCtx) -> Vec<(Date, &'static Source)> {
    PUBLISHED
        .iter()
        .filter(|s| strong_trust(s.trust))
        .flat_map(|s| (s.find)(c).into_iter().map(move |d| (d, s)))
        .collect()
}

/// The first date of the first source (among those `take` admits) that finds one.
fn first_found(
    table: &'static [Source],
    c: &DateCtx,
    take: impl Fn(&Source) -> bool,
) -> Option<(Date, &'static Source)> {
    table
        .iter()
        .filter(|s| take(s))
        .find_map(|s| (s.find)(c).first().map(|d| (*d, s)))
}

/// Of the structured dates, the first one the reader sees (beside the headline or in the
/// URL), else the first.
fn prefer_seen(c: &DateCtx, strong: &[(Date, &'static Source)]) -> Option<(Date, &'static str)> {
    strong
        .iter()
        .find(|(d, _)| c.seen.contains(&d.days()))
        .or(strong.first())
        .map(|(d, s)| (*d, s.name))
}

/// A cross-check of a structured publication date: the date it leaves.
type Check = fn(&DateCtx, &[(Date, &'static Source)], Date) -> Date;

fn apply(
    c: &DateCtx,
    strong: &[(Date, &'static Source)],
    mut p: Date,
    checks: &[Check],
    applied: &mut Vec<&'static str>,
) -> Option<Date> {
    const NAMES: [&str; 3] = [
        "generic meta later than the printed date",
        "different date beside the headline",
        "publication time is the revision time",
    ];
    for (check, name) in checks.iter().zip(NAMES) {
        let q = check(c, strong, p);
        if q != p {
            applied.push(name);
        }
        p = q;
    }
    Some(p)
}

/// The page's structured modification date (JSON-LD, meta names, microdata).
fn structured_modified(c: &DateCtx) -> Option<Date> {
    first_found(MODIFIED, c, |s| s.trust == Trust::Structured).map(|(d, _)| d)
}

/// Only a generic "date" meta: an earlier date printed under the headline is the
/// publication, the meta the last change. (Above the headline too, and a "Stand:" date: the
/// generic meta is later than even the version the reader sees, so it is when the page was
/// generated.)
fn generic_only(c: &DateCtx, strong: &[(Date, &'static Source)], p: Date) -> Date {
    if strong.iter().any(|(_, s)| s.trust == Trust::Structured) {
        return p;
    }
    let printed = c
        .near_at
        .iter()
        .find(|(_, l, at)| *at < 600 && *l != Label::Modified)
        .map(|(d, _, _)| *d)
        .or_else(|| c.near_before.first().map(|(d, _)| *d))
        .or_else(|| {
            c.near_at
                .iter()
                .find(|(_, l, at)| *at < 600 && *l == Label::Modified)
                .map(|(d, _, _)| *d)
        });
    match printed {
        Some(v) if v.days() < p.days() => v,
        _ => p,
    }
}

/// The date printed right under the headline, as the reader sees it: labelled as the
/// publication, in a `<time>` of its own, or a date line of its own straight under it.
fn printed_beside(c: &DateCtx) -> Option<(Date, Label)> {
    let dom = c.dom;
    c.near_at
        .iter()
        .find(|(_, l, at)| {
            *at < 300
                && match l {
                    Label::Published => true,
                    Label::Modified => false,
                    Label::None => {
                        c.h1.is_some()
                            && (line_at(&c.after, *at).is_some_and(|(n, _)| {
                                dom.ancestors(*n).take(3).any(|a| dom.tag(a) == "time")
                                    && !in_teaser(dom, *n)
                            }) || (*at < 150 && date_line(&c.after, *at, c.day_first)))
                    }
                }
        })
        .map(|(d, l, _)| (*d, *l))
}

/// A `<time>` right under the headline, not marked as an update.
fn time_beside(c: &DateCtx) -> Option<Date> {
    let dom = c.dom;
    c.page
        .times
        .iter()
        .copied()
        .filter(|t| t.index() > c.h1_index && t.index() < c.h1_index + 120 && c.h1.is_some())
        .filter(|&t| {
            let class = dom.attr(t, "class").unwrap_or("").to_ascii_lowercase();
            !class.contains("updat")
                && !class.contains("modif")
                && c.near_h1(t)
                && !in_teaser(dom, t)
        })
        .find_map(|t| c.time(t))
}

/// A different date right under the headline is what the page says it is, unless the
/// reader sees the structured one too. (An unlabelled one that is the page's modification
/// date is the update it shows; an ambiguous "12/04/2020" that a structured date reads the
/// other way round is that structured date.)
fn beside_headline(c: &DateCtx, strong: &[(Date, &'static Source)], p: Date) -> Date {
    let modified = structured_modified(c);
    let beside = printed_beside(c)
        .filter(|(b, l)| *l == Label::Published || modified.is_none_or(|m| m.days() != b.days()))
        .map(|(b, _)| b);
    let Some(b) = beside.or_else(|| time_beside(c)) else {
        return p;
    };
    let swapped = Date::ymd(b.year, b.day, b.month).map(|d| d.days());
    let agrees = p.days() == b.days() || Some(p.days()) == swapped;
    if agrees || c.seen.contains(&p.days()) {
        return p;
    }
    strong
        .iter()
        .map(|(d, _)| *d)
        .find(|d| d.days() == b.days())
        .unwrap_or(b)
}

/// A structured publication time that is the modification time to the second is the last
/// revision's: a date a few days earlier printed at the headline is the first one
/// ("January 19, 2020 / 12:25 PM / Updated 8 hours ago").
fn revision_is_modification(c: &DateCtx, _: &[(Date, &'static Source)], p: Date) -> Date {
    let Some(m) = structured_modified(c) else {
        return p;
    };
    let printed = c
        .near_before
        .first()
        .filter(|(_, l)| *l != Label::Modified)
        .map(|(d, _)| *d)
        .or_else(|| {
            c.near_at
                .iter()
                .find(|(_, l, at)| *at < 300 && *l != Label::Modified)
                .map(|(d, _, _)| *d)
        });
    match printed {
        Some(v)
            if p.timestamp() == m.timestamp()
                && p.time.is_some()
                && (1..=7).contains(&(p.days() - v.days())) =>
        {
            v
        }
        _ => p,
    }
}

/// Without a structured date, a full date in the URL beats what the page's loose text
/// suggests — not the time the page gives in a `<time datetime>` beside its headline, nor a
/// date of the URL's day that says the time besides.
fn url_beats_loose_text(
    c: &DateCtx,
    p: Date,
    from: &Source,
    applied: &mut Vec<&'static str>,
) -> Date {
    match c.url_date {
        Some(u) if from.trust != Trust::Url && !finer_than_url(c.dom, &c.times, p, Some(u)) => {
            applied.push("URL date beats loose text");
            u
        }
        _ => p,
    }
}

/// A UTC timestamp at 22:00 or 23:00 sharp is a local midnight (CET/CEST) written in UTC:
/// the publisher meant the next calendar day.
fn local_midnight(_: &DateCtx, p: Date) -> Option<Date> {
    if p.offset == Some(0) && matches!(p.time, Some((22 | 23, 0, 0))) {
        return Date::ymd(p.year, p.month, p.day).and_then(|d| Date::ymd_from_days(d.days() + 1));
    }
    Some(p)
}

/// A time a day off the date in the URL (or, for UTC times, beside the headline) is the
/// same moment in another zone: keep the publisher's calendar day.
fn zone_shift(c: &DateCtx, p: Date) -> Option<Date> {
    if p.time.is_none() {
        return Some(p);
    }
    let beside = c
        .near
        .first()
        .map(|(d, _)| *d)
        .filter(|d| d.offset.is_none() && p.offset == Some(0));
    let Some(l) = c.url_date.or(beside) else {
        return Some(p);
    };
    // Only where a zone can move the day: an early time read a day later than the local
    // day (zones west of it), a late one a day earlier (east of it).
    let hour = p.time.map_or(12, |(h, _, _)| h);
    let shift = l.days() - p.days();
    let zone_shift = (shift == -1 && hour < 12) || (shift == 1 && hour >= 12);
    let from_url = c.url_date.is_some();
    if (from_url && zone_shift) || (!from_url && shift.abs() == 1) {
        return Date::ymd(l.year, l.month, l.day);
    }
    Some(p)
}

/// Whether `published` says more than the URL's date `url`: its time on the same day, or
/// a time and zone the page gives machine-readably in one of its `<time datetime>`
/// elements near the headline (`times`).
fn finer_than_url(dom: &Dom, times: &[NodeId], published: Date, url: Option<Date>) -> bool {
    if published.time.is_none() {
        return false;
    }
    if url.is_some_and(|u| u.days() == published.days()) {
        return true;
    }
    published.offset.is_some()
        && times
            .iter()
            .any(|&t| dom.attr(t, "datetime").and_then(super::parse_value) == Some(published))
}

#[cfg(test)]
mod tests {
    use crate::metadata::tests::run;

    #[test]
    fn relative_and_impossible_dates() {
        let html =
            r#"<html><body><h1>Eilmeldung zum Wetter</h1><p>vor 3 Stunden</p></body></html>"#;
        let a = run(html, None);
        assert_eq!(
            a.date_published.as_deref(),
            Some("2025-11-30T21:00:00+00:00")
        );
        let html = r#"<html><head><meta property="article:published_time" content="2031-01-01"></head>
        <body><h1>Future news today</h1><p>Posted 2 days ago</p></body></html>"#;
        let a = run(html, None);
        assert_eq!(a.date_published.as_deref(), Some("2025-11-29"));
        let html = r#"<html><head><meta name="date" content="1990-05-01"></head><body><h1>Old</h1></body></html>"#;
        assert_eq!(
            run(html, Some("https://x.com/2024/05/02/old"))
                .date_published
                .as_deref(),
            Some("2024-05-02")
        );
    }

    #[test]
    fn utc_midnight_and_url_days() {
        let html = r#"<html><head><meta property="article:published_time" content="2021-11-04T23:00:00+00:00"></head>
        <body><h1>Kommunalwahlen in Nordmazedonien</h1></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2021-11-05")
        );
        let html = r#"<html><head><meta property="article:published_time" content="2023-11-09T03:28:35+00:00"></head>
        <body><h1>Mayor elected in late count</h1></body></html>"#;
        let a = run(
            html,
            Some("https://news.example.com/2023/11/08/mayor-elected/"),
        );
        assert_eq!(a.date_published.as_deref(), Some("2023-11-08"));
        // An evening time a day after the URL's date is no zone shift: the page's day stands.
        let html = r#"<html><head><meta property="article:published_time" content="2020-02-19T18:37:32+01:00"></head>
        <body><h1>Ein Jahr Forschung</h1></body></html>"#;
        let a = run(html, Some("https://www.example.es/2020/02/18/ciencia.html"));
        assert_eq!(
            a.date_published.as_deref(),
            Some("2020-02-19T18:37:32+01:00")
        );
    }

    #[test]
    fn day_first_outside_the_us() {
        let html = r#"<html lang="en-GB"><body><h1>Student halls too crowded</h1>
        <p><span class="time">02/10/2020</span></p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2020-10-02")
        );
        let html = r#"<html lang="en-US"><body><h1>Student halls too crowded</h1>
        <p><span class="time">02/10/2020</span></p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2020-02-10")
        );
    }

    #[test]
    fn video_upload_is_not_the_article_date() {
        let html = r#"<html><head><meta property="article:published_time" content="2017-12-01T12:01:11+01:00">
        <script type="application/ld+json">{"@type":"VideoObject","name":"Clip","uploadDate":"2015-01-16T14:53:35+01:00"}</script>
        </head><body><h1>Chrome exportieren</h1></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2017-12-01T12:01:11+01:00")
        );
    }

    #[test]
    fn caption_dates_and_teaser_times_are_not_the_article_date() {
        // The photo's date comes first under the headline; the dateline is the article's.
        let html = r#"<html lang="en"><body><h1>Protesters gather at theatre</h1>
        <figure><img src="a.jpg"><figcaption>The president speaks in Paris, January 16, 2020.</figcaption></figure>
        <p>January 18, 2020</p><p>PARIS - Protesters gathered.</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2020-01-18")
        );
        // A teaser box's <time> does not beat the structured date the byline confirms.
        let html = r#"<html lang="de"><head><meta property="article:published_time" content="2023-10-31T08:47:16+00:00"></head>
        <body><h1>Drei Fragen an die Stiftung</h1><p>31. Oktober 2023 · Von Anna Berger</p>
        <div class="teaser-box"><time class="teaser__date" datetime="2019-10-21T10:03:38+02:00">21.10.2019</time></div>
        <p>Der Text.</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2023-10-31T08:47:16+00:00")
        );
    }

    #[test]
    fn unmarked_captions_comments_and_menus_do_not_date_the_article() {
        // A caption with no caption markup, known by its opening words.
        let html = r#"<html lang="en"><body><h1>Protesters gather at theatre</h1>
        <div><img src="a.jpg"><br>FILE PHOTO: The president speaks in Orleans, France, January 16, 2020. REUTERS</div>
        <p>January 18, 2020</p><p>PARIS - Protesters gathered.</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2020-01-18")
        );
        // A reader's comment's <time> is not the tip's date; "von NAME am DATE" across
        // text nodes is.
        let html = r#"<html lang="de"><body><h1>Tomaten schneiden</h1>
        <p>von <a href="/u/m">Marianne1</a> am 20.09.2020</p><p>Der Trick mit dem Strunk.</p>
        <div class="recipe-comment-box"><time datetime="2020-09-23T18:19:06+02:00">23.09.20</time>
        <p>Toll!</p></div></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2020-09-20")
        );
        // A dated menu entry between the headline and the post is not the post's date.
        let html = r#"<html lang="de"><body><h1>Echte Demokratie</h1>
        <ul class="menu"><li class="menu-item"><a href="/12m">12M – 12. Mai 2012</a></li></ul>
        <p>Liebe Menschen Europas, 13. Januar 2014</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2014-01-13")
        );
    }

    #[test]
    fn pages_without_a_headline_and_labels_further_down() {
        // No headline: the date at the top of the body, not a sidebar's list of posts.
        let html = r#"<html lang="fr"><body><div class="post"><p>Un braconnier condamné</p>
        <p>27 Sep 2016</p><p>La justice a tenu son audience.</p></div>
        <div class="sidebar"><ul><li><a href="/x">Autre</a> <span class="post-date">09/09/2019</span></li></ul></div>
        </body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2016-09-27")
        );
        // A date line of its own first: a labelled date further down labels something else.
        let html = r#"<html lang="de"><body><h1>Rezensionen</h1><p>Samstag, 9. September 2017</p>
        <p>Ein Buch über die Liebe, das ich sehr gern gelesen habe, mit vielen schönen Seiten und
        einer Geschichte, die bis zum Schluss trägt; die Figuren sind lebendig und glaubwürdig,
        der Ton ist leicht und die Handlung spannend, auch wenn das Ende früh zu ahnen ist.</p>
        <p>Buchinfos: 400 Seiten, Erscheinungsdatum: 14.08.2017</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2017-09-09")
        );
    }

    #[test]
    fn the_date_shown_under_the_headline() {
        // A <time> of the article's meta line, after a breadcrumb, differs from the meta.
        let crumbs: String = (0..30)
            .map(|i| format!("<li><a href=\"/s{i}\"><span>R{i}</span></a></li>"))
            .collect();
        let html = format!(
            r#"<html lang="de"><head><meta name="og:article:published_time" content="2022-01-15"></head>
            <body><h1>Schneesport mit Rücksicht</h1><ul class="crumbs">{crumbs}</ul>
            <span><time datetime="2022-01-25">25.01.2022</time></span><p>Der Text.</p></body></html>"#
        );
        assert_eq!(
            run(&html, None).date_published.as_deref(),
            Some("2022-01-25")
        );
        // A date line of its own straight under the headline beats a generic "date" meta.
        let html = r#"<html lang="de"><head><meta name="date" content="2021-12-20T11:02:44+01:00"></head>
        <body><h1>Posts gewinnen</h1><p>27.01.2022</p><p>Der Riesling feiert.</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2022-01-27")
        );
        // Unless the page calls that date its modification: the update it shows.
        let html = r#"<html lang="en"><head><meta property="article:published_time" content="2022-01-03T16:52:00+00:00">
        <meta property="article:modified_time" content="2025-11-03T06:10:53+00:00"></head>
        <body><h1>Work from home tips</h1><p>2025-11-03</p><p>The text.</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2022-01-03T16:52:00+00:00")
        );
        // A "Stand:" under the headline earlier than a generic "date" meta: the meta is when
        // the page was generated.
        let html = r#"<html lang="de"><head><meta name="date" content="2020-04-29T11:52:23"></head>
        <body><h1>Daten gehackt</h1><p>Stand: 28.04.2020 18:00 Uhr</p><p>Der Text.</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2020-04-28T18:00:00")
        );
        // A date line above the headline earlier than a generic "date" meta.
        let html = r#"<html lang="de"><head><meta name="date" content="2020-02-12"></head>
        <body><div>05.02.2020 - Redaktion: Eberhard Fuhr</div><h1>Faire Lieferketten</h1>
        <p>Der Text.</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2020-02-05")
        );
    }

    #[test]
    fn nearest_time_footer_labels_and_split_dates() {
        // The <time> just above the headline, not those of a list of other releases below.
        let text = "Was sich im neuen Jahr für Mieter ändert. ".repeat(20);
        let html = format!(
            r#"<html lang="de"><body><div><span>Pressemitteilung</span><time datetime="2022-12-12 12:22">12.12.2022 12:22</time></div>
            <h1>Das ändert sich 2023</h1><p>{text}</p><h4>Weitere Pressemitteilungen</h4>
            <ul><li><time datetime="2022-08-10 11:05">10.08.2022 11:05</time><a href="/a">Wohnen</a></li></ul></body></html>"#
        );
        assert_eq!(
            run(&html, None).date_published.as_deref(),
            Some("2022-12-12T12:22:00")
        );
        // Only dates far from the headline: the labelled ones first, "Aktualisiert" too.
        let text = "Arbeitende Kinder und ihre Rechte in vielen Ländern der Welt. ".repeat(20);
        let html = format!(
            r#"<html lang="de"><body><h1>Kinder und Arbeit</h1><p>{text}</p><p>Seit 4. August 2014 gilt ein Gesetz.</p>
            <p class="info">Aktualisiert: 30.12.2016</p></body></html>"#
        );
        assert_eq!(
            run(&html, None).date_published.as_deref(),
            Some("2016-12-30")
        );
        // "Erschienen am: 01.11.2023" after "Letzte Änderung: …".
        let html = format!(
            r#"<html lang="de"><body><h1>Vom Boden aus gedacht</h1><p>{text}</p>
            <p>Letzte Änderung: 31.10.2023 - 14:49:39<br>Erschienen am: 01.11.2023</p></body></html>"#
        );
        assert_eq!(
            run(&html, None).date_published.as_deref(),
            Some("2023-11-01")
        );
        // A date split into spans by a class that says "datum".
        let html = r#"<html lang="de"><body><h1>Kunterbuntes</h1><div class="beitrag"><div class="datum">
        <span class="monat">Feb</span> <span class="tag">18</span><span class="jahr">2009</span></div>
        <p>Ein schöner Tag.</p></div></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2009-02-18")
        );
        // The page's modification meta before a date in its scripts' data.
        let html = r#"<html><head><meta itemprop="dateUpdate" content="2020-02-14 10:47:36"></head>
        <body><h1>Tanya</h1><p>Singer.</p><script>var refs = [{"publishDate":"2012-06-24"}];</script></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2020-02-14T10:47:36")
        );
    }

    #[test]
    fn publication_time_equal_to_the_revision_time() {
        let html = r#"<html lang="en"><head><meta property="og:article:published_time" content="2020-01-20T09:49:32+0000">
        <meta property="og:article:modified_time" content="2020-01-20T09:49:32+0000"></head>
        <body><div class="date">January 19, 2020 / 12:25 PM / Updated 8 hours ago</div>
        <h1>Parasite scores upset</h1><p>LOS ANGELES - The film won.</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2020-01-19T12:25:00")
        );
        // Never updated: the structured time stands against an older date in the text.
        let html = r#"<html lang="en"><head><meta property="og:article:published_time" content="2020-01-20T09:49:32+0000">
        <meta property="og:article:modified_time" content="2020-01-20T09:51:00+0000"></head>
        <body><div class="date">January 19, 2020</div>
        <h1>Parasite scores upset</h1><p>LOS ANGELES - The film won.</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2020-01-20T09:49:32+00:00")
        );
    }

    #[test]
    fn a_date_a_body_script_prints() {
        let html = r#"<html><head><script>var t = "2019/01/01";</script></head><body><h1>城市</h1>
        <p>文章</p><script>showDate("2020/04/17 01:43:09")</script></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2020-04-17T01:43:09")
        );
    }

    #[test]
    fn ambiguous_meta_dates_read_as_the_page_prints_them() {
        // A Spanish page: "10/05/2022" in the meta is the 10 May it prints, not 5 October.
        let html = r#"<html lang="es"><head><meta property="article:published_time" content="10/05/2022 05:22 pm"></head>
        <body><h1>Senador califica a Biden</h1><p>10/05/2022 05:22 pm</p><p>El texto.</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2022-05-10T17:22:00")
        );
        // Or the reading that does not come after the modification date.
        let html = r#"<html lang="es"><head><meta property="article:published_time" content="10/05/2022 05:22 pm">
        <meta property="article:modified_time" content="2022-05-10T17:36:11"></head>
        <body><h1>Senador califica a Biden</h1><p>El texto.</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2022-05-10T17:22:00")
        );
        // Nothing to tell: month first, as servers mostly write it.
        let html = r#"<html lang="de"><head><meta property="article:published_time" content="11/01/2023 12:43:42"></head>
        <body><h1>Trinkwasser belastet</h1><p>Der Text.</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2023-11-01T12:43:42")
        );
    }

    #[test]
    fn stand_line_beats_loose_meta_names() {
        // Only a "Stand:" date under the headline, and an unnamed date in a meta value.
        let html = r#"<html lang="de"><head><meta name="sitemap_date" content="2018-01-01"></head>
        <body><h1>Betriebliche Altersvorsorge</h1><p>Tanja Weber</p><p>Stand: 05. Februar 2020</p>
        <p>Gemeinsam mit dem Arbeitgeber für das Alter vorsorgen.</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2020-02-05")
        );
        // A date in the URL still comes first.
        assert_eq!(
            run(html, Some("https://x.de/2020/01/30/vorsorge"))
                .date_published
                .as_deref(),
            Some("2020-01-30")
        );
    }
}
