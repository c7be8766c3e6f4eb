//! Per-field comparisons: which fields are compared and the ordered agreement levels each
//! one can reach, from the strongest agreement down to "different", with "missing" last.

use chrono::Datelike;
use serde::Serialize;

use crate::normalize::{DateValue, NameId, NameKey, Person, skeleton};

/// Skeleton similarity at or above which two names are "close".
pub const CLOSE: f64 = 0.92;
/// Skeleton similarity at or above which two surnames are "similar" (a weaker close).
pub const SIMILAR: f64 = 0.85;

/// One agreement level of a comparison. Each [`Comparator`] uses an ordered subset, listed
/// by [`Comparator::levels`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Identical after folding (case, spaces, apostrophes).
    Exact,
    /// Equal once transliterated or reduced to the cross-language skeleton.
    Transliterated,
    /// Different spellings of one dictionary name (Олександр = Александр = Oleksandr).
    Equivalent,
    /// Skeleton similarity at or above [`CLOSE`].
    Close,
    /// Skeleton similarity at or above [`SIMILAR`].
    Similar,
    /// One side gives only an initial, and it agrees.
    Initial,
    /// Dates: day and month swapped.
    DayMonthSwapped,
    /// Dates: one digit differs, or two adjacent digits are swapped.
    OneDigitOff,
    /// Dates: same day and month, years one apart.
    OneYearOff,
    /// Dates: only the year agrees (or one side knows only the year).
    SameYear,
    /// Numbers: one insertion, deletion, substitution or adjacent transposition apart.
    OneEdit,
    /// Both sides have a value and they disagree.
    Different,
    /// Either side has no usable value: no evidence either way, weight 0.
    Missing,
}

/// A compared field. The list of comparators of a model is ordered, and a pair's agreement
/// pattern holds one level index per comparator. A future comparator over an extra column
/// (exact / fuzzy / date / number over a string) would be one more variant here with its own
/// level list; nothing else in the engine depends on the set of variants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// Surname keys.
    Surname,
    /// Given name keys and dictionary id.
    GivenName,
    /// Patronymic keys and the father's dictionary id.
    Patronymic,
    /// Date of birth.
    Dob,
    /// Sex.
    Sex,
    /// Service number.
    ServiceNumber,
    /// Document number.
    DocumentNumber,
}

const NAME_LEVELS: &[Level] = &[
    Level::Exact,
    Level::Transliterated,
    Level::Equivalent,
    Level::Close,
    Level::Initial,
    Level::Different,
    Level::Missing,
];
const SURNAME_LEVELS: &[Level] = &[
    Level::Exact,
    Level::Transliterated,
    Level::Close,
    Level::Similar,
    Level::Different,
    Level::Missing,
];
const DOB_LEVELS: &[Level] = &[
    Level::Exact,
    Level::DayMonthSwapped,
    Level::OneDigitOff,
    Level::OneYearOff,
    Level::SameYear,
    Level::Different,
    Level::Missing,
];
const SEX_LEVELS: &[Level] = &[Level::Exact, Level::Different, Level::Missing];
const NUMBER_LEVELS: &[Level] = &[
    Level::Exact,
    Level::OneEdit,
    Level::Different,
    Level::Missing,
];

impl Comparator {
    /// The default comparison list, in pattern order.
    pub const DEFAULT: [Comparator; 7] = [
        Comparator::Surname,
        Comparator::GivenName,
        Comparator::Patronymic,
        Comparator::Dob,
        Comparator::Sex,
        Comparator::ServiceNumber,
        Comparator::DocumentNumber,
    ];

    /// The snake_case name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Comparator::Surname => "surname",
            Comparator::GivenName => "given_name",
            Comparator::Patronymic => "patronymic",
            Comparator::Dob => "dob",
            Comparator::Sex => "sex",
            Comparator::ServiceNumber => "service_number",
            Comparator::DocumentNumber => "document_number",
        }
    }

    /// The levels this comparator can reach, strongest first, [`Level::Missing`] last.
    pub fn levels(self) -> &'static [Level] {
        match self {
            Comparator::Surname => SURNAME_LEVELS,
            Comparator::GivenName | Comparator::Patronymic => NAME_LEVELS,
            Comparator::Dob => DOB_LEVELS,
            Comparator::Sex => SEX_LEVELS,
            Comparator::ServiceNumber | Comparator::DocumentNumber => NUMBER_LEVELS,
        }
    }

    /// Index of the missing level (always the last).
    pub fn missing(self) -> u8 {
        (self.levels().len() - 1) as u8
    }

    /// Compares two persons on this field; the result indexes [`Comparator::levels`].
    pub fn compare(self, a: &Person, b: &Person) -> u8 {
        let level = match self {
            Comparator::Surname => name_level(a.surname.as_ref(), b.surname.as_ref(), None),
            Comparator::GivenName => name_level(
                a.given.as_ref(),
                b.given.as_ref(),
                Some((a.given_id, b.given_id)),
            ),
            Comparator::Patronymic => name_level(
                a.patronymic.as_ref(),
                b.patronymic.as_ref(),
                Some((a.father_id, b.father_id)),
            ),
            Comparator::Dob => dob_level(&a.dob, &b.dob),
            Comparator::Sex => match (a.sex, b.sex) {
                (Some(x), Some(y)) if x == y => Level::Exact,
                (Some(_), Some(_)) => Level::Different,
                _ => Level::Missing,
            },
            Comparator::ServiceNumber => {
                number_level(a.service_number.as_deref(), b.service_number.as_deref())
            }
            Comparator::DocumentNumber => {
                number_level(a.document_number.as_deref(), b.document_number.as_deref())
            }
        };
        self.index_of(level)
    }

    /// Index of `level` in this comparator's list; a level the comparator does not use
    /// falls to "different", which cannot happen for the levels produced above.
    fn index_of(self, level: Level) -> u8 {
        let levels = self.levels();
        levels
            .iter()
            .position(|l| *l == level)
            .or_else(|| levels.iter().position(|l| *l == Level::Different))
            .unwrap_or(levels.len() - 1) as u8
    }
}

/// Similarity with the arguments in a fixed order, so that comparing A with B and B with A
/// give the same number even if the measure is not perfectly symmetric.
fn sym_similarity(a: &str, b: &str) -> f64 {
    let s = if a <= b {
        skeleton::similarity(a, b)
    } else {
        skeleton::similarity(b, a)
    };
    if s.is_nan() { 0.0 } else { s }
}

fn first_alpha(s: &str) -> Option<char> {
    s.chars().find(|c| c.is_alphabetic())
}

fn is_initial(k: &NameKey) -> bool {
    k.key.chars().filter(|c| c.is_alphabetic()).count() == 1
}

/// Name parts. `ids` carries the dictionary ids when the field has a dictionary (given
/// name, patronymic): two known and different ids are "different" outright, because
/// Олександр and Олексій are close as strings yet never the same name.
fn name_level(
    a: Option<&NameKey>,
    b: Option<&NameKey>,
    ids: Option<(Option<NameId>, Option<NameId>)>,
) -> Level {
    let (Some(a), Some(b)) = (a, b) else {
        return Level::Missing;
    };
    if a.key.is_empty() || b.key.is_empty() {
        return Level::Missing;
    }
    if a.key == b.key {
        return Level::Exact;
    }
    if (!a.latin.is_empty() && a.latin == b.latin)
        || (!a.skeleton.is_empty() && a.skeleton == b.skeleton)
    {
        return Level::Transliterated;
    }
    let has_dictionary = ids.is_some();
    if let Some((Some(x), Some(y))) = ids {
        return if x == y {
            Level::Equivalent
        } else {
            Level::Different
        };
    }
    if has_dictionary && (is_initial(a) || is_initial(b)) {
        let agree = first_alpha(&a.key) == first_alpha(&b.key)
            || (first_alpha(&a.latin).is_some() && first_alpha(&a.latin) == first_alpha(&b.latin));
        return if agree {
            Level::Initial
        } else {
            Level::Different
        };
    }
    let sim = sym_similarity(&a.skeleton, &b.skeleton);
    if sim >= CLOSE {
        Level::Close
    } else if !has_dictionary && sim >= SIMILAR {
        Level::Similar
    } else {
        Level::Different
    }
}

/// How two dates of birth agree. Kept private to matching until the dates colleague's
/// `date::compare` lands; the levels are the same.
pub(crate) fn dob_level(a: &DateValue, b: &DateValue) -> Level {
    match (a, b) {
        (DateValue::Full { date: x }, DateValue::Full { date: y }) => {
            if x == y {
                Level::Exact
            } else if x.year() == y.year() && x.day() == y.month() && x.month() == y.day() {
                Level::DayMonthSwapped
            } else if one_digit_off(&digits(x), &digits(y)) {
                Level::OneDigitOff
            } else if x.day() == y.day()
                && x.month() == y.month()
                && x.year().abs_diff(y.year()) == 1
            {
                Level::OneYearOff
            } else if x.year() == y.year() {
                Level::SameYear
            } else {
                Level::Different
            }
        }
        (DateValue::Full { date }, DateValue::Year { year })
        | (DateValue::Year { year }, DateValue::Full { date }) => {
            if date.year() == *year {
                Level::SameYear
            } else {
                Level::Different
            }
        }
        (DateValue::Year { year: x }, DateValue::Year { year: y }) => {
            if x == y {
                Level::SameYear
            } else {
                Level::Different
            }
        }
        _ => Level::Missing,
    }
}

/// The date as its eight digits ddmmyyyy (years outside 0..=9999 are clamped, and then only
/// compare as "different").
fn digits(d: &chrono::NaiveDate) -> [u8; 8] {
    let y = d.year().clamp(0, 9999) as u32;
    let v = [
        d.day() / 10,
        d.day() % 10,
        d.month() / 10,
        d.month() % 10,
        y / 1000,
        y / 100 % 10,
        y / 10 % 10,
        y % 10,
    ];
    v.map(|x| x as u8)
}

/// One digit wrong, or two adjacent digits swapped (1987 typed 1978): the typos a clerk
/// makes, as opposed to a different date.
fn one_digit_off(a: &[u8; 8], b: &[u8; 8]) -> bool {
    within_one_edit(a, b)
}

/// Service and document numbers (already alphanumeric upper case).
fn number_level(a: Option<&str>, b: Option<&str>) -> Level {
    match (a, b) {
        (Some(x), Some(y)) if !x.is_empty() && !y.is_empty() => {
            if x == y {
                Level::Exact
            } else if within_one_edit(x.as_bytes(), y.as_bytes()) {
                Level::OneEdit
            } else {
                Level::Different
            }
        }
        _ => Level::Missing,
    }
}

/// True when the byte strings are at most one substitution, insertion, deletion or
/// adjacent transposition apart (optimal string alignment distance ≤ 1).
pub(crate) fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    let (s, l) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match l.len() - s.len() {
        0 => {
            let diff: Vec<usize> = (0..s.len()).filter(|&i| s[i] != l[i]).take(3).collect();
            match diff.as_slice() {
                [] | [_] => true,
                [i, j] => *j == i + 1 && s[*i] == l[*j] && s[*j] == l[*i],
                _ => false,
            }
        }
        1 => {
            let p = s.iter().zip(l).take_while(|(x, y)| x == y).count();
            s[p..] == l[p + 1..]
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn full(y: i32, m: u32, d: u32) -> DateValue {
        DateValue::Full {
            date: NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default(),
        }
    }

    #[test]
    fn date_levels() {
        assert_eq!(
            dob_level(&full(1999, 3, 5), &full(1999, 3, 5)),
            Level::Exact
        );
        assert_eq!(
            dob_level(&full(1999, 3, 5), &full(1999, 5, 3)),
            Level::DayMonthSwapped
        );
        assert_eq!(
            dob_level(&full(1999, 3, 5), &full(1998, 3, 5)),
            Level::OneDigitOff
        );
        assert_eq!(
            dob_level(&full(1987, 3, 5), &full(1978, 3, 5)),
            Level::OneDigitOff
        );
        assert_eq!(
            dob_level(&full(2000, 3, 5), &full(1999, 3, 5)),
            Level::OneYearOff
        );
        assert_eq!(
            dob_level(&full(1999, 3, 5), &full(1999, 11, 20)),
            Level::SameYear
        );
        assert_eq!(
            dob_level(&full(1999, 3, 5), &DateValue::Year { year: 1999 }),
            Level::SameYear
        );
        assert_eq!(
            dob_level(&full(1999, 3, 5), &full(1985, 7, 12)),
            Level::Different
        );
        assert_eq!(
            dob_level(&full(1999, 3, 5), &DateValue::Missing),
            Level::Missing
        );
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit(b"AB123", b"AB123"));
        assert!(within_one_edit(b"AB123", b"AB124"));
        assert!(within_one_edit(b"AB123", b"AB1234"));
        assert!(within_one_edit(b"AB123", b"AB213"));
        assert!(within_one_edit(b"AB123", b"B123"));
        assert!(!within_one_edit(b"AB123", b"AB321"));
        assert!(!within_one_edit(b"AB123", b"XY123"));
        assert!(!within_one_edit(b"AB123", b"AB12345"));
    }

    #[test]
    fn known_different_given_ids_are_different_even_if_close() {
        let a = NameKey::new("Олександр");
        let b = NameKey::new("Олексій");
        let l = name_level(Some(&a), Some(&b), Some((Some(NameId(1)), Some(NameId(2)))));
        assert_eq!(l, Level::Different);
        let l = name_level(Some(&a), Some(&a), Some((Some(NameId(1)), Some(NameId(2)))));
        assert_eq!(l, Level::Exact);
    }

    #[test]
    fn initials() {
        let a = NameKey::new("О.");
        let b = NameKey::new("Олександр");
        assert_eq!(
            name_level(Some(&a), Some(&b), Some((None, None))),
            Level::Initial
        );
        let c = NameKey::new("Петро");
        assert_eq!(
            name_level(Some(&a), Some(&c), Some((None, None))),
            Level::Different
        );
        assert_eq!(name_level(Some(&a), None, None), Level::Missing);
    }

    #[test]
    fn every_comparator_ends_with_missing_and_has_different() {
        for c in Comparator::DEFAULT {
            let l = c.levels();
            assert_eq!(l[l.len() - 1], Level::Missing);
            assert!(l.contains(&Level::Different));
            let empty = Person::default();
            assert_eq!(c.compare(&empty, &empty), c.missing());
        }
    }
}
