//! The truth file's model (what `powrec evaluate` reads back) and the categories a row's
//! written values put it in under the Istanbul agreement that synth writes.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::REFERENCE_DATE;

/// The schema id of the truth file.
pub const SCHEMA: &str = "powrec.truth.v1";

/// The agreement synth writes as `agreement.toml`, verbatim.
pub const AGREEMENT: &str = r#"name = "Istanbul, 2 June 2025"
reference_date = "2025-06-02"
borderline_days = 30

[[category]]
id = "wounded_ill"
label = "Seriously wounded or seriously ill"
any = [
  { field = "health", contains = ["тяжкопоранен", "тяжке поранення", "тяжкохвор", "тяжка хвороба",
      "тяжелоранен", "тяжелое ранение", "тяжелобольн", "тяжелое заболевание",
      "seriously wounded", "severely wounded", "seriously ill", "gravely ill"] },
]

[[category]]
id = "youth"
label = "Aged 18 to 25"
all = [ { age = { min = 18, max = 25 } } ]
"#;

/// The `contains` terms of `wounded_ill`, as in [`AGREEMENT`].
pub const HEALTH_TERMS: [&str; 12] = [
    "тяжкопоранен",
    "тяжке поранення",
    "тяжкохвор",
    "тяжка хвороба",
    "тяжелоранен",
    "тяжелое ранение",
    "тяжелобольн",
    "тяжелое заболевание",
    "seriously wounded",
    "severely wounded",
    "seriously ill",
    "gravely ill",
];

/// The youth category's inclusive age bounds.
pub const YOUTH: (i32, i32) = (18, 25);

/// A row's expected classification, computed from what the row says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    /// Categories the row is in.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Categories that cannot be decided from the row.
    #[serde(default)]
    pub unknown: Vec<String>,
    /// In no category and none unknown.
    #[serde(default)]
    pub out_of_category: bool,
}

/// Completed years at `at`; a 29 February birthday falls on 1 March in common years.
pub fn age_at(dob: NaiveDate, at: NaiveDate) -> i32 {
    let (m, d) = if dob.month() == 2
        && dob.day() == 29
        && NaiveDate::from_ymd_opt(at.year(), 2, 29).is_none()
    {
        (3, 1)
    } else {
        (dob.month(), dob.day())
    };
    let mut age = at.year() - dob.year();
    if (at.month(), at.day()) < (m, d) {
        age -= 1;
    }
    age
}

/// Folds text as the agreement's `contains` does: lower case, ё → е, apostrophes dropped.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{02BC}'))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// The classification of a row with this written birth date and health text.
pub fn classify(dob: Option<NaiveDate>, health: &str) -> Expected {
    let mut e = Expected::default();
    let h = fold(health);
    if HEALTH_TERMS.iter().any(|t| h.contains(t)) {
        e.categories.push("wounded_ill".into());
    }
    match dob {
        None => e.unknown.push("youth".into()),
        Some(d) => {
            let age = age_at(d, REFERENCE_DATE);
            if (YOUTH.0..=YOUTH.1).contains(&age) {
                e.categories.push("youth".into());
            }
        }
    }
    e.out_of_category = e.categories.is_empty() && e.unknown.is_empty();
    e
}

/// One row of a generated list, as the truth records it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TruthRecord {
    /// The row (1-based data record number).
    pub row: u64,
    /// The hidden person's number; rows with equal numbers are the same person.
    #[serde(default)]
    pub person: u64,
    /// What the row's written values classify as.
    #[serde(flatten)]
    pub expected: Expected,
    /// The noise applied to the row.
    #[serde(default)]
    pub noise: Vec<String>,
}

/// Rows per side.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TruthSides<T> {
    /// Side A.
    #[serde(default)]
    pub a: T,
    /// Side B.
    #[serde(default)]
    pub b: T,
}

/// The whole truth file (see the module documentation of [`crate::synth`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Truth {
    /// Always [`SCHEMA`].
    #[serde(default)]
    pub schema: String,
    /// Row counts per side.
    #[serde(default)]
    pub rows: TruthSides<u64>,
    /// Every row, per side.
    #[serde(default)]
    pub records: TruthSides<Vec<TruthRecord>>,
    /// Every (A row, B row) of one person.
    #[serde(default)]
    pub pairs: Vec<(u64, u64)>,
    /// Groups of rows of one person within a list.
    #[serde(default)]
    pub duplicates: TruthSides<Vec<Vec<u64>>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn ages_in_completed_years() {
        let r = REFERENCE_DATE;
        assert_eq!(age_at(d(2007, 6, 2), r), 18);
        assert_eq!(age_at(d(2007, 6, 3), r), 17);
        assert_eq!(age_at(d(1999, 6, 3), r), 25);
        assert_eq!(age_at(d(1999, 6, 2), r), 26);
        // 29 February counts as 1 March in a common year.
        assert_eq!(age_at(d(2004, 2, 29), d(2022, 2, 28)), 17);
        assert_eq!(age_at(d(2004, 2, 29), d(2022, 3, 1)), 18);
        assert_eq!(age_at(d(2004, 2, 29), d(2024, 2, 29)), 20);
    }

    #[test]
    fn categories_from_what_the_row_says() {
        let young = Some(d(2000, 1, 1));
        assert_eq!(
            classify(young, "Тяжёлое ранение").categories,
            ["wounded_ill", "youth"]
        );
        let old = classify(Some(d(1980, 1, 1)), "задовільний");
        assert!(old.out_of_category && old.categories.is_empty());
        let unknown = classify(None, "легке поранення");
        assert_eq!(
            (unknown.unknown.as_slice(), unknown.out_of_category),
            (&["youth".to_string()][..], false)
        );
        assert_eq!(classify(None, "ТЯЖКОПОРАНЕНИЙ").categories, ["wounded_ill"]);
        assert!(classify(Some(d(1980, 1, 1)), "ампутація кисті").out_of_category);
    }

    #[test]
    fn agreement_lists_the_terms_used() {
        for t in HEALTH_TERMS {
            assert!(AGREEMENT.contains(&format!("\"{t}\"")), "{t}");
        }
        assert!(AGREEMENT.contains("min = 18, max = 25"));
        assert!(AGREEMENT.contains("reference_date = \"2025-06-02\""));
    }
}
