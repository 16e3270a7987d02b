//! News agencies: the agencies and partner outlets credited for a story, as canonical short
//! names (dpa, AFP, Reuters, AP, epd, KNA …), read from datelines ("BERLIN (dpa) -"),
//! closing credits ("(dpa/AFP)", "(Tsp, AFP, dpa)"), phrases ("Mit Material von Reuters",
//! "with reporting by AP", "AP contributed to this report") and bylines or meta values that
//! name an agency. Image credits are not read here.

use std::sync::LazyLock;

use regex::Regex;

static TABLE: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    include_str!("../../data/metadata/agencies.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (a, c) = l.split_once('\t')?;
            Some((a.trim().to_string(), c.trim().to_string()))
        })
        .collect()
});

/// The canonical short name of an agency written as `s`, if it is one.
pub fn canonical(s: &str) -> Option<&'static str> {
    let t = s
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    if t.is_empty() {
        return None;
    }
    // Short abbreviations match case-sensitively ("AP", not "ap"); names in any case.
    TABLE
        .iter()
        .find(|(a, _)| {
            if a.chars().count() <= 3 {
                a == t
            } else {
                a.eq_ignore_ascii_case(t)
            }
        })
        .map(|(_, c)| c.as_str())
}

fn push(out: &mut Vec<String>, name: &str) {
    if !out.iter().any(|x| x == name) {
        out.push(name.to_string());
    }
}

/// Splits a credit list ("dpa/AFP", "Tsp, AFP, dpa", "epd und KNA") into its parts.
fn parts(list: &str) -> Vec<&str> {
    static SEP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s*(?:[,/;|+&]|\bund\b|\band\b|\bsowie\b)\s*").expect("static regex")
    });
    SEP.split(list)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Reads a credit list: the agencies of the agency list (`data/metadata/agencies.txt`),
/// canonically. Other parts — an editor's initials ("dpa/mk"), a partner outlet's short
/// name ("Tsp") — are no agencies and are left out. `true` when some part was an agency.
fn credit_list(list: &str, out: &mut Vec<String>) -> bool {
    let ps = parts(list);
    if ps.is_empty() || ps.len() > 6 {
        return false;
    }
    let mut any = false;
    for c in ps.iter().filter_map(|p| canonical(p)) {
        push(out, c);
        any = true;
    }
    any
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\p{Lu}][\p{L}.'’ /-]{1,40}?\s*\(([^()]{2,40})\)\s*[-–—:.]|^\(([^()]{2,40})\)\s*[-–—:]",
    )
    .expect("static regex")
});

static CLOSING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([^():]{2,60})\)\s*\.?\s*$").expect("static regex"));

static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:mit\s+material\s+(?:von|der|des)\s+(?:nachrichtenagenturen?\s+)?|with\s+(?:additional\s+)?reporting\s+(?:by|from)\s+(?:the\s+)?|material\s+from\s+(?:the\s+)?|quellen?:\s*|sources?:\s*)([^\n.;()]{2,80})",
    )
    .expect("static regex")
});

static CONTRIBUTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[.\n]\s*)(?:the\s+)?([\p{L} -]{2,40}?)\s+contributed\s+to\s+this\s+report",
    )
    .expect("static regex")
});

/// The agencies credited in the article text: dateline at the start, credit at the end,
/// credit phrases anywhere in the last paragraphs.
pub fn from_text(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let head: String = text.chars().take(200).collect();
    if let Some(c) = DATELINE.captures(head.trim_start()) {
        if let Some(m) = c.get(1).or_else(|| c.get(2)) {
            credit_list(m.as_str(), &mut out);
        }
    }
    let paras: Vec<&str> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    // Datelines also open later paragraphs of live blogs and wire digests.
    for p in paras.iter().take(3).skip(1) {
        if let Some(c) = DATELINE.captures(p) {
            if let Some(m) = c.get(1).or_else(|| c.get(2)) {
                credit_list(m.as_str(), &mut out);
            }
        }
    }
    for p in paras.iter().rev().take(3) {
        let lower = p.to_lowercase();
        if lower.starts_with("foto") || lower.starts_with("bild") || lower.starts_with("photo") {
            continue;
        }
        if let Some(m) = CLOSING.captures(p).and_then(|c| c.get(1)) {
            credit_list(m.as_str(), &mut out);
        }
        if p.chars().count() < 300 {
            for c in PHRASE.captures_iter(p) {
                if let Some(m) = c.get(1) {
                    credit_list(m.as_str(), &mut out);
                }
            }
        }
        for c in CONTRIBUTED.captures_iter(p) {
            if let Some(m) = c.get(1) {
                credit_list(m.as_str(), &mut out);
            }
        }
    }
    out
}

/// The agencies named in a byline or meta value ("dpa", "Von AFP", "dpa/lnw").
pub fn from_credit(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let t = s.trim();
    let t = t
        .strip_prefix("Von ")
        .or_else(|| t.strip_prefix("von "))
        .or_else(|| t.strip_prefix("By "))
        .or_else(|| t.strip_prefix("Quelle: "))
        .unwrap_or(t);
    credit_list(t, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_datelines_and_credits() {
        assert_eq!(
            from_text("BERLIN (dpa) - Die Regierung hat beschlossen."),
            vec!["dpa"]
        );
        assert_eq!(
            from_text("Frankfurt/Main (dpa/lhe) - Es regnet.\n\nMehr Text."),
            vec!["dpa"]
        );
        assert_eq!(
            from_text("Es regnet.\n\nMehr Text. (dpa/AFP)"),
            vec!["dpa", "AFP"]
        );
        assert_eq!(
            from_text("Text.\n\nSchluss. (epd, KNA)"),
            vec!["epd", "KNA"]
        );
        assert_eq!(
            from_text("Text.\n\nSchluss. (Tsp, AFP, dpa)"),
            vec!["AFP", "dpa"]
        );
        assert_eq!(
            from_text("Text.\n\nMit Material von Reuters"),
            vec!["Reuters"]
        );
        assert_eq!(
            from_text("Text.\n\nmit Material der Nachrichtenagenturen dpa und AFP"),
            vec!["dpa", "AFP"]
        );
    }

    #[test]
    fn english_datelines_and_credits() {
        assert_eq!(from_text("WASHINGTON (AP) — The Senate voted."), vec!["AP"]);
        assert_eq!(from_text("(Reuters) - Shares fell."), vec!["Reuters"]);
        assert_eq!(from_text("Text.\n\nWith reporting by AP"), vec!["AP"]);
        assert_eq!(
            from_text("Text.\n\nThe Associated Press contributed to this report."),
            vec!["AP"]
        );
    }

    #[test]
    fn not_agencies() {
        assert!(from_text("BERLIN (Reportage) - Nichts.").is_empty());
        assert!(from_text("Text.\n\nFoto: dpa").is_empty());
        assert!(from_text("He said (and we agree) that it rained.").is_empty());
        assert!(from_text("Text.\n\nThe cap (ap) fell.").is_empty());
        assert!(from_text("Text.\n\nSimak Video.\n(vyp/kna)").is_empty());
    }

    #[test]
    fn editor_initials_are_no_agency() {
        assert_eq!(
            from_text("Hamburg (dpa/mk) - Es schneit.\n\nSchluss. (AFP/jr)"),
            vec!["dpa", "AFP"]
        );
        assert_eq!(from_credit("dpa/ab"), vec!["dpa"]);
        assert!(from_text("Text.\n\nSchluss. (ab/cd)").is_empty());
    }

    #[test]
    fn credits() {
        assert_eq!(from_credit("dpa"), vec!["dpa"]);
        assert_eq!(from_credit("Von AFP"), vec!["AFP"]);
        assert_eq!(canonical("Deutsche Presse-Agentur"), Some("dpa"));
        assert_eq!(canonical("Anna Berger"), None);
    }
}
