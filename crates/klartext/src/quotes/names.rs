//! Names: the token tests and matchers of the entity recogniser — personal names (a given
//! name, or a title or role noun before the name), organisation names (a known name or
//! acronym, a legal form, or a head noun with a name part) and places (a small gazetteer).
//!
//! German capitalises every noun, so a capitalised word alone is never taken for a name:
//! a person needs a given name or a title/role before the name, an organisation a legal form,
//! a known name, or a head noun (Partei, Ministerium, Bank) with a proper adjective before it
//! (Deutsche Bank, Trierer Polizei), a place or acronym after it (Universität Hamburg), an
//! attachment (Bundesamt für Migration, Bank of England) or a naming compound
//! (Bundesinnenministerium, EU-Kommission). Every matcher looks a bounded number of tokens
//! ahead, so a scan over the text stays linear.

use super::speakers;
use super::{cues, lists, Doc, FastMap, FastSet};
use std::sync::LazyLock;

/// The most words a personal name or organisation name runs over.
const MAX_RUN: usize = 6;

/// What a gazetteer entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    Org,
    Company,
    Place,
}

/// Gazetteer entries (of one or more words), found by their first word.
type Phrases = FastMap<&'static str, Vec<(Vec<&'static str>, Known)>>;

struct Lexicon {
    /// Given names, lower-cased.
    given: FastSet<String>,
    titles: FastSet<&'static str>,
    legal_forms: FastSet<&'static str>,
    heads: lists::Ends,
    modifiers: FastSet<&'static str>,
    stops: FastSet<&'static str>,
    /// Known organisations, companies and places.
    known: Phrases,
    noun_endings: Vec<&'static str>,
    naming_prefixes: Vec<&'static str>,
}

static LEX: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    given: lists::entries(include_str!("../../data/quotes/given_names.txt"))
        .into_iter()
        .map(str::to_lowercase)
        .collect(),
    titles: lists::set(include_str!("../../data/quotes/titles.txt")),
    legal_forms: lists::set(include_str!("../../data/quotes/legal_forms.txt")),
    heads: lists::Ends::new(include_str!("../../data/quotes/org_heads.txt")),
    modifiers: lists::set(include_str!("../../data/quotes/org_modifiers.txt")),
    stops: lists::set(include_str!("../../data/quotes/name_stops.txt")),
    noun_endings: lists::entries(include_str!("../../data/quotes/noun_endings.txt")),
    naming_prefixes: lists::entries(include_str!("../../data/quotes/naming_prefixes.txt")),
    known: phrases(&[
        (include_str!("../../data/quotes/org_names.txt"), Known::Org),
        (
            include_str!("../../data/quotes/company_names.txt"),
            Known::Company,
        ),
        (include_str!("../../data/quotes/places.txt"), Known::Place),
    ]),
});

/// The gazetteer of the list files, each entry tagged with what its file names.
fn phrases(sources: &[(&'static str, Known)]) -> Phrases {
    let mut map: Phrases = FastMap::default();
    for &(source, kind) in sources {
        for entry in lists::entries(source) {
            let words: Vec<&'static str> = entry.split_whitespace().collect();
            if let Some(&first) = words.first() {
                map.entry(first).or_default().push((words, kind));
            }
        }
    }
    map
}

/// A name found at a token: its token range and the name as it should be listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub span: (usize, usize),
    pub name: String,
}

/// A personal name with the role phrase written before it (Außenministerin, Foreign
/// Secretary, union leader), if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub found: Found,
    pub role: Option<String>,
}

/// A capitalised given name of the lexicon at token `i`.
pub fn is_given(doc: &Doc, i: usize) -> bool {
    if !doc.is_cap(i) {
        return false;
    }
    let lw = doc.low(i);
    // Hans-Peter, Anna-Lena: the first part decides.
    let first = lw.split('-').next().unwrap_or(lw);
    LEX.given.contains(first)
}

/// Whether a word as written is a given name of the lexicon.
pub fn is_given_word(word: &str) -> bool {
    let lw = word.to_lowercase();
    LEX.given.contains(lw.split('-').next().unwrap_or(&lw))
}

/// Whether a word as written is a one-word place of the gazetteer.
fn is_place_word(word: &str) -> bool {
    one_word(word) == Some(Known::Place)
}

/// Whether a word as written starts an entry of the gazetteer (New of New York Times).
pub fn is_known_word(word: &str) -> bool {
    LEX.known.contains_key(word)
}

/// What a one-word gazetteer entry names.
fn one_word(word: &str) -> Option<Known> {
    LEX.known
        .get(word)?
        .iter()
        .find(|(e, _)| e.len() == 1)
        .map(|&(_, kind)| kind)
}

/// A form of address at token `i` (Frau, Dr, Mr).
fn is_title(doc: &Doc, i: usize) -> bool {
    doc.is_cap(i) && LEX.titles.contains(doc.low(i))
}

/// A date or unit word at token `i` (Ende, Montag, Euro): never part of a name.
fn is_name_stop(doc: &Doc, i: usize) -> bool {
    LEX.stops.contains(doc.low(i))
}

/// A head noun of organisation names (Partei, Bundesinnenministerium, Party).
pub fn is_head(lower: &str) -> bool {
    LEX.heads.matches(lower, 4)
}

/// The word without a possessive or genitive ending ('s, ’s).
pub fn without_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// The sentence starts at token `i` (after a full stop, a line break, a mark or at the start).
fn starts_sentence(doc: &Doc, i: usize) -> bool {
    i == 0
        || doc.is_punct(i - 1, '.')
        || doc.is_punct(i - 1, '!')
        || doc.is_punct(i - 1, '?')
        || doc.is_punct(i - 1, ':')
        || doc.is_mark(i - 1)
        || doc
            .toks
            .get(i - 1)
            .is_some_and(|t| t.kind == super::text::Kind::Break)
}

/// A capitalised word that may be part of a name at all: no determiner, pronoun, opener,
/// speech verb, date word, or a hyphen compound with a lower-case part (US-amerikanische).
fn name_word(doc: &Doc, i: usize) -> bool {
    if !doc.is_cap(i) {
        return false;
    }
    let lw = doc.low(i);
    let class = speakers::class(lw);
    if class & (speakers::DET | speakers::PRONOUN | speakers::STOPWORD) != 0 {
        return false;
    }
    let lower_part = doc
        .word(i)
        .split('-')
        .skip(1)
        .any(|p| p.chars().next().is_some_and(char::is_lowercase));
    !lower_part
        && !speakers::is_opener_word(lw)
        && !doc.is_verb(i)
        && !is_name_stop(doc, i)
        && !doc.word(i).chars().all(|c| c.is_uppercase() || c == '-')
}

/// A capitalised word that can be a surname without a given name before it: a name word
/// that is no role, organisation or speech noun, no place, and not also written in lower case
/// (Klein, Lang), and in German no abstract noun (-ung, -heit, -schaft …).
fn strict_name_word(doc: &Doc, i: usize) -> bool {
    let lw = doc.low(i);
    name_word(doc, i)
        && !doc.seen_lower(i)
        && !doc.is_role(i)
        && !speakers::is_org(lw)
        && !doc.is_head(i)
        && !cues::is_speech_noun(doc.word(i), lw)
        && known_at(doc, i).is_none()
        && (doc.english || !has_noun_ending(lw))
}

/// Whether a lower-cased word ends like a German abstract noun (Regelung, Freiheit).
pub fn has_noun_ending(lower: &str) -> bool {
    LEX.noun_endings.iter().any(|e| lower.ends_with(e))
}

/// An initial inside a name: the „W.“ of Mark T. Ellison.
fn is_initial(doc: &Doc, i: usize) -> bool {
    doc.is_cap(i) && doc.word(i).chars().count() == 1 && doc.is_punct(i + 1, '.')
}

/// The personal name starting at `j`: given names, initials, name particles and surnames.
/// `after_title` allows a surname alone (Frau Berger, Kanzler Scholz); otherwise the name
/// needs a given name and a surname.
pub fn name_at(doc: &Doc, j: usize, after_title: bool) -> Option<(usize, usize)> {
    let mut k = j;
    let mut givens = 0;
    while givens < 3 && is_given(doc, k) && name_word(doc, k) {
        givens += 1;
        k += 1;
    }
    if givens == 0 && !after_title {
        return None;
    }
    while givens > 0 && is_initial(doc, k) && doc.is_cap(k + 2) {
        k += 2;
    }
    if givens > 0 {
        k = after_particles(doc, k);
    }
    // „Peter Jonas Professor“: a role after two given names is no surname.
    let role_next = givens >= 2 && doc.is_role(k);
    // After a given name any name word is a surname (Anna Klein, Klaus Richter); without
    // one only a word that cannot be a common noun.
    let surname_ok = |i: usize| {
        if givens > 0 {
            name_word(doc, i) && !doc.is_head(i) && place_at(doc, i).is_none()
        } else {
            strict_name_word(doc, i)
        }
    };
    let mut surnames = 0;
    let most = (if doc.english { 2 } else { 1 }) + usize::from(givens == 0);
    while !role_next && surnames < most && k - j < MAX_RUN && surname_ok(k) {
        // A second surname only when it cannot be a common noun either.
        if surnames > 0 && !strict_name_word(doc, k) {
            break;
        }
        surnames += 1;
        k += 1;
    }
    if surnames == 0 && givens < 2 {
        return None;
    }
    // "Jan Martin sagte": the last given name is the surname. Particles inside a surname:
    // Henning von Altdorf, Jan de Vries Boer, Karim al-Rashidi.
    let p = after_particles(doc, k);
    // „Dragan von der Grünen Partei“: an organisation follows, not a surname;
    // a lone „der“ is an article.
    // „von der Kanzlei“: after a surname a German particle starts an attachment more often
    // than a name; the others (de, van, al) stay (Jan de Vries Boer).
    let german = matches!(doc.low(k), "von" | "der" | "zu");
    let organisation_next = doc.is_head(p + 1) || doc.is_role(p + 1);
    if p > k && strict_name_word(doc, p) && !organisation_next && !german {
        k = p + 1;
        if k - j < MAX_RUN && strict_name_word(doc, k) {
            k += 1;
        }
    } else if is_particle_name(doc, k) {
        k += 1;
    }
    Some((j, k))
}

/// The token after the name particles at `k` (von, van der, de) when a capitalised word
/// follows them; otherwise `k`.
fn after_particles(doc: &Doc, k: usize) -> usize {
    let mut p = k;
    while p < k + 3 && doc.is_word(p) && !doc.is_cap(p) && speakers::is_particle(doc.low(p)) {
        p += 1;
    }
    if p > k && doc.is_cap(p) {
        p
    } else {
        k
    }
}

/// A surname joined to its particle by a hyphen: al-Rashidi, el-Masri.
fn is_particle_name(doc: &Doc, k: usize) -> bool {
    doc.is_word(k)
        && doc.word(k).split_once('-').is_some_and(|(pre, rest)| {
            speakers::is_particle(pre) && rest.chars().next().is_some_and(char::is_uppercase)
        })
}

/// A person named after a title (Frau, Dr., Mr) or a role noun (Außenministerin, spokesman,
/// Foreign Secretary) starting at `i`: the name and the role phrase.
pub fn titled_person_at(doc: &Doc, i: usize) -> Option<Person> {
    let mut k = i;
    let mut titled = false;
    while is_title(doc, k) {
        titled = true;
        k += 1;
        if doc.is_punct(k, '.') {
            k += 1;
        }
    }
    let role = !titled && doc.is_word(i) && doc.is_role(i);
    if !titled && !role {
        return None;
    }
    // A German role noun is capitalised; an English one may be lower case (union leader).
    if role && !doc.is_cap(i) && !doc.english {
        return None;
    }
    if role {
        k = i + 1;
        // Oberbürgermeister Dr. Konrad Wendt.
        while is_title(doc, k) {
            k += 1;
            if doc.is_punct(k, '.') {
                k += 1;
            }
        }
    }
    let (a, b) = name_at(doc, k, true)?;
    // „die Ermittler Hinweise“: after a German role noun with an article, a single word is
    // more often the object of the clause than a surname.
    let article = i > 0 && speakers::is_det(doc.low(i - 1));
    if role && !doc.english && article && b == a + 1 {
        return None;
    }
    // An English heading „Head Line“: a role at the start of a sentence or line with one
    // word after it is no title and name.
    if role && doc.english && b == a + 1 && starts_sentence(doc, i) {
        return None;
    }
    let role = role.then(|| role_phrase_before(doc, i));
    Some(Person {
        found: Found {
            span: (if titled { i } else { a }, b),
            name: person_name(doc, a, b),
        },
        role,
    })
}

/// The role phrase that ends with the role noun at `r`: in English with the title words
/// before it (Foreign Secretary, union leader), in German the noun alone (Bahnchef).
fn role_phrase_before(doc: &Doc, r: usize) -> String {
    let mut s = r;
    while doc.english && s > 0 && r - s < 2 {
        let p = s - 1;
        let lw = doc.low(p);
        let title_word = if doc.is_cap(p) {
            name_word(doc, p)
        } else {
            doc.is_role(p) || (doc.is_word(p) && speakers::is_org(lw))
        };
        if !title_word {
            break;
        }
        s = p;
    }
    doc.span_text(s, r + 1).to_string()
}

/// A person introduced by a given name at `i` (Anna Berger, Jonas Weber, Mark T. Ellison).
pub fn given_person_at(doc: &Doc, i: usize) -> Option<Found> {
    if !is_given(doc, i) {
        return None;
    }
    let (a, b) = name_at(doc, i, false)?;
    Some(Found {
        span: (a, b),
        name: person_name(doc, a, b),
    })
}

/// The listed name of a person: the words without a possessive ending.
pub fn person_name(doc: &Doc, a: usize, b: usize) -> String {
    let text = doc.span_text(a, b);
    without_possessive(text).to_string()
}

/// A known organisation (SPD, Bundestags), company (Deutsche Bahn) or place (Berlin,
/// Deutschlands, New York) at `i`, with the name as listed.
pub fn known_at(doc: &Doc, i: usize) -> Option<(Found, Known)> {
    let word = doc.word(i);
    let longest = LEX.known.get(word).and_then(|entries| {
        entries
            .iter()
            .filter(|(e, _)| {
                e.iter()
                    .enumerate()
                    .all(|(n, w)| doc.word(i + n) == *w && doc.is_word(i + n))
            })
            .max_by_key(|(e, _)| e.len())
    });
    if let Some((e, kind)) = longest {
        let end = i + e.len();
        let found = Found {
            span: (i, end),
            name: doc.span_text(i, end).to_string(),
        };
        return Some((found, *kind));
    }
    // A genitive or possessive: Deutschlands, Germany's, des Bundestags.
    if !doc.is_cap(i) {
        return None;
    }
    let stem = without_possessive(word);
    let stem = if stem.len() < word.len() {
        stem
    } else {
        word.strip_suffix('s')
            .filter(|s| s.chars().count() >= 3)
            .or_else(|| word.strip_suffix("es").filter(|s| s.chars().count() >= 4))?
    };
    let kind = one_word(stem)?;
    let found = Found {
        span: (i, i + 1),
        name: stem.to_string(),
    };
    Some((found, kind))
}

/// A place of the gazetteer at `i` (Berlin, Deutschlands, New York).
pub fn place_at(doc: &Doc, i: usize) -> Option<Found> {
    known_at(doc, i)
        .filter(|(_, kind)| *kind == Known::Place)
        .map(|(f, _)| f)
}

/// A known acronym before a hyphen (SPD-Chef, EU-Staaten): the acronym.
pub fn org_prefix(doc: &Doc, i: usize) -> Option<&'static str> {
    let word = doc.word(i);
    let (prefix, rest) = word.split_once('-')?;
    if rest.is_empty() {
        return None;
    }
    let entries = LEX.known.get(prefix)?;
    entries
        .iter()
        .find(|(e, kind)| e.len() == 1 && *kind != Known::Place)
        .and_then(|(e, _)| e.first().copied())
}

/// An organisation named with a legal form or a head noun starting at `i` (Acme GmbH,
/// Deutsche Bank, Bundesamt für Migration, EU-Kommission, Ministry of Defence).
pub fn org_at(doc: &Doc, i: usize) -> Option<Found> {
    if !doc.is_cap(i) || speakers::is_det(doc.low(i)) {
        return None;
    }
    let run_end = (i..i + MAX_RUN)
        .take_while(|&k| doc.is_cap(k))
        .last()
        .map_or(i, |k| k + 1);
    if let Some(f) = (i + 1..run_end).find(|&k| LEX.legal_forms.contains(doc.word(k))) {
        let names_ok = (i..f).all(|k| name_word(doc, k) || doc.word(k).contains('&'));
        // „Software-Hersteller Acme Inc“: the name starts at the known name.
        let start = (i..f).find(|&k| known_at(doc, k).is_some()).unwrap_or(i);
        return names_ok.then(|| org_found(doc, start, f + 1));
    }
    let h = (i..run_end).find(|&k| doc.is_head(k))?;
    // New York Police Department: the heads run on.
    let mut end = h + 1;
    while end < run_end && doc.is_head(end) {
        end += 1;
    }
    if h > i {
        let named = (i..h).all(|k| is_org_modifier(doc, k));
        return named.then(|| org_found(doc, i, attachment_end(doc, end)));
    }
    if let Some((name_end, own_name)) = name_after(doc, end) {
        // Nachrichtenagentur AFP, Gewerkschaft GDL: the organisation is AFP, GDL.
        let from = if own_name { end } else { i };
        return Some(org_found(doc, from, name_end));
    }
    let attached = attachment_end(doc, end);
    (names_compound(doc, h) || attached > end).then(|| org_found(doc, i, attached))
}

/// The organisation [a, b) as listed.
fn org_found(doc: &Doc, a: usize, b: usize) -> Found {
    Found {
        span: (a, b),
        name: without_possessive(doc.span_text(a, b)).to_string(),
    }
}

/// A capitalised word that names before a head noun: in German a proper adjective
/// (Deutsche, Europäische, Trierer, Freie), in English any name word (Labour, Supreme)
/// not opening a sentence unless the text never writes it in lower case.
fn is_org_modifier(doc: &Doc, k: usize) -> bool {
    if !name_word(doc, k) || doc.is_role(k) {
        return false;
    }
    if doc.english {
        return !(starts_sentence(doc, k) && doc.seen_lower(k));
    }
    let lw = doc.low(k);
    let stem = strip_adjective_ending(lw);
    if stem.ends_with("isch") || LEX.modifiers.contains(stem) {
        return true;
    }
    // German writes adjectives in lower case: one capitalised inside a sentence is part of
    // a name (des Gerichtsmedizinischen Instituts, die Freien Wähler).
    if stem.len() < lw.len() && !starts_sentence(doc, k) && !doc.seen_lower(k) {
        return true;
    }
    // A place adjective: Trierer, Berliner, Wiener.
    lw.strip_suffix("er").is_some_and(|place| {
        let w = doc.word(k);
        let place_word = w.get(..place.len()).unwrap_or("");
        is_place_word(place_word)
    })
}

fn strip_adjective_ending(lower: &str) -> &str {
    for e in ["en", "er", "es", "em", "e"] {
        if let Some(s) = lower.strip_suffix(e) {
            return s;
        }
    }
    lower
}

/// A compound head that names one organisation: Bundes-, Landes-, Europa- or a
/// capitalised prefix with a hyphen (EU-Kommission), or a ministry (Innenministerium).
fn names_compound(doc: &Doc, h: usize) -> bool {
    let lw = doc.low(h);
    let word = doc.word(h);
    let prefixed = LEX
        .naming_prefixes
        .iter()
        .any(|p| lw.starts_with(p) && lw.len() > p.len() + 3);
    // EU-Kommission, US-Regierung, SPD-Landesfraktion; not Mitte-Links-Regierung.
    let hyphen = word
        .split_once('-')
        .is_some_and(|(p, _)| is_acronym(p) || is_known_word(p));
    let ministry = lw.ends_with("ministerium") && lw.len() > "ministerium".len() + 2;
    !doc.english && (prefixed || hyphen || ministry)
}

/// The end of the name after a head at `k`: a place or an acronym (Universität Hamburg,
/// Gewerkschaft GDL). Other capitalised words after a head are too often the next noun of
/// the clause (hat die Regierung Maßnahmen beschlossen).
fn name_after(doc: &Doc, k: usize) -> Option<(usize, bool)> {
    if !doc.is_cap(k) || doc.english {
        return None;
    }
    let word = doc.word(k);
    if is_acronym(word) {
        return Some((k + 1, true));
    }
    // Not a genitive: „die Behörde Ugandas“ is Uganda's authority, not its name.
    let (f, kind) = known_at(doc, k)?;
    let exact = f.name == doc.span_text(f.span.0, f.span.1);
    exact.then_some((f.span.1, kind != Known::Place))
}

/// A word of two or more capitals (AFP, GDL, CRS).
pub fn is_acronym(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(char::is_uppercase)
}

/// The end of the attachments after an organisation name: für/of/for/zu with capitalised
/// words (Bundesamt für Migration und Flüchtlinge, Bank of England).
fn attachment_end(doc: &Doc, end: usize) -> usize {
    let mut e = end;
    let mut attached = false;
    for _ in 0..3 {
        let lw = doc.low(e);
        let joins =
            matches!(lw, "für" | "of" | "for" | "zu") || (attached && matches!(lw, "und" | "and"));
        if !joins || !doc.is_word(e) || doc.is_cap(e) {
            break;
        }
        let mut k = e + 1;
        while k < e + 4 && name_word(doc, k) {
            k += 1;
        }
        if k == e + 1 {
            break;
        }
        attached = true;
        e = k;
    }
    e
}

/// A role phrase in an apposition after a name: „Tom Hill, the chief executive of Acme,“,
/// „Martin Sommer, Sprecher des Mieterbundes,“. `comma` is the comma after the name;
/// returns the phrase and the token after it.
pub fn role_after(doc: &Doc, comma: usize) -> Option<(String, usize)> {
    if !doc.is_punct(comma, ',') {
        return None;
    }
    let mut s = comma + 1;
    if doc.is_word(s) && speakers::is_det(doc.low(s)) {
        s += 1;
    }
    let mut e = s;
    while e < s + 8 && apposition_word(doc, e) {
        e += 1;
    }
    let closes = doc.is_punct(e, ',') || doc.is_punct(e, '.') || e >= doc.toks.len();
    let has_role = (s..e.min(s + 3)).any(|k| doc.is_role(k));
    // „…, Königin Sophia,“: another person, not a role.
    let names_person = (s..e).any(|k| is_given(doc, k));
    (closes && has_role && !names_person && e > s).then(|| (doc.span_text(s, e).to_string(), e))
}

/// A role phrase in an apposition before a name: „the chief executive of Acme, Tom Hill“,
/// „die Sprecherin des Verbraucherverbands, Ina van Dijk“. `comma` is the comma before it.
pub fn role_before(doc: &Doc, comma: usize) -> Option<String> {
    if comma == 0 || !doc.is_punct(comma, ',') {
        return None;
    }
    let e = comma;
    let mut s = comma;
    while s > 0 && e - s < 8 && apposition_word(doc, s - 1) {
        let k = s - 1;
        if speakers::is_det(doc.low(k)) {
            // A genitive or a determiner after a preposition continues the phrase
            // (Sprecherin der Stiftung, spokeswoman for the utility); any other ends it.
            let attached = k > 0
                && (doc.is_role(k - 1)
                    || doc.is_cap(k - 1)
                    || matches!(doc.low(k - 1), "of" | "for" | "at" | "von" | "bei"));
            if !attached {
                break;
            }
        }
        s = k;
    }
    // „Auch die finanzpolitische Sprecherin …“, „Für den Pressesprecher …“: the words
    // before the role phrase's own start are no part of it.
    while s < e && !doc.is_role(s) && is_function_word(doc.low(s)) {
        s += 1;
    }
    let has_role = (s..e).any(|k| doc.is_word(k) && doc.is_role(k));
    let opens = s == 0
        || speakers::is_det(doc.low(s - 1))
        || starts_sentence(doc, s)
        || doc.is_punct(s - 1, ',')
        || is_function_word(doc.low(s - 1));
    (has_role && opens && e > s).then(|| doc.span_text(s, e).to_string())
}

/// A determiner, stop word or opener: never the start of a role phrase.
fn is_function_word(lower: &str) -> bool {
    speakers::class(lower) & (speakers::DET | speakers::STOPWORD) != 0
        || speakers::is_opener_word(lower)
}

/// A word inside a role apposition: no speech verb, no auxiliary or conjunction (die
/// Ministerin war …, who said …), no punctuation.
fn apposition_word(doc: &Doc, k: usize) -> bool {
    if !doc.is_word(k) || doc.is_verb(k) {
        return false;
    }
    let lw = doc.low(k);
    doc.is_cap(k)
        || !speakers::is_stop(lw)
        || matches!(
            lw,
            "of" | "for" | "at" | "in" | "von" | "vom" | "bei" | "für" | "am" | "im"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(doc: &Doc, f: Option<Found>) -> String {
        f.map(|f| doc.span_text(f.span.0, f.span.1).to_string())
            .unwrap_or_default()
    }

    #[test]
    fn organisations_need_a_name_part() {
        let doc = Doc::new("Die Deutsche Bank und das Ministerium für Umwelt und Energie.");
        assert_eq!(text_of(&doc, org_at(&doc, 1)), "Deutsche Bank");
        assert_eq!(
            text_of(&doc, org_at(&doc, 5)),
            "Ministerium für Umwelt und Energie"
        );
        let doc = Doc::new("Am Montag hat die Regierung Maßnahmen beschlossen.");
        assert_eq!(org_at(&doc, 4), None);
        let doc = Doc::new("Acme Corp said the Bank of England had not called.");
        assert_eq!(text_of(&doc, org_at(&doc, 0)), "Acme Corp");
        assert_eq!(text_of(&doc, org_at(&doc, 4)), "Bank of England");
    }

    #[test]
    fn persons_need_a_given_name_or_a_title() {
        let doc = Doc::new("Gestern sagte Anna Klein, Kanzler Scholz und Frau Berger seien da.");
        assert_eq!(text_of(&doc, given_person_at(&doc, 2)), "Anna Klein");
        let p = titled_person_at(&doc, 5);
        assert_eq!(p.as_ref().map(|p| p.found.name.as_str()), Some("Scholz"));
        assert_eq!(p.and_then(|p| p.role).as_deref(), Some("Kanzler"));
        assert_eq!(
            titled_person_at(&doc, 8).map(|p| p.found.name),
            Some("Berger".to_string())
        );
        // A noun after a noun is no name.
        let doc = Doc::new("Die Ministerin Gesundheit");
        assert_eq!(titled_person_at(&doc, 1), None);
    }

    #[test]
    fn places_with_genitive() {
        let doc = Doc::new("Die Hauptstadt Deutschlands und New York.");
        assert_eq!(
            place_at(&doc, 2).map(|f| f.name),
            Some("Deutschland".into())
        );
        assert_eq!(place_at(&doc, 4).map(|f| f.name), Some("New York".into()));
    }
}
