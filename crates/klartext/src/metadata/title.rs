//! Title: the article's headline without the site name glued on (" | Site", " - SITE",
//! "Site: …"), chosen among the JSON-LD headline, OpenGraph and Twitter titles, the `<h1>`
//! and the `<title>`.

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
