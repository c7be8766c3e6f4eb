//! The `--config` file of `reconcile`: column mappings per side and matching settings. Its
//! keys are pinned (other tools write these files); unknown keys are errors, not ignored.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{Error, Problem, Result};
use crate::matching::{ExtraMethod, MAX_EXTRA};
use crate::record::Field;

/// How an extra column is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CompareMethod {
    /// Equal after folding (case, spaces, apostrophes, look-alike letters).
    Exact,
    /// Exact, equal once transliterated (Харків = Харьков = Kharkiv), close, similar.
    Fuzzy,
    /// As dates, in any format the lists use.
    Date,
    /// Letters and digits only ("12 345" = "12345"): equal, one edit apart, different.
    Number,
}

impl CompareMethod {
    /// The matching engine's method.
    pub fn engine(self) -> ExtraMethod {
        match self {
            CompareMethod::Exact => ExtraMethod::Exact,
            CompareMethod::Fuzzy => ExtraMethod::Fuzzy,
            CompareMethod::Date => ExtraMethod::Date,
            CompareMethod::Number => ExtraMethod::Number,
        }
    }
}

/// One `[[matching.compare]]` entry.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compare {
    /// A header present in both lists, or a canonical field.
    pub column: String,
    /// How to compare it.
    pub method: CompareMethod,
}

/// The `[matching]` table.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matching {
    /// Score at or above which a pair is a match.
    pub threshold: Option<f64>,
    /// Score at or above which a pair is listed for review.
    pub review_threshold: Option<f64>,
    /// Extra columns to compare.
    #[serde(default)]
    pub compare: Vec<Compare>,
}

/// The `[columns]` table: FIELD = "COLUMN" per side.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    /// Side A's overrides.
    #[serde(default)]
    pub a: BTreeMap<String, String>,
    /// Side B's overrides.
    #[serde(default)]
    pub b: BTreeMap<String, String>,
}

/// A whole config file.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Column overrides.
    #[serde(default)]
    pub columns: Columns,
    /// Matching settings.
    #[serde(default)]
    pub matching: Matching,
}

impl Config {
    /// Parses and checks a config file's text; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<Config> {
        let cfg: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| line_col(text, s.start))
                .map_or((None, None), |(l, c)| (Some(l), Some(c)));
            Error::Invalid {
                path: path.to_string(),
                problems: vec![Problem {
                    line,
                    column,
                    message: e.message().to_string(),
                }],
            }
        })?;
        let mut problems = Vec::new();
        for (side, map) in [("a", &cfg.columns.a), ("b", &cfg.columns.b)] {
            for field in map.keys() {
                if Field::from_name(field).is_none() {
                    problems.push(Problem {
                        line: find_line(text, field),
                        column: None,
                        message: format!(
                            "[columns.{side}]: unknown field '{field}'; the fields are: {}",
                            Field::names()
                        ),
                    });
                }
            }
        }
        let m = &cfg.matching;
        for (name, v) in [
            ("threshold", m.threshold),
            ("review_threshold", m.review_threshold),
        ] {
            if let Some(v) = v.filter(|v| !(0.0..=1.0).contains(v)) {
                problems.push(Problem {
                    line: find_line(text, name),
                    column: None,
                    message: format!("[matching] {name} = {v}: must be between 0 and 1"),
                });
            }
        }
        if let (Some(t), Some(r)) = (m.threshold, m.review_threshold)
            && r > t
        {
            problems.push(Problem {
                line: find_line(text, "review_threshold"),
                column: None,
                message: format!(
                    "[matching] review_threshold {r} is above threshold {t}; it must not be"
                ),
            });
        }
        if m.compare.len() > MAX_EXTRA {
            problems.push(Problem {
                line: find_line(text, "column"),
                column: None,
                message: format!(
                    "[[matching.compare]]: {} entries; at most {MAX_EXTRA} extra columns can be \
                     compared",
                    m.compare.len()
                ),
            });
        }
        let mut seen = Vec::new();
        for c in &m.compare {
            let line = find_value_line(text, "column", &c.column);
            let column = c.column.trim();
            if column.is_empty() {
                problems.push(Problem {
                    line,
                    column: None,
                    message: "[[matching.compare]]: column is empty; name a header present in \
                              both lists, or a canonical field"
                        .into(),
                });
            } else if Field::from_name(column).is_some_and(|f| MATCHED.contains(&f)) {
                problems.push(Problem {
                    line,
                    column: None,
                    message: format!(
                        "[[matching.compare]]: '{column}' is already compared by the matching \
                         engine; compare is for other columns ({})",
                        MATCHED.map(Field::name).join(", ")
                    ),
                });
            } else if seen.contains(&column.to_lowercase()) {
                problems.push(Problem {
                    line,
                    column: None,
                    message: format!("[[matching.compare]]: column '{column}' is listed twice"),
                });
            }
            seen.push(column.to_lowercase());
        }
        if problems.is_empty() {
            Ok(cfg)
        } else {
            Err(Error::Invalid {
                path: path.to_string(),
                problems,
            })
        }
    }

    /// Reads and parses a config file.
    pub fn load(path: &str) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Config::parse(path, &text)
    }

    /// The column overrides of one side as `(field, column)` pairs.
    pub fn maps(&self, side_b: bool) -> Vec<(Field, String)> {
        let map = if side_b {
            &self.columns.b
        } else {
            &self.columns.a
        };
        map.iter()
            .filter_map(|(f, c)| Field::from_name(f).map(|f| (f, c.clone())))
            .collect()
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Fields the engine compares whatever the config says: comparing one again would count
/// its evidence twice.
const MATCHED: [Field; 9] = [
    Field::Surname,
    Field::GivenName,
    Field::Patronymic,
    Field::FullName,
    Field::Dob,
    Field::BirthYear,
    Field::Sex,
    Field::ServiceNumber,
    Field::DocumentNumber,
];

/// The first line setting `key` to the string `value`.
fn find_value_line(text: &str, key: &str, value: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .and_then(|rest| rest.trim_start().strip_prefix('='))
                .is_some_and(|v| v.trim().trim_matches(|c| c == '"' || c == '\'') == value)
        })
        .map(|i| i + 1)
        .or_else(|| find_line(text, key))
}

/// The first line whose key is `key`, for problems found after parsing.
fn find_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PINNED: &str = r#"
[columns.a]            # optional, like --map-a
id = "rec_id"
[matching]
threshold = 0.9        # optional
review_threshold = 0.5 # optional
[[matching.compare]]
column = "postcode"    # a header present in both lists, or a canonical field
method = "exact"       # exact | fuzzy | date | number
"#;

    #[test]
    fn the_pinned_example_parses() {
        let c = Config::parse("c.toml", PINNED).unwrap();
        assert_eq!(c.maps(false), vec![(Field::Id, "rec_id".to_string())]);
        assert!(c.maps(true).is_empty());
        assert_eq!(c.matching.threshold, Some(0.9));
        assert_eq!(c.matching.review_threshold, Some(0.5));
        assert_eq!(
            c.matching.compare,
            vec![Compare {
                column: "postcode".into(),
                method: CompareMethod::Exact
            }]
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let text =
            "[columns.a]\nnom = \"x\"\n[matching]\nthreshold = 0.4\nreview_threshold = 1.5\n";
        let Err(Error::Invalid { problems, .. }) = Config::parse("c.toml", text) else {
            panic!("expected problems");
        };
        let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![Some(2), Some(5), Some(5)], "{problems:?}");
        assert!(problems[0].message.contains("unknown field 'nom'"));
    }

    #[test]
    fn unknown_keys_and_methods_name_their_place() {
        let text = "[matching]\nthreshhold = 0.9\n";
        let Err(Error::Invalid { problems, .. }) = Config::parse("c.toml", text) else {
            panic!("expected problems");
        };
        assert_eq!(problems[0].line, Some(2));
        assert!(problems[0].message.contains("threshhold"), "{problems:?}");
        let text = "[[matching.compare]]\ncolumn = \"x\"\nmethod = \"soundex\"\n";
        let Err(Error::Invalid { problems, .. }) = Config::parse("c.toml", text) else {
            panic!("expected problems");
        };
        assert_eq!(problems[0].line, Some(3));
    }

    #[test]
    fn compare_entries_are_checked() {
        let entry =
            |c: &str| format!("[[matching.compare]]\ncolumn = \"{c}\"\nmethod = \"exact\"\n");
        let five: String = ["a", "b", "c", "d", "e"].map(entry).concat();
        let Err(Error::Invalid { problems, .. }) = Config::parse("c.toml", &five) else {
            panic!("five entries accepted");
        };
        assert!(problems[0].message.contains("at most 4"), "{problems:?}");
        let text = format!("{}{}{}", entry("unit"), entry("dob"), entry("Unit"));
        let Err(Error::Invalid { problems, .. }) = Config::parse("c.toml", &text) else {
            panic!("dob and a twice-listed column accepted");
        };
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 2, "{messages:?}");
        assert!(
            messages[0].contains("'dob' is already compared"),
            "{messages:?}"
        );
        assert_eq!(problems[0].line, Some(5));
        assert!(messages[1].contains("listed twice"), "{messages:?}");
        let ok = format!("{}{}", entry("unit"), entry("Жетон"));
        let c = Config::parse("c.toml", &ok).unwrap_or_default();
        assert_eq!(c.matching.compare.len(), 2);
    }
}
