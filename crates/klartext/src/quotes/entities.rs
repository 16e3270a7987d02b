//! Entities: every person, organisation and place the article names, each once, with its
//! mentions merged — the full name, the surname alone (Berger, Bergers, Hill's), a title and
//! surname (Frau Berger), a definite role noun (die Ministerin, the minister) for the last
//! person with that role, an organisation noun (die Partei, der Konzern, the company) for the
//! last organisation with that head or the last company, an acronym given in brackets — and
//! the roles from the role nouns and appositions around the names (Außenministerin Anna
//! Berger, Foreign Secretary Jane Doe, „Tom Hill, the chief executive of Acme,“).
//!
//! One left-to-right scan: at each token the matchers of [`names`] look a bounded number of
//! tokens ahead, and the lookups go through hash maps, so the pass is linear in the text.
//! Pronouns are not counted: outside a quotation's attribution nothing says whom they
//! stand for. Full names of the speakers of the quotations found are recognised too (a
//! speaker whose given name the lexicon lacks). The roles the quotation pass read from
//! speaker phrases are not taken over: its registry also files the role of whoever a
//! phrase names next to a person (ein Sprecher Redings).

use super::names::{self, Known};
use super::speakers;
use super::{lists, Doc, FastMap, FastSet};
use crate::article::{Entity, EntityType};
use std::sync::LazyLock;

static COMPANY_NOUNS: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| lists::set(include_str!("../../data/quotes/company_nouns.txt")));

static ADJECTIVE_ENDINGS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::entries(include_str!("../../data/quotes/adjective_endings.txt")));

/// The entities of the text, in order of first mention. `speakers` are the canonical
/// speaker names of the quotations found.
pub fn collect<'r>(doc: &Doc, speakers: impl Iterator<Item = &'r str>) -> Vec<Entity> {
    let seeds = Seeds::new(doc, speakers);
    let mut table = Table::default();
    let mut i = 0;
    while i < doc.toks.len() {
        i = step(doc, &mut table, &seeds, i).max(i + 1);
    }
    table.ents
}

/// Recognises what starts at token `i` and returns the token to go on from.
fn step(doc: &Doc, t: &mut Table, seeds: &Seeds, i: usize) -> usize {
    if !doc.is_word(i) {
        return i + 1;
    }
    let known = names::known_at(doc, i);
    if let Some((f, kind @ (Known::Org | Known::Company))) = &known {
        let idx = t.add_org(&f.name, *kind == Known::Company);
        return t.alias_after(doc, idx, f.span.1);
    }
    if !doc.is_cap(i) {
        return lower_case_step(doc, t, i);
    }
    if let Some(f) = names::org_at(doc, i) {
        let company = company_head(&f.name);
        let idx = t.add_org(&f.name, company);
        return t.alias_after(doc, idx, f.span.1);
    }
    // SPD-Chef, EU-Staaten: a mention of the party or union; the word may still be a role.
    if let Some(acronym) = names::org_prefix(doc, i) {
        t.add_org(acronym, false);
    }
    if let Some(words) = seeds.at(doc, i) {
        let name = doc.span_text(i, i + words);
        let idx = t.add_person(name);
        return t.appositions(doc, idx, (i, i + words));
    }
    if let Some(p) = names::titled_person_at(doc, i) {
        let idx = t.add_person(&p.found.name);
        if let Some(role) = p.role {
            t.add_role(idx, &role);
        }
        return t.appositions(doc, idx, p.found.span);
    }
    if let Some(f) = names::given_person_at(doc, i) {
        let idx = t.add_person(&f.name);
        return t.appositions(doc, idx, f.span);
    }
    if let Some((f, Known::Place)) = known {
        t.add_place(&f.name);
        return f.span.1;
    }
    t.mention_at(doc, i)
}

/// A lower-case word: an English role noun before a name (union leader Maria Lopez) or a
/// determiner before a role or organisation noun.
fn lower_case_step(doc: &Doc, t: &mut Table, i: usize) -> usize {
    if doc.is_role(i) {
        if let Some(p) = names::titled_person_at(doc, i) {
            let idx = t.add_person(&p.found.name);
            if let Some(role) = p.role {
                t.add_role(idx, &role);
            }
            return t.appositions(doc, idx, p.found.span);
        }
    }
    t.mention_at(doc, i)
}

/// Whether an organisation is a company: a legal form or a company head noun.
fn company_head(name: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or(name).to_lowercase();
    name.split(' ').count() >= 2
        && (COMPANY_NOUNS.contains(last.as_str())
            || matches!(
                last.as_str(),
                "gmbh" | "ag" | "se" | "kg" | "inc" | "ltd" | "corp" | "llc" | "plc"
            ))
}

/// The lower-cased key that merges the inflected forms of an organisation name
/// (Deutsche Bank, der Deutschen Bank; Bundestag, des Bundestags).
fn org_key(name: &str) -> String {
    let words: Vec<String> = name.split(' ').map(str::to_lowercase).collect();
    let last = words.len().saturating_sub(1);
    let mut key = String::with_capacity(name.len());
    for (n, w) in words.iter().enumerate() {
        if n > 0 {
            key.push(' ');
        }
        let stem = if n < last {
            strip_any(w, &["en", "er", "es", "em", "e"])
        } else {
            genitive_stem(w)
        };
        key.push_str(stem);
    }
    key
}

fn strip_any<'a>(w: &'a str, endings: &[&str]) -> &'a str {
    endings
        .iter()
        .find_map(|e| w.strip_suffix(e))
        .filter(|s| s.chars().count() >= 3)
        .unwrap_or(w)
}

/// A head noun without its genitive ending (Ministeriums, Verbandes), when what is left is
/// still a head noun.
fn genitive_stem(w: &str) -> &str {
    for e in ["es", "s"] {
        if let Some(s) = w.strip_suffix(e) {
            if names::is_head(s) {
                return s;
            }
        }
    }
    w
}

/// Full names of the speakers of the quotations found whose given name is missing from the
/// lexicon (Osvaldo Pereyra), by their first word: being the subject of a speech verb is
/// the evidence that they are names.
struct Seeds<'r> {
    by_first: FastMap<&'r str, Vec<Vec<&'r str>>>,
}

impl<'r> Seeds<'r> {
    fn new(doc: &Doc, speakers: impl Iterator<Item = &'r str>) -> Seeds<'r> {
        let mut by_first: FastMap<&'r str, Vec<Vec<&'r str>>> = FastMap::default();
        for name in speakers {
            let words: Vec<&'r str> = name.split(' ').collect();
            let new_name = words.first().is_some_and(|f| !names::is_given_word(f));
            let known = words
                .first()
                .and_then(|f| by_first.get(f))
                .is_some_and(|e| e.contains(&words));
            // A bounded list per first word keeps the lookups constant however many
            // speakers share it.
            let room = words
                .first()
                .and_then(|f| by_first.get(f))
                .is_none_or(|e| e.len() < 8);
            if new_name
                && !known
                && room
                && (2..=3).contains(&words.len())
                && seed_is_name(doc, &words)
            {
                if let Some(&first) = words.first() {
                    by_first.entry(first).or_default().push(words);
                }
            }
        }
        Seeds { by_first }
    }

    /// The number of words of the seed name that starts at `i`.
    fn at(&self, doc: &Doc, i: usize) -> Option<usize> {
        let entries = self.by_first.get(doc.word(i))?;
        entries
            .iter()
            .filter(|e| e.iter().enumerate().all(|(n, w)| doc.word(i + n) == *w))
            .map(Vec::len)
            .max()
    }
}

/// Whether a speaker's name is a personal name: capitalised words (also after a hyphen) and
/// name particles, none a role, organisation, place or date word, the first no adjective
/// (not: US-amerikanische Schauspieler, Internationale Gutachter).
fn seed_is_name(doc: &Doc, words: &[&str]) -> bool {
    let word_ok = |w: &str| {
        let lw = w.to_lowercase();
        if speakers::is_particle(&lw) && lw != "der" && lw != "des" {
            return true;
        }
        // AK Datenschutz, NDR-Intendant: an acronym names no person.
        if w.split('-').any(names::is_acronym) {
            return false;
        }
        // A genitive of a place or organisation: Serbiens Milan Petrović, Senders Radio Nord.
        let genitive_of_known = w.strip_suffix('s').is_some_and(names::is_known_word);
        let capitalised = w
            .split('-')
            .all(|p| p.chars().next().is_some_and(char::is_uppercase));
        capitalised
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && !speakers::is_role(&lw)
            && !speakers::is_org(&lw)
            && !names::is_head(&lw)
            && speakers::class(&lw) == 0
            && !speakers::is_opener_word(&lw)
            && !names::is_known_word(w)
            && !genitive_of_known
            && !doc.written_lower(&lw)
            && !super::cues::is_speech_noun(w, &lw)
    };
    // The first word is no adjective and no feminine noun (Schweizerin, Klientin).
    let first_ok = words.first().is_some_and(|f| {
        let lf = f.to_lowercase();
        !looks_like_adjective(&lf) && !lf.ends_with("in") && !lf.ends_with('s')
    });
    // Sportredakteur Martin Lindqvist: a given name inside marks the start of the name,
    // which the given-name rule finds by itself.
    let given_inside = words.iter().skip(1).any(|w| names::is_given_word(w));
    first_ok && !given_inside && words.iter().all(|w| word_ok(w))
}

/// An inflected adjective (Internationale, Frankfurter, Neuen) rather than a first name
/// (Baptiste, Osvaldo).
fn looks_like_adjective(lower: &str) -> bool {
    speakers::is_adjective_like(lower) && ADJECTIVE_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// The entities met so far and the indexes that resolve later mentions.
#[derive(Default)]
struct Table {
    ents: Vec<Entity>,
    /// Person and place name, organisation key ([`org_key`]) → index.
    by_key: FastMap<String, usize>,
    /// Surname → the last person with it.
    by_surname: FastMap<String, usize>,
    /// Every suffix of a lower-cased role noun of a person → the last person with it.
    by_role: FastMap<String, usize>,
    /// Every suffix of the lower-cased last word of an organisation → the last one.
    by_head: FastMap<String, usize>,
    /// An acronym given in brackets after a name → the organisation.
    aliases: FastMap<String, usize>,
    last_company: Option<usize>,
}

impl Table {
    fn push(&mut self, name: &str, kind: EntityType, key: String) -> usize {
        let idx = self.ents.len();
        self.ents.push(Entity {
            name: name.to_string(),
            kind,
            roles: Vec::new(),
            mentions: 1,
        });
        self.by_key.insert(key, idx);
        idx
    }

    fn mention(&mut self, idx: usize) {
        if let Some(e) = self.ents.get_mut(idx) {
            e.mentions += 1;
        }
    }

    fn add_person(&mut self, name: &str) -> usize {
        let name = name.trim_end_matches(',');
        let found = self.by_key.get(name).copied().or_else(|| {
            // Anna Bergers Plan: the genitive of a full name met before.
            name.strip_suffix('s')
                .and_then(|stem| self.by_key.get(stem).copied())
                .filter(|&i| {
                    self.ents
                        .get(i)
                        .is_some_and(|e| e.kind == EntityType::Person)
                })
        });
        if let Some(idx) = found {
            self.mention(idx);
            return idx;
        }
        let surname = name.rsplit(' ').next().unwrap_or(name);
        if let Some(&idx) = self.by_surname.get(surname) {
            let Some(e) = self.ents.get_mut(idx) else {
                return idx;
            };
            // Frau Berger, then Anna Berger: the full name for the one person. A full name
            // with another given name is another person (Anna and Jan Berger).
            if !name.contains(' ') {
                e.mentions += 1;
                return idx;
            }
            if !e.name.contains(' ') {
                e.name = name.to_string();
                e.mentions += 1;
                self.by_key.insert(name.to_string(), idx);
                return idx;
            }
        }
        let idx = self.push(name, EntityType::Person, name.to_string());
        self.by_surname.insert(surname.to_string(), idx);
        idx
    }

    fn add_role(&mut self, idx: usize, role: &str) {
        let Some(e) = self.ents.get_mut(idx) else {
            return;
        };
        // Chief after Police Chief, Ministerin after Außenministerin: nothing new.
        let lower = role.to_lowercase();
        if e.roles.iter().any(|r| r.to_lowercase().ends_with(&lower)) {
            return;
        }
        e.roles.push(role.to_string());
        // Index the role nouns of the phrase, every suffix, so that „die Ministerin“ finds
        // the Außenministerin.
        for word in role.split(' ') {
            let lw = word.to_lowercase();
            if !speakers::is_role(&lw) {
                continue;
            }
            for (n, _) in lw.char_indices() {
                if let Some(suffix) = lw.get(n..) {
                    self.by_role.insert(suffix.to_string(), idx);
                }
            }
        }
    }

    fn add_org(&mut self, name: &str, company: bool) -> usize {
        let key = org_key(name);
        let idx = match self.by_key.get(key.as_str()).copied() {
            Some(idx) => {
                self.mention(idx);
                // The nominative is the shortest form: Deutsche Bank, not Deutschen Bank.
                if let Some(e) = self.ents.get_mut(idx) {
                    if name.chars().count() < e.name.chars().count() {
                        e.name = name.to_string();
                    }
                }
                idx
            }
            None => {
                let idx = self.push(name, EntityType::Organization, key);
                let last = name.rsplit(' ').next().unwrap_or(name).to_lowercase();
                for (n, _) in last.char_indices() {
                    if let Some(suffix) = last.get(n..).filter(|s| s.chars().count() >= 4) {
                        self.by_head.insert(suffix.to_string(), idx);
                    }
                }
                idx
            }
        };
        if company {
            self.last_company = Some(idx);
        }
        idx
    }

    fn add_place(&mut self, name: &str) {
        match self.by_key.get(name).copied() {
            Some(idx) => self.mention(idx),
            None => {
                self.push(name, EntityType::Place, name.to_string());
            }
        }
    }

    /// An acronym in brackets after an organisation name — Bundesamt für Migration (BAMF) —
    /// names it from then on; returns the token after the name and brackets.
    fn alias_after(&mut self, doc: &Doc, idx: usize, end: usize) -> usize {
        let word = doc.word(end + 1);
        let acronym = word.chars().count() >= 2 && word.chars().all(char::is_uppercase);
        if doc.is_punct(end, '(') && doc.is_punct(end + 2, ')') && acronym {
            self.aliases.entry(word.to_string()).or_insert(idx);
            return end + 3;
        }
        end
    }

    /// Takes the roles of the appositions around the person at `span` and returns the
    /// token after the name.
    fn appositions(&mut self, doc: &Doc, idx: usize, span: (usize, usize)) -> usize {
        if let Some(role) = span
            .0
            .checked_sub(1)
            .and_then(|c| names::role_before(doc, c))
        {
            self.add_role(idx, &role);
        }
        if let Some((role, end)) = names::role_after(doc, span.1) {
            self.add_role(idx, &role);
            return end;
        }
        span.1
    }

    /// A mention of an entity met before at `i`: a surname, an acronym, or a definite role
    /// or organisation noun. Returns the token to go on from.
    fn mention_at(&mut self, doc: &Doc, i: usize) -> usize {
        if doc.is_cap(i) {
            let word = doc.word(i);
            let stem = names::without_possessive(word);
            let person = self.by_surname.get(stem).copied().or_else(|| {
                // Bergers Vorschlag: a German genitive.
                word.strip_suffix('s')
                    .and_then(|s| self.by_surname.get(s).copied())
            });
            if let Some(idx) = person.or_else(|| self.aliases.get(word).copied()) {
                self.mention(idx);
                return i + 1;
            }
        }
        if matches!(
            doc.low(i),
            "der" | "die" | "das" | "den" | "dem" | "des" | "the"
        ) {
            return self.noun_mention(doc, i);
        }
        i + 1
    }

    /// „die Ministerin“, „the foreign minister“, „der Konzern“ at the determiner `i`.
    fn noun_mention(&mut self, doc: &Doc, i: usize) -> usize {
        // One adjective may stand between: die neue Ministerin, the foreign minister.
        let adjective = doc.is_word(i + 1)
            && !doc.is_cap(i + 1)
            && !speakers::is_stop(doc.low(i + 1))
            && !is_referring_noun(doc.low(i + 1));
        let n = if adjective { i + 2 } else { i + 1 };
        if !doc.is_word(n) || (!doc.english && !doc.is_cap(n)) {
            return i + 1;
        }
        // A name follows: the role belongs to it, and the next step reads it.
        if names::titled_person_at(doc, n).is_some() {
            return n;
        }
        let lw = doc.low(n);
        let target = if speakers::is_role(lw) {
            role_lookup(&self.by_role, lw)
        } else if is_referring_noun(lw) {
            self.by_head.get(lw).copied().or_else(|| {
                COMPANY_NOUNS
                    .contains(lw)
                    .then_some(self.last_company)
                    .flatten()
            })
        } else {
            None
        };
        match target {
            Some(idx) => {
                self.mention(idx);
                n + 1
            }
            None => i + 1,
        }
    }
}

/// A role, organisation or company noun that can refer back to an entity.
fn is_referring_noun(lower: &str) -> bool {
    speakers::is_role(lower)
        || names::is_head(lower)
        || speakers::is_org(lower)
        || COMPANY_NOUNS.contains(lower)
}

/// The person whose role ends in `lower`, also inflected (des Ministers, den Abgeordneten).
fn role_lookup(by_role: &FastMap<String, usize>, lower: &str) -> Option<usize> {
    by_role.get(lower).copied().or_else(|| {
        ["s", "n", "en"]
            .iter()
            .filter_map(|e| lower.strip_suffix(e))
            .find_map(|s| by_role.get(s).copied())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_keys_merge_inflections() {
        assert_eq!(org_key("Deutschen Bank"), org_key("Deutsche Bank"));
        assert_eq!(org_key("Bundesministeriums"), org_key("Bundesministerium"));
        assert_ne!(org_key("Deutsche Bank"), org_key("Deutsche Bahn"));
    }
}
