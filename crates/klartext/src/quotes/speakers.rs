//! Speakers: finds the noun phrase that names who speaks (before or after a speech verb,
//! after laut/so/according to, before zufolge), and resolves it within the article — a
//! pronoun, a role noun (die Ministerin, der Konzern) or a bare surname points back to the full
//! name introduced earlier. The [`Registry`] remembers the persons and organisations met.

use super::{lists, Doc, FastMap, FastSet};
use std::sync::LazyLock;

/// A speaker phrase: its token range as written and the canonical name it resolves to.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: (usize, usize),
    pub canonical: String,
}

/// The closed word lists of the speaker phrases (`data/quotes/`).
static DETS: &str = include_str!("../../data/quotes/determiners.txt");
static PRONOUNS: &str = include_str!("../../data/quotes/pronouns.txt");
static STOP: &str = include_str!("../../data/quotes/stop.txt");
static PARTICLES: &str = include_str!("../../data/quotes/name_particles.txt");
/// Role nouns (German suffixes and English words) that describe a person's office.
static ROLE_ENDS: &str = include_str!("../../data/quotes/roles.txt");
/// Nouns that stand for an organisation (der Konzern, die Polizei, the company).
static ORG_ENDS: &str = include_str!("../../data/quotes/org_nouns.txt");
/// Capitalised words that open a sentence or clause without naming anyone.
static OPENERS: &str = include_str!("../../data/quotes/openers.txt");
/// Endings of neuter nouns, for [`nominative`].
static NEUTER_ENDS: &str = include_str!("../../data/quotes/neuter_ends.txt");

/// A capitalised word follows within three words, with only words in between.
fn cap_follows(doc: &Doc, j: usize) -> bool {
    for d in 1..=3 {
        if doc.is_cap(j + d) {
            return true;
        }
        if !doc.is_word(j + d) || is_stop(doc.low(j + d)) {
            return false;
        }
    }
    false
}

/// Word classes of the closed lists, as bits of [`class`].
pub const DET: u8 = 1;
pub const STOPWORD: u8 = 2;
pub const PRONOUN: u8 = 4;
pub const PARTICLE: u8 = 8;

static CLASSES: LazyLock<FastMap<&'static str, u8>> = LazyLock::new(|| {
    let mut m: FastMap<&'static str, u8> = FastMap::default();
    for (list, bit) in [
        (DETS, DET),
        (STOP, STOPWORD),
        (PRONOUNS, PRONOUN),
        (PARTICLES, PARTICLE),
    ] {
        for w in lists::entries(list) {
            *m.entry(w).or_default() |= bit;
        }
    }
    m
});

static ROLES: LazyLock<lists::Ends> = LazyLock::new(|| lists::Ends::new(ROLE_ENDS));
static ORGS: LazyLock<lists::Ends> = LazyLock::new(|| lists::Ends::new(ORG_ENDS));
static NEUTERS: LazyLock<Vec<&'static str>> = LazyLock::new(|| lists::entries(NEUTER_ENDS));

/// The closed-list classes of a lower-cased word (one hash lookup).
pub fn class(lower: &str) -> u8 {
    CLASSES.get(lower).copied().unwrap_or(0)
}

pub(super) fn is_det(lower: &str) -> bool {
    class(lower) & DET != 0
}

pub(super) fn is_stop(lower: &str) -> bool {
    class(lower) & STOPWORD != 0
}

pub(super) fn is_particle(lower: &str) -> bool {
    class(lower) & PARTICLE != 0
}

/// Whether a lower-cased word names an office or a role (Ministerin, Bahnchef, spokesman).
pub fn is_role(lower: &str) -> bool {
    ROLES.matches(lower, 4)
}

/// Whether a lower-cased word names an organisation (Konzern, Bundesregierung, police).
pub fn is_org(lower: &str) -> bool {
    ORGS.matches(lower, 5)
}

pub fn is_pronoun(lower: &str) -> bool {
    class(lower) & PRONOUN != 0
}

pub(super) fn is_adjective_like(lower: &str) -> bool {
    !is_stop(lower)
        && lower.chars().count() > 3
        && (lower.ends_with('e')
            || lower.ends_with("en")
            || lower.ends_with("er")
            || lower.ends_with("es")
            || lower.ends_with("em"))
}

/// The speaker phrase starting at token `i` and ending before `limit`: a pronoun, or
/// [determiner] adjectives capitalised-words, with a genitive or `von` attachment, an
/// apposition between commas and a party in brackets.
pub fn np_forward(doc: &Doc, i: usize, limit: usize) -> Option<(usize, usize)> {
    np_forward_with(doc, i, limit, true)
}

/// [`np_forward`]; `appositions` allows a role apposition after a name (not inside one).
fn np_forward_with(doc: &Doc, i: usize, limit: usize, appositions: bool) -> Option<(usize, usize)> {
    // A capitalised conjunction or adverb (Wenn, Dies, Unterdessen) is no part of the
    // phrase, which starts after it: „Wenn Markus Thiel sagte“ → Markus Thiel.
    let mut i = i;
    while i < limit && is_opener(doc, i) {
        i += 1;
    }
    if i >= limit {
        return None;
    }
    let w = doc.low(i);
    if is_pronoun(w) {
        return Some((i, i + 1));
    }
    // A demonstrative standing for a phrase before: „Diese glaubten, er sei …“.
    if matches!(w, "diese" | "dieser") && doc.is_cap(i) && doc.is_word(i + 1) && !doc.is_cap(i + 1)
    {
        return Some((i, i + 1));
    }
    let mut j = i;
    let mut head_seen = false;
    let mut attachments = 0;
    loop {
        if j >= limit || j - i > 16 {
            break;
        }
        let lw = doc.low(j);
        if j == i && is_det(lw) {
            j += 1;
            continue;
        }
        // A name in marks after the head noun: die Zeitung „Nordpost“, die Organisation
        // „Hilfe ohne Grenzen“.
        if head_seen && j > i && doc.is_cap(j - 1) && doc.is_mark(j) {
            let close = (j + 2..limit.min(j + 7)).find(|&c| doc.is_mark(c));
            if let Some(c) =
                close.filter(|&c| doc.is_cap(j + 1) && (j + 1..c).all(|k| doc.is_word(k)))
            {
                j = c + 1;
                continue;
            }
        }
        if doc.is_cap(j) {
            // An initial inside a name: Mark T. Ellison.
            if head_seen
                && doc.word(j).chars().count() == 1
                && doc.is_punct(j + 1, '.')
                && doc.is_cap(j + 2)
                && j + 2 < limit
            {
                j += 2;
                continue;
            }
            // A capitalised speech verb at a sentence start is not a name.
            if doc.english && super::cues::verb(lw).is_some() {
                break;
            }
            head_seen = true;
            j += 1;
            continue;
        }
        if doc.is_word(j) {
            if (j == i || !head_seen) && is_det(lw) {
                j += 1;
                continue;
            }
            if head_seen && is_particle(lw) && doc.is_cap(j + 1) && lw != "der" {
                j += 1;
                continue;
            }
            if head_seen
                && attachments < 3
                && matches!(
                    lw,
                    "des" | "der" | "von" | "vom" | "einer" | "eines" | "of" | "for"
                )
                && (doc.is_cap(j + 1)
                    || is_det(doc.low(j + 1))
                    || (is_adjective_like(doc.low(j + 1)) && doc.is_cap(j + 2)))
            {
                attachments += 1;
                j += 1;
                continue;
            }
            // Adjectives before the head, or in an attached genitive: der Sprecher des
            // örtlichen Wasserverbands, nach Meinung kritischer Anwohner.
            let after_attach = j > i
                && (matches!(
                    doc.low(j - 1),
                    "des" | "der" | "von" | "vom" | "einer" | "eines"
                ) || super::cues::is_speech_noun(doc.word(j - 1), doc.low(j - 1)));
            if (!head_seen || after_attach)
                && is_adjective_like(lw)
                && super::cues::verb(lw).is_none()
                && (!head_seen || doc.is_cap(j + 1) || is_adjective_like(doc.low(j + 1)))
            {
                j += 1;
                continue;
            }
            // English role nouns are lower case: the minister, union leader Maria Lopez.
            if doc.english
                && !is_stop(lw)
                && super::cues::verb(lw).is_none()
                && cap_follows(doc, j)
                && j - i < 5
                && !head_seen
            {
                j += 1;
                continue;
            }
            if doc.english && !head_seen && is_role(lw) {
                head_seen = true;
                j += 1;
                continue;
            }
            if doc.english && head_seen && is_role(lw) && doc.is_cap(j - 1) {
                j += 1;
                continue;
            }
            break;
        }
        // "(CDU)"
        if head_seen && doc.is_punct(j, '(') && doc.is_punct(j + 2, ')') && doc.is_cap(j + 1) {
            j += 3;
            continue;
        }
        // Apposition: ", Ina van Dijk," or ", the chief executive,"
        if head_seen && doc.is_punct(j, ',') {
            let mut k = j + 1;
            let mut caps = 0;
            while k < limit && k - j < 6 && (doc.is_cap(k) || is_particle(doc.low(k))) {
                if doc.is_cap(k) {
                    caps += 1;
                }
                k += 1;
            }
            let closes = k >= limit
                || doc.is_punct(k, ',')
                || doc.is_punct(k, '.')
                || doc.is_punct(k, ':')
                || doc.is_mark(k);
            if (1..=4).contains(&caps) && closes && looks_like_name(doc, j + 1, k) {
                j = k;
                continue;
            }
            // A role apposition after a name: „Yilmaz, die Anwältin des Klägers,“, „Martin
            // Sommer, Sprecher des Mieterbundes,“.
            // English: an age (Kelly Dawson, 34,).
            if doc.english
                && doc.is_cap(j - 1)
                && doc.word(j + 1).chars().all(|c| c.is_ascii_digit())
                && doc.is_word(j + 1)
                && doc.is_punct(j + 2, ',')
            {
                j += 2;
                continue;
            }
            if appositions && doc.is_cap(j - 1) && !doc.is_role(j - 1) {
                if let Some((s, t)) = np_forward_with(doc, j + 1, limit, false) {
                    let closes = t >= limit
                        || doc.is_punct(t, ',')
                        || doc.is_punct(t, '.')
                        || doc.is_punct(t, ':')
                        || doc.is_mark(t);
                    if closes && t > s + 1 && (s..t).any(|x| doc.is_role(x)) {
                        j = t;
                        continue;
                    }
                }
            }
        }
        break;
    }
    // Do not end on a determiner or an attachment word.
    while j > i
        && doc.is_word(j - 1)
        && !doc.is_cap(j - 1)
        && !(doc.english && is_role(doc.low(j - 1)))
        && !(doc.english && doc.word(j - 1).chars().all(|c| c.is_ascii_digit()))
    {
        j -= 1;
    }
    if j > i && head_seen {
        Some((i, j))
    } else {
        None
    }
}

static OPENER_SET: LazyLock<FastSet<&'static str>> = LazyLock::new(|| lists::set(OPENERS));

/// Whether a lower-cased word is in [`OPENERS`] (a conjunction or adverb, never a name).
pub(super) fn is_opener_word(lower: &str) -> bool {
    OPENER_SET.contains(lower)
}

/// A capitalised word that is no name: a conjunction or adverb from [`OPENERS`], or in a
/// German text a word the text also writes in lower case (not a determiner, a pronoun, or
/// an adjective before a noun: „Internationale Gutachter“).
fn is_opener(doc: &Doc, i: usize) -> bool {
    if !doc.is_cap(i) {
        return false;
    }
    let lw = doc.low(i);
    if is_det(lw) || is_pronoun(lw) || (is_particle(lw) && doc.is_cap(i + 1)) {
        return false;
    }
    if OPENER_SET.contains(lw) {
        return true;
    }
    let adjective_before_noun = is_adjective_like(lw) && doc.is_cap(i + 1);
    let noun = is_role(lw) || is_org(lw);
    !doc.english && doc.seen_lower(i) && !adjective_before_noun && !noun
}

/// Whether the phrase at `span` can be a speaker on its own, without a speech verb: a
/// pronoun, a role or organisation noun, a person the registry knows, or a name of two
/// capitalised words (Osvaldo Pereyra, Badische Zeitung) — not any noun phrase that
/// opens a sentence (Die Rechnungen, Glocken).
pub fn is_speakerlike(doc: &Doc, span: (usize, usize), reg: &Registry) -> bool {
    let (a, b) = span;
    if b == a + 1 && is_pronoun(doc.low(a)) {
        return true;
    }
    // A dative or accusative phrase is no subject: den Vorgang, dem Minister.
    if matches!(
        doc.low(a),
        "den" | "dem" | "einen" | "einem" | "des" | "eines"
    ) {
        return false;
    }
    (a..b).any(|k| {
        doc.is_word(k)
            && (doc.is_role(k)
                || is_org(doc.low(k))
                || (doc.is_cap(k) && doc.is_cap(k + 1) && k + 1 < b && !is_det(doc.low(k)))
                || (doc.is_cap(k) && reg.by_surname.contains_key(doc.word(k))))
    })
}

/// The phrase [a + 1, b) after a genitive or dative article at `a`, in the nominative:
/// des regionalen Weinbauverbands → regionaler Weinbauverband, der örtlichen Behörde →
/// örtliche Behörde. None when the phrase is no plain adjectives-and-noun group.
fn nominative(doc: &Doc, a: usize, b: usize) -> Option<String> {
    let art = doc.low(a);
    let (mut s, e) = (a + 1, b);
    while s < e && is_det(doc.low(s)) {
        s += 1;
    }
    let head = (s..e).rev().find(|&k| doc.is_cap(k))?;
    if head + 1 != e || (s..head).any(|k| !doc.is_word(k) || doc.is_cap(k)) {
        return None;
    }
    let noun = doc.word(head);
    let masc_neut = matches!(art, "des" | "eines" | "vom");
    let noun = if masc_neut && noun.chars().count() > 4 {
        let stem = noun
            .strip_suffix("es")
            .filter(|st| st.ends_with(['s', 'ß', 'z', 'x']) || st.ends_with("sch"));
        stem.or_else(|| noun.strip_suffix('s')).unwrap_or(noun)
    } else {
        noun
    };
    let noun_lower = noun.to_lowercase();
    let neuter = NEUTERS.iter().any(|n| noun_lower.ends_with(n));
    let mut out = String::new();
    for k in s..head {
        let w = doc.word(k);
        match w.strip_suffix("en") {
            Some(st) if masc_neut && !neuter => {
                out.push_str(st);
                out.push_str("er");
            }
            Some(st) if masc_neut => {
                out.push_str(st);
                out.push_str("es");
            }
            Some(st) if art != "mehrerer" => {
                out.push_str(st);
                out.push('e');
            }
            _ => out.push_str(w),
        }
        out.push(' ');
    }
    out.push_str(noun);
    Some(out)
}

/// The name in the phrase [a, b): the last run of capitalised words that are not role or
/// organisation nouns, as (start, end, whether it ends in an organisation noun).
fn name_run(doc: &Doc, a: usize, b: usize) -> (usize, usize, bool) {
    let mut name_end = b;
    while name_end > a && !doc.is_cap(name_end - 1) {
        name_end -= 1;
    }
    // Skip a bracket like (CDU) at the end.
    if name_end >= a + 3 && doc.is_punct(name_end, ')') {
        name_end -= 2;
    }
    let mut name_start = name_end;
    let has_org = name_end > a && is_org(doc.low(name_end - 1));
    // A surname that is also a role noun (Klaus Richter).
    if name_end >= a + 2
        && doc.is_cap(name_end - 1)
        && doc.is_cap(name_end - 2)
        && !doc.is_role(name_end - 2)
        && !is_org(doc.low(name_end - 2))
        && !is_det(doc.low(name_end - 2))
    {
        name_start = name_end - 1;
    }
    while name_start > a {
        let k = name_start - 1;
        let lw = doc.low(k);
        if (doc.is_cap(k) && !doc.is_role(k) && !is_org(lw) && !is_det(lw) && !doc.is_verb(k))
            || (is_particle(lw) && name_start < name_end && lw != "der")
        {
            name_start = k;
        } else {
            break;
        }
    }
    // English: a capitalised common noun before a given name is no part of the name
    // (Tenant Rosa Diaz, Grandad Bill Turner).
    if doc.english
        && name_end >= name_start + 3
        && !super::names::is_given(doc, name_start)
        && super::names::is_given(doc, name_start + 1)
    {
        name_start += 1;
    }
    (name_start, name_end, has_org)
}

/// An English common noun phrase from `i`: an opener and one to four lower-case words,
/// ending before a comma or `limit` (the fire brigade, the coast guard).
pub fn en_np_forward(doc: &Doc, i: usize, limit: usize) -> Option<(usize, usize)> {
    if !doc.english || !en_opener(doc, i) {
        return None;
    }
    let mut j = i + 1;
    while j < limit && j < i + 5 && en_modifier(doc, j) {
        j += 1;
    }
    (j > i + 1 && (j >= limit || doc.is_punct(j, ','))).then_some((i, j))
}

/// The name [`Registry::resolve`] gives a phrase that stands for itself (no determiner).
fn inner_name(doc: &Doc, a: usize, b: usize) -> String {
    let mut s = a;
    while s + 1 < b && doc.is_word(s) && is_det(doc.low(s)) {
        s += 1;
    }
    doc.span_text(s, b).trim_end_matches(',').to_string()
}

/// Whether tokens [a, b) look like a personal name (two or more capitalised words that are
/// neither role nor organisation nouns).
fn looks_like_name(doc: &Doc, a: usize, b: usize) -> bool {
    let caps: Vec<usize> = (a..b).filter(|&k| doc.is_cap(k)).collect();
    caps.len() >= 2
        && caps
            .iter()
            .all(|&k| !is_role(doc.low(k)) && !is_org(doc.low(k)))
}

/// The speaker phrase that ends right before token `end` (exclusive), not reaching before
/// `limit`: used for "X zufolge" and English "X said".
pub fn np_backward(doc: &Doc, end: usize, limit: usize) -> Option<(usize, usize)> {
    if end == 0 || end <= limit {
        return None;
    }
    let last = end - 1;
    if is_pronoun(doc.low(last)) {
        return Some((last, end));
    }
    if !(doc.is_cap(last) || doc.english && is_role(doc.low(last))) {
        return None;
    }
    let mut i = last;
    while i > limit {
        let k = i - 1;
        let lw = doc.low(k);
        if doc.is_cap(k)
            || (doc.is_word(k) && (is_det(lw) || is_particle(lw)))
            || (doc.is_word(k) && is_adjective_like(lw) && super::cues::verb(lw).is_none())
            || (doc.english && is_role(lw))
            || (matches!(lw, "des" | "der" | "of") && doc.is_cap(k + 1))
        {
            // Stop after a determiner: it starts the phrase.
            i = k;
            if doc.is_word(k) && is_det(lw) && !matches!(lw, "des" | "der") {
                break;
            }
            continue;
        }
        break;
    }
    // Do not start on a lower-case non-determiner.
    while i < last && doc.is_word(i) && !doc.is_cap(i) && !is_det(doc.low(i)) {
        i += 1;
    }
    if doc.english {
        i = en_extend_left(doc, i, last, limit);
    }
    Some((i, end))
}

/// An English determiner-like opener of a noun phrase: an article or possessive pronoun,
/// `one`, or a capitalised possessive (Brazil's).
fn en_opener(doc: &Doc, j: usize) -> bool {
    let w = doc.low(j);
    doc.is_word(j)
        && (is_det(w)
            || matches!(w, "one" | "another" | "his" | "her" | "its" | "their")
            || (doc.is_cap(j) && (w.ends_with("'s") || w.ends_with("’s"))))
}

/// A lower-case word that can stand inside an English noun phrase before its head (rebel,
/// government, environment): no stop word, determiner or speech verb.
fn en_modifier(doc: &Doc, j: usize) -> bool {
    let w = doc.low(j);
    doc.is_word(j)
        && !doc.is_cap(j)
        && !is_stop(w)
        && !is_det(w)
        && !is_pronoun(w)
        && super::cues::verb(w).is_none()
}

/// Widens an English phrase [i, last] whose head is a lower-case role noun to the left over
/// modifiers up to its opener: a rebel commander, Brazil's environment minister, and over a
/// `for`/`of` attachment to a role noun before it: a spokesman for the World Food Programme.
fn en_extend_left(doc: &Doc, i: usize, last: usize, limit: usize) -> usize {
    let mut j = i;
    if doc.is_cap(last) {
        // A name: only an attachment to a role before it (a spokesman for Acme).
        if j >= limit + 2 && matches!(doc.low(j - 1), "for" | "of") && doc.is_role(j - 2) {
            return en_extend_left(doc, j - 2, j - 2, limit);
        }
        return i;
    }
    let mut steps = 0;
    while j > limit && steps < 3 && en_modifier(doc, j - 1) {
        j -= 1;
        steps += 1;
    }
    if j > limit && en_opener(doc, j - 1) {
        j -= 1;
        while j > limit && doc.is_cap(j - 1) && !en_opener(doc, j - 1) {
            j -= 1;
        }
        return j;
    }
    if steps == 0 {
        i
    } else {
        // Modifiers without an opener: a bare plural or compound (health officials).
        j
    }
}

/// An English subject right before the verb at `k` that the name phrases miss: a common
/// noun phrase with its opener (the company, one guest, The star's ex, the coast guard) or
/// a name with an age or role apposition (Kelly Dawson, 34).
pub fn en_subject(
    doc: &Doc,
    a: usize,
    k: usize,
    in_direct: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let mut s = a;
    for j in (a..k).rev() {
        if in_direct(j) || doc.is_punct(j, ',') && j + 1 < k && en_opener(doc, j + 1) {
            s = j + 1;
            break;
        }
    }
    while s < k && !doc.is_word(s) {
        s += 1;
    }
    if s >= k || k - s > 6 || !en_opener(doc, s) {
        return None;
    }
    let head = k - 1;
    let ok = (s + 1..k).all(|j| en_modifier(doc, j) || doc.is_cap(j) || doc.is_punct(j, '\''))
        && doc.is_word(head);
    ok.then_some((s, k))
}

/// A person or organisation met in the article.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub name: String,
    pub person: bool,
    pub roles: Vec<String>,
    pub mentions: usize,
}

/// Persons and organisations met so far, and the recent speakers. Lookups by name, surname
/// and role go through hash maps, so resolving stays O(1) however many names a text holds.
#[derive(Debug, Default)]
pub struct Registry {
    pub known: Vec<Known>,
    /// The index in `known` of the last person who spoke.
    last_person: Option<usize>,
    /// The person named before the last one (for `she` after a man was named).
    prev_person: Option<usize>,
    /// Name → index in `known`.
    by_name: FastMap<String, usize>,
    /// Surname → the first person in `known` with it.
    by_surname: FastMap<String, usize>,
    /// Every suffix of a lower-cased role of a person → the last person in `known` with a
    /// role that ends so.
    by_role: FastMap<String, usize>,
}

static FEMALE: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| lists::set(include_str!("../../data/quotes/female_names.txt")));

/// Whether a full name is a woman's (Some(true)) or a man's (Some(false)) by its given name;
/// None when the first word is no given name of the lexicon.
pub fn is_female(name: &str) -> Option<bool> {
    let first = name.split(' ').next().unwrap_or("");
    if !super::names::is_given_word(first) {
        return None;
    }
    let lower = first.to_lowercase();
    Some(FEMALE.contains(lower.split('-').next().unwrap_or(&lower)))
}

impl Registry {
    /// Remembers `idx` as the last person named, the one before as the previous one.
    fn set_last(&mut self, idx: usize) {
        if self.last_person != Some(idx) {
            self.prev_person = self.last_person;
            self.last_person = Some(idx);
        }
    }

    /// The person an English `he` or `she` stands for: the last person, or the one before
    /// when only that one's given name agrees (the last one's disagrees or is unknown).
    fn pronoun_person(&self, pronoun: &str) -> Option<usize> {
        let want = match pronoun {
            "she" | "her" => true,
            "he" | "him" | "his" => false,
            _ => return self.last_person,
        };
        let agrees = |i: Option<usize>| {
            i.and_then(|i| self.known.get(i))
                .and_then(|k| is_female(&k.name))
                .map(|f| f == want)
        };
        if agrees(self.last_person) != Some(true) && agrees(self.prev_person) == Some(true) {
            self.prev_person
        } else {
            self.last_person
        }
    }

    /// The person or organisation met under `name`, if any.
    pub fn get(&self, name: &str) -> Option<&Known> {
        self.by_name.get(name).and_then(|&i| self.known.get(i))
    }

    /// Resolves the phrase at `span` to a canonical name and remembers it.
    pub fn resolve(&mut self, doc: &Doc, span: (usize, usize)) -> Mention {
        let (a, b) = span;
        let phrase = doc.span_text(a, b).trim_end_matches(',').to_string();
        if b == a + 1 && is_pronoun(doc.low(a)) {
            let who = if doc.english {
                self.pronoun_person(doc.low(a))
            } else {
                self.last_person
            };
            let canonical = match who.and_then(|k| self.known.get_mut(k)) {
                Some(k) => {
                    k.mentions += 1;
                    k.name.clone()
                }
                None => phrase,
            };
            return Mention { span, canonical };
        }
        // English: a name with an apposition (Tom Hill, the chief executive of Acme): the
        // person is the name, the apposition a role.
        if doc.english {
            if let Some(c) = (a + 2..b).find(|&c| doc.is_punct(c, ',')) {
                if (a..c).filter(|&k| doc.is_cap(k)).count() >= 2 && doc.is_cap(c - 1) {
                    let m = self.resolve(doc, (a, c));
                    if let Some(&idx) = self.by_name.get(&m.canonical) {
                        let role = doc.span_text(c + 1, b).trim_end_matches(',').to_string();
                        if !role.is_empty() && !role.chars().all(|ch| ch.is_ascii_digit()) {
                            self.add_role(idx, role);
                        }
                    }
                    return Mention {
                        span,
                        canonical: m.canonical,
                    };
                }
            }
        }
        // A speech noun with its source (Angaben des regionalen Weinbauverbands, Einschätzung
        // der Prüfer): the speaker is the source, named without the noun.
        let mut h = a;
        while h + 1 < b && doc.is_word(h) && !doc.is_cap(h) {
            h += 1;
        }
        if h + 2 < b
            && doc.is_cap(h)
            && super::cues::is_speech_noun(doc.word(h), doc.low(h))
            && matches!(
                doc.low(h + 1),
                "des" | "der" | "von" | "vom" | "eines" | "einer" | "mehrerer"
            )
        {
            let inner = self.resolve(doc, (h + 2, b));
            let canonical = nominative(doc, h + 1, b).unwrap_or(inner.canonical);
            if let Some(&i) = self.by_name.get(&inner_name(doc, h + 2, b)) {
                if let Some(k) = self.known.get_mut(i) {
                    if k.name != canonical && !self.by_name.contains_key(&canonical) {
                        self.by_name.remove(&k.name);
                        k.name = canonical.clone();
                        self.by_name.insert(canonical.clone(), i);
                    }
                }
            }
            return Mention { span, canonical };
        }
        let mut roles = Vec::new();
        for k in a..b {
            if doc.is_role(k) {
                roles.push(doc.word(k).to_string());
            }
        }
        // A person named before an attachment: „Die Weinbauberaterin Sabine Kramer von der
        // Landwirtschaftskammer“ → Sabine Kramer.
        let attach = (a + 2..b).find(|&k| {
            matches!(
                doc.low(k),
                "von" | "vom" | "aus" | "des" | "der" | "of" | "from"
            ) && doc.is_cap(k - 1)
                && doc.is_cap(k - 2)
        });
        let (mut name_start, mut name_end, mut has_org) = name_run(doc, a, b);
        if let Some(cut) = attach {
            let (s2, e2, org2) = name_run(doc, a, cut);
            if !org2 && (s2..e2).filter(|&k| doc.is_cap(k)).count() >= 2 {
                (name_start, name_end, has_org) = (s2, e2, org2);
            }
        }
        let name = doc.span_text(name_start, name_end).to_string();
        let words = (name_start..name_end).filter(|&k| doc.is_cap(k)).count();
        // A known surname after words that are no given name (US-Sondergesandte Belling,
        // after Mark Belling): the person met before, the words before it a role.
        if words >= 2 && !has_org && !super::names::is_given(doc, name_start) {
            let last = (name_start..name_end).rev().find(|&k| doc.is_cap(k));
            if let Some(&idx) = last.and_then(|k| self.by_surname.get(doc.word(k))) {
                let role = doc
                    .span_text(name_start, last.unwrap_or(name_start))
                    .to_string();
                if self.known[idx].person && !self.known[idx].name.starts_with(role.as_str()) {
                    self.known[idx].mentions += 1;
                    self.add_role(idx, role);
                    self.set_last(idx);
                    return Mention {
                        span,
                        canonical: self.known[idx].name.clone(),
                    };
                }
            }
        }
        // A full name (two or more words) introduces or finds a person.
        if words >= 2 && !has_org {
            let idx = self.find_or_add(&name, true);
            for r in roles {
                self.add_role(idx, r);
            }
            self.set_last(idx);
            return Mention {
                span,
                canonical: name,
            };
        }
        // A bare surname of someone met before.
        if words == 1 && !is_role(&name.to_lowercase()) && !is_org(&name.to_lowercase()) {
            if let Some(&idx) = self.by_surname.get(name.as_str()) {
                self.known[idx].mentions += 1;
                self.set_last(idx);
                return Mention {
                    span,
                    canonical: self.known[idx].name.clone(),
                };
            }
        }
        // A role noun alone: the person met before with that role.
        if words <= 1 && !roles.is_empty() {
            let role = roles[roles.len() - 1].to_lowercase();
            if let Some(&idx) = self.by_role.get(role.as_str()) {
                self.known[idx].mentions += 1;
                self.set_last(idx);
                return Mention {
                    span,
                    canonical: self.known[idx].name.clone(),
                };
            }
        }
        // Otherwise the phrase without its determiner stands for itself.
        let mut s = a;
        while s + 1 < b && doc.is_word(s) && is_det(doc.low(s)) {
            s += 1;
        }
        let canonical = doc.span_text(s, b).trim_end_matches(',').to_string();
        // English plurals of role nouns (Officials, Spokesmen) name no one person.
        let plural_role = doc.english
            && name
                .to_lowercase()
                .strip_suffix('s')
                .is_some_and(|w| is_role(w) || is_org(w));
        let person = words == 1 && !has_org && roles.is_empty() && !plural_role;
        let idx = self.find_or_add(&canonical, person);
        if person {
            self.set_last(idx);
        }
        Mention { span, canonical }
    }

    fn find_or_add(&mut self, name: &str, person: bool) -> usize {
        if let Some(&i) = self.by_name.get(name) {
            if let Some(k) = self.known.get_mut(i) {
                k.mentions += 1;
            }
            return i;
        }
        let idx = self.known.len();
        self.known.push(Known {
            name: name.to_string(),
            person,
            roles: Vec::new(),
            mentions: 1,
        });
        self.by_name.insert(name.to_string(), idx);
        if person {
            if let Some(surname) = name.rsplit(' ').next() {
                self.by_surname.entry(surname.to_string()).or_insert(idx);
            }
        }
        idx
    }

    /// Adds a role to the entry `idx` and indexes it for role-noun mentions.
    fn add_role(&mut self, idx: usize, role: String) {
        let Some(k) = self.known.get_mut(idx) else {
            return;
        };
        if k.roles.contains(&role) {
            return;
        }
        if k.person {
            let lower = role.to_lowercase();
            for (i, _) in lower.char_indices() {
                if let Some(suffix) = lower.get(i..) {
                    let slot = self.by_role.entry(suffix.to_string()).or_insert(idx);
                    *slot = (*slot).max(idx);
                }
            }
        }
        k.roles.push(role);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fwd(text: &str, from: usize) -> String {
        let doc = Doc::new(text);
        np_forward(&doc, from, doc.toks.len())
            .map(|(a, b)| doc.span_text(a, b).to_string())
            .unwrap_or_default()
    }

    #[test]
    fn phrases_forward() {
        assert_eq!(
            fwd("so der zuständige Bezirksvorstand Uwe Hartwig.", 1),
            "der zuständige Bezirksvorstand Uwe Hartwig"
        );
        assert_eq!(
            fwd(
                "sagte die Sprecherin des Verbraucherverbands, Ina van Dijk, dazu",
                1
            ),
            "die Sprecherin des Verbraucherverbands, Ina van Dijk"
        );
        assert_eq!(fwd("sagte er am Montag.", 1), "er");
        assert_eq!(
            fwd("sagte Yilmaz, die Anwältin des Klägers, am Montag.", 1),
            "Yilmaz, die Anwältin des Klägers"
        );
        assert_eq!(
            fwd("sagte der US-Senator Mark T. Ellison: gut", 1),
            "der US-Senator Mark T. Ellison"
        );
        assert_eq!(
            fwd("Wenn Markus Thiel sagt, dass es geht.", 0),
            "Markus Thiel"
        );
        // An apposition that is no role stays outside.
        assert_eq!(fwd("sagte Yilmaz, die Stadt sei schön.", 1), "Yilmaz");
    }

    #[test]
    fn pronoun_and_surname_resolve_to_full_name() {
        let text = "Außenministerin Anna Berger sagte. Sie sagte. Berger sagte. Die Außenministerin sagte.";
        let doc = Doc::new(text);
        let mut reg = Registry::default();
        let m = reg.resolve(&doc, (0, 3));
        assert_eq!(m.canonical, "Anna Berger");
        assert_eq!(reg.resolve(&doc, (5, 6)).canonical, "Anna Berger");
        assert_eq!(reg.resolve(&doc, (8, 9)).canonical, "Anna Berger");
        assert_eq!(reg.resolve(&doc, (11, 13)).canonical, "Anna Berger");
        assert_eq!(reg.known[0].roles, vec!["Außenministerin".to_string()]);
    }
}
