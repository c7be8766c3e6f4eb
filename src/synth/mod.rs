//! Synthetic exchange lists with known truth, for demos, tests and benchmarks. Everything is
//! invented; no real list is used or needed.
//!
//! [`generate`] writes, into one directory, deterministically for a seed:
//!
//! - `side-a.csv`: the Ukrainian side's list. UTF-8 with a BOM, `;`-separated, Ukrainian
//!   headers `№ з/п;Прізвище;Ім'я;По батькові;Дата народження;Стать;Статус;Військове
//!   звання;Військова частина;Особовий номер;Стан здоров'я`, dates `dd.mm.yyyy`, sex `ч`/`ж`.
//! - `side-b.json` (or `side-b.csv`): the Russian side's list of the same people (a share
//!   `overlap` of A's) and its own, in its own order, with Russian forms of given names and
//!   patronymics, Russian spellings of surnames, Russian ranks and health wording, dates
//!   mostly `dd.mm.yyyy`, some ISO and some `5 марта 1999 г.`. JSON is an array with one
//!   object per line, keys `Фамилия`, `Имя`, `Отчество`, `Дата рождения`, `Пол` (`м`/`ж`),
//!   `Статус`, `Звание`, `Войсковая часть`, `Личный номер`, `Состояние здоровья`, `null` for
//!   a missing value; CSV is `,`-separated without a BOM and has one `ФИО` column instead of
//!   the three name columns.
//! - `mediator.csv` (with `mediator`): a mediator's Latin list (`No.,Surname,Given
//!   name,Patronymic,Date of birth,Sex,Health status`) of about half of all people, with KMU
//!   2010, ICAO and legacy romanisations mixed.
//! - `agreement.toml`: the Istanbul agreement ([`truth::AGREEMENT`]).
//! - `truth.json`: what is true of the rows, schema `powrec.truth.v1`:
//!
//! ```text
//! { "schema": "powrec.truth.v1",
//!   "generator": { "seed": 1, "people": 1000, "overlap": 0.8, ...every rate used... },
//!   "files": { "a": "side-a.csv", "b": "side-b.json", "agreement": "agreement.toml",
//!              "mediator": "mediator.csv" | null },
//!   "rows": { "a": 1004, "b": 1006, "mediator": 0 },
//!   "records": {
//!     "a": [ { "row": 1, "person": 17, "categories": ["youth"], "unknown": [],
//!              "out_of_category": false, "noise": ["typo_surname"] }, ... ],
//!     "b": [ ... ], "mediator": [ ... ] },
//!   "pairs": [ [1, 532], ... ],
//!   "duplicates": { "a": [ [3, 881] ], "b": [ ... ] },
//!   "mediator_pairs": { "a": [ [m_row, a_row] ], "b": [ [m_row, b_row] ] } }
//! ```
//!
//! Rows are 1-based data record numbers as the reader counts them (header excluded). Every
//! row of every side has one `records` entry, in row order; `person` numbers the hidden
//! person, so rows with the same number are the same person. `pairs` lists every (A row, B
//! row) of one person, sorted by A row; a person listed twice on a side (see `duplicates`)
//! yields every combination, so a one-to-one matcher cannot reach a recall of 1 on lists
//! with duplicates. `categories`, `unknown` and `out_of_category` are what the row's written
//! values (after noise) give under `agreement.toml`: a missing date makes `youth` unknown; a
//! health text is always written. `noise` names what was done to the row: `typo_surname`,
//! `typo_given`, `missing_patronymic`, `other_spelling` (the surname in the other language's
//! spelling), `homoglyph`, `day_month_swap`, `year_off_by_one`, `missing_dob`,
//! `upper_surname`, `extra_spaces`, `duplicate` (the second listing of a person).
//!
//! Generation is reproducible: a person is a pure function of (seed, person number) and each
//! row of (seed, side, person, listing), each with its own ChaCha8 stream, so the output does
//! not depend on the number of threads.

mod noise;
mod people;
pub mod truth;
mod write;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

pub use truth::{AGREEMENT, Expected, Truth, TruthRecord, classify};

/// The agreement's reference date, which the age clusters are built around.
pub const REFERENCE_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2025, 6, 2) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The container of side B.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum BFormat {
    /// A JSON array of objects.
    #[default]
    Json,
    /// Comma-separated, with one full-name column.
    Csv,
}

/// Rates of the clerks' errors, each the probability that a row gets it (independently per
/// row and per side).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Noise {
    /// One edit in the surname or the given name.
    pub typo: f64,
    /// The patronymic left out.
    pub missing_patronymic: f64,
    /// The surname written in the other side's spelling (Олейник on the Ukrainian list).
    pub other_spelling: f64,
    /// A Latin look-alike letter inside a Cyrillic surname.
    pub homoglyph: f64,
    /// Day and month swapped (when both are ≤ 12 and differ).
    pub day_month_swap: f64,
    /// The birth year one off.
    pub year_off_by_one: f64,
    /// No birth date.
    pub missing_dob: f64,
    /// The surname in capitals (ШЕВЧЕНКО).
    pub upper_surname: f64,
    /// Stray spaces around or inside a name.
    pub extra_spaces: f64,
}

impl Default for Noise {
    fn default() -> Self {
        Noise {
            typo: 0.03,
            missing_patronymic: 0.04,
            other_spelling: 0.05,
            homoglyph: 0.01,
            day_month_swap: 0.01,
            year_off_by_one: 0.01,
            missing_dob: 0.02,
            upper_surname: 0.15,
            extra_spaces: 0.02,
        }
    }
}

impl Noise {
    /// No noise at all.
    pub fn none() -> Self {
        Noise {
            typo: 0.0,
            missing_patronymic: 0.0,
            other_spelling: 0.0,
            homoglyph: 0.0,
            day_month_swap: 0.0,
            year_off_by_one: 0.0,
            missing_dob: 0.0,
            upper_surname: 0.0,
            extra_spaces: 0.0,
        }
    }

    fn rates(&self) -> [(&'static str, f64); 9] {
        [
            ("typo", self.typo),
            ("missing_patronymic", self.missing_patronymic),
            ("other_spelling", self.other_spelling),
            ("homoglyph", self.homoglyph),
            ("day_month_swap", self.day_month_swap),
            ("year_off_by_one", self.year_off_by_one),
            ("missing_dob", self.missing_dob),
            ("upper_surname", self.upper_surname),
            ("extra_spaces", self.extra_spaces),
        ]
    }
}

/// Everything that shapes a generated data set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Settings {
    /// The seed; equal seeds give byte-identical files.
    pub seed: u64,
    /// People on side A (side B has as many: the shared ones plus its own).
    pub people: u64,
    /// Share of A's people also on B.
    pub overlap: f64,
    /// Side B's container.
    pub b_format: BFormat,
    /// Also write the mediator's Latin list.
    pub mediator: bool,
    /// The clerks' errors.
    pub noise: Noise,
    /// Share of rows listed a second time on the same side.
    pub duplicates: f64,
    /// Share of people with the full name of another person (and another birth date).
    pub namesakes: f64,
    /// Share of men who are the brother of another (same surname and patronymic).
    pub brothers: f64,
    /// Share of surnames invented outside every dictionary.
    pub rare_surnames: f64,
    /// Share of civilians.
    pub civilians: f64,
    /// Share of women among servicemen.
    pub female_military: f64,
    /// Share of women among civilians.
    pub female_civilian: f64,
    /// Share of birth dates near the youth category's edges (ages 17–19 and 25–26).
    pub boundary_ages: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            seed: 1,
            people: 1000,
            overlap: 0.8,
            b_format: BFormat::Json,
            mediator: false,
            noise: Noise::default(),
            duplicates: 0.01,
            namesakes: 0.01,
            brothers: 0.01,
            rare_surnames: 0.5,
            civilians: 0.1,
            female_military: 0.08,
            female_civilian: 0.45,
            boundary_ages: 0.3,
        }
    }
}

impl Settings {
    /// Checks every rate is a probability; returns every bad one at once.
    pub fn validate(&self) -> crate::Result<()> {
        let mut bad = Vec::new();
        let named = [
            ("overlap", self.overlap),
            ("duplicates", self.duplicates),
            ("namesakes", self.namesakes),
            ("brothers", self.brothers),
            ("rare_surnames", self.rare_surnames),
            ("civilians", self.civilians),
            ("female_military", self.female_military),
            ("female_civilian", self.female_civilian),
            ("boundary_ages", self.boundary_ages),
        ];
        for (name, v) in named.into_iter().chain(self.noise.rates()) {
            if !(0.0..=1.0).contains(&v) {
                bad.push(format!("{name} = {v}: a rate must be between 0 and 1"));
            }
        }
        if self.namesakes + self.brothers > 1.0 {
            bad.push("namesakes + brothers must not exceed 1".into());
        }
        if self.boundary_ages > 0.997 {
            bad.push("boundary_ages must leave room for the 29 February births (≤ 0.997)".into());
        }
        if self.people > u64::from(u32::MAX / 4) {
            bad.push(format!(
                "people = {}: at most {}",
                self.people,
                u32::MAX / 4
            ));
        }
        if bad.is_empty() {
            Ok(())
        } else {
            Err(crate::Error::Usage(bad.join("; ")))
        }
    }
}

/// What [`generate`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Written {
    /// The files, in the order written.
    pub files: Vec<PathBuf>,
    /// Rows on side A.
    pub rows_a: u64,
    /// Rows on side B.
    pub rows_b: u64,
    /// Rows on the mediator's list (0 without one).
    pub rows_mediator: u64,
    /// True (A row, B row) pairs.
    pub pairs: u64,
}

/// Writes the lists, the agreement and the truth into `dir` (created if missing).
pub fn generate(settings: &Settings, dir: &Path) -> crate::Result<Written> {
    settings.validate()?;
    if !people::pools_ready() {
        return Err(crate::Error::Usage(
            "the built-in name dictionaries are empty; cannot generate people".into(),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir.display().to_string(), e))?;
    write::all(settings, dir)
}

/// Stream tags: each kind of random decision draws from its own ChaCha8 stream.
pub(crate) mod stream {
    /// A hidden person.
    pub const PERSON: u64 = 1;
    /// A row of side A.
    pub const ROW_A: u64 = 2;
    /// A row of side B.
    pub const ROW_B: u64 = 3;
    /// A row of the mediator's list.
    pub const ROW_M: u64 = 4;
    /// The order of a list.
    pub const SHUFFLE: u64 = 5;
    /// Whether an A person is also on B.
    pub const OVERLAP: u64 = 6;
    /// Whether a row is listed twice.
    pub const DUPLICATE: u64 = 7;
    /// Whether a person is on the mediator's list.
    pub const MEDIATOR: u64 = 8;
    /// Whether a surname is invented.
    pub const RARE: u64 = 9;
}

/// The random stream of one decision: the key from the seed, the stream from (tag, index),
/// so that no two decisions share numbers and none depends on another's order.
pub(crate) fn rng_for(seed: u64, tag: u64, index: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream((tag << 56) ^ index);
    rng
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A uniform number in [0, 1) for (seed, tag, index), for the cheap yes/no decisions made
/// once per person.
pub(crate) fn unit(seed: u64, tag: u64, index: u64) -> f64 {
    let h = splitmix(seed ^ splitmix((tag << 56) ^ index));
    (h >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_out_of_range_are_all_reported() {
        let s = Settings {
            overlap: 1.5,
            noise: Noise {
                typo: -0.1,
                ..Noise::default()
            },
            ..Settings::default()
        };
        let e = s
            .validate()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("overlap") && e.contains("typo"), "{e}");
        assert!(Settings::default().validate().is_ok());
    }

    #[test]
    fn unit_is_uniform_enough() {
        let n = 100_000;
        let below: usize = (0..n).filter(|&i| unit(3, 1, i) < 0.25).count();
        assert!((below as f64 / n as f64 - 0.25).abs() < 0.01);
        assert_ne!(unit(3, 1, 5), unit(4, 1, 5));
        assert_ne!(unit(3, 1, 5), unit(3, 2, 5));
    }
}
