//! Category rules as compiled conditions, and their three-valued evaluation over one person:
//! a condition that cannot be decided is unknown, never false.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;

use super::Reason;
use super::age::{self, Feb29};
use crate::normalize::{DateValue, Person, RankClass, Sex, Status, text};
use crate::record::{Field, Record};

/// A value of three-valued logic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Truth {
    /// Does not hold.
    False,
    /// Cannot be decided from the data.
    Unknown,
    /// Holds.
    True,
}

impl Truth {
    /// `True` or `False`.
    pub fn from_bool(b: bool) -> Truth {
        if b { Truth::True } else { Truth::False }
    }

    /// Kleene AND: false wins, then unknown.
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
            _ => Truth::True,
        }
    }

    /// Kleene OR: true wins, then unknown.
    pub fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::True, _) | (_, Truth::True) => Truth::True,
            (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
            _ => Truth::False,
        }
    }

    /// Kleene NOT: unknown stays unknown.
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Truth {
        match self {
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
            Truth::True => Truth::False,
        }
    }

    /// The word used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Truth::False => "false",
            Truth::Unknown => "unknown",
            Truth::True => "true",
        }
    }
}

/// What a field condition tests.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Test {
    /// The folded value contains one of the needles.
    Contains(Needles),
    /// The folded value equals one of these: (folded, as written).
    In(Vec<(String, String)>),
    /// The field has (true) or lacks (false) a value.
    Present(bool),
    /// The rank's class is one of these.
    RankClass(Vec<RankClass>),
    /// The status is one of these.
    Status(Vec<Status>),
    /// The sex is one of these.
    Sex(Vec<Sex>),
}

/// The needles of a `contains`, folded once at parse time and grouped by their first two
/// bytes, so that one pass over a value's bytes finds them all.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Needles {
    /// (folded, as written), in file order.
    pub list: Vec<(String, String)>,
    /// Bytes that start some needle.
    first: Vec<bool>,
    /// A needle's first one or two bytes → indices into `list`.
    groups: Vec<(Vec<u8>, Vec<usize>)>,
}

impl Needles {
    /// Groups `(folded, as written)` needles; empty folded needles are the caller's problem.
    pub fn new(list: Vec<(String, String)>) -> Needles {
        let mut first = vec![false; 256];
        let mut groups: Vec<(Vec<u8>, Vec<usize>)> = Vec::new();
        for (i, (folded, _)) in list.iter().enumerate() {
            let bytes = folded.as_bytes();
            let Some(&b) = bytes.first() else {
                continue;
            };
            first[usize::from(b)] = true;
            let key = &bytes[..bytes.len().min(2)];
            match groups.iter_mut().find(|(k, _)| k == key) {
                Some((_, v)) => v.push(i),
                None => groups.push((key.to_vec(), vec![i])),
            }
        }
        Needles {
            list,
            first,
            groups,
        }
    }

    /// The first needle in file order that `hay` (folded) contains, as written.
    pub fn find(&self, hay: &str) -> Option<&str> {
        // A needle is valid UTF-8, so its first byte never equals a continuation byte:
        // scanning bytes only ever matches at character boundaries.
        let bytes = hay.as_bytes();
        let mut best: Option<usize> = None;
        for at in 0..bytes.len() {
            if !self.first[usize::from(bytes[at])] {
                continue;
            }
            let rest = &bytes[at..];
            for (key, group) in &self.groups {
                if !rest.starts_with(key) {
                    continue;
                }
                for &k in group {
                    if best.is_none_or(|b| k < b) && rest.starts_with(self.list[k].0.as_bytes()) {
                        best = Some(k);
                    }
                }
            }
            if best == Some(0) {
                break;
            }
        }
        best.map(|k| self.list[k].1.as_str())
    }
}

/// A compiled condition. `text` is how reports name it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cond {
    /// A test of one field's value.
    Field {
        field: Field,
        test: Test,
        /// What a missing value makes the condition (unknown unless the file says otherwise).
        if_missing: Truth,
        text: String,
    },
    /// Age in completed years at the reference date, bounds inclusive.
    Age {
        min: Option<i32>,
        max: Option<i32>,
        text: String,
    },
    /// Year of birth, bounds inclusive.
    BirthYear {
        min: Option<i32>,
        max: Option<i32>,
        text: String,
    },
    /// Negation.
    Not(Box<Cond>),
    /// Every one holds.
    All(Vec<Cond>),
    /// At least one holds.
    Any(Vec<Cond>),
}

/// What evaluation looks at.
pub(crate) struct Ctx<'a> {
    pub record: &'a Record,
    pub person: &'a Person,
    /// The reference date (shifted when probing for borderline cases).
    pub at: NaiveDate,
    pub feb29: Feb29,
}

impl Ctx<'_> {
    /// The folded value of a field; the person's own folded copy where it has one.
    fn folded(&self, field: Field) -> Option<Cow<'_, str>> {
        let own = match field {
            Field::Health => self.person.health.as_deref(),
            Field::Unit => self.person.unit.as_deref(),
            _ => None,
        };
        match own {
            Some(v) => Some(Cow::Borrowed(v)),
            None => self.record.get(field).map(|v| Cow::Owned(text::fold(v))),
        }
    }
}

fn in_bounds(v: i32, min: Option<i32>, max: Option<i32>) -> bool {
    min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m)
}

impl Cond {
    /// True when the condition (or one inside it) depends on the reference date.
    pub fn uses_age(&self) -> bool {
        match self {
            Cond::Age { .. } => true,
            Cond::Field { .. } | Cond::BirthYear { .. } => false,
            Cond::Not(c) => c.uses_age(),
            Cond::All(cs) | Cond::Any(cs) => cs.iter().any(Cond::uses_age),
        }
    }

    /// Evaluates the condition.
    pub fn eval(&self, ctx: &Ctx<'_>) -> Truth {
        match self {
            Cond::Field {
                field,
                test,
                if_missing,
                ..
            } => eval_field(*field, test, *if_missing, ctx).0,
            Cond::Age { min, max, .. } => eval_age(*min, *max, ctx),
            Cond::BirthYear { min, max, .. } => match birth_year(&ctx.person.dob) {
                Some(y) => Truth::from_bool(in_bounds(y, *min, *max)),
                None => Truth::Unknown,
            },
            Cond::Not(c) => c.eval(ctx).not(),
            Cond::All(cs) => cs
                .iter()
                .try_fold(Truth::True, |acc, c| {
                    let t = acc.and(c.eval(ctx));
                    // False cannot be undone: stop early.
                    if t == Truth::False { Err(t) } else { Ok(t) }
                })
                .unwrap_or_else(|t| t),
            Cond::Any(cs) => cs
                .iter()
                .try_fold(Truth::False, |acc, c| {
                    let t = acc.or(c.eval(ctx));
                    if t == Truth::True { Err(t) } else { Ok(t) }
                })
                .unwrap_or_else(|t| t),
        }
    }

    /// Pushes the evidence that decided the condition, whose outcome (`total`) the caller
    /// has evaluated: for a true `all` every part, for a false one the first false part, for
    /// an unknown one the unknown parts; the mirror image for `any`.
    pub fn explain(&self, category: &str, total: Truth, ctx: &Ctx<'_>, out: &mut Vec<Reason>) {
        match self {
            Cond::All(cs) | Cond::Any(cs) => {
                let is_all = matches!(self, Cond::All(_));
                // The parts worth showing: those equal to the outcome; for a decided
                // outcome that a single part settles, only the first such part.
                let single = (is_all && total == Truth::False) || (!is_all && total == Truth::True);
                for c in cs {
                    if c.eval(ctx) == total {
                        c.explain(category, total, ctx, out);
                        if single {
                            break;
                        }
                    }
                }
            }
            Cond::Not(c) => {
                let start = out.len();
                c.explain(category, total.not(), ctx, out);
                for e in &mut out[start..] {
                    e.condition = format!("not ({})", e.condition);
                    e.result = e.result.not();
                }
            }
            Cond::Field {
                field,
                test,
                if_missing,
                text,
            } => {
                // Only a `contains` that held needs evaluating again: to name its needle.
                let condition = match test {
                    Test::Contains(_) if total == Truth::True => {
                        match eval_field(*field, test, *if_missing, ctx).1 {
                            Some(needle) => format!("{field} contains \"{needle}\""),
                            None => text.clone(),
                        }
                    }
                    _ => text.clone(),
                };
                out.push(Reason {
                    category: category.to_string(),
                    result: total,
                    condition,
                    value: field_value(*field, test, ctx),
                });
            }
            Cond::Age { text, .. } => out.push(Reason {
                category: category.to_string(),
                result: total,
                condition: text.clone(),
                value: age_value(ctx),
            }),
            Cond::BirthYear { text, .. } => out.push(Reason {
                category: category.to_string(),
                result: total,
                condition: text.clone(),
                value: dob_words(&ctx.person.dob),
            }),
        }
    }
}

/// A field test's outcome, and for `contains` the needle (as written) that matched.
fn eval_field<'c>(
    field: Field,
    test: &'c Test,
    if_missing: Truth,
    ctx: &Ctx<'_>,
) -> (Truth, Option<&'c str>) {
    let present = ctx.record.get(field).is_some();
    // The normalised class, when it has one, whatever column it came from (a sex implied
    // by the patronymic has no sex column); else a missing value, else an unreadable one.
    let class = |found: Option<bool>| match found {
        Some(b) => Truth::from_bool(b),
        None if !present => if_missing,
        None => Truth::Unknown,
    };
    match test {
        Test::Present(want) => (Truth::from_bool(present == *want), None),
        Test::RankClass(classes) => (class(ctx.person.rank.map(|r| classes.contains(&r))), None),
        Test::Status(statuses) => (
            class(ctx.person.status.map(|s| statuses.contains(&s))),
            None,
        ),
        Test::Sex(sexes) => (class(ctx.person.sex.map(|s| sexes.contains(&s))), None),
        _ if !present => (if_missing, None),
        Test::Contains(needles) => match ctx.folded(field) {
            Some(v) => match needles.find(&v) {
                Some(written) => (Truth::True, Some(written)),
                None => (Truth::False, None),
            },
            None => (if_missing, None),
        },
        Test::In(values) => match ctx.folded(field) {
            Some(v) => (Truth::from_bool(values.iter().any(|(f, _)| *f == *v)), None),
            None => (if_missing, None),
        },
    }
}

fn field_value(field: Field, test: &Test, ctx: &Ctx<'_>) -> String {
    let lower = |x: &dyn std::fmt::Debug| format!("{x:?}").to_lowercase();
    let class = match test {
        Test::RankClass(_) => Some(ctx.person.rank.map(|r| lower(&r))),
        Test::Status(_) => Some(ctx.person.status.map(|s| lower(&s))),
        Test::Sex(_) => Some(ctx.person.sex.map(|s| lower(&s))),
        _ => None,
    };
    match (ctx.record.get(field), class) {
        (None, Some(Some(class))) => format!("{class} (implied)"),
        (None, _) => format!("no {field}"),
        (Some(raw), None) => format!("\"{raw}\""),
        (Some(raw), Some(Some(class))) => format!("\"{raw}\" ({class})"),
        (Some(raw), Some(None)) => format!("\"{raw}\" (not recognised)"),
    }
}

fn birth_year(dob: &DateValue) -> Option<i32> {
    match dob {
        DateValue::Full { date } => Some(chrono::Datelike::year(date)),
        DateValue::Year { year } => Some(*year),
        DateValue::Missing | DateValue::Invalid { .. } => None,
    }
}

fn eval_age(min: Option<i32>, max: Option<i32>, ctx: &Ctx<'_>) -> Truth {
    match &ctx.person.dob {
        DateValue::Full { date } => {
            Truth::from_bool(in_bounds(age::age_at(*date, ctx.at, ctx.feb29), min, max))
        }
        DateValue::Year { year } => match age::age_range_for_year(*year, ctx.at, ctx.feb29) {
            // Age only grows with an earlier birth and the bounds form an interval, so
            // the year's first and last days decide for every day between them.
            Some((young, old)) => {
                let (a, b) = (in_bounds(young, min, max), in_bounds(old, min, max));
                if a == b {
                    Truth::from_bool(a)
                } else {
                    Truth::Unknown
                }
            }
            None => Truth::Unknown,
        },
        DateValue::Missing | DateValue::Invalid { .. } => Truth::Unknown,
    }
}

fn dob_words(dob: &DateValue) -> String {
    match dob {
        DateValue::Full { date } => format!("born {date}"),
        DateValue::Year { year } => format!("born in {year} (day unknown)"),
        DateValue::Missing => "no date of birth".to_string(),
        DateValue::Invalid { raw, reason } => format!("date of birth \"{raw}\": {reason}"),
    }
}

fn age_value(ctx: &Ctx<'_>) -> String {
    match &ctx.person.dob {
        DateValue::Full { date } => {
            format!("born {date}, age {}", age::age_at(*date, ctx.at, ctx.feb29))
        }
        DateValue::Year { year } => match age::age_range_for_year(*year, ctx.at, ctx.feb29) {
            Some((young, old)) if young == old => format!("born in {year}, age {young}"),
            Some((young, old)) => format!("born in {year}, age {young} or {old}"),
            None => format!("born in {year}"),
        },
        other => dob_words(other),
    }
}

#[cfg(test)]
mod tests {
    use super::Needles;
    use super::Truth::{self, *};

    const ALL: [Truth; 3] = [False, Unknown, True];

    #[test]
    fn kleene_tables() {
        assert_eq!(True.and(Unknown), Unknown);
        assert_eq!(False.and(Unknown), False);
        assert_eq!(True.or(Unknown), True);
        assert_eq!(False.or(Unknown), Unknown);
        assert_eq!(Unknown.not(), Unknown);
        for a in ALL {
            for b in ALL {
                // De Morgan holds in Kleene logic.
                assert_eq!(a.and(b).not(), a.not().or(b.not()));
                assert_eq!(a.and(b), b.and(a));
                assert_eq!(a.or(b), b.or(a));
            }
        }
    }

    #[test]
    fn needles_find_the_first_in_file_order_anywhere_in_the_value() {
        let n = Needles::new(
            ["тяжке поранення", "тяжкохвор", "ill", "l"]
                .map(|s| (s.to_string(), s.to_uppercase()))
                .to_vec(),
        );
        assert_eq!(
            n.find("хворий, тяжкохворий, тяжке поранення"),
            Some("ТЯЖКЕ ПОРАНЕННЯ")
        );
        assert_eq!(n.find("тяжкохворий"), Some("ТЯЖКОХВОР"));
        assert_eq!(n.find("seriously ill"), Some("ILL"));
        assert_eq!(n.find("leg"), Some("L"));
        assert_eq!(n.find("тяжк"), None);
        assert_eq!(n.find(""), None);
    }
}
