//! Normalisation: script-independent keys for names, parsed dates, rank classes and statuses,
//! derived from a record's raw values. The raw values stay in the [`Record`]; this module
//! only adds.

pub mod date;
pub mod names;
pub mod rank;
pub mod script;
pub mod skeleton;
pub mod text;
pub mod translit;

use serde::Serialize;

use crate::record::{Field, Record};
pub use date::DateValue;
pub use names::NameId;
pub use rank::{RankClass, Status};

/// Sex, as a list states it or a patronymic implies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    /// Male.
    Male,
    /// Female.
    Female,
}

/// The keys of one name part (surname, given name or patronymic).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NameKey {
    /// Folded text in its own script ([`text::fold`]): case, apostrophes, homoglyphs.
    pub key: String,
    /// A Latin form: KMU 2010 for Ukrainian, ICAO 9303 for Russian or undecided Cyrillic,
    /// the folded text itself for Latin.
    pub latin: String,
    /// The cross-language skeleton ([`skeleton::skeleton`]).
    pub skeleton: String,
}

impl NameKey {
    /// Builds every key of one raw name part.
    pub fn new(raw: &str) -> Self {
        let key = text::fold(raw);
        let lang = script::detect(&key).1;
        NameKey {
            latin: translit::to_latin(&key, lang),
            skeleton: skeleton::skeleton(&key),
            key,
        }
    }
}

/// A record's derived values, ready for classification and matching.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Person {
    /// The record's row, to find it again.
    pub row: u64,
    /// Surname keys.
    pub surname: Option<NameKey>,
    /// Given-name keys.
    pub given: Option<NameKey>,
    /// The given name's dictionary id, when it is a known name in any of its forms.
    pub given_id: Option<NameId>,
    /// Patronymic keys.
    pub patronymic: Option<NameKey>,
    /// The father's name id that the patronymic is built on.
    pub father_id: Option<NameId>,
    /// Sex from the sex column, else implied by the patronymic or the given name.
    pub sex: Option<Sex>,
    /// Date of birth (full, year only, invalid, or missing).
    pub dob: DateValue,
    /// Rank class.
    pub rank: Option<RankClass>,
    /// Military or civilian.
    pub status: Option<Status>,
    /// Service number: alphanumerics only, upper case.
    pub service_number: Option<String>,
    /// Document number: alphanumerics only, upper case.
    pub document_number: Option<String>,
    /// Folded unit.
    pub unit: Option<String>,
    /// Folded health text.
    pub health: Option<String>,
}

/// A raw value that normalisation could not interpret, kept for `inspect` and the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unparsed {
    /// The record's row.
    pub row: u64,
    /// The field.
    pub field: Field,
    /// The raw text.
    pub raw: String,
    /// Why it could not be read.
    pub reason: String,
}

/// Settings that change how values are read.
#[derive(Clone, Debug, Default)]
pub struct NormOptions {
    /// Reference date for two-digit years (the agreement's, else today).
    pub reference_date: Option<chrono::NaiveDate>,
    /// Forced order of slash dates; `None` infers it per column.
    pub date_order: Option<date::DateOrder>,
}

/// Normalises every record of a list. Column-level decisions (the order of ambiguous slash
/// dates) are made once over the whole column, never per row.
pub fn normalize_records(records: &[Record], _opts: &NormOptions) -> (Vec<Person>, Vec<Unparsed>) {
    let persons = records
        .iter()
        .map(|r| Person {
            row: r.row,
            surname: r.get(Field::Surname).map(NameKey::new),
            given: r.get(Field::GivenName).map(NameKey::new),
            patronymic: r.get(Field::Patronymic).map(NameKey::new),
            ..Person::default()
        })
        .collect();
    (persons, Vec::new())
}
