//! Normalisation: script-independent keys for names, parsed dates, rank classes and statuses,
//! derived from a record's raw values. The raw values stay in the [`Record`]; this module
//! only adds.

pub mod date;
pub mod extra;
pub mod names;
pub mod rank;
pub mod script;
pub mod skeleton;
pub mod text;
pub mod translit;

use chrono::Datelike;
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

/// The keys of one name part (surname, given name or patronymic): the folded text in its own
/// script ([`text::fold`]: case, apostrophes, homoglyphs), a Latin form (KMU 2010 for
/// Ukrainian, ICAO 9303 for Russian or undecided Cyrillic, the folded text itself for Latin)
/// and the cross-language skeleton ([`skeleton::skeleton`]). The three are kept in one
/// buffer: a million-row list has six million of these.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameKey {
    buf: Box<str>,
    latin_at: u32,
    skeleton_at: u32,
}

impl NameKey {
    /// Builds every key of one raw name part.
    pub fn new(raw: &str) -> Self {
        let key = text::fold(raw);
        let lang = script::detect(&key).1;
        let latin = translit::to_latin(&key, lang);
        let skeleton = skeleton::skeleton_folded(&key);
        let mut buf = String::with_capacity(key.len() + latin.len() + skeleton.len());
        buf.push_str(&key);
        buf.push_str(&latin);
        buf.push_str(&skeleton);
        match (
            u32::try_from(key.len()),
            u32::try_from(key.len() + latin.len()),
        ) {
            (Ok(latin_at), Ok(skeleton_at)) => NameKey {
                buf: buf.into_boxed_str(),
                latin_at,
                skeleton_at,
            },
            // A name part of 4 GiB cannot get past the reader's caps; no keys rather than a
            // panic if it ever did.
            _ => NameKey::default(),
        }
    }

    /// The folded text in its own script.
    pub fn key(&self) -> &str {
        self.buf.get(..self.latin_at as usize).unwrap_or_default()
    }

    /// The Latin form.
    pub fn latin(&self) -> &str {
        self.buf
            .get(self.latin_at as usize..self.skeleton_at as usize)
            .unwrap_or_default()
    }

    /// The cross-language skeleton.
    pub fn skeleton(&self) -> &str {
        self.buf
            .get(self.skeleton_at as usize..)
            .unwrap_or_default()
    }
}

impl Serialize for NameKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("NameKey", 3)?;
        st.serialize_field("key", self.key())?;
        st.serialize_field("latin", self.latin())?;
        st.serialize_field("skeleton", self.skeleton())?;
        st.end()
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
    pub service_number: Option<Box<str>>,
    /// Document number: alphanumerics only, upper case.
    pub document_number: Option<Box<str>>,
    /// Folded unit.
    pub unit: Option<Box<str>>,
    /// Folded health text.
    pub health: Option<Box<str>>,
    /// The extra columns compared on request, in the config's order (empty otherwise).
    pub extra: Box<[extra::ExtraValue]>,
}

/// The serde name of a small enum value (`male`, `officer`, `civilian`), so that text output
/// uses the same words as JSON.
pub fn word<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
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

/// A whole list, normalised.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Normalized {
    /// One person per record, in record order.
    pub persons: Vec<Person>,
    /// Values that could not be interpreted, in record order.
    pub unparsed: Vec<Unparsed>,
    /// Column-level decisions worth telling the user (the date order assumed, and why).
    pub notes: Vec<String>,
}

/// Normalises every record of a list. Column-level decisions (the order of ambiguous slash
/// dates) are made once over the whole column, never per row.
pub fn normalize_records(records: &[Record], opts: &NormOptions) -> Normalized {
    let mut notes = Vec::new();
    let order = match opts.date_order {
        Some(o) => o,
        None => match date::infer_order(records.iter().filter_map(|r| r.get(Field::Dob))) {
            Ok(Some(o)) => o,
            Ok(None) => date::DateOrder::Dmy,
            Err(conflict) => {
                notes.push(format!(
                    "{conflict}; slash dates read as day/month/year (use --date-order to choose)"
                ));
                date::DateOrder::Dmy
            }
        },
    };
    let reference_year = reference_year(opts);
    let ctx = date::DateContext {
        order,
        reference_year,
    };
    let mut unparsed = Vec::new();
    let persons = records
        .iter()
        .map(|r| person(r, &ctx, &mut unparsed))
        .collect();
    Normalized {
        persons,
        unparsed,
        notes,
    }
}

/// The year two-digit years resolve against: the agreement's date, else today's.
fn reference_year(opts: &NormOptions) -> i32 {
    opts.reference_date
        .unwrap_or_else(|| chrono::Local::now().date_naive())
        .year()
}

/// Normalises one record; values that cannot be read are pushed to `unparsed`.
pub fn person(r: &Record, ctx: &date::DateContext, unparsed: &mut Vec<Unparsed>) -> Person {
    let mut miss = |field: Field, raw: &str, reason: &str| {
        unparsed.push(Unparsed {
            row: r.row,
            field,
            raw: raw.to_string(),
            reason: reason.to_string(),
        })
    };
    let given_raw = r.get(Field::GivenName);
    let given_id = given_raw.and_then(names::given_name_id);
    let patr = r.get(Field::Patronymic).and_then(names::patronymic);
    let mut dob = r
        .get(Field::Dob)
        .map(|d| date::parse(d, ctx))
        .unwrap_or_default();
    if let DateValue::Invalid { raw, reason } = &dob {
        miss(Field::Dob, raw, reason);
    }
    if let (DateValue::Missing, Some(y)) = (&dob, r.get(Field::BirthYear)) {
        match y.trim().parse::<i32>() {
            Ok(year) if (1900..=2100).contains(&year) => dob = DateValue::Year { year },
            _ => miss(Field::BirthYear, y, "not a year"),
        }
    }
    let rank = r.get(Field::Rank).and_then(|v| {
        let c = rank::rank_class(v);
        if c.is_none() {
            miss(Field::Rank, v, "unknown rank");
        }
        c
    });
    let status = r.get(Field::Status).and_then(|v| {
        let s = rank::status(v);
        if s.is_none() {
            miss(Field::Status, v, "unknown status");
        }
        s
    });
    let stated_sex = r.get(Field::Sex).and_then(|v| {
        let s = rank::sex(v);
        if s.is_none() {
            miss(Field::Sex, v, "unknown sex");
        }
        s
    });
    Person {
        row: r.row,
        surname: r.get(Field::Surname).map(NameKey::new),
        given: given_raw.map(NameKey::new),
        given_id,
        patronymic: r.get(Field::Patronymic).map(NameKey::new),
        father_id: patr.map(|p| p.0),
        sex: stated_sex
            .or(patr.map(|p| p.1))
            .or_else(|| given_id.and_then(names::sex_of)),
        dob,
        rank,
        status,
        service_number: r
            .get(Field::ServiceNumber)
            .and_then(alnum_upper)
            .map(String::into_boxed_str),
        document_number: r
            .get(Field::DocumentNumber)
            .and_then(alnum_upper)
            .map(String::into_boxed_str),
        unit: r.get(Field::Unit).map(|v| text::fold(v).into_boxed_str()),
        health: r.get(Field::Health).map(|v| text::fold(v).into_boxed_str()),
        extra: Box::default(),
    }
}

/// Letters and digits only, upper-cased, with Cyrillic look-alikes of Latin letters folded
/// so that "АВ123" typed in Cyrillic equals "AB123"; `None` when nothing is left.
fn alnum_upper(raw: &str) -> Option<String> {
    let s: String = raw
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect();
    (!s.is_empty()).then_some(s)
}
