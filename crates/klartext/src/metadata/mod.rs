//! Metadata: headline, teaser, authors, dates, site, language, canonical URL, images with
//! caption and credit, and the news agencies credited.
//!
//! One pass over the DOM ([`page::Page::collect`]) gathers the raw facts; each source is a
//! small function that turns them into candidates, and a chooser per field takes the most
//! trusted one: JSON-LD, then OpenGraph/Twitter and other `<meta>` names, then microdata and
//! `<time>`, then the visible text near the headline, then the URL path.

pub mod agencies;
pub mod authors;
mod bylines;
pub mod dates;
mod description;
mod fields;
pub mod images;
pub mod jsonld;
pub mod language;
pub mod page;
mod site;
pub mod title;

use std::sync::LazyLock;

use regex::Regex;

use crate::article::{Article, Image};
use crate::blocks::Document;
use crate::classify::Selection;
use crate::dom::{Dom, NodeId};
use crate::Options;

use fields::Facts;
use page::{collapse, lines_after, lines_before, lines_inside, visible_text, Page};
use site::SiteKeys;

/// Fills the metadata fields of `article` from the page.
pub fn fill(doc: &Document, options: &Options, article: &mut Article) {
    fill_selected(doc, options, None, article);
}

/// [`fill`], knowing which blocks the extractor kept (`selection`): a teaser is then not
/// read from a box it dropped as furniture (a related-links box, a call to action).
pub fn fill_selected(
    doc: &Document,
    options: &Options,
    selection: Option<&Selection>,
    article: &mut Article,
) {
    let dom = &doc.dom;
    let page = Page::collect(dom);
    let ld = jsonld::read(&page.jsonld);

    // URL: canonical link, og:url, JSON-LD url; relative ones resolved against the page URL.
    let base = options.url.as_deref();
    if let Some(c) = canonical_url(&page, &ld, base) {
        article.url = Some(c);
    } else if article.url.is_none() {
        article.url = options.url.clone();
    }
    let url_for_dates = options.url.clone().or_else(|| article.url.clone());
    let host = article
        .url
        .as_deref()
        .or(base)
        .and_then(host_of)
        .map(str::to_string);

    // Site name, headline.
    let given_title = article.title.take();
    let mut facts = Facts::gather(
        doc,
        (&page, &ld),
        selection,
        host,
        (&article.text, given_title),
    );
    facts.site_name = site::choose(&facts).value;
    article.site_name = facts.site_name.clone();
    article.title = title::choose(&facts).value;
    let h1 = facts.h1;

    // Description: the publisher's teaser, else the lead of the text.
    facts.title = article.title.clone();
    article.description = description::choose(&facts).value;

    // The visible text around the headline: bylines and datelines live there.
    let after = lines_after_headline(dom, &page, h1);

    // Dates.
    let ctx = date_context(
        dom,
        (&page, &ld),
        h1,
        &after,
        url_for_dates.as_deref(),
        options,
    );
    let dates::Choice {
        published,
        modified,
        ..
    } = dates::choose(&ctx);
    article.date_published = published.map(|d| d.to_iso());
    article.date_modified = modified.map(|d| d.to_iso());

    // Authors and the agencies named in bylines, then those credited in the text.
    let authors = bylines::choose(&bylines::AuthorCtx {
        facts: &facts,
        after: &after,
    });
    article.authors = authors.authors;
    article.agencies = with_text_agencies(authors.agencies, &article.text);

    article.language = page_language(dom, (&page, &ld), &article.text);

    // Images.
    article.images = choose_images(dom, &page, &ld, h1, base.or(article.url.as_deref()));
}

/// The agencies named in bylines (`agencies`), then those credited in `text`.
fn with_text_agencies(mut agencies: Vec<String>, text: &str) -> Vec<String> {
    for a in agencies::from_text(text) {
        if !agencies.contains(&a) {
            agencies.push(a);
        }
    }
    agencies
}

/// The page's language: detected in the article's `text` (the body's visible text when the
/// article is short), the declared language the tie-breaker.
fn page_language(dom: &Dom, (page, ld): (&Page, &jsonld::LdInfo), text: &str) -> Option<String> {
    let declared = ld
        .language
        .as_deref()
        .or(page.html_lang.as_deref())
        .or_else(|| page.meta(&["content-language", "og:locale", "dc.language", "language"]))
        .and_then(language::primary);
    let body_text;
    let text = if text.chars().count() >= 200 {
        text
    } else {
        body_text = page
            .body
            .map(|b| visible_text(dom, b, 4000))
            .unwrap_or_default();
        body_text.as_str()
    };
    language::detect(text, declared.as_deref())
}

/// The page's canonical URL (canonical link, og:url, JSON-LD url), resolved against the
/// page URL `base`; only an absolute http(s) one.
fn canonical_url(page: &Page, ld: &jsonld::LdInfo, base: Option<&str>) -> Option<String> {
    page.canonical
        .as_deref()
        .or_else(|| page.meta(&["og:url", "twitter:url"]))
        .or(ld.url.as_deref())
        .filter(|u| !u.trim().is_empty())
        .map(|u| resolve_url(u, base))
        .filter(|c| c.starts_with("http"))
}

/// The visible lines after the headline (else from the article's or the body's top):
/// bylines and datelines live there.
fn lines_after_headline(dom: &Dom, page: &Page, h1: Option<NodeId>) -> Vec<(NodeId, String)> {
    let anchor = h1.or_else(|| page.articles.first().copied()).or(page.body);
    anchor.map(|a| lines_after(dom, a, 900)).unwrap_or_default()
}

/// What the date sources read: the lines after the headline (without one, the lines from
/// the top of the article or body) and before it, the page URL, the reference time.
fn date_context<'a>(
    dom: &'a Dom,
    (page, ld): (&'a Page, &'a jsonld::LdInfo),
    h1: Option<NodeId>,
    after: &[(NodeId, String)],
    url: Option<&str>,
    options: &Options,
) -> dates::DateCtx<'a> {
    let now = options.reference_time.unwrap_or_else(current_time);
    let anchor = h1.or_else(|| page.articles.first().copied()).or(page.body);
    let inside = match (h1, anchor) {
        (None, Some(a)) => Some(lines_inside(dom, a, 900)),
        _ => None,
    };
    let before = h1.map(|a| lines_before(dom, a, 300)).unwrap_or_default();
    let lines = dates::Lines {
        after: inside.as_deref().unwrap_or(after),
        before: &before,
    };
    dates::DateCtx::new(
        (dom, page, ld),
        h1,
        lines,
        url,
        (now, options.reference_time),
    )
}

/// For `klartext explain`: the metadata fields chosen from declared tables of sources (the
/// site name, the title, the description, the authors, the dates), each with every
/// candidate found, its source, and the one chosen, read as [`fill`] reads them
/// (`selection` and `text`: what the extractor kept).
pub fn explain(
    doc: &Document,
    options: &Options,
    selection: Option<&Selection>,
    text: &str,
) -> Vec<crate::explain::FieldReport> {
    let dom = &doc.dom;
    let page = Page::collect(dom);
    let ld = jsonld::read(&page.jsonld);
    let canonical = canonical_url(&page, &ld, options.url.as_deref());
    let host = canonical
        .as_deref()
        .or(options.url.as_deref())
        .and_then(host_of)
        .map(str::to_string);
    let given_title = doc.title.clone();
    let mut facts = Facts::gather(doc, (&page, &ld), selection, host, (text, given_title));
    let mut reports = vec![site::report(&facts)];
    facts.site_name = site::choose(&facts).value;
    reports.push(title::report(&facts));
    facts.title = title::choose(&facts).value;
    reports.push(description::report(&facts));
    let url = options.url.clone().or(canonical);
    let after = lines_after_headline(dom, &page, facts.h1);
    reports.push(bylines::report(&bylines::AuthorCtx {
        facts: &facts,
        after: &after,
    }));
    let ctx = date_context(dom, (&page, &ld), facts.h1, &after, url.as_deref(), options);
    reports.extend(dates::report(&ctx));
    reports
}

fn current_time() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(i64::MAX / 4)
}

/// The host of an absolute URL.
pub(crate) fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// Resolves `href` against `base` (absolute, scheme-relative, root-relative, relative).
pub fn resolve_url(href: &str, base: Option<&str>) -> String {
    let h = href.trim();
    if h.starts_with("http://") || h.starts_with("https://") || h.starts_with("data:") {
        return h.to_string();
    }
    let Some(base) = base else {
        return h.to_string();
    };
    let Some((scheme, rest)) = base.split_once("://") else {
        return h.to_string();
    };
    if let Some(r) = h.strip_prefix("//") {
        return format!("{scheme}://{r}");
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..host_end]);
    if h.starts_with('/') {
        return format!("{origin}{h}");
    }
    let path = rest[host_end..].split(['?', '#']).next().unwrap_or("");
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    if h.starts_with('?') || h.starts_with('#') {
        return format!("{origin}{path}{h}");
    }
    format!("{origin}{dir}{h}")
}

/// "Gespeichert von rasos am 24. Juli 2017": a post's footer below the text, with a verb
/// that vouches for the user name (not in comments or page furniture).
fn posted_by_further_down(dom: &Dom, page: &Page, h1: Option<NodeId>) -> Option<String> {
    let anchor = h1
        .or_else(|| page.articles.first().copied())
        .or(page.body)?;
    let lines: Vec<String> = lines_after(dom, anchor, 100_000)
        .into_iter()
        .filter(|(n, _)| {
            !dom.ancestors(*n).any(|a| {
                is_comment_container(dom, a) || matches!(dom.tag(a), "nav" | "aside" | "form")
            })
        })
        .map(|(_, l)| l)
        .collect();
    handle_before_date(&lines.join(" "), true)
}

/// The names in the first byline element (class or rel "author", "byline", a vCard, a link
/// to an author page) that holds any, nearest after the headline first. `full_only` takes
/// only names that look like "First Last".
fn byline_elements(
    dom: &Dom,
    page: &Page,
    h1: Option<NodeId>,
    full_only: bool,
    note_agencies: &mut dyn FnMut(&str),
) -> Option<Vec<String>> {
    let h1_index = h1.map_or(0, |h| h.index());
    let mut bylines: Vec<NodeId> = page.bylines.clone();
    bylines.sort_by_key(|b| {
        let i = b.index();
        if i >= h1_index {
            i - h1_index
        } else {
            (h1_index - i) * 4
        }
    });
    for b in bylines.into_iter().take(40) {
        // Page furniture, but an entry footer inside the article holds the byline; and
        // not a commenter ("comment-author vcard" in the comment list).
        let in_article = dom.ancestors(b).any(|a| dom.tag(a) == "article");
        let in_comment = std::iter::once(b)
            .chain(dom.ancestors(b))
            .any(|a| is_comment_container(dom, a));
        if in_comment
            || dom.ancestors(b).any(|a| match dom.tag(a) {
                "nav" | "aside" => true,
                "footer" => !in_article,
                _ => false,
            })
        {
            continue;
        }
        // "fn" names a person only in a vCard; an hRecipe's or hProduct's "fn" is the
        // item's name ("<h1 class=fn>Porridge mit Apfel</h1>").
        let class = dom.attr(b, "class").unwrap_or("");
        if class.split_whitespace().any(|c| c == "fn") && !is_vcard_name(dom, b) {
            continue;
        }
        let text = visible_text(dom, b, 300);
        if text.is_empty() || text.chars().count() > 200 {
            continue;
        }
        // A link to an author page, or a vCard name: its text is the name as it stands.
        let link = (dom.tag(b) == "a"
            && (dom
                .attr(b, "rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("author"))
                || dom.attr(b, "href").is_some_and(|h| {
                    h.contains("/author/") || h.contains("/autor/") || h.contains("/autoren/")
                })))
            || class.split_whitespace().any(|c| c == "fn")
            || profile_link_only(dom, b, &text);
        note_agencies(&text);
        let names = authors::split_names(&text, full_only || !link);
        if !names.is_empty() {
            return Some(names);
        }
    }
    None
}

/// A label that names the writer wherever it stands: "Autor", "Autorin:", "Verfasser:",
/// "Text:", "Von:", "Redaktion:" (the short ones only with a colon).
static EXPLICIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:autor(?:in|en|innen)?|authors?|verfasser(?:in)?)(?-u:\b)\s*:?|(?:text|von|redaktion|by|written\s+by)\s*:)",
    )
    .expect("static regex")
});

/// The names after an explicit label anywhere in the visible text after the headline (not
/// in navigation, asides, comments or the page footer): the byline some pages print at the
/// article's end or in a box beside it.
fn labelled_byline(
    dom: &Dom,
    page: &Page,
    h1: Option<NodeId>,
    note_agencies: &mut dyn FnMut(&str),
) -> Option<Vec<String>> {
    let anchor = h1
        .or_else(|| page.articles.first().copied())
        .or(page.body)?;
    // The lines just above the headline (a dateline "05.02.2020 – Redaktion: …"), then
    // those after it.
    let mut lines: Vec<(NodeId, String)> =
        h1.map(|h| lines_before(dom, h, 200)).unwrap_or_default();
    lines.reverse();
    let before = lines.len();
    lines.extend(lines_after(dom, anchor, 100_000));
    for (i, (node, line)) in lines.iter().enumerate() {
        let line = line.trim_matches(|c: char| !c.is_alphanumeric() && c != ':');
        let Some(label) = EXPLICIT_LABEL.find(line) else {
            continue;
        };
        if line.chars().count() > 120 {
            continue;
        }
        let in_article = dom.ancestors(*node).any(|a| dom.tag(a) == "article");
        let furniture = dom.ancestors(*node).any(|a| {
            is_comment_container(dom, a)
                || match dom.tag(a) {
                    "nav" | "aside" | "form" => true,
                    "footer" => !in_article,
                    _ => false,
                }
        });
        if furniture {
            continue;
        }
        let text = if line[label.end()..].trim().is_empty() {
            // (The last line above the headline is followed by the headline itself.)
            let next = if i + 1 == before {
                ""
            } else {
                lines.get(i + 1).map_or("", |l| l.1.as_str())
            };
            format!("{line} {next}")
        } else {
            line.to_string()
        };
        note_agencies(&text);
        let names = authors::split_names(&text, true);
        if !names.is_empty() {
            return Some(names);
        }
    }
    None
}

/// Whether a `class="fn"` element is a person's name: inside (or itself) a vCard or an
/// author element, not a headline.
fn is_vcard_name(dom: &Dom, id: NodeId) -> bool {
    if matches!(dom.tag(id), "h1" | "h2" | "h3") {
        return false;
    }
    std::iter::once(id)
        .chain(dom.ancestors(id))
        .take(8)
        .any(|a| {
            let c = dom.attr(a, "class").unwrap_or("").to_ascii_lowercase();
            let rel = dom.attr(a, "rel").unwrap_or("");
            c.contains("vcard")
                || c.contains("h-card")
                || c.contains("author")
                || c.contains("byline")
                || rel.eq_ignore_ascii_case("author")
        })
}

/// The names of a link to an author page (rel=author, "/author/…") close under the
/// headline, outside comments and page furniture.
fn author_link_under_headline(dom: &Dom, page: &Page, h1: Option<NodeId>) -> Option<Vec<String>> {
    let h = h1?.index();
    page.bylines
        .iter()
        .filter(|b| b.index() > h && b.index() < h + 300 && dom.tag(**b) == "a")
        .filter(|&&b| {
            dom.attr(b, "rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("author"))
                || dom.attr(b, "href").is_some_and(|h| {
                    h.contains("/author/") || h.contains("/autor/") || h.contains("/autoren/")
                })
        })
        .find(|&&b| {
            !dom.ancestors(b).any(|a| {
                is_comment_container(dom, a) || matches!(dom.tag(a), "nav" | "aside" | "footer")
            })
        })
        .map(|&b| authors::split_names(&visible_text(dom, b, 200), false))
        .filter(|names| !names.is_empty() && names.iter().all(|n| !authors::is_non_person(n)))
}

/// Whether an element holds a comment or the comment list ("comment", "comment-author",
/// "comments-area", "commentlist", id "comment-42"), by its class or id words: not
/// "commenting-on-qna" around a whole page.
fn is_comment_container(dom: &Dom, id: NodeId) -> bool {
    let words = |v: &str| -> bool {
        v.split_whitespace().any(|t| {
            let t = t.to_ascii_lowercase();
            t == "comment"
                || t == "comments"
                || t == "commentlist"
                || t.starts_with("comment-")
                || t.starts_with("comments-")
                || t.starts_with("comment_")
                || t.ends_with("-comment")
                || t.ends_with("-comments")
        })
    };
    dom.attr(id, "class").is_some_and(words) || dom.attr(id, "id").is_some_and(words)
}

/// Whether the byline element's whole text is one link to a user's or writer's page
/// ("<span class=author><a href=/user,profile,30,lars.html>Lars</a></span>"): its text is
/// the name as the site prints it, one word or more.
fn profile_link_only(dom: &Dom, b: NodeId, text: &str) -> bool {
    let mut links = dom.descendants(b).take(40).filter(|&d| dom.tag(d) == "a");
    let (Some(a), None) = (links.next(), links.next()) else {
        return false;
    };
    let profile = dom.attr(a, "href").is_some_and(|h| {
        let h = h.to_ascii_lowercase();
        [
            "/author/",
            "/autor/",
            "/autoren/",
            "/user",
            "profil",
            "/members/",
            "/redaktion/",
        ]
        .iter()
        .any(|p| h.contains(p))
    });
    profile && visible_text(dom, a, 200) == text
}

static DATE_THEN_HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.{6,40}?)\s+(?:von|by)\s+(\p{Lu}[\p{L}\d_.-]{1,29})$").expect("static regex")
});

/// The user name of a line that is only a date and "von NAME" ("06.11.2023 13:30 von Greta").
fn handle_after_date(line: &str) -> Option<String> {
    let c = DATE_THEN_HANDLE.captures(line.trim())?;
    let (head, name) = (c.get(1)?.as_str(), c.get(2)?.as_str());
    let only_date = dates::find_all(head)
        .first()
        .is_some_and(|f| f.start == 0 && head[f.end..].trim().is_empty());
    (only_date && !authors::is_non_person(name)).then(|| name.to_string())
}

static HANDLE_THEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|\s)((?:posted|written|gespeichert|verfasst|veröffentlicht)\s+)?(?:von|by)\s+([\p{L}\d_.-]{2,30})\s*(?:\s(?:am|on)\s+|[·|•,]\s*|\s)",
    )
    .expect("static regex")
});

/// How much text after a user name [`handle_before_date`] reads for its date.
const DATE_HEAD: usize = 512;

/// The first `max` bytes of `s` or fewer, cut at a char boundary.
fn head(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The one-word user name of "by NAME DATE": the date right after it says it is a post's
/// byline, not a phrase of the text.
fn handle_before_date(text: &str, verb_only: bool) -> Option<String> {
    HANDLE_THEN_DATE.captures_iter(text).find_map(|c| {
        let (name, whole) = (c.get(2)?, c.get(0)?);
        // Only a date right at the start counts, and none is written anywhere near
        // `DATE_HEAD` bytes long: the date forms are read on that head, not on the rest
        // of the text for every match.
        let rest = head(&text[whole.end()..], DATE_HEAD);
        let dated = dates::find_all(rest).first().is_some_and(|f| f.start == 0);
        let n = name.as_str().trim_end_matches(['.', '-']);
        let word = n.chars().next().is_some_and(char::is_alphanumeric);
        // After a bare "by"/"von" a lower-case word is more likely text ("by the 12.03.
        // deadline") than a user name; "Posted by" and the like vouch for it.
        let handle_like = c.get(1).is_some()
            || (!verb_only
                && n.chars()
                    .any(|ch| ch.is_uppercase() || ch.is_ascii_digit() || ch == '_'));
        (dated && word && handle_like && !authors::is_non_person(n)).then(|| n.to_string())
    })
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:von:?|by:?|par|por|text:|autor(?:in)?:|author:|redaktion:|(?:ein\s+|blog\s*)?(?:artikel|beitrag|kommentar|gastbeitrag|interview|bericht|pressemitteilung)\s+von|(?:geschrieben|verfasst|veröffentlicht|written|posted)\s+(?:von|by))\s+\S",
    )
    .expect("static regex")
});

static BYLINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:von|by|par|por|text|autor(?:in)?|autoren|author|redaktion|(?:ein\s+|blog\s*)?(?:artikel|beitrag|kommentar|gastbeitrag|interview|bericht|pressemitteilung)\s+von|(?:geschrieben|verfasst|veröffentlicht|written|posted)\s+(?:von|by))\s*:?$",
    )
    .expect("static regex")
});

/// Professional titles printed before a name in bylines ("Rechtsanwalt Sebastian Einbock").
const TITLES: &[&str] = &[
    "Rechtsanwalt",
    "Rechtsanwältin",
    "Fachanwalt",
    "Fachanwältin",
    "Notar",
];

fn visible_byline(
    lines: &[(NodeId, String)],
    note_agencies: &mut dyn FnMut(&str),
) -> Option<Vec<String>> {
    for (i, (_, line)) in lines.iter().enumerate().take(60) {
        let line = line.trim_matches(|c: char| !c.is_alphanumeric() && c != ':');
        let text = if BYLINE_LABEL.is_match(line) {
            // The name follows in the next text nodes, maybe after a title.
            let mut next: Vec<&str> = lines
                .iter()
                .skip(i + 1)
                .take(2)
                .map(|l| l.1.as_str())
                .collect();
            if next.first().is_some_and(|n| TITLES.contains(n)) {
                next.remove(0);
            }
            format!("{line} {}", next.first().copied().unwrap_or(""))
        } else if BYLINE.is_match(line) {
            line.to_string()
        } else {
            continue;
        };
        note_agencies(&text);
        let names = authors::split_names(&text, true);
        if !names.is_empty() {
            return Some(names);
        }
    }
    None
}

fn choose_images(
    dom: &Dom,
    page: &Page,
    ld: &jsonld::LdInfo,
    h1: Option<NodeId>,
    base: Option<&str>,
) -> Vec<Image> {
    let resolve = |u: &str| resolve_url(u, base);
    let mut out: Vec<Image> = Vec::new();
    let lead = page
        .meta(&[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
        ])
        .map(str::to_string)
        .or_else(|| ld.images.first().cloned());
    if let Some(l) = lead.filter(|l| !l.is_empty()) {
        out.push(Image {
            url: resolve(&l),
            caption: page
                .meta(&["og:image:alt", "twitter:image:alt"])
                .map(collapse),
            credit: None,
        });
    }
    // Figures in the article: inside the <article> holding the headline, else the first
    // <article>, else anywhere outside page furniture.
    let container = h1
        .and_then(|h| dom.ancestors(h).find(|a| dom.tag(*a) == "article"))
        .or_else(|| page.articles.first().copied());
    for &f in page.figures.iter().take(60) {
        if let Some(c) = container {
            if !dom.ancestors(f).any(|a| a == c) {
                continue;
            }
        }
        if dom
            .ancestors(f)
            .any(|a| matches!(dom.tag(a), "nav" | "aside" | "footer" | "header"))
        {
            continue;
        }
        let Some(img) = images::figure(dom, f, &resolve) else {
            continue;
        };
        let stem = |u: &str| {
            u.split(['?', '#'])
                .next()
                .unwrap_or(u)
                .rsplit('/')
                .next()
                .unwrap_or(u)
                .to_string()
        };
        if let Some(existing) = out.iter_mut().find(|i| stem(&i.url) == stem(&img.url)) {
            if existing.caption.is_none() || existing.credit.is_none() {
                existing.caption = img.caption.or(existing.caption.take());
                existing.credit = img.credit.or(existing.credit.take());
            }
            continue;
        }
        out.push(img);
        if out.len() >= 20 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::dates::Date;
    use super::*;

    #[test]
    fn a_user_name_needs_its_date_right_after_it() {
        let tail = " Lorem ipsum dolor sit amet.".repeat(40);
        let dated = format!("Geschrieben von Marianne1 am 20.09.2020{tail} 21.09.2020");
        assert_eq!(
            handle_before_date(&dated, false).as_deref(),
            Some("Marianne1")
        );
        let undated = format!("Geschrieben von Marianne1 am{tail} 21.09.2020");
        assert_eq!(handle_before_date(&undated, false), None);
        assert_eq!(head("äöü", 3), "ä");
        assert_eq!(head("ab", 10), "ab");
    }

    pub(crate) fn run(html: &str, url: Option<&str>) -> Article {
        let options = Options {
            url: url.map(str::to_string),
            reference_time: Date::ymd(2025, 12, 1).map(|d| d.timestamp()),
            ..Options::default()
        };
        let doc = Document::from_html(html, &options.limits, None);
        let mut article = Article {
            url: options.url.clone(),
            ..Article::default()
        };
        fill(&doc, &options, &mut article);
        article
    }

    #[test]
    fn german_news_page() {
        let html = r#"<html lang="de"><head><title>Streik legt Bahn lahm | Tagesblatt</title>
        <meta property="og:site_name" content="Tagesblatt">
        <meta property="og:title" content="Streik legt Bahn lahm">
        <meta name="description" content="Der Bahnverkehr steht still.">
        <meta property="og:image" content="/bilder/streik.jpg">
        <link rel="canonical" href="/politik/streik-100.html">
        </head><body><article><h1>Streik legt Bahn lahm</h1>
        <p class="byline">Von Anna Berger und Jonas Weber, Berlin</p>
        <p>Stand: 30.11.2025, 14:03 Uhr</p>
        <figure><img src="/bilder/gleis.jpg"><figcaption>Leere Gleise in Köln. Foto: Tom Hill</figcaption></figure>
        <p>Berlin (dpa) - Die Lokführer streiken.</p></article></body></html>"#;
        let a = run(html, Some("https://www.tagesblatt.de/politik/index.html"));
        assert_eq!(a.title.as_deref(), Some("Streik legt Bahn lahm"));
        assert_eq!(a.site_name.as_deref(), Some("Tagesblatt"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://www.tagesblatt.de/politik/streik-100.html")
        );
        assert_eq!(
            a.description.as_deref(),
            Some("Der Bahnverkehr steht still.")
        );
        assert_eq!(a.authors, vec!["Anna Berger", "Jonas Weber"]);
        assert_eq!(a.date_modified.as_deref(), Some("2025-11-30T14:03:00"));
        assert_eq!(a.date_published.as_deref(), Some("2025-11-30T14:03:00"));
        assert_eq!(a.language.as_deref(), Some("de"));
        assert_eq!(a.images.len(), 2);
        assert_eq!(
            a.images[0].url,
            "https://www.tagesblatt.de/bilder/streik.jpg"
        );
        assert_eq!(
            a.images[1].caption.as_deref(),
            Some("Leere Gleise in Köln.")
        );
        assert_eq!(a.images[1].credit.as_deref(), Some("Tom Hill"));
    }

    #[test]
    fn english_news_page_with_jsonld() {
        let html = r#"<html lang="en"><head><title>Senate passes bill - The Daily Planet</title>
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
        "headline":"Senate passes bill","datePublished":"2025-11-30T14:03:00-05:00",
        "dateModified":"2025-11-30T18:00:00-05:00",
        "author":[{"@type":"Person","name":"By Jane Doe and Tom Hill"},{"@type":"Organization","name":"Associated Press"}],
        "publisher":{"@type":"Organization","name":"The Daily Planet"}}</script>
        </head><body><h1>Senate passes bill</h1><p>WASHINGTON (AP) — The Senate voted.</p></body></html>"#;
        let a = run(html, None);
        assert_eq!(a.title.as_deref(), Some("Senate passes bill"));
        assert_eq!(a.authors, vec!["Jane Doe", "Tom Hill"]);
        assert_eq!(
            a.date_published.as_deref(),
            Some("2025-11-30T14:03:00-05:00")
        );
        assert_eq!(
            a.date_modified.as_deref(),
            Some("2025-11-30T18:00:00-05:00")
        );
        assert_eq!(a.site_name.as_deref(), Some("The Daily Planet"));
        assert_eq!(a.agencies, vec!["AP"]);
    }

    #[test]
    fn visible_dates_and_bylines() {
        let html = r#"<html><body><h1>Hafen wird ausgebaut</h1>
        <div>Veröffentlicht am 28. November 2025, 09:15 Uhr</div>
        <div>Aktualisiert am 29.11.2025</div>
        <p>Von Jonas Weber</p><p>Der Hafen wächst.</p></body></html>"#;
        let a = run(html, None);
        assert_eq!(a.date_published.as_deref(), Some("2025-11-28T09:15:00"));
        assert_eq!(a.date_modified.as_deref(), Some("2025-11-29"));
        assert_eq!(a.authors, vec!["Jonas Weber"]);
    }

    #[test]
    fn english_visible_byline_and_date() {
        let html = r#"<html><body><header><h1>Logo</h1></header><main><h1>City council approves budget</h1>
        <span class="author">By Jane Doe, Staff Writer</span><span class="date">Nov. 30, 2025 at 2:03 p.m. EST</span>
        <p>The council voted.</p><p>Text.</p><p>(Reuters/dpa)</p></main></body></html>"#;
        let mut a = run(html, None);
        assert_eq!(a.title.as_deref(), Some("City council approves budget"));
        assert_eq!(a.authors, vec!["Jane Doe"]);
        assert_eq!(
            a.date_published.as_deref(),
            Some("2025-11-30T14:03:00-05:00")
        );
        a.text = "The council voted.\n\nText. (Reuters/dpa)".into();
        assert_eq!(agencies::from_text(&a.text), vec!["Reuters", "dpa"]);
    }

    #[test]
    fn english_labels_keep_published_and_modified_apart() {
        let html = r#"<html lang="en-US"><body><h1>Port expansion approved by council</h1>
        <p>Published: Nov. 28, 2025</p><p>Updated: Nov. 29, 2025 at 2:03 p.m. EST</p>
        <p>By Jane Doe</p></body></html>"#;
        let a = run(html, None);
        assert_eq!(a.date_published.as_deref(), Some("2025-11-28"));
        assert_eq!(
            a.date_modified.as_deref(),
            Some("2025-11-29T14:03:00-05:00")
        );
        assert_eq!(a.authors, vec!["Jane Doe"]);
    }

    #[test]
    fn forum_opening_post_wins() {
        let html = r#"<html><head><script type="application/ld+json">[
        {"@type":"DiscussionForumPosting","headline":"Best camera?","datePublished":"2025-08-26T10:00:00Z","author":{"@type":"Person","name":"Joe Root"}},
        {"@type":"DiscussionForumPosting","headline":"Re: Best camera?","datePublished":"2025-09-01T10:00:00Z","author":{"@type":"Person","name":"Ann Other"}}]</script>
        </head><body><h1>Best camera?</h1></body></html>"#;
        let a = run(html, None);
        assert_eq!(
            a.date_published.as_deref(),
            Some("2025-08-26T10:00:00+00:00")
        );
        assert_eq!(a.authors, vec!["Joe Root"]);
    }

    #[test]
    fn meta_properties_and_lead() {
        let html = r#"<html><head><meta property="dc:description og:description" content="Preferred description">
        <meta name="description" content="Other"><meta name="author" content="Anna Berger">
        </head><body><h1>Headline here</h1></body></html>"#;
        let a = run(html, None);
        assert_eq!(a.description.as_deref(), Some("Preferred description"));
        let options = Options::default();
        let doc = Document::from_html(
            "<html><body><h1>Kurz</h1></body></html>",
            &options.limits,
            None,
        );
        let mut article = Article {
            text: "Kurz\n\nDer erste Absatz ist der Vorspann.\n\nDann mehr.".into(),
            ..Article::default()
        };
        fill(&doc, &options, &mut article);
        assert_eq!(
            article.description.as_deref(),
            Some("Der erste Absatz ist der Vorspann.")
        );
    }

    #[test]
    fn byline_label_with_name_in_next_node_and_kicker() {
        let html = r#"<html><head><meta property="og:title" content="Interne Unterlagen im Netz Daten von Rheinmetall gehackt"></head>
        <body><h1><span class="topline">Interne Unterlagen im Netz</span> <span>Daten von Rheinmetall gehackt</span></h1>
        <div class="metaInfo">Ein Artikel von <strong>Pamela Sladky</strong> | 27.01.2022 - 12:45</div></body></html>"#;
        let a = run(html, None);
        assert_eq!(a.title.as_deref(), Some("Daten von Rheinmetall gehackt"));
        assert_eq!(a.authors, vec!["Pamela Sladky"]);
        assert_eq!(a.date_published.as_deref(), Some("2022-01-27T12:45:00"));
    }

    #[test]
    fn byline_dates_and_generic_date_meta() {
        // "von NAME · DATE" under the headline is the publication, not a sidebar <time>.
        let html = r#"<html lang="de"><body><h1>Intendanten-Wechsel beim Sender</h1>
        <p>von eseppelt · 31. Oktober 2023</p><p>An der Spitze steht ein Wechsel bevor.</p>
        <aside><time class="published" datetime="2020-12-03">3. Dezember 2020</time></aside></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2023-10-31")
        );
        // A bare "date" meta later than the date printed under the headline is the last change.
        let html = r#"<html lang="de"><head><meta name="date" content="2020-02-12"></head>
        <body><h1>Lieferketten fair gestalten</h1><p>05.02.2020 - Redaktion: Eberhard Fuhr</p>
        <p>Der Text.</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2020-02-05")
        );
        // An explicit publication meta is not overruled that way.
        let html = r#"<html lang="de"><head><meta property="article:published_time" content="2020-02-12"></head>
        <body><h1>Lieferketten fair gestalten</h1><p>Termin: 05.02.2020</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2020-02-12")
        );
        // French and forum labels.
        let html = r#"<html lang="fr"><body><h1>La doctrine du maintien de l'ordre</h1>
        <p>2 juillet 2019 10h30 Café</p><p>Publié le 29 juin 2019</p></body></html>"#;
        assert_eq!(
            run(html, None).date_published.as_deref(),
            Some("2019-06-29")
        );
    }

    #[test]
    fn site_named_bylines_yield_to_persons() {
        // The meta author is the site itself: the visible byline names the writer.
        let html = r#"<html lang="de"><head><meta property="og:site_name" content="Die Abendpost">
        <meta name="author" content="Die Abendpost"></head><body><h1>Warum wir Geduld brauchen</h1>
        <p>Von Anna Berger</p><p>Der Text beginnt hier.</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Anna Berger"]);
        // No person anywhere: the site's name is what the page gives.
        let html = r#"<html lang="de"><head><meta property="og:site_name" content="Die Abendpost">
        <meta name="author" content="Die Abendpost"></head><body><h1>Warum wir Geduld brauchen</h1>
        <p>Der Text beginnt hier.</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Die Abendpost"]);
        let html = r#"<html><head><meta name="author" content="tagesecho.at"></head><body>
        <h1>Prozess geht weiter</h1><p class="byline">By Jane Doe</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Jane Doe"]);
        // The site's name after the writer's.
        let html = r#"<html lang="en"><head><meta property="og:site_name" content="USA TODAY">
        <meta name="author" content="Brian Truitt USA TODAY"></head><body><h1>Movie review</h1></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Brian Truitt"]);
    }

    #[test]
    fn first_name_in_the_meta_completed_by_the_byline() {
        let html = r#"<html lang="de"><head><meta name="author" content="Stefanus"></head><body>
        <h1>Tubeless im Test</h1><p>Von Stefanus Stahl</p><p>Der Text.</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Stefanus Stahl"]);
        // Another writer in the byline does not replace the meta's name.
        let html = r#"<html lang="de"><head><meta name="author" content="Stefanus"></head><body>
        <h1>Tubeless im Test</h1><p>Von Anna Berger</p><p>Der Text.</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Stefanus"]);
    }

    #[test]
    fn user_name_in_the_meta_printed_in_full() {
        let html = r#"<html lang="de"><head><meta name="author" content="anna_berger"></head>
        <body><h1>Warum der Fluss steigt</h1><p>Autorin: <a href="/p/1">Ánna Berger</a></p>
        <p>Der Text.</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Ánna Berger"]);
        // A user name that does not spell the printed name stays.
        let html = r#"<html lang="de"><head><meta name="author" content="flussfan"></head>
        <body><h1>Warum der Fluss steigt</h1><p>Autorin: Anna Berger</p>
        <p>Der Text.</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["flussfan"]);
    }

    #[test]
    fn labelled_bylines_at_the_end_of_the_article() {
        // The last line of the last paragraph (lines joined by <br>).
        let html = r#"<html lang="de"><body><h1>Kein Wohngeld ohne Bewerbung</h1>
        <p>Der Text.</p></body></html>"#;
        let options = Options::default();
        let doc = Document::from_html(html, &options.limits, None);
        let mut article = Article {
            text: "Der Text.\n\nQuelle: Landgericht\nAutor: Rechtsanwalt Jonas Weber".into(),
            ..Article::default()
        };
        fill(&doc, &options, &mut article);
        assert_eq!(article.authors, vec!["Jonas Weber"]);
        // A labelled line far below the headline, past paragraphs of text.
        let filler =
            "<p>Ein langer Absatz über die Lage im Land, mit vielen Wörtern.</p>".repeat(30);
        let html = format!(
            r#"<html lang="de"><body><h1>Die Regierung wankt</h1>{filler}
            <p><strong>Autorin: Uta Berger, Projektleiterin in Tunis.</strong></p>
            <h4>Autor</h4><p><a href="/profil/2">Tom Hill</a></p>
            <div class="comments"><p>Autor: Hans Meier</p></div></body></html>"#
        );
        assert_eq!(run(&html, None).authors, vec!["Uta Berger"]);
        let html = format!(
            r#"<html lang="de"><body><h1>Die Regierung wankt</h1>{filler}
            <h4>Autor</h4><p><a href="/profil/2">Tom Hill</a></p></body></html>"#
        );
        assert_eq!(run(&html, None).authors, vec!["Tom Hill"]);
        // Not in the comments.
        let html = format!(
            r#"<html lang="de"><body><h1>Die Regierung wankt</h1>{filler}
            <div class="comment-list"><p>Autor: Hans Meier</p></div></body></html>"#
        );
        assert!(run(&html, None).authors.is_empty());
    }

    #[test]
    fn site_names_and_item_names_are_no_writers() {
        // The meta's author is the site as the title names it; the byline names the writer.
        let html = r#"<html lang="de"><head><title>Gelassen durch den Winter | Die FLUSSZEITUNG</title>
        <meta name="author" content="Die FLUSSZEITUNG"></head><body><h1>Gelassen durch den Winter</h1>
        <div class="author"><a rel="author" href="/autor/anna-berger">Anna Berger</a></div>
        <p>Der Text.</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Anna Berger"]);
        // "Jobs & Hire" is the site's name as a whole, not two writers.
        let html = r#"<html lang="en"><head><meta property="og:site_name" content="Jobs & Hire">
        <meta name="author" content="Jobs &amp; Hire"></head><body><h1>Health plans compared</h1>
        <div class="wrote_by">By&nbsp;<a href="/reporters/jane-doe">Jane Doe</a></div>
        <p>The text.</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Jane Doe"]);
        // An hRecipe's "fn" is the dish, not a person.
        let html = r#"<html lang="de"><body><div class="hrecipe">
        <h1 class="fn title">Haferbrei mit Birne und Zimt</h1><p>Das Rezept.</p></div>
        </body></html>"#;
        assert!(run(html, None).authors.is_empty());
    }

    #[test]
    fn persons_mentioned_in_the_text_are_no_writers() {
        let html = r#"<html lang="de"><body><h1>Auktion für die Kirche</h1>
        <p>Rund 300 000 Euro haben wir schon, erklärt der Pastor kurz vor Beginn der Auktion an
        der Seite von Pastorin <span itemscope itemtype="http://schema.org/Person"><meta
        itemprop="name" content="Dagmar Beispiel">Dagmar Beispiel</span>. Die Besucher haben
        derweil Zeit, das Sammelsurium zu inspizieren.</p>
        <p><em>Von <span itemscope itemtype="http://schema.org/Person"><meta itemprop="name"
        content="Anna Berger">Anna Berger</span></em></p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Anna Berger"]);
    }

    #[test]
    fn byline_in_the_first_lines_of_the_text() {
        let html = r#"<html lang="de"><head><meta name="author" content="Bund der Fluss e.V. ">
        </head><body><div class="x">Energiepreise</div></body></html>"#;
        let options = Options::default();
        let doc = Document::from_html(html, &options.limits, None);
        let mut article = Article {
            text: "Energiepreise im Winter\n\nVon Anna Berger\n\nDie Preise steigen.".into(),
            ..Article::default()
        };
        fill(&doc, &options, &mut article);
        assert_eq!(article.authors, vec!["Anna Berger"]);
    }

    #[test]
    fn post_author_link_beats_the_blogs_meta_author() {
        let html = r#"<html lang="de"><head><meta name="author" content="Anna Berger"></head>
        <body><h2>Linkliste</h2><h1>Podcasts einbinden</h1>
        <p class="date">Erstellt von <a href="https://blog.example/author/jonas/">Jonas</a> am 6. Mai 2014</p>
        <p>Der Text.</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Jonas"]);
        // A commenter's author link is not the post's.
        let html = r#"<html lang="de"><head><meta name="author" content="Anna Berger"></head>
        <body><h1>Podcasts einbinden</h1><p>Der Text.</p>
        <ol class="comment-list"><li class="comment"><a href="/author/tom/">Tom Hill</a></li></ol>
        </body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Anna Berger"]);
    }

    #[test]
    fn commenters_are_no_bylines() {
        let html = r#"<html lang="de"><body><section class="commenting-on-qna">
        <h1>Die Regierung wankt</h1><p>Der Text.</p>
        <div class="author-name"><a href="/users/jonas">Jonas Weber</a></div>
        <ol class="comment-list"><li class="comment"><div class="comment-author vcard">
        <b class="fn">Kerstin Leserin</b> sagt:</div></li></ol></section></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Jonas Weber"]);
        let html = r#"<html lang="de"><body><h1>Die Regierung wankt</h1><p>Der Text.</p>
        <ol class="comment-list"><li class="comment"><div class="comment-author vcard">
        <b class="fn">Kerstin Leserin</b> sagt:</div></li></ol></body></html>"#;
        assert!(run(html, None).authors.is_empty());
    }

    #[test]
    fn profile_links_and_datelines_above_the_headline() {
        // A byline element that is one link to the user's profile: a one-word name too.
        let html = r#"<html lang="de"><body><h1>Anno 1800 angespielt</h1><div id="meta">
        <span class="author"><a href="/user,profile,30,lars.html">Lars</a></span></div>
        <p>Der Text.</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Lars"]);
        let html = r#"<html lang="de"><body><h1>Anno 1800 angespielt</h1><div id="meta">
        <span class="author">Lars</span></div><p>Der Text.</p></body></html>"#;
        assert!(run(html, None).authors.is_empty());
        // "Redaktion: …" in the dateline above the headline.
        let html = r#"<html lang="de"><body><div class="news-single-timedata">05.02.2020
        <span>-&nbsp;Redaktion: Jonas Weber (Pressesprecher des Jugendwerks)</span></div>
        <h1>Faire Lieferketten</h1><p>Der Text.</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Jonas Weber"]);
    }

    #[test]
    fn post_footer_with_user_name_below_the_text() {
        let filler =
            "<p>Ein langer Absatz über eine neue Währung, mit vielen Wörtern.</p>".repeat(20);
        let html = format!(
            r#"<html lang="de"><body><h1>Faircoin erklärt</h1>{filler}
            <div class="submitted">Gespeichert von <span class="username">rasos</span> am 24. Juli 2017 - 18:55</div>
            </body></html>"#
        );
        assert_eq!(run(&html, None).authors, vec!["rasos"]);
        // Without a verb, "von" before a date is text, not a post's footer.
        let html = format!(
            r#"<html lang="de"><body><h1>Faircoin erklärt</h1>{filler}
            <p>Die Preise von heute am 24. Juli 2017 - 18:55</p></body></html>"#
        );
        assert!(run(&html, None).authors.is_empty());
    }

    #[test]
    fn user_names_with_the_post_date() {
        let html = r#"<html lang="en"><body><h1>Interning of small integers</h1>
        <p>Posted by <a href="/u/k">Konstantin</a> 21.10.2019</p><p>Text of the post.</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Konstantin"]);
        let html = r#"<html lang="de"><body><h1>Tomaten richtig schneiden</h1>
        <p>von <a href="/user/m">Marianne1</a> am 20.09.2020</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Marianne1"]);
        // A phrase of the text is no user name.
        let html = r#"<html lang="en"><body><h1>Tax deadline extended</h1>
        <p>Forms are due by the 12.03.2020 deadline.</p></body></html>"#;
        assert!(run(html, None).authors.is_empty());
    }

    #[test]
    fn descriptions_cut_short_or_placeholders() {
        // Cut mid-sentence in one field, whole in another: the whole teaser.
        let html = r#"<html lang="en"><head>
        <meta name="description" content="The review sums up the drugs that cause the syndrome. The most commonly">
        <meta property="og:description" content="The review sums up the drugs that cause the syndrome. The most commonly named are allopurinol and sulfasalazine.">
        </head><body><h1>Drug reactions</h1></body></html>"#;
        assert_eq!(
            run(html, None).description.as_deref(),
            Some("The review sums up the drugs that cause the syndrome. The most commonly named are allopurinol and sulfasalazine.")
        );
        // A whole sentence, or one cut with "…", stays as the publisher wrote it.
        let html = r#"<html lang="en"><head>
        <meta name="description" content="The hearing was postponed until the spring.">
        <meta property="og:description" content="The hearing was postponed until the spring. More follows.">
        </head><body><h1>Inquest adjourned</h1></body></html>"#;
        assert_eq!(
            run(html, None).description.as_deref(),
            Some("The hearing was postponed until the spring.")
        );
        // A CMS's stand-in is no description.
        let html = r#"<html lang="en"><head>
        <meta property="og:description" content="Visit the post for more.">
        <meta name="twitter:description" content="The team launched a quick new site.">
        </head><body><h1>People behind the code</h1></body></html>"#;
        assert_eq!(
            run(html, None).description.as_deref(),
            Some("The team launched a quick new site.")
        );
    }

    #[test]
    fn descriptions_are_the_articles_teaser_in_plain_text() {
        // The site's blurb names the site and shares nothing with the headline.
        let html = r#"<html lang="de"><head><meta property="og:site_name" content="Hörwinkel">
        <meta name="description" content="Die Hörwinkel - Noch ein Blog über Hörspiele">
        <meta property="og:description" content="Jonas meint, dieser Text sei gar nicht von ihm.">
        </head><body><h1>40 Gründe zum Weiterlesen</h1></body></html>"#;
        assert_eq!(
            run(html, None).description.as_deref(),
            Some("Jonas meint, dieser Text sei gar nicht von ihm.")
        );
        // A description mentioning the site but about the article stays.
        let html = r#"<html lang="de"><head><meta property="og:site_name" content="Stadtfunk">
        <meta name="description" content="Wie Stadtfunk berichtete, sind die Seilbahnen nicht manipuliert worden.">
        </head><body><h1>Seilbahnen nicht manipuliert</h1></body></html>"#;
        assert_eq!(
            run(html, None).description.as_deref(),
            Some("Wie Stadtfunk berichtete, sind die Seilbahnen nicht manipuliert worden.")
        );
        let html = r#"<html><head><meta name="description" content="&lt;p&gt;Die Firma ist laut &lt;em&gt;Radio&lt;/em&gt;-Recherchen betroffen.&lt;br/&gt;&lt;/p&gt;">
        </head><body><h1>Datenleck</h1></body></html>"#;
        assert_eq!(
            run(html, None).description.as_deref(),
            Some("Die Firma ist laut Radio-Recherchen betroffen.")
        );
    }

    #[test]
    fn french_spanish_and_dated_bylines() {
        let html = r#"<html lang="fr"><body><h1>Tribune libre</h1><p>AVOCAT</p><p>Par</p>
        <p><a href="/a/marchal">Lucien Marchal</a></p><p>le 07 Mai 2020</p><p>C’est la guerre.</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Lucien Marchal"]);
        let html = r#"<html lang="es"><body><h1>Cartas al lector</h1><p>Por</p>
        <p>Ramón Ortega @rortega</p><p>mayo 11, 2022</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Ramón Ortega"]);
        let html = r#"<html lang="de"><body><h1>Trennung bei den Meiers</h1>
        <p>06.11.2023 13:30 von Greta</p><p>Die Situation ist angespannt.</p></body></html>"#;
        assert_eq!(run(html, None).authors, vec!["Greta"]);
    }

    #[test]
    fn urls() {
        assert_eq!(
            resolve_url("/a/b", Some("https://x.de/c/d?e")),
            "https://x.de/a/b"
        );
        assert_eq!(
            resolve_url("b.html", Some("https://x.de/c/d.html")),
            "https://x.de/c/b.html"
        );
        assert_eq!(
            resolve_url("//cdn.x.de/i.jpg", Some("https://x.de/")),
            "https://cdn.x.de/i.jpg"
        );
        assert_eq!(
            resolve_url("https://y.de/", Some("https://x.de/")),
            "https://y.de/"
        );
        assert_eq!(host_of("https://www.x.de:8080/a"), Some("www.x.de"));
    }

    const BRIDGE_TEXT: &str = "<p>The city council voted on Monday evening to repair the old \
        bridge over the river before the spring floods, after inspectors found cracks.</p>\
        <p>The repairs will cost about two million dollars and take four months, the city \
        engineer said at the meeting, which ran late into the night.</p>";

    #[test]
    fn no_description_from_a_box_the_extractor_dropped() {
        let html = "<html lang=\"de\"><body><article><h1>Streik bei der Bahn</h1>\
            <div class=\"teaser-box\"><span>Mehr zum Thema</span>\
            <div><a href=\"/a\">Tarifstreit: Was die Gewerkschaft von der Bahn fordert</a></div>\
            <div><a href=\"/b\">Die Bahn legt ein neues Angebot vor und wartet ab</a></div></div>\
            <p>Ein Streik der Lokführer hat am Dienstag große Teile des Fernverkehrs in \
            Deutschland lahmgelegt, wie die Bahn in Berlin mitteilte.</p>\
            <p>Zehntausende Reisende mussten auf andere Verkehrsmittel ausweichen oder ihre \
            Fahrt verschieben, während die Verhandlungen weiter ruhten.</p>{MORE}</article></body></html>";
        let more = "<p>Die Gewerkschaft kündigte an, den Ausstand bis Donnerstag fortzusetzen, \
            falls die Bahn kein neues Angebot vorlege, und nannte die Lage ernst.</p>"
            .repeat(8);
        let html = html.replace("{MORE}", &more);
        // (Not knowing what the extractor dropped, the teaser-named box would be the lead.)
        let blind = run(&html, None).description.unwrap_or_default();
        assert!(blind.starts_with("Mehr zum Thema"), "{blind}");
        let a = run_selected(&html);
        let d = a.description.unwrap_or_default();
        assert!(!d.contains("Mehr zum Thema"), "{d}");
        assert!(d.starts_with("Ein Streik der Lokführer"), "{d}");
    }

    #[test]
    fn a_teaser_keeps_the_spaces_between_its_parts() {
        let html = "<html lang=\"de\"><body><article><h1>Brücke wird saniert</h1>\
            <div class=\"lead\"><h3>Das Wichtigste</h3>Die Stadt saniert die alte Brücke \
            über den Fluss<span>.</span> Die Arbeiten dauern vier Monate.</div>\
            <p>Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss bis \
            zum Frühjahr zu sanieren, nachdem Gutachter Risse gefunden hatten.</p>\
            </article></body></html>";
        let a = run_selected(html);
        assert_eq!(
            a.description.as_deref(),
            Some("Das Wichtigste Die Stadt saniert die alte Brücke über den Fluss. Die Arbeiten dauern vier Monate.")
        );
    }

    #[test]
    fn a_time_with_its_zone_beats_the_date_in_the_url() {
        let html = format!(
            "<html lang=\"en\"><body><article><h1>Council votes on bridge repairs</h1>\
             <time datetime=\"2024-03-04T18:05-05:00\">March 4, 2024, 6:05 PM</time>\
             {BRIDGE_TEXT}</article></body></html>"
        );
        for url in [
            "https://news.example.org/2024/03/04/bridge",
            "https://news.example.org/2024/03/01/bridge",
        ] {
            let a = run(&html, Some(url));
            assert_eq!(
                a.date_published.as_deref(),
                Some("2024-03-04T18:05:00-05:00"),
                "{url}"
            );
        }
        // Nothing better on the page: the URL's date.
        let bare = format!(
            "<html lang=\"en\"><body><article><h1>Council votes on bridge repairs</h1>\
             {BRIDGE_TEXT}</article></body></html>"
        );
        let a = run(&bare, Some("https://news.example.org/2024/03/04/bridge"));
        assert_eq!(a.date_published.as_deref(), Some("2024-03-04"));
    }

    fn run_selected(html: &str) -> Article {
        let options = Options::default();
        let doc = Document::from_html(html, &options.limits, None);
        let selection = crate::classify::classify(&doc);
        let mut article = Article {
            text: crate::render::text(&doc, &selection, options.style),
            ..Article::default()
        };
        fill_selected(&doc, &options, Some(&selection), &mut article);
        article
    }
}
