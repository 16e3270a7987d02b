//! Title: the article's headline without the site name glued on (" | Site", " - SITE",
//! "Site: …"). Its sources, in the order they are trusted ([`TITLE`]): the JSON-LD
//! headline, OpenGraph and Twitter titles, other title meta names, the `<title>`, the
//! `<h1>`, the title the document gave; [`choose`] takes the visible headline when the
//! metadata agrees with it, else the first found. Also the headline element itself
//! ([`headline_node`]) and the comparisons of titles.

use super::fields::{self, first_found, found, source, Facts, Pick, Source, Trust};
use super::jsonld::{self, LdInfo};
use super::page::{collapse, headline_text, Page};
use crate::dom::{Dom, NodeId};

/// The title's sources, most trusted first.
pub(crate) const TITLE: &[Source] = &[
    source("JSON-LD headline", Trust::Structured, ld_headline),
    source("og:title", Trust::Meta, og_title),
    source("twitter:title", Trust::Meta, twitter_title),
    source("meta title names", Trust::Meta, meta_title),
    source("<title>", Trust::Meta, page_title),
    source("<h1>", Trust::Printed, h1),
    source("title the document gave", Trust::Fallback, given),
];

/// A declared title as the choice reads it: entities and spaces undone, the site's name
/// around it dropped; none when only the site's name is left.
fn declared(f: &Facts, value: Option<&str>) -> Vec<String> {
    let site = f.site_name.as_deref();
    let sites: Vec<&str> = site.into_iter().collect();
    value
        .map(|v| strip_site(&collapse(&jsonld::unescape(v)), &sites, f.host.as_deref()))
        .filter(|t| !t.is_empty() && !site.is_some_and(|s| same(s, t)))
        .into_iter()
        .collect()
}

fn ld_headline(f: &Facts) -> Vec<String> {
    declared(f, f.ld.headline.as_deref())
}

fn og_title(f: &Facts) -> Vec<String> {
    declared(f, f.page.meta(&["og:title"]))
}

fn twitter_title(f: &Facts) -> Vec<String> {
    declared(f, f.page.meta(&["twitter:title"]))
}

fn meta_title(f: &Facts) -> Vec<String> {
    declared(f, f.page.meta(&["title", "dc.title", "headline"]))
}

fn page_title(f: &Facts) -> Vec<String> {
    declared(f, f.page.title.as_deref())
}

fn h1(f: &Facts) -> Vec<String> {
    f.h1_text.iter().cloned().collect()
}

fn given(f: &Facts) -> Vec<String> {
    f.given_title.iter().cloned().collect()
}

/// The cross-check that prefers what the reader sees.
const AGREED: &str = "the metadata agrees with the visible headline";
/// The cross-check that cleans a declared title.
const SUFFIX: &str = "unknown site suffix dropped";

/// Chooses the title: the visible headline when a declared title says the same or holds
/// it, else the first title found (a declared one without a short trailing segment that
/// names no known site).
pub(crate) fn choose(f: &Facts) -> Pick {
    let declared = found(TITLE, f, |s| s.trust.declared());
    if let Some(h) = f.h1_text.as_deref() {
        if declared.iter().any(|(c, _)| same(c, h) || contained(h, c)) {
            let mut pick = Pick::new(h.to_string(), "<h1>");
            pick.checks.push(AGREED);
            return pick;
        }
    }
    let Some((first, from)) = declared
        .into_iter()
        .next()
        .or_else(|| first_found(TITLE, f, |s| !s.trust.declared()))
    else {
        return Pick::default();
    };
    if !from.trust.declared() {
        return Pick::new(first, from.name);
    }
    let stripped = strip_unknown_suffix(&first);
    let mut pick = Pick::new(stripped, from.name);
    if pick.value.as_deref() != Some(first.as_str()) {
        pick.checks.push(SUFFIX);
    }
    pick
}

/// For `explain`: every title each source finds, and the choice.
pub(crate) fn report(f: &Facts) -> crate::explain::FieldReport {
    fields::report("title", TITLE, f, choose(f))
}

/// The `<h1>` that is the article's headline: the one matching the meta title, else the
/// first one with text.
pub(crate) fn headline_node(dom: &Dom, page: &Page, ld: &LdInfo) -> Option<NodeId> {
    let meta_title = ld
        .headline
        .as_deref()
        .or_else(|| page.meta(&["og:title", "twitter:title"]))
        .or(page.title.as_deref());
    let texts: Vec<(NodeId, String)> = page
        .h1
        .iter()
        .take(20)
        .map(|&h| (h, headline_text(dom, h)))
        .filter(|(_, t)| t.chars().count() >= 3)
        .collect();
    if let Some(mt) = meta_title {
        if let Some((h, _)) = texts.iter().find(|(_, t)| same(t, mt) || contained(t, mt)) {
            return Some(*h);
        }
        // Blogs often keep the post title in an <h2> under a site-name <h1>.
        let h2_match = page.h2.iter().take(30).copied().find(|&h| {
            let t = headline_text(dom, h);
            t.split_whitespace().count() >= 2 && (same(&t, mt) || contained(&t, mt))
        });
        if h2_match.is_some() {
            return h2_match;
        }
    }
    // A lone h1 that is not a logo (a link to the home page or an image) is the headline.
    texts
        .iter()
        .find(|(h, t)| {
            t.split_whitespace().count() >= 2
                && !dom
                    .ancestors(*h)
                    .any(|a| matches!(dom.tag(a), "header" | "nav" | "footer"))
        })
        .or(texts.first())
        .map(|(h, _)| *h)
}

const SEPARATORS: &[&str] = &[
    " | ", " – ", " — ", " - ", " :: ", " · ", " » ", " « ", " // ", " • ", " ~ ",
];

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when `segment` names the site: equal to a known site name or the host's name.
fn is_site(segment: &str, sites: &[&str], host: Option<&str>) -> bool {
    let n = norm(segment);
    if n.is_empty() {
        return false;
    }
    if sites.iter().any(|s| {
        let ns = norm(s);
        !ns.is_empty()
            && (ns == n
                || (ns.len() >= 4
                    && (n.contains(&ns) || ns.contains(&n))
                    && n.len() <= ns.len() + 12))
    }) {
        return true;
    }
    if let Some(h) = host {
        let h = h.trim_start_matches("www.");
        let base = h.split('.').next().unwrap_or(h);
        let nh = norm(base);
        if nh.len() >= 3
            && (n == nh || n == norm(h) || (n.contains(&nh) && n.len() <= nh.len() + 10))
        {
            return true;
        }
    }
    false
}

/// The title without the site name before or after a separator.
pub fn strip_site(title: &str, sites: &[&str], host: Option<&str>) -> String {
    let t = title.trim();
    for sep in SEPARATORS {
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            if is_site(tail, sites, host) && !head.trim().is_empty() {
                return strip_site(head, sites, host);
            }
        }
        if let Some(i) = t.find(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            if is_site(head, sites, host) && !tail.trim().is_empty() {
                return strip_site(tail, sites, host);
            }
        }
    }
    // "Site: Headline"
    if let Some(i) = t.find(": ") {
        let (head, tail) = (&t[..i], &t[i + 2..]);
        if is_site(head, sites, host) && tail.split_whitespace().count() >= 2 {
            return tail.trim().to_string();
        }
    }
    t.to_string()
}

/// Without a known site name: drops a short trailing " | Segment" (pipes are rarely part
/// of a headline), the way most sites append their name.
pub fn strip_unknown_suffix(title: &str) -> String {
    let t = title.trim();
    for sep in [" | ", " – ", " — ", " - ", " :: ", " » ", " · "] {
        if let Some(i) = t.rfind(sep) {
            let head = t[..i].trim();
            let tail = t[i + sep.len()..].trim();
            let tail_words = tail.split_whitespace().count();
            let head_words = head.split_whitespace().count();
            let ok = match sep {
                " | " | " :: " | " » " | " · " => tail_words <= 5,
                _ => tail_words <= 3 && head_words >= 4,
            };
            if ok && head_words >= 2 {
                return strip_unknown_suffix(head);
            }
        }
    }
    t.to_string()
}

/// Whether two titles say the same thing (ignoring case, punctuation, spacing).
pub fn same(a: &str, b: &str) -> bool {
    let (na, nb) = (norm(a), norm(b));
    !na.is_empty() && na == nb
}

/// Whether `part` is contained in `whole` (normalised), and long enough to matter.
pub fn contained(part: &str, whole: &str) -> bool {
    let (np, nw) = (norm(part), norm(whole));
    np.len() >= 8 && nw.contains(&np)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Document;

    /// The title [`choose`] picks on `html`, the site named `site`.
    fn pick(html: &str, site: Option<&str>, given: Option<&str>) -> Pick {
        let doc = Document::from_html(html, &crate::Limits::default(), None);
        let page = Page::collect(&doc.dom);
        let ld = jsonld::read(&page.jsonld);
        let host = Some("www.tagesblatt.example".to_string());
        let given = given.map(str::to_string);
        let mut f = Facts::gather(&doc, (&page, &ld), None, host, ("", given));
        f.site_name = site.map(str::to_string);
        choose(&f)
    }

    #[test]
    fn the_title_table_in_order() {
        let names: Vec<&str> = TITLE.iter().map(|s| s.name).collect();
        assert_eq!(
            names,
            [
                "JSON-LD headline",
                "og:title",
                "twitter:title",
                "meta title names",
                "<title>",
                "<h1>",
                "title the document gave"
            ]
        );
    }

    #[test]
    fn the_visible_headline_when_the_metadata_agrees() {
        let html = r#"<html><head><title>Streik legt Bahn lahm | Tagesblatt</title>
        <meta property="og:title" content="Streik legt Bahn lahm – Tagesblatt"></head>
        <body><h1>Streik  legt Bahn lahm</h1><p>Die Lokführer streiken.</p></body></html>"#;
        let p = pick(html, Some("Tagesblatt"), None);
        assert_eq!(p.value.as_deref(), Some("Streik legt Bahn lahm"));
        assert_eq!(p.from, Some("<h1>"));
        assert_eq!(p.checks, [AGREED]);
    }

    #[test]
    fn the_first_declared_title_without_an_unknown_suffix() {
        let html = r#"<html><head><title>Anderer Titel</title>
        <script type="application/ld+json">{"@type": "NewsArticle",
        "headline": "Die neue Brücke ist eröffnet - Lokales"}</script></head>
        <body><h1>Willkommen im Portal</h1></body></html>"#;
        let p = pick(html, None, None);
        assert_eq!(p.value.as_deref(), Some("Die neue Brücke ist eröffnet"));
        assert_eq!(p.from, Some("JSON-LD headline"));
        assert_eq!(p.checks, [SUFFIX]);
    }

    #[test]
    fn the_headline_then_the_given_title_when_nothing_is_declared() {
        // The <title> names only the site: no title.
        let html = "<html><head><title>Tagesblatt</title></head><body>\
            <h1>Neue Brücke eröffnet</h1></body></html>";
        let p = pick(html, Some("Tagesblatt"), Some("Aus dem Dokument"));
        assert_eq!(p.value.as_deref(), Some("Neue Brücke eröffnet"));
        assert_eq!(p.from, Some("<h1>"));
        assert!(p.checks.is_empty());
        let html = "<html><head><title>Tagesblatt</title></head><body><p>x</p></body></html>";
        let p = pick(html, Some("Tagesblatt"), Some("Aus dem Dokument"));
        assert_eq!(p.value.as_deref(), Some("Aus dem Dokument"));
        assert_eq!(p.from, Some("title the document gave"));
        assert!(pick(html, Some("Tagesblatt"), None).value.is_none());
    }

    #[test]
    fn suffixes_and_prefixes() {
        assert_eq!(
            strip_site("Streik legt Bahn lahm | Tagesblatt", &["Tagesblatt"], None),
            "Streik legt Bahn lahm"
        );
        assert_eq!(
            strip_site("Streik legt Bahn lahm - TAGESBLATT", &["Tagesblatt"], None),
            "Streik legt Bahn lahm"
        );
        assert_eq!(
            strip_site("Tagesblatt: Streik legt Bahn lahm", &["Tagesblatt"], None),
            "Streik legt Bahn lahm"
        );
        assert_eq!(
            strip_site(
                "Senate passes bill - Politics - The Daily Planet",
                &["The Daily Planet"],
                None
            ),
            "Senate passes bill - Politics"
        );
        assert_eq!(
            strip_site(
                "Senate passes bill | dailyplanet.com",
                &[],
                Some("www.dailyplanet.com")
            ),
            "Senate passes bill"
        );
        assert_eq!(
            strip_site("Rock - Paper - Scissors", &["Tagesblatt"], None),
            "Rock - Paper - Scissors"
        );
    }

    #[test]
    fn unknown_suffix() {
        assert_eq!(
            strip_unknown_suffix("Senate passes the bill | News | Planet"),
            "Senate passes the bill"
        );
        assert_eq!(
            strip_unknown_suffix("Streik legt die Bahn lahm - Politik"),
            "Streik legt die Bahn lahm"
        );
        assert_eq!(strip_unknown_suffix("Tom - a life"), "Tom - a life");
    }

    #[test]
    fn comparing() {
        assert!(same("Streik legt Bahn lahm!", "streik legt bahn lahm"));
        assert!(contained(
            "Streik legt Bahn lahm",
            "Streik legt Bahn lahm | Tagesblatt"
        ));
    }
}
