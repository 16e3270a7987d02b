//! JSON-LD: reads schema.org objects from `application/ld+json` scripts — single objects,
//! arrays, `@graph`, `@id` references — and takes the article's headline, teaser, authors,
//! dates, publisher, images, language and URL from the best article-like object. Broken
//! JSON gets a lenient repair pass (comments, CDATA, raw newlines, trailing commas,
//! concatenated objects) and, failing that, a field-by-field regex read.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

/// A person or organisation credited as author.
#[derive(Debug, Clone, PartialEq)]
pub struct LdAuthor {
    pub name: String,
    /// `Some(false)` for an `Organization`, `Some(true)` for a `Person`.
    pub person: Option<bool>,
}

/// What JSON-LD says about the article.
#[derive(Debug, Default, Clone)]
pub struct LdInfo {
    pub headline: Option<String>,
    pub description: Option<String>,
    pub date_published: Option<String>,
    pub date_modified: Option<String>,
    /// `datePublished` of a non-article object (a `WebPage`), a weaker source.
    pub page_date_published: Option<String>,
    pub page_date_modified: Option<String>,
    pub authors: Vec<LdAuthor>,
    pub publisher: Option<String>,
    pub site_name: Option<String>,
    pub images: Vec<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    /// Whether an article-like object was found.
    pub article: bool,
}

const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "liveblogposting",
    "blogposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "socialmediaposting",
    "discussionforumposting",
    "review",
    "recipe",
    "podcastepisode",
    "howto",
];

fn types(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| t.as_str().map(|s| s.to_ascii_lowercase()))
            .collect(),
        _ => Vec::new(),
    }
}

/// Parses the scripts and extracts the article information.
pub fn read(scripts: &[String]) -> LdInfo {
    let mut values = Vec::new();
    let mut raw_fallback = Vec::new();
    for s in scripts {
        let parsed = parse_lenient(s);
        if parsed.is_empty() {
            raw_fallback.push(s.as_str());
        }
        values.extend(parsed);
    }
    let mut info = from_values(&values);
    for s in raw_fallback {
        regex_fallback(s, &mut info);
    }
    info
}

/// All JSON values in a script, repairing what can be repaired.
pub fn parse_lenient(s: &str) -> Vec<Value> {
    let t = s.trim();
    if let Ok(v) = serde_json::from_str::<Value>(t) {
        return vec![v];
    }
    let mut t = t.to_string();
    for junk in ["<![CDATA[", "]]>", "<!--", "-->", "/*", "*/"] {
        t = t.replace(junk, " ");
    }
    let t = t
        .trim()
        .trim_start_matches("//")
        .trim()
        .trim_end_matches(';');
    // Raw control characters inside strings are the commonest breakage.
    let t: String = t
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    static TRAILING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r",\s*([}\]])").expect("static regex"));
    let t = TRAILING.replace_all(&t, "$1");
    let mut out = Vec::new();
    for v in serde_json::Deserializer::from_str(&t).into_iter::<Value>() {
        match v {
            Ok(v) => out.push(v),
            Err(_) => break,
        }
    }
    out
}

/// Flattens arrays and `@graph`s into the list of objects, without recursion.
fn objects(values: &[Value]) -> Vec<&Value> {
    let mut out = Vec::new();
    let mut stack: Vec<(&Value, usize)> = values.iter().rev().map(|v| (v, 0)).collect();
    while let Some((v, depth)) = stack.pop() {
        if depth > 8 || out.len() > 500 {
            continue;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().rev().map(|x| (x, depth + 1))),
            Value::Object(o) => {
                out.push(v);
                if let Some(g) = o.get("@graph") {
                    stack.push((g, depth + 1));
                }
                // Articles nested as mainEntity of a WebPage.
                for key in [
                    "mainEntity",
                    "mainEntityOfPage",
                    "hasPart",
                    "itemListElement",
                ] {
                    if let Some(x) = o.get(key) {
                        if x.is_object() || x.is_array() {
                            stack.push((x, depth + 1));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn string_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(unescape(s.trim())).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(string_of),
        Value::Object(o) => o
            .get("name")
            .or_else(|| o.get("@value"))
            .and_then(string_of),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn from_values(values: &[Value]) -> LdInfo {
    let objs = objects(values);
    let mut by_id: HashMap<&str, &Value> = HashMap::new();
    for o in &objs {
        if let Some(id) = o.get("@id").and_then(Value::as_str) {
            by_id.entry(id).or_insert(o);
        }
    }
    let mut info = LdInfo::default();
    // The best article: an article type, preferring one with a headline and a date.
    // (`max_by_key` keeps the last of equals: walk backwards to keep the first.)
    let article = objs
        .iter()
        .rev()
        .filter(|o| types(o).iter().any(|t| ARTICLE_TYPES.contains(&t.as_str())))
        .max_by_key(|o| {
            let ts = types(o);
            let news = ts
                .iter()
                .any(|t| t.contains("article") || t.contains("posting"));
            (
                o.get("headline").is_some() as u8 + o.get("datePublished").is_some() as u8,
                news as u8,
                o.get("articleBody").is_some() as u8,
            )
        })
        .copied();
    for o in &objs {
        let ts = types(o);
        if ts.iter().any(|t| t == "website") && info.site_name.is_none() {
            info.site_name = o.get("name").and_then(string_of);
        }
        if ts.iter().any(|t| t.contains("page")) {
            if info.page_date_published.is_none() {
                info.page_date_published = o.get("datePublished").and_then(string_of);
            }
            if info.page_date_modified.is_none() {
                info.page_date_modified = o.get("dateModified").and_then(string_of);
            }
        }
    }
    let Some(a) = article else {
        // Without an article, a WebPage still gives a name and description.
        if let Some(p) = objs
            .iter()
            .find(|o| types(o).iter().any(|t| t.contains("page")))
        {
            info.description = p.get("description").and_then(string_of);
            info.language = p.get("inLanguage").and_then(string_of);
            info.authors = authors(p.get("author"), &by_id);
        }
        return info;
    };
    info.article = true;
    info.headline = a
        .get("headline")
        .or_else(|| a.get("name"))
        .and_then(string_of);
    info.description = a.get("description").and_then(string_of);
    info.date_published = a
        .get("datePublished")
        .or_else(|| a.get("dateCreated"))
        .or_else(|| a.get("uploadDate"))
        .and_then(string_of);
    info.date_modified = a.get("dateModified").and_then(string_of);
    info.authors = authors(a.get("author").or_else(|| a.get("creator")), &by_id);
    info.publisher = a
        .get("publisher")
        .map(|p| resolve(p, &by_id))
        .and_then(string_of);
    info.language = a.get("inLanguage").and_then(string_of);
    info.url = a.get("url").and_then(Value::as_str).map(str::to_string);
    if let Some(img) = a.get("image").or_else(|| a.get("thumbnailUrl")) {
        collect_images(resolve(img, &by_id), &mut info.images);
    }
    info
}

fn resolve<'a>(v: &'a Value, by_id: &HashMap<&str, &'a Value>) -> &'a Value {
    if let Some(o) = v.as_object() {
        if o.len() == 1 {
            if let Some(id) = o.get("@id").and_then(Value::as_str) {
                return by_id.get(id).copied().unwrap_or(v);
            }
        }
    }
    v
}

fn authors(v: Option<&Value>, by_id: &HashMap<&str, &Value>) -> Vec<LdAuthor> {
    let mut out = Vec::new();
    let Some(v) = v else { return out };
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        x => vec![x],
    };
    for item in items.into_iter().take(20) {
        let item = resolve(item, by_id);
        let person = match types(item).first().map(String::as_str) {
            Some("person") => Some(true),
            Some(t) if t.contains("organization") || t.contains("organisation") => Some(false),
            Some("newsmediaorganization" | "corporation") => Some(false),
            _ => None,
        };
        let name = match item {
            Value::String(s) => Some(unescape(s.trim())),
            Value::Object(o) => o.get("name").and_then(string_of).or_else(|| {
                let g = o.get("givenName").and_then(string_of)?;
                let f = o.get("familyName").and_then(string_of)?;
                Some(format!("{g} {f}"))
            }),
            _ => None,
        };
        if let Some(name) = name.filter(|n| !n.is_empty()) {
            out.push(LdAuthor { name, person });
        }
    }
    out
}

fn collect_images(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.trim().to_string()),
        Value::Array(a) => {
            for x in a.iter().take(10) {
                match x {
                    Value::String(s) => out.push(s.trim().to_string()),
                    Value::Object(o) => {
                        if let Some(u) = o.get("url").or_else(|| o.get("contentUrl")) {
                            if let Some(s) = u.as_str() {
                                out.push(s.trim().to_string());
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Value::Object(o) => {
            if let Some(s) = o
                .get("url")
                .or_else(|| o.get("contentUrl"))
                .and_then(Value::as_str)
            {
                out.push(s.trim().to_string());
            }
        }
        _ => {}
    }
    out.retain(|s| !s.is_empty());
}

/// Reads single fields out of JSON that could not be parsed at all.
fn regex_fallback(s: &str, info: &mut LdInfo) {
    static FIELD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#""(headline|datePublished|dateModified|description)"\s*:\s*"((?:[^"\\]|\\.){1,2000})""#)
            .expect("static regex")
    });
    static AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#""author"\s*:\s*\[?\s*\{[^{}]*?"name"\s*:\s*"((?:[^"\\]|\\.){1,200})""#)
            .expect("static regex")
    });
    for c in FIELD.captures_iter(s) {
        let (Some(k), Some(v)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let v = unescape(&v.as_str().replace("\\\"", "\"").replace("\\/", "/"));
        let slot = match k.as_str() {
            "headline" => &mut info.headline,
            "datePublished" => &mut info.date_published,
            "dateModified" => &mut info.date_modified,
            _ => &mut info.description,
        };
        if slot.is_none() {
            *slot = Some(v);
        }
    }
    if info.authors.is_empty() {
        if let Some(m) = AUTHOR.captures(s).and_then(|c| c.get(1)) {
            info.authors.push(LdAuthor {
                name: unescape(m.as_str()),
                person: None,
            });
        }
    }
}

/// Decodes the HTML character references that leak into JSON-LD and meta values.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.bytes().take(12).position(|b| b == b';');
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some(' '),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "hellip" => Some('…'),
                "rsquo" => Some('’'),
                "lsquo" => Some('‘'),
                "rdquo" => Some('”'),
                "ldquo" => Some('“'),
                "bdquo" => Some('„'),
                "raquo" => Some('»'),
                "laquo" => Some('«'),
                "szlig" => Some('ß'),
                "euro" => Some('€'),
                "copy" => Some('©'),
                _ if ent.len() > 4 && !ent.starts_with('#') => latin1(ent),
                _ => {
                    let n = ent.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Named references of accented Latin letters: `&oacute;`, `&Uuml;`, `&ccedil;` …
fn latin1(ent: &str) -> Option<char> {
    let (base, mark) = ent.split_at(1);
    let c = base.chars().next()?;
    let table: &[(&str, &str, &str)] = &[
        ("acute", "aeiouyAEIOUY", "áéíóúýÁÉÍÓÚÝ"),
        ("grave", "aeiouAEIOU", "àèìòùÀÈÌÒÙ"),
        ("uml", "aeiouyAEIOU", "äëïöüÿÄËÏÖÜ"),
        ("circ", "aeiouAEIOU", "âêîôûÂÊÎÔÛ"),
        ("tilde", "anoANO", "ãñõÃÑÕ"),
        ("cedil", "cC", "çÇ"),
        ("ring", "aA", "åÅ"),
        ("slash", "oO", "øØ"),
    ];
    let (_, from, to) = table.iter().find(|(m, _, _)| *m == mark)?;
    let i = from.chars().position(|x| x == c)?;
    to.chars().nth(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_with_references() {
        let s = r##"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"#site","name":"Tagesblatt"},
            {"@type":"Person","@id":"#anna","name":"Anna Berger"},
            {"@type":"NewsArticle","headline":"Streik &amp; Stau","datePublished":"2025-11-30T14:03:00+01:00",
             "dateModified":"2025-11-30T16:00:00+01:00","author":[{"@id":"#anna"},{"@type":"Organization","name":"dpa"}],
             "publisher":{"@type":"Organization","name":"Tagesblatt GmbH"},"image":["https://x.de/a.jpg"],"inLanguage":"de-DE"}]}"##;
        let info = read(&[s.to_string()]);
        assert!(info.article);
        assert_eq!(info.headline.as_deref(), Some("Streik & Stau"));
        assert_eq!(
            info.date_published.as_deref(),
            Some("2025-11-30T14:03:00+01:00")
        );
        assert_eq!(
            info.date_modified.as_deref(),
            Some("2025-11-30T16:00:00+01:00")
        );
        assert_eq!(info.authors.len(), 2);
        assert_eq!(info.authors[0].name, "Anna Berger");
        assert_eq!(info.authors[0].person, Some(true));
        assert_eq!(info.authors[1].person, Some(false));
        assert_eq!(info.site_name.as_deref(), Some("Tagesblatt"));
        assert_eq!(info.publisher.as_deref(), Some("Tagesblatt GmbH"));
        assert_eq!(info.images, vec!["https://x.de/a.jpg".to_string()]);
        assert_eq!(info.language.as_deref(), Some("de-DE"));
    }

    #[test]
    fn array_and_type_array() {
        let s = r#"[{"@type":"BreadcrumbList"},{"@type":["Article","NewsArticle"],"headline":"A headline","author":"Jane Doe"}]"#;
        let info = read(&[s.to_string()]);
        assert_eq!(info.headline.as_deref(), Some("A headline"));
        assert_eq!(info.authors[0].name, "Jane Doe");
    }

    #[test]
    fn broken_json_is_repaired() {
        let s = "<!--\n{\"@type\":\"NewsArticle\",\"headline\":\"Line\nbreak\",\"datePublished\":\"2024-01-02\",}\n-->";
        let info = read(&[s.to_string()]);
        assert_eq!(info.headline.as_deref(), Some("Line break"));
        assert_eq!(info.date_published.as_deref(), Some("2024-01-02"));
    }

    #[test]
    fn hopeless_json_falls_back_to_fields() {
        let s = r#"{"@type":"NewsArticle","headline":"Still here","datePublished":"2024-01-02", "author": {"@type":"Person","name":"Tom Hill"} oops"#;
        let info = read(&[s.to_string()]);
        assert_eq!(info.headline.as_deref(), Some("Still here"));
        assert_eq!(info.date_published.as_deref(), Some("2024-01-02"));
        assert_eq!(info.authors[0].name, "Tom Hill");
    }

    #[test]
    fn webpage_dates_are_kept_apart() {
        let s = r#"{"@type":"WebPage","datePublished":"2020-01-01","name":"Page"}"#;
        let info = read(&[s.to_string()]);
        assert!(!info.article);
        assert_eq!(info.page_date_published.as_deref(), Some("2020-01-01"));
        assert_eq!(info.date_published, None);
    }

    #[test]
    fn entities() {
        assert_eq!(
            unescape("Tom &amp; Jerry&#39;s &#x2013; x &bogus; &"),
            "Tom & Jerry's – x &bogus; &"
        );
        assert_eq!(
            unescape("& Why They’re Smart &rsquo;"),
            "& Why They’re Smart ’"
        );
    }
}
