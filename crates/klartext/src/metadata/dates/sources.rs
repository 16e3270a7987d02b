//! The date sources, declared in the order they are trusted: [`PUBLISHED`] and [`MODIFIED`].
//! Each is a name, a trust and a function from the page facts ([`DateCtx`]) to the dates
//! it finds; [`super::choose`] picks among them.

use std::ops::Not;

use super::context::{
    body_script_date, date_line, label_before, script_date, spaced_text, DateCtx, Label,
};
use super::{self as dates, Date};
use crate::dom::NodeId;
use crate::metadata::fields::SourceRow;
use crate::metadata::page::visible_text;

/// How far a source is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trust {
    /// A publisher's machine-readable publication date (JSON-LD, meta names, microdata).
    Structured,
    /// A meta name that says "date" without saying which.
    Generic,
    /// What the reader sees near the headline.
    Printed,
    /// Dates found further off: loose meta names, scripts, the whole page.
    Loose,
    /// A date in a URL path.
    Url,
}

impl Trust {
    pub fn as_str(self) -> &'static str {
        match self {
            Trust::Structured => "structured",
            Trust::Generic => "generic",
            Trust::Printed => "printed",
            Trust::Loose => "loose",
            Trust::Url => "url",
        }
    }
}

/// One source of dates.
pub(crate) type Source = SourceRow<Trust, for<'a> fn(&DateCtx<'a>) -> Vec<Date>>;

const fn source(
    name: &'static str,
    trust: Trust,
    find: for<'a> fn(&DateCtx<'a>) -> Vec<Date>,
) -> Source {
    SourceRow { name, trust, find }
}

/// The publication date's sources, most trusted first. The structured and generic ones all
/// count (the choice prefers the one the reader sees); of the others the first that finds a
/// date wins.
pub(crate) const PUBLISHED: &[Source] = &[
    // (`article:published_time` first: where it and JSON-LD disagree it is more often
    // the day the reader sees.)
    source(
        "meta article:published_time",
        Trust::Structured,
        meta_published_time,
    ),
    source("JSON-LD datePublished", Trust::Structured, ld_published),
    source("meta publication names", Trust::Structured, meta_published),
    source("parsely-page pub_date", Trust::Structured, parsely_page),
    source(
        "microdata datePublished",
        Trust::Structured,
        microdata_published,
    ),
    source("meta generic date", Trust::Generic, meta_generic),
    source(
        "<time> marked as publication",
        Trust::Printed,
        time_marked_published,
    ),
    source(
        "JSON-LD page datePublished",
        Trust::Printed,
        ld_page_published,
    ),
    source(
        "labelled date near the headline",
        Trust::Printed,
        labelled_published,
    ),
    source("<time> nearest the headline", Trust::Printed, time_nearest),
    source(
        "unlabelled date near the headline",
        Trust::Printed,
        unlabelled_near,
    ),
    source(
        "update date near the headline (no URL date)",
        Trust::Printed,
        update_only,
    ),
    source("meta named like a date", Trust::Loose, meta_dateish),
    source("element classed as a date", Trust::Loose, date_hint),
    source("URL", Trust::Url, url),
    source("canonical or image URL", Trust::Url, other_urls),
    source("modification date", Trust::Loose, modification),
    source("script data", Trust::Loose, script_data),
    source("description", Trust::Loose, description),
    source("visible page text", Trust::Loose, page_text),
    source("body script", Trust::Loose, body_script),
];

/// The modification date's sources, most trusted first; the first that finds one wins.
pub(crate) const MODIFIED: &[Source] = &[
    source("JSON-LD dateModified", Trust::Structured, ld_modified),
    source("meta modification names", Trust::Structured, meta_modified),
    source(
        "microdata dateModified",
        Trust::Structured,
        microdata_modified,
    ),
    source(
        "<time> marked as update",
        Trust::Printed,
        time_marked_modified,
    ),
    source(
        "JSON-LD page dateModified",
        Trust::Printed,
        ld_page_modified,
    ),
    source(
        "update date near the headline",
        Trust::Printed,
        labelled_modified,
    ),
];

fn meta_published_time(c: &DateCtx) -> Vec<Date> {
    c.parse(c.page.meta(&["article:published_time"]))
        .into_iter()
        .collect()
}

fn ld_published(c: &DateCtx) -> Vec<Date> {
    c.parse(c.ld.date_published.as_deref())
        .into_iter()
        .collect()
}

fn meta_published(c: &DateCtx) -> Vec<Date> {
    PUBLISHED_KEYS
        .iter()
        .filter_map(|k| c.parse(c.page.meta(&[k])))
        .collect()
}

fn parsely_page(c: &DateCtx) -> Vec<Date> {
    c.page
        .meta(&["parsely-page"])
        .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok())
        .and_then(|v| c.parse(v.get("pub_date")?.as_str()))
        .into_iter()
        .collect()
}

fn microdata(c: &DateCtx, props: &[&str]) -> Vec<Date> {
    c.page
        .itemprops
        .iter()
        .filter(|(prop, _)| props.contains(&prop.as_str()))
        .filter_map(|(_, id)| c.time(*id))
        .collect()
}

fn microdata_published(c: &DateCtx) -> Vec<Date> {
    microdata(c, &["datepublished", "datecreated"])
}

fn meta_generic(c: &DateCtx) -> Vec<Date> {
    GENERIC_DATE_KEYS
        .iter()
        .filter_map(|k| c.parse(c.page.meta(&[k])))
        .collect()
}

/// How a `<time>` marks itself: (as the publication, as an update).
fn time_marks(c: &DateCtx, t: NodeId) -> (bool, bool) {
    let class = c.dom.attr(t, "class").unwrap_or("").to_ascii_lowercase();
    let marked_pub = c.dom.attr(t, "pubdate").is_some()
        || class.contains("publish")
        || class.contains("created")
        || class.contains("entry-date");
    let marked_mod = class.contains("update") || class.contains("modif");
    (marked_pub, marked_mod)
}

fn time_marked_published(c: &DateCtx) -> Vec<Date> {
    c.times
        .iter()
        .filter(|&&t| time_marks(c, t).0)
        .filter_map(|&t| c.time(t))
        .collect()
}

/// A `<time>` marked as an update. (One marked as both is the publication while the page
/// has no structured one: it is taken for that, not for the update.)
fn time_marked_modified(c: &DateCtx) -> Vec<Date> {
    let mut published = super::choose::structured(c).is_empty().not();
    let mut out = Vec::new();
    for &t in &c.times {
        let (marked_pub, marked_mod) = time_marks(c, t);
        if marked_pub && !published {
            published = c.time(t).is_some();
        } else if marked_mod {
            out.extend(c.time(t));
        }
    }
    out
}

fn ld_page_published(c: &DateCtx) -> Vec<Date> {
    c.parse(c.ld.page_date_published.as_deref())
        .into_iter()
        .collect()
}

/// A date labelled as the publication near the headline. (A labelled date further down,
/// after a date line of its own, labels something else: "Samstag, 9. September 2017 …
/// Buchinfos: Erscheinungsdatum: 14.08.2017".)
fn labelled_published(c: &DateCtx) -> Vec<Date> {
    let first = c.near_at.iter().find(|(_, l, _)| *l != Label::Modified);
    match first {
        Some((_, Label::None, at)) if *at < 300 && date_line(&c.after, *at, c.day_first) => None,
        _ => c.labelled_near(Label::Published),
    }
    .into_iter()
    .collect()
}

/// The unlabelled `<time>` nearest the headline (one above it counts double the distance:
/// a list of other articles' times often follows the text).
fn time_nearest(c: &DateCtx) -> Vec<Date> {
    let distance = |t: &NodeId| {
        let i = t.index();
        if i > c.h1_index {
            i - c.h1_index
        } else {
            2 * (c.h1_index - i)
        }
    };
    let mut by_distance: Vec<NodeId> = c.times.clone();
    by_distance.sort_by_key(distance);
    by_distance.iter().filter_map(|&t| c.time(t)).collect()
}

fn unlabelled_near(c: &DateCtx) -> Vec<Date> {
    c.near
        .iter()
        .find(|(_, l)| *l == Label::None)
        .or_else(|| c.near_before.iter().find(|(_, l)| *l == Label::None))
        .map(|(d, _)| *d)
        .into_iter()
        .collect()
}

/// Only "Stand: 05. Februar 2020" under the headline: the version the reader sees is the
/// page's date, surer than dates guessed from loose meta names or scripts (not than the
/// URL's).
fn update_only(c: &DateCtx) -> Vec<Date> {
    if c.url_date.is_some() {
        return Vec::new();
    }
    c.labelled_near(Label::Modified).into_iter().collect()
}

/// Other meta values named like a publication date ("…:uploaded", "…_date").
fn meta_dateish(c: &DateCtx) -> Vec<Date> {
    c.page
        .metas
        .iter()
        .filter(|(k, _)| {
            let dateish = ["date", "time", "publish", "upload", "created", "issued"]
                .iter()
                .any(|w| k.contains(w));
            let other = ["modif", "updat", "expir", "end", "start", "birth", "valid"]
                .iter()
                .any(|w| k.contains(w));
            dateish && !other
        })
        .filter_map(|(_, v)| c.parse(Some(v)))
        .collect()
}

/// Elements near the headline whose class says "date": their text, or a date in
/// `title`/`datetime`.
fn date_hint(c: &DateCtx) -> Vec<Date> {
    let dom = c.dom;
    c.page
        .date_hints
        .iter()
        .filter(|&&n| c.near_h1(n))
        .take(50)
        .filter_map(|&n| {
            // (Its text nodes apart: "<span>Feb</span> <span>18</span><span>2009</span>".)
            let t = spaced_text(dom, n, 200);
            let in_text = (t.chars().count() <= 120)
                .then(|| {
                    dates::find_all_order(&t, c.day_first)
                        .first()
                        .map(|f| f.date)
                })
                .flatten();
            let attr = || {
                ["datetime", "title", "content", "data-date"]
                    .iter()
                    .find_map(|a| {
                        dom.attr(n, a)
                            .and_then(|v| dates::parse_value_order(v, c.day_first))
                    })
            };
            c.ok(in_text.or_else(attr))
        })
        .collect()
}

fn url(c: &DateCtx) -> Vec<Date> {
    c.url_date.into_iter().collect()
}

/// The canonical URL, then the lead image's upload path (/2016/05/04/).
fn other_urls(c: &DateCtx) -> Vec<Date> {
    [
        c.page.canonical.as_deref(),
        c.page.meta(&["og:url"]),
        c.page.meta(&["og:image", "twitter:image"]),
    ]
    .into_iter()
    .flatten()
    .filter_map(|u| dates::from_url(u).filter(|d| d.plausible(c.now)))
    .collect()
}

/// The page's own modification date says more about it than dates in its scripts' data
/// (other items' dates often) or in its text.
fn modification(c: &DateCtx) -> Vec<Date> {
    c.modified.map(|(d, _)| d).into_iter().collect()
}

/// Dates the page keeps in its scripts' data ("datePublished", "created_at").
fn script_data(c: &DateCtx) -> Vec<Date> {
    script_date(c.dom)
        .filter(|d| d.plausible(c.now))
        .into_iter()
        .collect()
}

/// A date in the description ("Notizia del 3 Marzo 2021").
fn description(c: &DateCtx) -> Vec<Date> {
    c.page
        .meta(&["description", "og:description"])
        .and_then(|d| {
            dates::find_all_order(d, c.day_first)
                .first()
                .map(|f| f.date)
        })
        .filter(|d| d.plausible(c.now))
        .into_iter()
        .collect()
}

/// A labelled date anywhere in the visible page, else the first plausible one.
/// ("Aktualisiert: 30.12.2016" at the foot of a page says more about it than a date in its
/// text.)
fn page_text(c: &DateCtx) -> Vec<Date> {
    let Some(b) = c.page.body else {
        return Vec::new();
    };
    let text = visible_text(c.dom, b, 40_000);
    let found: Vec<(Date, Label)> = dates::find_all_order(&text, c.day_first)
        .into_iter()
        .filter(|f| f.date.plausible(c.now))
        .map(|f| (f.date, label_before(&text, f.start)))
        .collect();
    [Label::Published, Label::Modified, Label::None]
        .iter()
        .flat_map(|want| found.iter().filter(move |(_, l)| l == want))
        .map(|(d, _)| *d)
        .collect()
}

/// A date a small script in the body prints: `<script>showDate("2020/04/17 01:43")`.
fn body_script(c: &DateCtx) -> Vec<Date> {
    body_script_date(c.dom, c.page.body, c.day_first)
        .filter(|d| d.plausible(c.now))
        .into_iter()
        .collect()
}

fn ld_modified(c: &DateCtx) -> Vec<Date> {
    c.parse_alone(c.ld.date_modified.as_deref())
        .into_iter()
        .collect()
}

fn meta_modified(c: &DateCtx) -> Vec<Date> {
    MODIFIED_KEYS
        .iter()
        .filter_map(|k| c.parse_alone(c.page.meta(&[k])))
        .collect()
}

fn microdata_modified(c: &DateCtx) -> Vec<Date> {
    microdata(c, &["datemodified"])
}

fn ld_page_modified(c: &DateCtx) -> Vec<Date> {
    c.parse(c.ld.page_date_modified.as_deref())
        .into_iter()
        .collect()
}

fn labelled_modified(c: &DateCtx) -> Vec<Date> {
    c.labelled_near(Label::Modified).into_iter().collect()
}

pub(crate) const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "og:published_time",
    "article.published",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "published_date",
    "publication_date",
    "publication-date",
    "pubdate",
    "og:pubdate",
    "date.published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "article.created",
    "article_date_original",
    "originalpublicationdate",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "rnews:datepublished",
    "datecreated",
    "date_published",
    "release_date",
    "displaydate",
    "content_date",
    "created",
    "creation_date",
    "pdate",
    "bt:pubdate",
    "shareaholic:article_published_time",
];

/// Meta names that say "date" without saying which: often the day the page was last
/// changed or generated, so a different, earlier date the reader sees beats them.
pub(crate) const GENERIC_DATE_KEYS: &[&str] = &["dc.date", "dcterms.date", "date"];

pub(crate) const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "article:modified",
    "modified_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "last_updated",
    "revised",
    "article.updated",
    "parsely-updated-date",
    "dateupdate",
    "sailthru.lastmodified",
];
