//! Per-field comparisons: which fields are compared and the ordered agreement levels each
//! one can reach, from the strongest agreement down to "different", with "missing" last.

use chrono::Datelike;
use serde::Serialize;

use crate::normalize::date::{self, DateAgreement};
use crate::normalize::extra::ExtraValue;
use crate::normalize::{DateValue, NameId, NameKey, Person, names, skeleton};

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

/// How an extra column is compared (`[[matching.compare]]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtraMethod {
    /// Equal after folding (case, spaces, apostrophes, look-alike letters), or different.
    Exact,
    /// Exact, equal once transliterated, close or similar (skeleton similarity), different.
    Fuzzy,
    /// As dates of birth are: equal, day and month swapped, one digit or year off, same
    /// year, different.
    Date,
    /// Letters and digits only: equal, one edit apart, different.
    Number,
}

/// The most extra columns one model compares.
pub const MAX_EXTRA: usize = 4;

/// A compared field. The list of comparators of a model is ordered ([`Comparator::DEFAULT`],
/// then the extra columns), and a pair's agreement pattern holds one level index per
/// comparator.
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
    /// An extra column: `slot` indexes [`crate::normalize::Person::extra`].
    Extra {
        /// Position among the extra columns.
        slot: u8,
        /// How it is compared.
        method: ExtraMethod,
    },
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
const EXACT_LEVELS: &[Level] = &[Level::Exact, Level::Different, Level::Missing];
const FUZZY_LEVELS: &[Level] = &[
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
            Comparator::Extra { .. } => "extra",
        }
    }

    /// The comparators of a model: the default ones, then one per extra column (at most
    /// [`MAX_EXTRA`]; more are ignored, so callers check first).
    pub fn list(extra: &[ExtraMethod]) -> Vec<Comparator> {
        let mut v = Comparator::DEFAULT.to_vec();
        v.extend(
            extra
                .iter()
                .take(MAX_EXTRA)
                .enumerate()
                .map(|(slot, &method)| Comparator::Extra {
                    slot: slot as u8,
                    method,
                }),
        );
        v
    }

    /// The levels this comparator can reach, strongest first, [`Level::Missing`] last.
    pub fn levels(self) -> &'static [Level] {
        match self {
            Comparator::Surname => SURNAME_LEVELS,
            Comparator::GivenName | Comparator::Patronymic => NAME_LEVELS,
            Comparator::Dob => DOB_LEVELS,
            Comparator::Sex => SEX_LEVELS,
            Comparator::ServiceNumber | Comparator::DocumentNumber => NUMBER_LEVELS,
            Comparator::Extra { method, .. } => match method {
                ExtraMethod::Exact => EXACT_LEVELS,
                ExtraMethod::Fuzzy => FUZZY_LEVELS,
                ExtraMethod::Date => DOB_LEVELS,
                ExtraMethod::Number => NUMBER_LEVELS,
            },
        }
    }

    /// Index of the missing level (always the last).
    pub fn missing(self) -> u8 {
        (self.levels().len() - 1) as u8
    }

    /// Compares two persons on this field; the result indexes [`Comparator::levels`].
    pub fn compare(self, a: &Person, b: &Person) -> u8 {
        self.compare_prepared(&Prepared::new(a), &Prepared::new(b), a, b)
    }

    /// [`Comparator::compare`] with both persons' values prepared beforehand.
    pub(crate) fn compare_prepared(
        self,
        fa: &Prepared,
        fb: &Prepared,
        a: &Person,
        b: &Person,
    ) -> u8 {
        let level = match self {
            Comparator::Surname => name_level(&fa.names[0], &fb.names[0], a, b, 0),
            Comparator::GivenName => name_level(&fa.names[1], &fb.names[1], a, b, 1),
            Comparator::Patronymic => name_level(&fa.names[2], &fb.names[2], a, b, 2),
            Comparator::Dob => dob_prepared(&a.dob, &b.dob, fa.dob.as_ref(), fb.dob.as_ref()),
            Comparator::Sex => match (a.sex, b.sex) {
                (Some(x), Some(y)) if x == y => Level::Exact,
                (Some(_), Some(_)) => Level::Different,
                _ => Level::Missing,
            },
            Comparator::ServiceNumber => number_level(
                fa.numbers[0],
                fb.numbers[0],
                a.service_number.as_deref(),
                b.service_number.as_deref(),
            ),
            Comparator::DocumentNumber => number_level(
                fa.numbers[1],
                fb.numbers[1],
                a.document_number.as_deref(),
                b.document_number.as_deref(),
            ),
            Comparator::Extra { slot, method } => {
                let slot = slot as usize;
                extra_level(a.extra.get(slot), b.extra.get(slot), method)
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

/// FNV-1a of a string: equal strings give equal hashes, so unequal hashes settle
/// inequality without touching the strings; equal hashes are confirmed on the strings.
fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// One name part, prepared.
#[derive(Clone, Debug)]
struct NamePrep {
    key: u64,
    latin: Option<u64>,
    skeleton: Option<u64>,
    initial: bool,
    first: Option<char>,
    first_latin: Option<char>,
    /// Dictionary id (given name, or the father's for a patronymic); `None` for surnames.
    id: Option<NameId>,
    /// Whether the field has a dictionary at all.
    dictionary: bool,
}

/// A person's values prepared once, so that comparing a pair is mostly integer compares.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    names: [Option<NamePrep>; 3],
    /// The digits of a full date of birth.
    dob: Option<[u8; 8]>,
    numbers: [Option<u64>; 2],
}

/// Index of the given name among the name parts of [`name_of`].
const GIVEN: usize = 1;

fn name_of(p: &Person, i: usize) -> Option<&NameKey> {
    match i {
        0 => p.surname.as_ref(),
        1 => p.given.as_ref(),
        _ => p.patronymic.as_ref(),
    }
}

impl Prepared {
    /// Prepares one person.
    pub(crate) fn new(p: &Person) -> Prepared {
        let name = |i: usize| {
            let k = name_of(p, i).filter(|k| !k.key().is_empty())?;
            let nonempty = |s: &str| (!s.is_empty()).then(|| hash(s));
            Some(NamePrep {
                key: hash(k.key()),
                latin: nonempty(k.latin()),
                skeleton: nonempty(k.skeleton()),
                initial: is_initial(k),
                first: first_alpha(k.key()),
                first_latin: first_alpha(k.latin()),
                id: match i {
                    1 => p.given_id,
                    2 => p.father_id,
                    _ => None,
                },
                dictionary: i > 0,
            })
        };
        let dob = match &p.dob {
            DateValue::Full { date } => Some(digits(date)),
            _ => None,
        };
        let number = |n: &Option<Box<str>>| n.as_deref().filter(|s| !s.is_empty()).map(hash);
        Prepared {
            names: [name(0), name(1), name(2)],
            dob,
            numbers: [number(&p.service_number), number(&p.document_number)],
        }
    }
}

/// Similarity with the arguments in a fixed order (by hash, then text), so that comparing
/// A with B and B with A give the same number even if the measure is not symmetric.
fn sym_similarity(a: &str, b: &str, ha: Option<u64>, hb: Option<u64>) -> f64 {
    let s = if (ha, a) <= (hb, b) {
        skeleton::similarity(a, b)
    } else {
        skeleton::similarity(b, a)
    };
    if s.is_nan() { 0.0 } else { s }
}

fn first_alpha(s: &str) -> Option<char> {
    s.chars().find(|c| c.is_alphabetic())
}

/// A single letter, perhaps with a dot. The length test first: the Unicode letter lookup is
/// slow for Cyrillic.
fn is_initial(k: &NameKey) -> bool {
    if k.key().len() > 8 {
        return false;
    }
    let mut letters = k.key().chars().filter(|c| c.is_alphabetic());
    letters.next().is_some() && letters.next().is_none()
}

/// Name part `i` of two persons. Fields with a dictionary (given name, patronymic) treat
/// two known and different ids as "different" outright, because Олександр and Олексій are
/// close as strings yet never the same name.
fn name_level(
    fa: &Option<NamePrep>,
    fb: &Option<NamePrep>,
    a: &Person,
    b: &Person,
    i: usize,
) -> Level {
    let (Some(x), Some(y), Some(ka), Some(kb)) = (fa, fb, name_of(a, i), name_of(b, i)) else {
        return Level::Missing;
    };
    if x.key == y.key && ka.key() == kb.key() {
        return Level::Exact;
    }
    let same = |h: Option<u64>, g: Option<u64>| h.is_some() && h == g;
    if (same(x.latin, y.latin) && ka.latin() == kb.latin())
        || (same(x.skeleton, y.skeleton) && ka.skeleton() == kb.skeleton())
    {
        return Level::Transliterated;
    }
    if let (Some(p), Some(q)) = (x.id, y.id) {
        return if p == q {
            Level::Equivalent
        } else {
            Level::Different
        };
    }
    // One side a known name, the other not: a misspelling of the known name should be as
    // close to one of its forms as a typo is, whichever language that form is in.
    if i == GIVEN && !x.initial && !y.initial {
        let known = match (x.id, y.id) {
            (Some(p), None) => Some((p, kb.skeleton())),
            (None, Some(q)) => Some((q, ka.skeleton())),
            _ => None,
        };
        if let Some((id, other)) = known
            && names::form_skeletons(id)
                .iter()
                .any(|f| skeleton::similarity(f, other) >= CLOSE)
        {
            return Level::Close;
        }
    }
    if x.dictionary && (x.initial || y.initial) {
        let agree =
            x.first == y.first || (x.first_latin.is_some() && x.first_latin == y.first_latin);
        return if agree {
            Level::Initial
        } else {
            Level::Different
        };
    }
    let sim = sym_similarity(ka.skeleton(), kb.skeleton(), x.skeleton, y.skeleton);
    if sim >= CLOSE {
        Level::Close
    } else if !x.dictionary && sim >= SIMILAR {
        Level::Similar
    } else {
        Level::Different
    }
}

/// Two values of an extra column. Extras are opt-in and few, so they are compared from the
/// person's values directly, without a prepared form.
fn extra_level(a: Option<&ExtraValue>, b: Option<&ExtraValue>, method: ExtraMethod) -> Level {
    use ExtraValue as V;
    let (Some(a), Some(b)) = (a, b) else {
        return Level::Missing;
    };
    match (a, b, method) {
        (V::Missing, _, _) | (_, V::Missing, _) => Level::Missing,
        (V::Text(x), V::Text(y), ExtraMethod::Fuzzy) => {
            if x.key() == y.key() {
                return Level::Exact;
            }
            let nonempty_eq = |p: &str, q: &str| !p.is_empty() && p == q;
            if nonempty_eq(x.latin(), y.latin()) || nonempty_eq(x.skeleton(), y.skeleton()) {
                return Level::Transliterated;
            }
            let sim = sym_similarity(x.skeleton(), y.skeleton(), None, None);
            if sim >= CLOSE {
                Level::Close
            } else if sim >= SIMILAR {
                Level::Similar
            } else {
                Level::Different
            }
        }
        (V::Text(x), V::Text(y), _) => same(x.key() == y.key()),
        (V::Date(x), V::Date(y), ExtraMethod::Date) => dob_level(x, y),
        (V::Date(x), V::Date(y), _) => same(x == y),
        (V::Number(x), V::Number(y), ExtraMethod::Number) => {
            if x == y {
                Level::Exact
            } else if within_one_edit(x.as_bytes(), y.as_bytes()) {
                Level::OneEdit
            } else {
                Level::Different
            }
        }
        (V::Number(x), V::Number(y), _) => same(x == y),
        // Values of two kinds cannot come from one column; no evidence rather than a guess.
        _ => Level::Missing,
    }
}

fn same(equal: bool) -> Level {
    if equal {
        Level::Exact
    } else {
        Level::Different
    }
}

/// How two dates of birth agree: the normalisation's [`date::compare`], plus one typo it
/// does not count: two adjacent digits swapped (1987 typed 1978) is "one digit off" here.
pub fn dob_level(a: &DateValue, b: &DateValue) -> Level {
    let digits_of = |v: &DateValue| match v {
        DateValue::Full { date } => Some(digits(date)),
        _ => None,
    };
    dob_prepared(a, b, digits_of(a).as_ref(), digits_of(b).as_ref())
}

fn dob_prepared(a: &DateValue, b: &DateValue, da: Option<&[u8; 8]>, db: Option<&[u8; 8]>) -> Level {
    let level = match date::compare(a, b) {
        DateAgreement::Equal => Level::Exact,
        DateAgreement::DayMonthSwapped => return Level::DayMonthSwapped,
        DateAgreement::OneDigitOff => return Level::OneDigitOff,
        DateAgreement::OneYearOff => Level::OneYearOff,
        DateAgreement::SameYear => Level::SameYear,
        DateAgreement::Different => Level::Different,
        DateAgreement::Missing => return Level::Missing,
    };
    match (level, da, db) {
        (Level::Exact, ..) => Level::Exact,
        (_, Some(x), Some(y)) if within_one_edit(x, y) => Level::OneDigitOff,
        _ => level,
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

/// Service and document numbers (already alphanumeric upper case), with their hashes.
fn number_level(ha: Option<u64>, hb: Option<u64>, a: Option<&str>, b: Option<&str>) -> Level {
    match (ha, hb, a, b) {
        (Some(h), Some(g), Some(x), Some(y)) => {
            if h == g && x == y {
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
    let p = s.iter().zip(l).take_while(|(x, y)| x == y).count();
    match l.len() - s.len() {
        0 if p == s.len() => true,
        0 => {
            // First difference at p: a substitution, or a swap of p and p + 1.
            s[p + 1..] == l[p + 1..]
                || (p + 1 < s.len()
                    && s[p] == l[p + 1]
                    && s[p + 1] == l[p]
                    && s[p + 2..] == l[p + 2..])
        }
        1 => s[p..] == l[p + 1..],
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
        assert!(within_one_edit(b"", b""));
        assert!(within_one_edit(b"", b"A"));
        assert!(within_one_edit(b"AB", b"BA"));
        assert!(!within_one_edit(b"ABC", b"BCA"));
        assert!(within_one_edit(b"AB123", b"AB123"));
        assert!(within_one_edit(b"AB123", b"AB124"));
        assert!(within_one_edit(b"AB123", b"AB1234"));
        assert!(within_one_edit(b"AB123", b"AB213"));
        assert!(within_one_edit(b"AB123", b"B123"));
        assert!(!within_one_edit(b"AB123", b"AB321"));
        assert!(!within_one_edit(b"AB123", b"XY123"));
        assert!(!within_one_edit(b"AB123", b"AB12345"));
    }

    fn given(name: &str, id: Option<u16>) -> Person {
        Person {
            given: Some(NameKey::new(name)),
            given_id: id.map(NameId),
            ..Person::default()
        }
    }

    fn level(c: Comparator, a: &Person, b: &Person) -> Level {
        c.levels()[c.compare(a, b) as usize]
    }

    #[test]
    fn known_different_given_ids_are_different_even_if_close() {
        let g = Comparator::GivenName;
        let a = given("Олександр", Some(1));
        let b = given("Олексій", Some(2));
        assert_eq!(level(g, &a, &b), Level::Different);
        assert_eq!(level(g, &a, &given("Олександр", Some(2))), Level::Exact);
        // Same dictionary id, spellings no transliteration joins.
        assert_eq!(
            level(g, &a, &given("Alexander", Some(1))),
            Level::Equivalent
        );
    }

    #[test]
    fn initials() {
        let g = Comparator::GivenName;
        let a = given("О.", None);
        assert_eq!(level(g, &a, &given("Олександр", None)), Level::Initial);
        assert_eq!(level(g, &a, &given("Петро", None)), Level::Different);
        assert_eq!(level(g, &a, &Person::default()), Level::Missing);
    }

    #[test]
    fn surnames_close_and_similar() {
        let s = Comparator::Surname;
        let p = |x: &str| Person {
            surname: Some(NameKey::new(x)),
            ..Person::default()
        };
        assert_eq!(level(s, &p("Бондаренко"), &p("БОНДАРЕНКО")), Level::Exact);
        assert_eq!(level(s, &p("Бондаренко"), &p("Бондаренков")), Level::Close);
        assert_eq!(level(s, &p("Бондаренко"), &p("Мельник")), Level::Different);
        assert_eq!(
            level(s, &p("Бондаренко"), &p("Мельник")),
            level(s, &p("Мельник"), &p("Бондаренко"))
        );
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

    #[test]
    fn extra_columns_compare_by_their_method() {
        use crate::normalize::extra::ExtraValue as V;
        let text = |s: &str| V::Text(NameKey::new(s));
        let lvl = |a: &V, b: &V, m: ExtraMethod| extra_level(Some(a), Some(b), m);
        let fuzzy = ExtraMethod::Fuzzy;
        assert_eq!(
            lvl(&text("Авдіївка"), &text("АВДІЇВКА"), fuzzy),
            Level::Exact
        );
        assert_eq!(
            lvl(&text("Харків"), &text("Kharkiv"), fuzzy),
            Level::Transliterated
        );
        assert_eq!(
            lvl(&text("Очеретине"), &text("Очеретино"), fuzzy),
            Level::Close
        );
        assert_eq!(
            lvl(&text("Кринки"), &text("Вовчанськ"), fuzzy),
            Level::Different
        );
        // Exact is exact: another script is another value.
        let exact = ExtraMethod::Exact;
        assert_eq!(
            lvl(&text("Харків"), &text("Kharkiv"), exact),
            Level::Different
        );
        assert_eq!(
            lvl(&text("в/ч А0536"), &text("В/Ч а0536"), exact),
            Level::Exact
        );
        let n = |s: &str| V::Number(s.into());
        let number = ExtraMethod::Number;
        assert_eq!(lvl(&n("UA40117"), &n("UA40117"), number), Level::Exact);
        assert_eq!(lvl(&n("UA40117"), &n("UA41017"), number), Level::OneEdit);
        assert_eq!(lvl(&n("UA40117"), &n("UA39011"), number), Level::Different);
        let d = |y, m, day| V::Date(full(y, m, day));
        let date = ExtraMethod::Date;
        assert_eq!(
            lvl(&d(2024, 4, 12), &d(2024, 12, 4), date),
            Level::DayMonthSwapped
        );
        // Missing on either side, or absent, is no evidence.
        assert_eq!(lvl(&V::Missing, &n("1"), number), Level::Missing);
        assert_eq!(extra_level(None, Some(&n("1")), number), Level::Missing);
        let c = Comparator::Extra {
            slot: 0,
            method: number,
        };
        assert_eq!(
            c.levels()[c.compare(&Person::default(), &Person::default()) as usize],
            Level::Missing
        );
    }

    #[test]
    fn the_veto_constants_name_the_date_of_birth_and_its_different_level() {
        assert_eq!(
            Comparator::DEFAULT[crate::matching::DOB_SLOT],
            Comparator::Dob
        );
        assert_eq!(
            Comparator::Dob.levels()[crate::matching::DOB_DIFFERENT as usize],
            Level::Different
        );
    }
}
