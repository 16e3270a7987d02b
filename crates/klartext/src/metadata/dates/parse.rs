//! Dates: reading publication and modification dates from meta values, visible text and URL
//! paths, in ISO 8601, German, English (and a few other European languages') forms, numeric
//! forms, Unix timestamps and relative expressions ("vor 3 Stunden", "2 days ago"), and
//! writing them back as ISO 8601 with time and zone where the page gives them.
//!
//! Calendar arithmetic is done here (days from the civil date, proleptic Gregorian), so no
//! date library is needed; all values are checked against a plausible range.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::{Captures, Regex};

/// A calendar date with an optional time of day and UTC offset (minutes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub time: Option<(u32, u32, u32)>,
    pub offset: Option<i32>,
}

/// The earliest year accepted: the web news era.
pub const MIN_YEAR: i32 = 1995;

impl Date {
    /// A date-only value, if the fields form a real calendar day.
    pub fn ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month,
            day,
            time: None,
            offset: None,
        })
    }

    /// The calendar day `days` after 1970-01-01.
    pub fn ymd_from_days(days: i64) -> Option<Date> {
        let (y, m, d) = civil_from_days(days);
        Date::ymd(y as i32, m, d)
    }

    fn with_time(mut self, h: u32, m: u32, s: u32) -> Option<Date> {
        if h > 23 || m > 59 || s > 60 {
            return None;
        }
        self.time = Some((h, m, s.min(59)));
        Some(self)
    }

    /// Days since 1970-01-01 of the calendar day.
    pub fn days(&self) -> i64 {
        days_from_civil(self.year as i64, self.month, self.day)
    }

    /// Seconds since the Unix epoch (a missing time is midnight, a missing zone UTC).
    pub fn timestamp(&self) -> i64 {
        let (h, m, s) = self.time.unwrap_or((0, 0, 0));
        self.days() * 86_400 + (h * 3600 + m * 60 + s) as i64 - self.offset.unwrap_or(0) as i64 * 60
    }

    /// The date at `secs` since the epoch, shown in UTC, with its time.
    pub fn from_timestamp(secs: i64) -> Date {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400) as u32;
        let (y, m, d) = civil_from_days(days);
        Date {
            year: y as i32,
            month: m,
            day: d,
            time: Some((rem / 3600, rem % 3600 / 60, rem % 60)),
            offset: Some(0),
        }
    }

    /// ISO 8601: `2025-11-30`, `2025-11-30T14:03:00`, `2025-11-30T14:03:00+01:00`.
    pub fn to_iso(&self) -> String {
        let mut s = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        if let Some((h, m, sec)) = self.time {
            s.push_str(&format!("T{h:02}:{m:02}:{sec:02}"));
            match self.offset {
                Some(0) => s.push_str("+00:00"),
                Some(o) => {
                    let sign = if o < 0 { '-' } else { '+' };
                    let o = o.abs();
                    s.push_str(&format!("{sign}{:02}:{:02}", o / 60, o % 60));
                }
                None => {}
            }
        }
        s
    }

    /// True when the date lies between 1995 and `now` (plus a day of slack for zones).
    pub fn plausible(&self, now: i64) -> bool {
        self.year >= MIN_YEAR && self.timestamp() <= now + 86_400
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Howard Hinnant's `days_from_civil`.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

static MONTHS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    include_str!("../../../data/metadata/months.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (name, n) = l.split_once('\t')?;
            Some((name.to_string(), n.trim().parse().ok()?))
        })
        .collect()
});

fn month_alternation() -> String {
    let mut names: Vec<&String> = MONTHS.keys().collect();
    names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    names
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|")
}

fn month_number(name: &str) -> Option<u32> {
    MONTHS.get(&name.to_lowercase()).copied()
}

// The date patterns use ASCII word boundaries, `(?-u:\b)`: a Unicode `\b` makes the regex
// crate's fast automaton give up on any non-ASCII text and fall back to a slow engine,
// which cost a fifth of the whole extraction; next to digits the two mean the same.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?-u:\b)((?:19|20)\d{2})([-/.])(\d{1,2})([-/.])(\d{1,2})
        (?:(?:T|\s+|\s*,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?
        \s*(Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?(?:(?-u:\b)|$)",
    )
    .expect("static regex")
});

static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:19|20)\d{2})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z)?$")
        .expect("static regex")
});

static NUMERIC_DOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2}|\d{2})(?-u:\b)")
        .expect("static regex")
});

static NUMERIC_SLASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})([/-])(\d{1,2})[/-]((?:19|20)\d{2})(?-u:\b)")
        .expect("static regex")
});

/// "26 | 01 | 2022": day, month and year between bars, as some German and Swiss sites print
/// them.
static NUMERIC_BAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})\s?\|\s?(\d{1,2})\s?\|\s?((?:19|20)\d{2})(?-u:\b)")
        .expect("static regex")
});

/// "2020年07月03日" (Chinese, Japanese) and "2020년 7월 3일" (Korean): year, month, day.
static CJK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2})\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]")
        .expect("static regex")
});

static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s*(?:of\s+|de\s+)?({})(?:\s?/\s?\S{{2,12}})?\.?,?\s+(?:de\s+)?((?:19|20)\d{{2}})(?-u:\b)",
        month_alternation()
    ))
    .expect("static regex")
});

static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)({})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})(?-u:\b)",
        month_alternation()
    ))
    .expect("static regex")
});

static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:[,|/·•–—-]\s*)?(?:(?:um|at|à|a\s+las|alle)\s+)?(?:-\s*)?
        (\d{1,2})[:.h](\d{2})(?::(\d{2}))?
        \s*(?:(uhr|h)\b|([ap])\.?\s?m\b\.?)?
        \s*(z\b|utc\b|gmt\b|mesz\b|mez\b|cest\b|cet\b|bst\b|edt\b|est\b|pdt\b|pst\b|[+-]\d{2}:?\d{2}\b)?",
    )
    .expect("static regex")
});

/// A date found in a string, with where it starts and ends.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub date: Date,
    pub start: usize,
    pub end: usize,
}

fn zone_offset(z: &str) -> Option<i32> {
    let l = z.to_ascii_lowercase();
    match l.as_str() {
        "z" | "utc" | "gmt" => Some(0),
        "mez" | "cet" | "bst" => Some(60),
        "mesz" | "cest" => Some(120),
        "edt" => Some(-240),
        "est" => Some(-300),
        "pdt" => Some(-420),
        "pst" => Some(-480),
        _ => {
            let sign = if l.starts_with('-') { -1 } else { 1 };
            let digits: String = l.chars().filter(|c| c.is_ascii_digit()).collect();
            let h: i32 = digits.get(0..2)?.parse().ok()?;
            let m: i32 = digits.get(2..4).and_then(|s| s.parse().ok()).unwrap_or(0);
            (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
        }
    }
}

fn num(c: &Captures, i: usize) -> Option<u32> {
    c.get(i)?.as_str().parse().ok()
}

/// Reads a time of day right after a date ("14:03 Uhr", ", 2:03 pm EST").
fn time_after(date: Date, rest: &str) -> (Date, usize) {
    let rest = match rest.char_indices().nth(48) {
        Some((i, _)) => &rest[..i],
        None => rest,
    };
    let Some(c) = TIME_AFTER.captures(rest) else {
        return (date, 0);
    };
    let (Some(mut h), Some(m)) = (num(&c, 1), num(&c, 2)) else {
        return (date, 0);
    };
    let s = num(&c, 3).unwrap_or(0);
    if let Some(ap) = c.get(5) {
        let pm = ap.as_str().eq_ignore_ascii_case("p");
        if h == 12 {
            h = if pm { 12 } else { 0 };
        } else if pm {
            h += 12;
        }
    }
    // A bare "19.45" after a date is a time only with a label; "1.2" is not.
    let labelled = c.get(4).is_some() || c.get(5).is_some() || c.get(6).is_some();
    let colon = c.get(0).is_some_and(|m| m.as_str().contains(':'));
    if !labelled && !colon {
        return (date, 0);
    }
    match date.with_time(h, m, s) {
        Some(mut d) => {
            d.offset = c.get(6).and_then(|z| zone_offset(z.as_str()));
            (d, c.get(0).map_or(0, |m| m.end()))
        }
        None => (date, 0),
    }
}

fn year4(y: u32) -> i32 {
    if y < 100 {
        if y < 70 {
            2000 + y as i32
        } else {
            1900 + y as i32
        }
    } else {
        y as i32
    }
}

/// All dates in `s`, in order of appearance (overlaps resolved in favour of the earlier);
/// "02/10/2020" is read month first, as in the US.
pub fn find_all(s: &str) -> Vec<Found> {
    find_all_order(s, false)
}

/// As [`find_all`], with `day_first` choosing how "02/10/2020" reads: 2 October
/// (British, European) or February 10 (US).
pub fn find_all_order(s: &str, day_first: bool) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let has_digit = s.bytes().any(|b| b.is_ascii_digit());
    if !has_digit {
        return out;
    }
    for c in ISO.captures_iter(s) {
        let (Some(y), Some(mo), Some(d)) = (num(&c, 1), num(&c, 3), num(&c, 5)) else {
            continue;
        };
        if c.get(2).map(|m| m.as_str()) != c.get(4).map(|m| m.as_str()) {
            continue;
        }
        let Some(mut date) = Date::ymd(y as i32, mo, d) else {
            continue;
        };
        if let (Some(h), Some(mi)) = (num(&c, 6), num(&c, 7)) {
            if let Some(t) = date.with_time(h, mi, num(&c, 8).unwrap_or(0)) {
                date = t;
                date.offset = c.get(9).and_then(|z| zone_offset(z.as_str()));
            }
        }
        let m = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
        push(&mut out, date, m.0, m.1);
    }
    for c in NUMERIC_DOT.captures_iter(s) {
        let Some(m) = c.get(0) else {
            continue;
        };
        if part_of_number_run(s, m.start(), m.end()) || ends_a_range(s, m.start()) {
            continue;
        }
        let ymd = (num(&c, 3), num(&c, 2), num(&c, 1));
        push_with_time(&mut out, s, &c, (ymd.0.map(year4), ymd.1, ymd.2));
    }
    for c in NUMERIC_SLASH.captures_iter(s) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 3)) else {
            continue;
        };
        // Month first (US) unless told otherwise or the first number cannot be a month.
        let (mo, d) = if a > 12 || (day_first && b <= 12) {
            (b, a)
        } else {
            (a, b)
        };
        push_with_time(&mut out, s, &c, (num(&c, 4).map(year4), Some(mo), Some(d)));
    }
    for c in NUMERIC_BAR.captures_iter(s) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        // Day first, as written where this form is used, unless that cannot be.
        let (mo, d) = if a <= 12 && b > 12 { (a, b) } else { (b, a) };
        push_with_time(&mut out, s, &c, (num(&c, 3).map(year4), Some(mo), Some(d)));
    }
    if !s.is_ascii() {
        for c in CJK.captures_iter(s) {
            push_with_time(
                &mut out,
                s,
                &c,
                (num(&c, 1).map(year4), num(&c, 2), num(&c, 3)),
            );
        }
    }
    for c in DAY_MONTH.captures_iter(s) {
        if c.get(0).is_some_and(|m| ends_a_range(s, m.start())) {
            continue;
        }
        let mo = c.get(2).and_then(|m| month_number(m.as_str()));
        push_with_time(&mut out, s, &c, (num(&c, 3).map(year4), mo, num(&c, 1)));
    }
    for c in MONTH_DAY.captures_iter(s) {
        let mo = c.get(1).and_then(|m| month_number(m.as_str()));
        push_with_time(&mut out, s, &c, (num(&c, 3).map(year4), mo, num(&c, 2)));
    }
    out.sort_by_key(|f| f.start);
    out
}

/// Adds the date a whole match `c` names (year, month, day, any of them possibly unread),
/// with the time of day printed right after it.
fn push_with_time(
    out: &mut Vec<Found>,
    s: &str,
    c: &Captures,
    (y, mo, d): (Option<i32>, Option<u32>, Option<u32>),
) {
    let (Some(m), Some(y), Some(mo), Some(d)) = (c.get(0), y, mo, d) else {
        return;
    };
    let Some(date) = Date::ymd(y, mo, d) else {
        return;
    };
    let (date, used) = time_after(date, &s[m.end()..]);
    push(out, date, m.start(), m.end() + used);
}

/// "1.2.3" version numbers and "12.5.19.4": the match continues a run of dotted numbers.
fn part_of_number_run(s: &str, start: usize, end: usize) -> bool {
    let after = &s[end..];
    let before = &s[..start];
    (after.starts_with('.') && after.chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
        || (before.ends_with('.')
            && before
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit()))
}

/// "23.-26.8.2017": the date ends a range of days, an event's dates rather than the page's.
fn ends_a_range(s: &str, start: usize) -> bool {
    let before = s[..start].trim_end();
    let Some(before) = before.strip_suffix(['-', '–']) else {
        return false;
    };
    before.trim_end().ends_with('.')
        && before
            .trim_end()
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| c.is_ascii_digit())
}

fn push(out: &mut Vec<Found>, date: Date, start: usize, end: usize) {
    if out.iter().any(|f| start < f.end && f.start < end) {
        return;
    }
    out.push(Found { date, start, end });
}

/// Reads one date from a meta value or attribute (`content`, `datetime`): ISO 8601 and the
/// forms of [`find_all`], or a Unix timestamp in seconds or milliseconds.
pub fn parse_value(s: &str) -> Option<Date> {
    parse_value_order(s, false)
}

/// As [`parse_value`], with `day_first` choosing how "02/10/2020" reads (see
/// [`find_all_order`]).
pub fn parse_value_order(s: &str, day_first: bool) -> Option<Date> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        if let Some(c) = COMPACT.captures(t) {
            let d = Date::ymd(num(&c, 1)? as i32, num(&c, 2)?, num(&c, 3)?)?;
            return Some(match (num(&c, 4), num(&c, 5)) {
                (Some(h), Some(m)) => d.with_time(h, m, num(&c, 6).unwrap_or(0)).unwrap_or(d),
                _ => d,
            });
        }
        let n: i64 = t.parse().ok()?;
        let secs = match t.len() {
            9 | 10 => n,
            12 | 13 => n / 1000,
            _ => return None,
        };
        return Some(Date::from_timestamp(secs));
    }
    find_all_order(t, day_first).first().map(|f| f.date)
}

static RELATIVE_DE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bvor\s+(\d+|einer|einem|eine|zwei|drei|vier|fünf|sechs)\s+(sekunden?|minuten?|min\.?|stunden?|std\.?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)\b",
    )
    .expect("static regex")
});

static RELATIVE_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d+|an?|one|two|three|four|five|six)\s+(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b",
    )
    .expect("static regex")
});

static RELATIVE_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(heute|gestern|vorgestern|today|yesterday)\b").expect("static regex")
});

fn count_word(w: &str) -> Option<i64> {
    match w.to_lowercase().as_str() {
        "a" | "an" | "one" | "einer" | "einem" | "eine" => Some(1),
        "two" | "zwei" => Some(2),
        "three" | "drei" => Some(3),
        "four" | "vier" => Some(4),
        "five" | "fünf" => Some(5),
        "six" | "sechs" => Some(6),
        d => d.parse().ok(),
    }
}

fn unit_seconds(u: &str) -> Option<i64> {
    let u = u.to_lowercase();
    let s = if u.starts_with("sek") || u.starts_with("sec") {
        1
    } else if u.starts_with("min") {
        60
    } else if u.starts_with("st") || u.starts_with("h") {
        3600
    } else if u.starts_with("tag") || u.starts_with("day") {
        86_400
    } else if u.starts_with("woche") || u.starts_with("week") {
        7 * 86_400
    } else if u.starts_with("monat") || u.starts_with("month") {
        30 * 86_400
    } else if u.starts_with("jahr") || u.starts_with("year") {
        365 * 86_400
    } else {
        return None;
    };
    Some(s)
}

/// A relative date ("vor 3 Stunden", "2 days ago", "gestern, 14:03 Uhr") resolved against
/// `reference` (seconds since the epoch). Units below a day keep the time (in UTC); days
/// and longer give the calendar day only.
pub fn relative(s: &str, reference: i64) -> Option<(Date, usize)> {
    let (n, unit, start) = if let Some(c) = RELATIVE_DE.captures(s) {
        (
            count_word(c.get(1)?.as_str())?,
            unit_seconds(c.get(2)?.as_str())?,
            c.get(0)?.start(),
        )
    } else if let Some(c) = RELATIVE_EN.captures(s) {
        (
            count_word(c.get(1)?.as_str())?,
            unit_seconds(c.get(2)?.as_str())?,
            c.get(0)?.start(),
        )
    } else if let Some(c) = RELATIVE_DAY.captures(s) {
        let m = c.get(1)?;
        let back = match m.as_str().to_lowercase().as_str() {
            "heute" | "today" => 0,
            "gestern" | "yesterday" => 1,
            _ => 2,
        };
        let base = Date::from_timestamp(reference - back * 86_400);
        let day = Date::ymd(base.year, base.month, base.day)?;
        let (d, _) = time_after(day, &s[m.end()..]);
        return Some((d, m.start()));
    } else {
        return None;
    };
    let secs = reference - n.checked_mul(unit)?;
    let d = Date::from_timestamp(secs);
    if unit >= 86_400 {
        return Some((Date::ymd(d.year, d.month, d.day)?, start));
    }
    Some((
        Date {
            time: d.time.map(|(h, m, _)| (h, m, 0)),
            ..d
        },
        start,
    ))
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
        .expect("static regex")
});

static URL_DATE_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[/_-](0[1-9]|[12]\d|3[01])[._-](0[1-9]|1[0-2])[._-]((?:19|20)\d{2})(?:[/_.-]|$)")
        .expect("static regex")
});

/// A date in a URL path: `/2025/11/30/`, `/2025-11-30-`, `/20251130/`, `-30-11-2025`.
pub fn from_url(url: &str) -> Option<Date> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    if let Some(c) = URL_DATE.captures(path) {
        return Date::ymd(num(&c, 1)? as i32, num(&c, 2)?, num(&c, 3)?);
    }
    if let Some(c) = URL_DATE_DMY.captures(path) {
        return Date::ymd(num(&c, 3)? as i32, num(&c, 2)?, num(&c, 1)?);
    }
    // "/2017/7/12/": unpadded month and day between slashes.
    static UNPADDED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/").expect("static regex")
    });
    let c = UNPADDED.captures(path)?;
    Date::ymd(num(&c, 1)? as i32, num(&c, 2)?, num(&c, 3)?)
}

/// A year and month in a URL path (`/2025/11/`), as the first of that month; a weak hint.
pub fn month_from_url(url: &str) -> Option<(i32, u32)> {
    static YM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/").expect("static regex"));
    let c = YM.captures(url)?;
    Some((num(&c, 1)? as i32, num(&c, 2)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse_value(s).map(|d| d.to_iso())
    }

    #[test]
    fn iso_forms() {
        assert_eq!(
            iso("2025-11-30T14:03:00+01:00").as_deref(),
            Some("2025-11-30T14:03:00+01:00")
        );
        assert_eq!(
            iso("2025-11-30T14:03:00Z").as_deref(),
            Some("2025-11-30T14:03:00+00:00")
        );
        assert_eq!(
            iso("2025-11-30 14:03").as_deref(),
            Some("2025-11-30T14:03:00")
        );
        assert_eq!(iso("2025-11-30").as_deref(), Some("2025-11-30"));
        assert_eq!(
            iso("2025-11-30T14:03:00.000+0100").as_deref(),
            Some("2025-11-30T14:03:00+01:00")
        );
        assert_eq!(iso("2025/11/30").as_deref(), Some("2025-11-30"));
        assert_eq!(iso("2025-02-30"), None);
    }

    #[test]
    fn german_forms() {
        assert_eq!(iso("30.11.2025").as_deref(), Some("2025-11-30"));
        assert_eq!(
            iso("30. November 2025, 14:03 Uhr").as_deref(),
            Some("2025-11-30T14:03:00")
        );
        assert_eq!(
            iso("Stand: 30.11.2025 14:03 Uhr").as_deref(),
            Some("2025-11-30T14:03:00")
        );
        assert_eq!(iso("1. März 2024").as_deref(), Some("2024-03-01"));
        assert_eq!(iso("3. Jänner 2020").as_deref(), Some("2020-01-03"));
        assert_eq!(
            iso("Veröffentlicht am 05.03.19").as_deref(),
            Some("2019-03-05")
        );
        assert_eq!(
            iso("30.11.2025 | 14.03 Uhr MEZ").as_deref(),
            Some("2025-11-30T14:03:00+01:00")
        );
        assert_eq!(iso("Version 1.2.3.2019"), None);
        // The end of a range of days is an event's date: skipped, the next date is read.
        assert_eq!(
            iso("am 23.-26.8.2017 dabei, gespeichert am 24. Juli 2017").as_deref(),
            Some("2017-07-24")
        );
        assert_eq!(iso("vom 23. - 26.08.2017").as_deref(), None);
        assert_eq!(
            iso("Monatsbericht 3. - 9. Februar 2022, erstellt 10. Februar 2022").as_deref(),
            Some("2022-02-10")
        );
    }

    #[test]
    fn english_forms() {
        assert_eq!(iso("Nov. 30, 2025").as_deref(), Some("2025-11-30"));
        assert_eq!(iso("November 30th, 2025").as_deref(), Some("2025-11-30"));
        assert_eq!(iso("30 November 2025").as_deref(), Some("2025-11-30"));
        assert_eq!(
            iso("Sun, 30 Nov 2025 14:03:00 GMT").as_deref(),
            Some("2025-11-30T14:03:00+00:00")
        );
        assert_eq!(
            iso("Nov 30, 2025 at 2:03 p.m. EST").as_deref(),
            Some("2025-11-30T14:03:00-05:00")
        );
        assert_eq!(iso("11/30/2025").as_deref(), Some("2025-11-30"));
        assert_eq!(iso("30/11/2025").as_deref(), Some("2025-11-30"));
        assert_eq!(iso("12:00 am, Nov 30, 2025").as_deref(), Some("2025-11-30"));
        let dm = |s: &str| find_all_order(s, true).first().map(|f| f.date.to_iso());
        assert_eq!(dm("02/10/2020").as_deref(), Some("2020-10-02"));
        assert_eq!(dm("12/30/2020").as_deref(), Some("2020-12-30"));
    }

    #[test]
    fn other_languages_and_numbers() {
        assert_eq!(iso("19 de octubre de 2019").as_deref(), Some("2019-10-19"));
        assert_eq!(iso("19 octobre 2019").as_deref(), Some("2019-10-19"));
        assert_eq!(iso("20191019").as_deref(), Some("2019-10-19"));
        assert_eq!(
            iso("1571443200").as_deref(),
            Some("2019-10-19T00:00:00+00:00")
        );
        assert_eq!(
            iso("1571443200000").as_deref(),
            Some("2019-10-19T00:00:00+00:00")
        );
    }

    #[test]
    fn bars_cjk_and_eastern_european_months() {
        assert_eq!(iso("26 | 01 | 2022").as_deref(), Some("2022-01-26"));
        assert_eq!(iso("01 | 31 | 2022").as_deref(), Some("2022-01-31"));
        assert_eq!(iso("Preis 26 | 13 | 2022"), None);
        assert_eq!(iso("2020年07月03日").as_deref(), Some("2020-07-03"));
        assert_eq!(
            iso("2020年7月3日 17:16").as_deref(),
            Some("2020-07-03T17:16:00")
        );
        assert_eq!(iso("2020년 7월 3일").as_deref(), Some("2020-07-03"));
        assert_eq!(
            iso("15 августа 2016, 13:43").as_deref(),
            Some("2016-08-15T13:43:00")
        );
        assert_eq!(iso("2 Мая 2016").as_deref(), Some("2016-05-02"));
        assert_eq!(iso("15 серпня 2016").as_deref(), Some("2016-08-15"));
        assert_eq!(iso("3 października 2019").as_deref(), Some("2019-10-03"));
        assert_eq!(iso("3 maj 2019").as_deref(), Some("2019-05-03"));
        assert_eq!(
            iso("الجمعة 24 نيسان / أبريل 2020 09:22").as_deref(),
            Some("2020-04-24T09:22:00")
        );
        assert_eq!(iso("24 أبريل 2020").as_deref(), Some("2020-04-24"));
    }

    #[test]
    fn meta_values_read_in_the_pages_order() {
        let dm = |s: &str| parse_value_order(s, true).map(|d| d.to_iso());
        assert_eq!(
            dm("10/05/2022 05:22 pm").as_deref(),
            Some("2022-05-10T17:22:00")
        );
        assert_eq!(
            iso("10/05/2022 05:22 pm").as_deref(),
            Some("2022-10-05T17:22:00")
        );
        assert_eq!(dm("2022-05-10").as_deref(), Some("2022-05-10"));
    }

    #[test]
    fn relative_dates() {
        let reference = Date::ymd(2025, 11, 30)
            .map(|d| d.timestamp() + 15 * 3600)
            .unwrap_or(0);
        let r = |s: &str| relative(s, reference).map(|(d, _)| d.to_iso());
        assert_eq!(
            r("vor 3 Stunden").as_deref(),
            Some("2025-11-30T12:00:00+00:00")
        );
        assert_eq!(r("2 days ago").as_deref(), Some("2025-11-28"));
        assert_eq!(r("vor einer Woche").as_deref(), Some("2025-11-23"));
        assert_eq!(
            r("an hour ago").as_deref(),
            Some("2025-11-30T14:00:00+00:00")
        );
        assert_eq!(
            r("gestern, 14:03 Uhr").as_deref(),
            Some("2025-11-29T14:03:00")
        );
        assert_eq!(r("yesterday").as_deref(), Some("2025-11-29"));
        assert_eq!(r("seit Jahren"), None);
    }

    #[test]
    fn plausibility() {
        let now = Date::ymd(2025, 11, 30).map(|d| d.timestamp()).unwrap_or(0);
        assert!(Date::ymd(2025, 11, 30).is_some_and(|d| d.plausible(now)));
        assert!(!Date::ymd(2026, 1, 2).is_some_and(|d| d.plausible(now)));
        assert!(!Date::ymd(1994, 12, 31).is_some_and(|d| d.plausible(now)));
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            from_url("https://x.de/2025/11/30/slug")
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2025-11-30")
        );
        assert_eq!(
            from_url("https://x.com/news/2025-11-30-slug.html")
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2025-11-30")
        );
        assert_eq!(
            from_url("https://x.com/a/20251130/slug")
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2025-11-30")
        );
        assert_eq!(from_url("https://x.com/id/12345678/"), None);
        assert_eq!(
            from_url("https://x.de/home/2017/7/12/slug")
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2017-07-12")
        );
        assert_eq!(
            month_from_url("https://x.com/2025/11/slug"),
            Some((2025, 11))
        );
    }

    #[test]
    fn roundtrip_days() {
        for days in [-1000i64, 0, 10_957, 20_000] {
            let d = Date::from_timestamp(days * 86_400);
            assert_eq!(d.days(), days);
        }
    }
}
