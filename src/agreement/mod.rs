//! The agreement: its TOML file (parsed and validated, every problem at once), the category
//! rules, and classifying each person against them.
//!
//! A category holds when every condition of its `all` holds and, if it has an `any`, at
//! least one of those does. Conditions are three-valued: a value the list does not give (no
//! date of birth, a birth year that straddles a boundary, no health text) makes a condition
//! **unknown**, and unknown propagates as in Kleene logic, so an unknown is reported, never
//! guessed into false.

pub mod age;
mod rules;
mod schema;

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;

pub use age::Feb29;
pub use rules::Truth;
use rules::{Cond, Ctx};

use crate::error::{Error, Result};
use crate::normalize::{DateValue, Person, text};
use crate::record::{Field, Record};

/// A claim text resolved once: per part, the category it names or the text naming none.
type ClaimParts = Vec<std::result::Result<usize, String>>;

/// A commented template agreement, as `powrec init` writes it. It parses as a valid agreement.
pub const TEMPLATE: &str = include_str!("template.toml");

/// A parsed, validated agreement.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// The agreement's name, as the file gives it.
    pub name: String,
    /// The date at which ages are counted.
    pub reference_date: NaiveDate,
    /// A person whose age-dependent category would change if the reference date moved by up
    /// to this many days either way is flagged borderline for that category.
    pub borderline_days: u32,
    /// Where a 29 February birthday falls in other years.
    pub feb29: Feb29,
    /// The categories, in file order.
    pub categories: Vec<Category>,
}

/// One agreed category.
#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    /// Short id, unique within the agreement.
    pub id: String,
    /// Human label.
    pub label: String,
    /// Other names a list may use for it in its own category column.
    pub aliases: Vec<String>,
    rule: Cond,
    uses_age: bool,
    /// Folded id, label and aliases: what a claim is compared with.
    claim_keys: Vec<String>,
}

impl Category {
    fn new(id: String, label: String, aliases: Vec<String>, rule: Cond) -> Category {
        let claim_keys = std::iter::once(&id)
            .chain(std::iter::once(&label))
            .chain(&aliases)
            .map(|s| text::fold(s))
            .collect();
        Category {
            uses_age: rule.uses_age(),
            id,
            label,
            aliases,
            rule,
            claim_keys,
        }
    }

    /// True when a list's category text names this category (id, label or alias, through
    /// [`text::fold`]).
    pub fn is_named(&self, claim: &str) -> bool {
        self.is_named_folded(&text::fold(claim))
    }

    fn is_named_folded(&self, key: &str) -> bool {
        self.claim_keys.iter().any(|k| k == key)
    }
}

/// Why a category came out as it did for one person: one condition, its outcome, and the
/// value it looked at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The category id.
    pub category: String,
    /// The condition's outcome.
    pub result: Truth,
    /// The condition, in words (`health contains "тяжке поранення"`, `age 18 to 25`).
    pub condition: String,
    /// The value it looked at, in words (`"тяжке поранення ноги"`, `born 2001-03-04: 24 on
    /// 2025-06-02`).
    pub value: String,
}

/// The side's own category claim for a person, checked against the rules.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Claim {
    /// The category column's text.
    pub raw: String,
    /// Ids of the categories it names.
    pub claimed: Vec<String>,
    /// Parts of the text that name no category.
    pub unrecognised: Vec<String>,
    /// Claimed categories the rules say the person is not in.
    pub contradicted: Vec<String>,
    /// Claimed categories the data cannot decide.
    pub unverified: Vec<String>,
}

/// One person's classification.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Classification {
    /// The record's row.
    pub row: u64,
    /// Ids of the categories the person is in.
    pub categories: Vec<String>,
    /// Ids of the categories the data cannot decide for this person.
    pub unknown: Vec<String>,
    /// Ids of the categories whose outcome would change if the reference date moved by up
    /// to `borderline_days`, or under the other 29 February rule.
    pub borderline: Vec<String>,
    /// In no category, and no category is unknown.
    pub out_of_category: bool,
    /// The evidence: for categories that hold or are unknown, and for the others when the
    /// person is in no category or claims them.
    pub reasons: Vec<Reason>,
    /// The list's own category claim, when it has a category column with a value.
    pub claim: Option<Claim>,
    /// The claim names a category the rules reject, or text that names no category.
    pub claim_mismatch: bool,
}

impl Classification {
    /// In at least one category.
    pub fn fits(&self) -> bool {
        !self.categories.is_empty()
    }

    /// In no category, but some category is unknown: cannot be placed.
    pub fn undetermined(&self) -> bool {
        self.categories.is_empty() && !self.unknown.is_empty()
    }
}

/// Counts for one category over a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    /// The category id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// People in it.
    pub count: usize,
    /// People for whom it is unknown.
    pub unknown: usize,
    /// People borderline for it.
    pub borderline: usize,
}

/// Counts over a whole list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Per category, in file order.
    pub categories: Vec<CategoryCount>,
    /// People classified.
    pub classified: usize,
    /// People in at least one category.
    pub fits: usize,
    /// People in no category, with none unknown.
    pub out_of_category: usize,
    /// People in no category, with some unknown.
    pub undetermined: usize,
    /// People whose claim disagrees with the rules.
    pub claim_mismatches: usize,
}

impl Agreement {
    /// Parses an agreement from its text; `path` names it in errors. Every problem is
    /// reported at once, each with its line and column, in an [`Error::Invalid`].
    pub fn parse(path: &str, text: &str) -> Result<Agreement> {
        schema::parse(text).map_err(|problems| Error::Invalid {
            path: path.to_string(),
            problems,
        })
    }

    /// Reads and parses an agreement file.
    pub fn load(path: impl AsRef<Path>) -> Result<Agreement> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(&shown, e))?;
        Agreement::parse(&shown, &text)
    }

    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Classifies one person. `record` is the person's raw record (for field conditions and
    /// the category claim); `person` its normalised values.
    pub fn classify(&self, record: &Record, person: &Person) -> Classification {
        self.classify_with(record, person, None)
    }

    /// [`Agreement::classify`] with claim texts already resolved (a list repeats a handful
    /// of them, so [`Agreement::classify_all`] folds each distinct one once).
    fn classify_with(
        &self,
        record: &Record,
        person: &Person,
        resolved: Option<&HashMap<&str, ClaimParts>>,
    ) -> Classification {
        let ctx = Ctx {
            record,
            person,
            at: self.reference_date,
            feb29: self.feb29,
        };
        // Agreements have a handful of categories: keep their outcomes off the heap.
        let mut stack = [Truth::False; 16];
        let mut heap = Vec::new();
        let truths: &mut [Truth] = if self.categories.len() <= stack.len() {
            &mut stack[..self.categories.len()]
        } else {
            heap.resize(self.categories.len(), Truth::False);
            &mut heap
        };
        for (t, c) in truths.iter_mut().zip(&self.categories) {
            *t = c.rule.eval(&ctx);
        }
        let truths: &[Truth] = truths;
        let claim =
            record
                .get(Field::Category)
                .map(|raw| match resolved.and_then(|m| m.get(raw)) {
                    Some(parts) => self.claim(raw, parts, truths),
                    None => self.claim(raw, &self.resolve_claim(raw), truths),
                });
        let mut out = Classification {
            row: record.row,
            ..Classification::default()
        };
        for (c, t) in self.categories.iter().zip(truths) {
            match t {
                Truth::True => out.categories.push(c.id.clone()),
                Truth::Unknown => out.unknown.push(c.id.clone()),
                Truth::False => {}
            }
        }
        out.out_of_category = out.categories.is_empty() && out.unknown.is_empty();
        for (c, t) in self.categories.iter().zip(truths) {
            let claimed = claim.as_ref().is_some_and(|cl| cl.claimed.contains(&c.id));
            if *t != Truth::False || out.categories.is_empty() || claimed {
                c.rule.explain(&c.id, *t, &ctx, &mut out.reasons);
            }
            if let Some(r) = self.borderline(c, *t, &ctx) {
                out.borderline.push(c.id.clone());
                out.reasons.push(r);
            }
        }
        if let Some(cl) = &claim {
            out.claim_mismatch = !cl.contradicted.is_empty() || !cl.unrecognised.is_empty();
        }
        out.claim = claim;
        out
    }

    /// Classifies every person of a list in parallel; `persons[i]` must be the person of
    /// `records[i]`, as [`crate::normalize::normalize_records`] returns them.
    pub fn classify_all(
        &self,
        records: &[Record],
        persons: &[Person],
    ) -> Result<Vec<Classification>> {
        if records.len() != persons.len() {
            return Err(Error::Usage(format!(
                "classify: {} records but {} normalised persons",
                records.len(),
                persons.len()
            )));
        }
        let mut resolved: HashMap<&str, ClaimParts> = HashMap::new();
        for raw in records.iter().filter_map(|r| r.get(Field::Category)) {
            if !resolved.contains_key(raw) {
                resolved.insert(raw, self.resolve_claim(raw));
            }
        }
        Ok(records
            .par_iter()
            .zip(persons.par_iter())
            .map(|(r, p)| self.classify_with(r, p, Some(&resolved)))
            .collect())
    }

    /// Counts over a list's classifications.
    pub fn summarize(&self, classes: &[Classification]) -> Summary {
        let mut categories: Vec<CategoryCount> = self
            .categories
            .iter()
            .map(|c| CategoryCount {
                id: c.id.clone(),
                label: c.label.clone(),
                count: 0,
                unknown: 0,
                borderline: 0,
            })
            .collect();
        let index = |id: &str| self.categories.iter().position(|c| c.id == id);
        let mut s = Summary {
            categories: Vec::new(),
            classified: classes.len(),
            fits: 0,
            out_of_category: 0,
            undetermined: 0,
            claim_mismatches: 0,
        };
        for cl in classes {
            for id in &cl.categories {
                if let Some(i) = index(id) {
                    categories[i].count += 1;
                }
            }
            for id in &cl.unknown {
                if let Some(i) = index(id) {
                    categories[i].unknown += 1;
                }
            }
            for id in &cl.borderline {
                if let Some(i) = index(id) {
                    categories[i].borderline += 1;
                }
            }
            s.fits += usize::from(cl.fits());
            s.out_of_category += usize::from(cl.out_of_category);
            s.undetermined += usize::from(cl.undetermined());
            s.claim_mismatches += usize::from(cl.claim_mismatch);
        }
        s.categories = categories;
        s
    }

    /// Reads a category column's text: the whole text naming one category, else its parts
    /// separated by `;`, `,`, `|` or new lines.
    fn resolve_claim(&self, raw: &str) -> ClaimParts {
        let find = |part: &str| {
            let named = |key: &str| self.categories.iter().position(|c| c.is_named_folded(key));
            // A claim written exactly as a folded key ("youth") needs no folding: folding is
            // idempotent, so the answer is the same.
            named(part.trim()).or_else(|| named(&text::fold(part)))
        };
        if let Some(i) = find(raw) {
            return vec![Ok(i)];
        }
        raw.split([';', ',', '|', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| find(p).ok_or_else(|| p.to_string()))
            .collect()
    }

    /// A resolved claim checked against this person's outcomes.
    fn claim(&self, raw: &str, parts: &ClaimParts, truths: &[Truth]) -> Claim {
        let mut claim = Claim {
            raw: raw.to_string(),
            ..Claim::default()
        };
        for part in parts {
            match part {
                Ok(i) => {
                    let Some(c) = self.categories.get(*i) else {
                        continue;
                    };
                    if claim.claimed.contains(&c.id) {
                        continue;
                    }
                    claim.claimed.push(c.id.clone());
                    match truths.get(*i) {
                        Some(Truth::False) => claim.contradicted.push(c.id.clone()),
                        Some(Truth::Unknown) => claim.unverified.push(c.id.clone()),
                        _ => {}
                    }
                }
                Err(text) => claim.unrecognised.push(text.clone()),
            }
        }
        claim
    }

    /// A reason when `c`'s outcome `t` would differ with the reference date moved by up to
    /// `borderline_days`, or under the other 29 February rule.
    fn borderline(&self, c: &Category, t: Truth, ctx: &Ctx<'_>) -> Option<Reason> {
        if !c.uses_age || t == Truth::Unknown {
            return None;
        }
        let at = self.reference_date;
        let n = i64::from(self.borderline_days);
        if n > 0 {
            let (from, to) = (at - Duration::days(n), at + Duration::days(n));
            let births = match &ctx.person.dob {
                DateValue::Full { date } => [Some(*date), None],
                // A year-only birth: its possible ages move on the birthdays of the year's
                // first and last days.
                DateValue::Year { year } => [
                    NaiveDate::from_ymd_opt(*year, 1, 1),
                    NaiveDate::from_ymd_opt(*year, 12, 31),
                ],
                DateValue::Missing | DateValue::Invalid { .. } => return None,
            };
            // Ages change only on birthdays, so the outcome is constant between them: each
            // birthday in the window and the day before it cover every day of the window, and
            // with no birthday in it nothing can change.
            let mut nearest: Option<(i64, NaiveDate, Truth)> = None;
            for b in births.into_iter().flatten() {
                for year in from.year()..=to.year() {
                    let Some(day) = age::birthday_in(b, year, self.feb29) else {
                        continue;
                    };
                    if !(from..=to).contains(&day) {
                        continue;
                    }
                    for probe in [day, day - Duration::days(1)] {
                        let distance = (probe - at).num_days().abs();
                        if probe == at
                            || !(from..=to).contains(&probe)
                            || nearest.is_some_and(|(d, _, _)| d <= distance)
                        {
                            continue;
                        }
                        let other = c.rule.eval(&Ctx { at: probe, ..*ctx });
                        if other != t {
                            nearest = Some((distance, probe, other));
                        }
                    }
                }
            }
            if let Some((_, probe, other)) = nearest {
                let days = (probe - at).num_days();
                let unit = if days.abs() == 1 { "day" } else { "days" };
                let when = if days < 0 {
                    format!("{} {unit} earlier", -days)
                } else {
                    format!("{days} {unit} later")
                };
                return Some(Reason {
                    category: c.id.clone(),
                    result: t,
                    condition: format!("borderline: within {n} days of a birthday"),
                    value: format!("{} on {probe}, {when}", other.name()),
                });
            }
        }
        if let DateValue::Full { date } = &ctx.person.dob
            && age::is_feb29(*date)
        {
            let rule = self.feb29.other();
            let other = c.rule.eval(&Ctx {
                feb29: rule,
                ..*ctx
            });
            if other != t {
                return Some(Reason {
                    category: c.id.clone(),
                    result: t,
                    condition: "borderline: born on 29 February".to_string(),
                    value: format!(
                        "{} with feb29_birthday = \"{}\" (born {date}, reference date {at})",
                        other.name(),
                        rule.name(),
                    ),
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
