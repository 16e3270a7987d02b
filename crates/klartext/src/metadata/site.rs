//! Site name: the name the site goes by. Its sources, in the order they are trusted
//! ([`SITE_NAME`]): the site-name meta names, the JSON-LD site name, the JSON-LD publisher;
//! [`choose`] takes the first found, unless it is no name (empty, or 80 characters and
//! more). Also all the names a site goes by ([`SiteKeys`]), to tell the site's own blurb
//! and bylines from the article's.

use super::fields::{self, first_found, source, Facts, Pick, Source, Trust};
use super::host_of;
use super::jsonld::{self, LdInfo};
use super::page::{collapse, Page};

/// The site name's sources, most trusted first.
pub(crate) const SITE_NAME: &[Source] = &[
    source("meta site names", Trust::Meta, meta_site_name),
    source("JSON-LD site name", Trust::Structured, ld_site_name),
    source("JSON-LD publisher", Trust::Structured, ld_publisher),
];

/// A site name as the choice reads it: entities and spaces undone.
fn cleaned(value: Option<&str>) -> Vec<String> {
    value
        .map(|v| collapse(&jsonld::unescape(v)))
        .into_iter()
        .collect()
}

fn meta_site_name(f: &Facts) -> Vec<String> {
    cleaned(f.page.meta(&[
        "og:site_name",
        "application-name",
        "apple-mobile-web-app-title",
    ]))
}

fn ld_site_name(f: &Facts) -> Vec<String> {
    cleaned(f.ld.site_name.as_deref())
}

fn ld_publisher(f: &Facts) -> Vec<String> {
    cleaned(f.ld.publisher.as_deref())
}

/// The cross-check that refuses what is no name.
const NO_NAME: &str = "no name: empty, or 80 characters and more";

/// Chooses the site name: the first found, none if that is no name.
pub(crate) fn choose(f: &Facts) -> Pick {
    let Some((name, from)) = first_found(SITE_NAME, f, |_| true) else {
        return Pick::default();
    };
    let mut pick = Pick::new(name, from.name);
    if pick
        .value
        .as_deref()
        .is_some_and(|n| n.is_empty() || n.chars().count() >= 80)
    {
        pick.value = None;
        pick.checks.push(NO_NAME);
    }
    pick
}

/// For `explain`: every site name each source finds, and the choice.
pub(crate) fn report(f: &Facts) -> crate::explain::FieldReport {
    fields::report("site_name", SITE_NAME, f, choose(f))
}

/// The names a site goes by (its site name, publisher, host), to tell a byline naming the
/// site ("Die WOCHE", "morgenpost-example.de") from one naming a writer.
pub(crate) struct SiteKeys {
    /// Site and publisher names, letters and digits only, lower case.
    names: Vec<String>,
    /// The same as printed ("USA TODAY").
    printed: Vec<String>,
    /// The host's distinctive label ("tagblatt" of "leben.tagblatt.example").
    host: Option<String>,
    /// The last part of the page title and site name ("… | Die WOCHE"), squashed: a site's
    /// name for names that do not look like a person's.
    segments: Vec<String>,
}

impl SiteKeys {
    pub fn of(page: &Page, ld: &LdInfo) -> SiteKeys {
        let printed: Vec<String> = [
            page.meta(&["og:site_name", "application-name"]),
            ld.site_name.as_deref(),
            ld.publisher.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(collapse)
        .filter(|k| squash(k).chars().count() >= 3)
        .collect();
        let names = printed.iter().map(|p| squash(p)).collect();
        // "Gelassen durch den Winter | Die WOCHE": the site's name after the last separator
        // of the page title or the site name.
        let segments = [page.title.as_deref(), page.meta(&["og:site_name"])]
            .into_iter()
            .flatten()
            .filter_map(|t| {
                let (_, last) = t
                    .rsplit_once(" | ")
                    .or_else(|| t.rsplit_once(" - "))
                    .or_else(|| t.rsplit_once(" – "))?;
                let last = squash(last);
                (last.chars().count() >= 3).then_some(last)
            })
            .collect();
        let host = page
            .canonical
            .as_deref()
            .or_else(|| page.meta(&["og:url"]))
            .and_then(host_of)
            .and_then(|h| {
                let labels: Vec<&str> = h.split('.').collect();
                // The label before the public suffix ("co.uk" counted as one).
                let n = labels.len();
                let second_level = n >= 3 && labels[n - 2].len() <= 3 && labels[n - 1].len() == 2;
                let i = if second_level {
                    n.checked_sub(3)
                } else {
                    n.checked_sub(2)
                };
                i.and_then(|i| labels.get(i)).map(|l| squash(l))
            })
            .filter(|k| k.chars().count() >= 4);
        SiteKeys {
            names,
            printed,
            host,
            segments,
        }
    }

    /// Whether a description is the site's blurb rather than the article's teaser: it names
    /// the site and shares no word of four letters or more with the headline.
    pub fn blurb(&self, description: &str, title: Option<&str>) -> bool {
        let d = squash(description);
        let names_site = self
            .names
            .iter()
            .chain(&self.host)
            .any(|k| k.chars().count() >= 4 && d.contains(k.as_str()));
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
                .map(str::to_lowercase)
                .collect()
        };
        let title_words = title.map(words).unwrap_or_default();
        names_site && !words(description).iter().any(|w| title_words.contains(w))
    }

    /// "Brian Truitt USA TODAY" gives "Brian Truitt": the site's name printed after the
    /// writer's.
    pub fn strip_suffix(&self, name: &str) -> String {
        let words: Vec<&str> = name.split_whitespace().collect();
        for p in &self.printed {
            let site: Vec<&str> = p.split_whitespace().collect();
            let Some(keep) = words.len().checked_sub(site.len()).filter(|k| *k > 0) else {
                continue;
            };
            let tail = words.iter().skip(keep);
            if tail
                .zip(&site)
                .all(|(a, b)| a.to_lowercase() == b.to_lowercase())
            {
                return words
                    .iter()
                    .take(keep)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
            }
        }
        name.to_string()
    }

    /// Whether `name` is the site's own name rather than a writer's. Personal sites are named
    /// after their authors: a person's name that the host spells out is kept.
    pub fn named_by(&self, name: &str) -> bool {
        let n = squash(name);
        if n.chars().count() < 3 {
            return false;
        }
        let same = |k: &str| n == k || (k.chars().count() >= 5 && n.ends_with(k));
        let words: Vec<&str> = name.split_whitespace().collect();
        let person_like = (2..=3).contains(&words.len())
            && words.iter().all(|w| {
                let mut cs = w.chars();
                cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
            });
        // A personal site: the host spells the whole name ("erika-musterfrau.net").
        if person_like && self.host.as_deref() == Some(n.as_str()) {
            return false;
        }
        self.names.iter().any(|k| same(k))
            || (!person_like && self.host.as_deref().is_some_and(same))
            || (!person_like && self.segments.contains(&n))
    }
}

/// Lower case, letters and digits only: "Die WOCHE" → "diewoche".
pub(crate) fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Document;

    /// The site name [`choose`] picks on `html`.
    fn pick(html: &str) -> Pick {
        let doc = Document::from_html(html, &crate::Limits::default(), None);
        let page = Page::collect(&doc.dom);
        let ld = jsonld::read(&page.jsonld);
        let f = Facts::gather(&doc, (&page, &ld), None, None, ("", None));
        choose(&f)
    }

    #[test]
    fn the_site_name_table_in_order() {
        let names: Vec<&str> = SITE_NAME.iter().map(|s| s.name).collect();
        assert_eq!(
            names,
            ["meta site names", "JSON-LD site name", "JSON-LD publisher"]
        );
    }

    #[test]
    fn the_meta_name_then_the_json_ld_ones() {
        let ld = r#"<script type="application/ld+json">{"@type": "NewsArticle",
            "headline": "Streik", "publisher": {"@type": "Organization",
            "name": "Tagesblatt Verlag"}}</script>"#;
        let html = format!(
            r#"<html><head><meta name="application-name" content="Tages&amp;blatt  Online">
            {ld}</head><body><p>x</p></body></html>"#
        );
        let p = pick(&html);
        assert_eq!(p.value.as_deref(), Some("Tages&blatt Online"));
        assert_eq!(p.from, Some("meta site names"));
        let html = format!("<html><head>{ld}</head><body><p>x</p></body></html>");
        let p = pick(&html);
        assert_eq!(p.value.as_deref(), Some("Tagesblatt Verlag"));
        assert_eq!(p.from, Some("JSON-LD publisher"));
    }

    #[test]
    fn a_long_first_name_is_no_name_and_ends_the_search() {
        let long = "Tagesblatt, die Zeitung für die Region und alles, was sie bewegt, seit 1850";
        let html = format!(
            r#"<html><head><meta property="og:site_name" content="{long} und mehr">
            <script type="application/ld+json">{{"@type": "NewsArticle",
            "publisher": {{"@type": "Organization", "name": "Tagesblatt"}}}}</script>
            </head><body><p>x</p></body></html>"#
        );
        let p = pick(&html);
        assert_eq!(p.value, None);
        assert_eq!(p.from, Some("meta site names"));
        assert_eq!(p.checks, [NO_NAME]);
    }
}
