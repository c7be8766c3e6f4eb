//! Measuring a reconcile report against the truth: precision, recall and F1 of the matched
//! pairs (status `match`, and `match` + `review`), category accuracy per side, and the worst
//! errors with both rows side by side so a person can see why they went wrong.
//!
//! The truth is either the `truth.json` that `powrec synth` writes (see [`crate::synth`]) or
//! a CSV of confirmed pairs: columns `a_row,b_row` (1-based data record numbers), or
//! `a_id,b_id` (the lists' own id column, mapped to rows by reading the two lists).
//!
//! Definitions: a predicted pair is a true positive when the truth pairs its two rows; the
//! truth's pairs not predicted are false negatives. Precision is 1 when nothing is
//! predicted, recall is 1 when the truth has no pairs, F1 is 0 when both are 0.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::synth::{Truth, TruthRecord};

/// Schema id of the evaluation's JSON.
pub const SCHEMA: &str = "powrec.evaluation.v1";

/// The parts of a reconcile report evaluation reads; everything is optional so that older or
/// hand-written reports are read too.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportView {
    /// Matched and review pairs.
    pub matches: Vec<MatchView>,
    /// People only on A.
    pub only_a: Vec<OnlyView>,
    /// People only on B.
    pub only_b: Vec<OnlyView>,
    /// Per-record classifications.
    pub records: SidesView<Vec<RecordView>>,
}

/// A value per side.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct SidesView<T> {
    /// Side A.
    pub a: T,
    /// Side B.
    pub b: T,
}

/// A person as the report describes them.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct BriefView {
    /// The name as written.
    pub name: String,
    /// The date of birth as written.
    pub dob: Option<String>,
}

/// One pair of the report.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MatchView {
    /// Row on A.
    pub a: u64,
    /// Row on B.
    pub b: u64,
    /// `match` or `review`.
    pub status: String,
    /// Match probability.
    pub score: f64,
    /// Who the rows are.
    pub people: Option<SidesView<BriefView>>,
}

/// A one-sided person of the report.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct OnlyView {
    /// The row.
    pub row: u64,
    /// Who.
    pub person: BriefView,
}

/// One record's classification in the report.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RecordView {
    /// The row.
    pub row: u64,
    /// The name as written.
    pub name: String,
    /// The date of birth as written.
    pub dob: Option<String>,
    /// Categories the report puts the record in.
    pub categories: Vec<String>,
    /// Categories it could not decide.
    pub unknown: Vec<String>,
}

/// Precision, recall and F1 of one set of predicted pairs.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Share of predicted pairs that are true.
    pub precision: f64,
    /// Share of true pairs predicted.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Predicted and true.
    pub true_positives: u64,
    /// Predicted, not true.
    pub false_positives: u64,
    /// True, not predicted.
    pub false_negatives: u64,
}

impl Scores {
    /// Scores from the three counts.
    pub fn from_counts(tp: u64, fp: u64, fn_: u64) -> Scores {
        let precision = if tp + fp == 0 {
            1.0
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let recall = if tp + fn_ == 0 {
            1.0
        } else {
            tp as f64 / (tp + fn_) as f64
        };
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Scores {
            precision,
            recall,
            f1,
            true_positives: tp,
            false_positives: fp,
            false_negatives: fn_,
        }
    }
}

/// Scores counted per person rather than per row pair: a predicted pair is right when its
/// two rows are the same person; recall is the share of people on both lists that some
/// right pair links. A person listed twice on one side can only be paired once under the
/// one-to-one rule, so counting every row combination as a pair to find would punish the
/// matcher for a duplicate the report lists anyway.
fn person_scores(
    pred: &HashSet<(u64, u64)>,
    a: &HashMap<u64, u64>,
    b: &HashMap<u64, u64>,
) -> Scores {
    let on_a: HashSet<u64> = a.values().copied().collect();
    let on_both: HashSet<u64> = b.values().copied().filter(|p| on_a.contains(p)).collect();
    let mut found = HashSet::new();
    let mut tp = 0u64;
    for (x, y) in pred {
        if let (Some(p), Some(q)) = (a.get(x), b.get(y))
            && p == q
        {
            tp += 1;
            found.insert(*p);
        }
    }
    let fp = pred.len() as u64 - tp;
    let precision = if pred.is_empty() {
        1.0
    } else {
        tp as f64 / pred.len() as f64
    };
    let recall = if on_both.is_empty() {
        1.0
    } else {
        found.len() as f64 / on_both.len() as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Scores {
        precision,
        recall,
        f1,
        true_positives: tp,
        false_positives: fp,
        false_negatives: (on_both.len() - found.len()) as u64,
    }
}

/// Row-pair scores, kept beside person scores for transparency.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RowPairScores {
    /// Pairs with status `match`.
    #[serde(rename = "match")]
    pub matched: Scores,
    /// Pairs with status `match` or `review`.
    pub match_or_review: Scores,
}

/// Agreement on one category.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CategoryScore {
    /// The category id.
    pub id: String,
    /// Records the truth and the report both put in it.
    pub true_positives: u64,
    /// Records the report puts in it and the truth does not.
    pub false_positives: u64,
    /// Records the truth puts in it and the report does not.
    pub false_negatives: u64,
}

/// A record whose classification differs from the truth's.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CategoryError {
    /// The row.
    pub row: u64,
    /// The name as the report writes it.
    pub name: String,
    /// The date of birth as the report writes it.
    pub dob: Option<String>,
    /// Categories the truth expects.
    pub expected: Vec<String>,
    /// Unknown categories the truth expects.
    pub expected_unknown: Vec<String>,
    /// Categories the report gives.
    pub got: Vec<String>,
    /// Unknown categories the report gives.
    pub got_unknown: Vec<String>,
}

/// Category accuracy on one side.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CategoryAccuracy {
    /// Records found in both the report and the truth.
    pub rows: u64,
    /// Records whose categories and unknown categories both equal the truth's.
    pub exact: u64,
    /// `exact / rows` (1 when no rows).
    pub accuracy: f64,
    /// Truth records the report does not list.
    pub missing_in_report: u64,
    /// Per category, in id order.
    pub per_category: Vec<CategoryScore>,
    /// The first differing records, by row.
    pub errors: Vec<CategoryError>,
}

/// One side of an error pair.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RowView {
    /// The row.
    pub row: u64,
    /// The name as the report writes it (empty when the report does not describe the row).
    pub name: String,
    /// The date of birth as the report writes it.
    pub dob: Option<String>,
    /// The noise the generator applied to the row, when the truth says.
    pub noise: Vec<String>,
}

/// A false match or a missed pair, with both rows and what happened.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PairError {
    /// Side A's row.
    pub a: RowView,
    /// Side B's row.
    pub b: RowView,
    /// The report's status for this pair, if it lists it.
    pub status: Option<String>,
    /// The report's score for this pair, if it lists it.
    pub score: Option<f64>,
    /// What the truth and the report say instead, in words.
    pub why: Vec<String>,
}

/// The whole evaluation.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evaluation {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// What `match` and `match_or_review` count: `person` when the truth names each row's
    /// person (synth truth), else `row_pair`.
    pub unit: String,
    /// Pairs in the truth.
    pub truth_pairs: u64,
    /// With person scoring: the row-pair figures, where every combination of a duplicated
    /// person's rows counts as a pair to find.
    pub row_pairs: Option<RowPairScores>,
    /// Pairs with status `match`.
    #[serde(rename = "match")]
    pub matched: Scores,
    /// Pairs with status `match` or `review`.
    pub match_or_review: Scores,
    /// Category accuracy per side, when both the report and the truth classify.
    pub categories: SidesView<Option<CategoryAccuracy>>,
    /// False matches, highest score first.
    pub false_matches: Vec<PairError>,
    /// True pairs not matched (reviewed ones first, then by A row).
    pub missed: Vec<PairError>,
}

/// The truth as evaluation needs it.
#[derive(Clone, Debug, Default)]
pub struct TruthView {
    /// Every true (A row, B row).
    pub pairs: Vec<(u64, u64)>,
    /// Per-row records (synth truth only).
    pub records: SidesView<Vec<TruthRecord>>,
}

impl From<Truth> for TruthView {
    fn from(t: Truth) -> Self {
        TruthView {
            pairs: t.pairs,
            records: SidesView {
                a: t.records.a,
                b: t.records.b,
            },
        }
    }
}

fn input_err(path: &str, message: impl Into<String>) -> Error {
    Error::input(path, Location::default(), message)
}

/// Reads a reconcile report's JSON.
pub fn read_report(path: &str) -> Result<ReportView> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        input_err(path, format!("not a powrec report: {e}"))
            .with_hint("give the JSON written by `powrec reconcile --format json`")
    })
}

/// Reads the truth: synth's `truth.json`, or a CSV of pairs by rows (`a_row,b_row`) or by ids
/// (`a_id,b_id`, which needs the two lists to map ids to rows).
pub fn read_truth(path: &str, lists: Option<(&str, &str)>) -> Result<TruthView> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| input_err(path, "the truth file is not UTF-8 text"))?
        .trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('{') {
        let t: Truth = serde_json::from_str(text)
            .map_err(|e| input_err(path, format!("not a powrec truth file: {e}")))?;
        return Ok(t.into());
    }
    read_pairs_csv(path, text, lists)
}

fn read_pairs_csv(path: &str, text: &str, lists: Option<(&str, &str)>) -> Result<TruthView> {
    let first = text.lines().next().unwrap_or_default();
    let delim = [b';', b'\t', b',']
        .into_iter()
        .find(|d| first.as_bytes().contains(d))
        .unwrap_or(b',');
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| input_err(path, e.to_string()))?
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (ia, ib, by_id) = match (col("a_row"), col("b_row"), col("a_id"), col("b_id")) {
        (Some(a), Some(b), _, _) => (a, b, false),
        (_, _, Some(a), Some(b)) => (a, b, true),
        _ => {
            return Err(input_err(
                path,
                format!("found columns {headers:?}; expected a_row,b_row or a_id,b_id"),
            )
            .with_hint("a CSV truth names each confirmed pair by its two rows or two ids"));
        }
    };
    let maps = if by_id {
        let Some((a, b)) = lists else {
            return Err(input_err(path, "pairs given by id need the two lists")
                .with_hint("add --a LIST --b LIST so ids can be mapped to rows"));
        };
        Some((id_rows(a)?, id_rows(b)?))
    } else {
        None
    };
    let mut pairs = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i as u64 + 2;
        let rec = rec.map_err(|e| input_err(path, e.to_string()))?;
        let (va, vb) = (rec.get(ia).unwrap_or(""), rec.get(ib).unwrap_or(""));
        if va.is_empty() && vb.is_empty() {
            continue;
        }
        let at = |m: String| Error::input(path, Location::line(line), m);
        let pair = match &maps {
            None => {
                let parse = |v: &str| {
                    v.parse::<u64>()
                        .ok()
                        .filter(|&r| r > 0)
                        .ok_or_else(|| at(format!("'{v}' is not a row number (1, 2, ...)")))
                };
                (parse(va)?, parse(vb)?)
            }
            Some((ma, mb)) => {
                let find = |m: &HashMap<String, Option<u64>>, v: &str, side: &str| match m.get(v) {
                    Some(Some(r)) => Ok(*r),
                    Some(None) => Err(at(format!("id '{v}' is on several rows of list {side}"))),
                    None => Err(at(format!("id '{v}' is not in list {side}"))),
                };
                (find(ma, va, "A")?, find(mb, vb, "B")?)
            }
        };
        pairs.push(pair);
    }
    Ok(TruthView {
        pairs,
        records: SidesView::default(),
    })
}

/// Id → row of one list; `None` for an id on several rows.
fn id_rows(path: &str) -> Result<HashMap<String, Option<u64>>> {
    let ds = crate::read::read_path(path, &crate::read::ReadOptions::default())?;
    let mut m: HashMap<String, Option<u64>> = HashMap::new();
    for r in &ds.records {
        if let Some(id) = r.get(crate::record::Field::Id) {
            m.entry(id.to_string())
                .and_modify(|v| *v = None)
                .or_insert(Some(r.row));
        }
    }
    if m.is_empty() {
        return Err(input_err(path, "the list has no id column")
            .with_hint("map one with the list's id header, or give the truth by rows"));
    }
    Ok(m)
}

/// Who a row is, as the report describes it.
#[derive(Default)]
struct Describe {
    a: HashMap<u64, BriefView>,
    b: HashMap<u64, BriefView>,
}

impl Describe {
    fn new(r: &ReportView) -> Describe {
        let mut d = Describe::default();
        let brief = |name: &str, dob: &Option<String>| BriefView {
            name: name.to_string(),
            dob: dob.clone(),
        };
        for rec in &r.records.a {
            d.a.insert(rec.row, brief(&rec.name, &rec.dob));
        }
        for rec in &r.records.b {
            d.b.insert(rec.row, brief(&rec.name, &rec.dob));
        }
        for o in &r.only_a {
            d.a.entry(o.row).or_insert_with(|| o.person.clone());
        }
        for o in &r.only_b {
            d.b.entry(o.row).or_insert_with(|| o.person.clone());
        }
        for m in &r.matches {
            if let Some(p) = &m.people {
                d.a.entry(m.a).or_insert_with(|| p.a.clone());
                d.b.entry(m.b).or_insert_with(|| p.b.clone());
            }
        }
        d
    }
}

fn row_view(
    row: u64,
    brief: &HashMap<u64, BriefView>,
    truth: &HashMap<u64, &TruthRecord>,
) -> RowView {
    let b = brief.get(&row).cloned().unwrap_or_default();
    RowView {
        row,
        name: b.name,
        dob: b.dob,
        noise: truth.get(&row).map(|t| t.noise.clone()).unwrap_or_default(),
    }
}

fn rows_of(pairs: &[(u64, u64)]) -> (HashMap<u64, Vec<u64>>, HashMap<u64, Vec<u64>>) {
    let mut a: HashMap<u64, Vec<u64>> = HashMap::new();
    let mut b: HashMap<u64, Vec<u64>> = HashMap::new();
    for &(x, y) in pairs {
        a.entry(x).or_default().push(y);
        b.entry(y).or_default().push(x);
    }
    (a, b)
}

fn list(rows: &[u64]) -> String {
    rows.iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the report did with one row, in words.
fn fate(side: &str, row: u64, by_row: &HashMap<u64, Vec<&MatchView>>) -> String {
    match by_row.get(&row) {
        None => format!("the report lists {side} {row} as only on side {side}"),
        Some(ms) => ms
            .iter()
            .map(|m| {
                let other = if side == "A" {
                    format!("B {}", m.b)
                } else {
                    format!("A {}", m.a)
                };
                format!(
                    "the report pairs {side} {row} with {other} ({}, score {:.3})",
                    m.status, m.score
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn categories(
    truth: &[TruthRecord],
    report: &[RecordView],
    show: usize,
) -> Option<CategoryAccuracy> {
    if truth.is_empty() || report.is_empty() {
        return None;
    }
    let got: HashMap<u64, &RecordView> = report.iter().map(|r| (r.row, r)).collect();
    let mut acc = CategoryAccuracy::default();
    let mut per: std::collections::BTreeMap<String, CategoryScore> = Default::default();
    let set = |v: &[String]| v.iter().cloned().collect::<HashSet<String>>();
    for t in truth {
        let Some(r) = got.get(&t.row) else {
            acc.missing_in_report += 1;
            continue;
        };
        acc.rows += 1;
        let (ec, gc) = (set(&t.expected.categories), set(&r.categories));
        let same = ec == gc && set(&t.expected.unknown) == set(&r.unknown);
        if same {
            acc.exact += 1;
        } else if acc.errors.len() < show {
            acc.errors.push(CategoryError {
                row: t.row,
                name: r.name.clone(),
                dob: r.dob.clone(),
                expected: t.expected.categories.clone(),
                expected_unknown: t.expected.unknown.clone(),
                got: r.categories.clone(),
                got_unknown: r.unknown.clone(),
            });
        }
        for id in ec.union(&gc) {
            let s = per.entry(id.clone()).or_insert_with(|| CategoryScore {
                id: id.clone(),
                ..CategoryScore::default()
            });
            match (ec.contains(id), gc.contains(id)) {
                (true, true) => s.true_positives += 1,
                (false, true) => s.false_positives += 1,
                _ => s.false_negatives += 1,
            }
        }
    }
    acc.accuracy = if acc.rows == 0 {
        1.0
    } else {
        acc.exact as f64 / acc.rows as f64
    };
    acc.per_category = per.into_values().collect();
    Some(acc)
}

/// Evaluates a report against the truth, listing up to `show` errors of each kind.
pub fn evaluate(report: &ReportView, truth: &TruthView, show: usize) -> Evaluation {
    let true_pairs: HashSet<(u64, u64)> = truth.pairs.iter().copied().collect();
    let is_match = |m: &&MatchView| m.status.eq_ignore_ascii_case("match");
    let matched: HashSet<(u64, u64)> = report
        .matches
        .iter()
        .filter(is_match)
        .map(|m| (m.a, m.b))
        .collect();
    let any: HashSet<(u64, u64)> = report.matches.iter().map(|m| (m.a, m.b)).collect();
    let score = |pred: &HashSet<(u64, u64)>| {
        let tp = pred.intersection(&true_pairs).count() as u64;
        Scores::from_counts(tp, pred.len() as u64 - tp, true_pairs.len() as u64 - tp)
    };

    let describe = Describe::new(report);
    let tr_a: HashMap<u64, &TruthRecord> = truth.records.a.iter().map(|t| (t.row, t)).collect();
    let tr_b: HashMap<u64, &TruthRecord> = truth.records.b.iter().map(|t| (t.row, t)).collect();
    let (a_partners, b_partners) = rows_of(&truth.pairs);
    let mut by_a: HashMap<u64, Vec<&MatchView>> = HashMap::new();
    let mut by_b: HashMap<u64, Vec<&MatchView>> = HashMap::new();
    for m in &report.matches {
        by_a.entry(m.a).or_default().push(m);
        by_b.entry(m.b).or_default().push(m);
    }
    let person = |t: &HashMap<u64, &TruthRecord>, row: u64| t.get(&row).map(|r| r.person);

    let mut false_matches: Vec<&MatchView> = report
        .matches
        .iter()
        .filter(is_match)
        .filter(|m| !true_pairs.contains(&(m.a, m.b)))
        .collect();
    false_matches.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.a.cmp(&y.a)));
    let false_matches = false_matches
        .into_iter()
        .take(show)
        .map(|m| {
            let mut why = Vec::new();
            let pa = a_partners.get(&m.a).map(Vec::as_slice).unwrap_or_default();
            let pb = b_partners.get(&m.b).map(Vec::as_slice).unwrap_or_default();
            why.push(match (person(&tr_a, m.a), person(&tr_b, m.b)) {
                (Some(x), Some(y)) => format!(
                    "different people: A {} is person {x}, B {} is person {y}",
                    m.a, m.b
                ),
                _ => "the truth does not pair these rows".into(),
            });
            why.push(if pa.is_empty() {
                format!("A {} has no partner on side B", m.a)
            } else {
                format!("A {}'s true partner: B {}", m.a, list(pa))
            });
            why.push(if pb.is_empty() {
                format!("B {} has no partner on side A", m.b)
            } else {
                format!("B {}'s true partner: A {}", m.b, list(pb))
            });
            PairError {
                a: row_view(m.a, &describe.a, &tr_a),
                b: row_view(m.b, &describe.b, &tr_b),
                status: Some(m.status.clone()),
                score: Some(m.score),
                why,
            }
        })
        .collect();

    let person_a: HashMap<u64, u64> = truth.records.a.iter().map(|t| (t.row, t.person)).collect();
    let person_b: HashMap<u64, u64> = truth.records.b.iter().map(|t| (t.row, t.person)).collect();
    let by_person = !person_a.is_empty() && !person_b.is_empty();
    let linked: HashSet<u64> = matched
        .iter()
        .filter_map(|(x, y)| match (person_a.get(x), person_b.get(y)) {
            (Some(p), Some(q)) if p == q => Some(*p),
            _ => None,
        })
        .collect();
    let mut missed: Vec<(u64, u64)> = true_pairs
        .difference(&matched)
        .copied()
        // A person linked through another of their rows is not missed.
        .filter(|(x, _)| !by_person || person_a.get(x).is_none_or(|p| !linked.contains(p)))
        .collect();
    // Pairs sent to review are the nearest misses; show them first.
    missed.sort_by_key(|p| (!any.contains(p), p.0, p.1));
    let missed = missed
        .into_iter()
        .take(show)
        .map(|(a, b)| {
            let listed = report.matches.iter().find(|m| m.a == a && m.b == b);
            let mut why = Vec::new();
            if listed.is_none() {
                why.push(fate("A", a, &by_a));
                why.push(fate("B", b, &by_b));
            }
            PairError {
                a: row_view(a, &describe.a, &tr_a),
                b: row_view(b, &describe.b, &tr_b),
                status: listed.map(|m| m.status.clone()),
                score: listed.map(|m| m.score),
                why,
            }
        })
        .collect();

    let (unit, matched_scores, any_scores, row_pairs) = if by_person {
        (
            "person",
            person_scores(&matched, &person_a, &person_b),
            person_scores(&any, &person_a, &person_b),
            Some(RowPairScores {
                matched: score(&matched),
                match_or_review: score(&any),
            }),
        )
    } else {
        ("row_pair", score(&matched), score(&any), None)
    };
    Evaluation {
        schema: SCHEMA.into(),
        unit: unit.into(),
        truth_pairs: true_pairs.len() as u64,
        row_pairs,
        matched: matched_scores,
        match_or_review: any_scores,
        categories: SidesView {
            a: categories(&truth.records.a, &report.records.a, show),
            b: categories(&truth.records.b, &report.records.b, show),
        },
        false_matches,
        missed,
    }
}

/// Reads both files and evaluates.
pub fn evaluate_files(
    report: &Path,
    truth: &Path,
    lists: Option<(&str, &str)>,
    show: usize,
) -> Result<Evaluation> {
    let r = read_report(&report.display().to_string())?;
    let t = read_truth(&truth.display().to_string(), lists)?;
    Ok(evaluate(&r, &t, show))
}

fn describe_row(side: &str, r: &RowView) -> String {
    let name = if r.name.is_empty() {
        "(not described by the report)"
    } else {
        &r.name
    };
    let mut s = format!("{side} {:>7}  {name}", r.row);
    if let Some(d) = &r.dob {
        s.push_str(&format!("  {d}"));
    }
    if !r.noise.is_empty() {
        s.push_str(&format!("  [noise: {}]", r.noise.join(", ")));
    }
    s
}

/// The evaluation as text for people.
pub fn render_text(e: &Evaluation) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "true pairs: {} (scored per {})\n\n",
        e.truth_pairs,
        e.unit.replace('_', " ")
    ));
    s.push_str("                 precision  recall      F1       TP       FP       FN\n");
    let mut rows = vec![
        ("match", &e.matched),
        ("match or review", &e.match_or_review),
    ];
    if let Some(r) = &e.row_pairs {
        rows.push(("  row pairs: m", &r.matched));
        rows.push(("  row pairs: m+r", &r.match_or_review));
    }
    for (label, sc) in rows {
        s.push_str(&format!(
            "{label:<16} {:>9.4} {:>7.4} {:>7.4} {:>8} {:>8} {:>8}\n",
            sc.precision,
            sc.recall,
            sc.f1,
            sc.true_positives,
            sc.false_positives,
            sc.false_negatives
        ));
    }
    for (side, c) in [("A", &e.categories.a), ("B", &e.categories.b)] {
        let Some(c) = c else { continue };
        s.push_str(&format!(
            "\ncategories, side {side}: {} of {} records exact ({:.2}%){}\n",
            c.exact,
            c.rows,
            c.accuracy * 100.0,
            if c.missing_in_report > 0 {
                format!("; {} records missing from the report", c.missing_in_report)
            } else {
                String::new()
            }
        ));
        for p in &c.per_category {
            s.push_str(&format!(
                "  {:<14} TP {:>8}  FP {:>8}  FN {:>8}\n",
                p.id, p.true_positives, p.false_positives, p.false_negatives
            ));
        }
        for err in &c.errors {
            s.push_str(&format!(
                "  row {}: {}{} expected [{}] unknown [{}], got [{}] unknown [{}]\n",
                err.row,
                err.name,
                err.dob
                    .as_ref()
                    .map(|d| format!(" {d}"))
                    .unwrap_or_default(),
                err.expected.join(", "),
                err.expected_unknown.join(", "),
                err.got.join(", "),
                err.got_unknown.join(", ")
            ));
        }
    }
    for (title, errs) in [
        ("false matches, highest score first", &e.false_matches),
        ("missed true pairs", &e.missed),
    ] {
        if errs.is_empty() {
            continue;
        }
        s.push_str(&format!("\n{title}:\n"));
        for p in errs {
            let head = match (&p.status, p.score) {
                (Some(st), Some(sc)) => format!("{st}, score {sc:.3}"),
                _ => "not in the report's pairs".into(),
            };
            s.push_str(&format!("- {head}\n"));
            s.push_str(&format!("    {}\n", describe_row("A", &p.a)));
            s.push_str(&format!("    {}\n", describe_row("B", &p.b)));
            for w in &p.why {
                s.push_str(&format!("    {w}\n"));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(a: u64, b: u64, status: &str, score: f64) -> MatchView {
        MatchView {
            a,
            b,
            status: status.into(),
            score,
            people: None,
        }
    }

    #[test]
    fn arithmetic_of_precision_recall_f1() {
        let s = Scores::from_counts(3, 1, 2);
        assert_eq!((s.precision, s.recall), (0.75, 0.6));
        assert!((s.f1 - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-12);
        let none = Scores::from_counts(0, 0, 4);
        assert_eq!((none.precision, none.recall, none.f1), (1.0, 0.0, 0.0));
        let zero = Scores::from_counts(0, 2, 2);
        assert_eq!(zero.f1, 0.0);
    }

    #[test]
    fn match_and_review_are_scored_apart() {
        let report = ReportView {
            matches: vec![
                m(1, 10, "match", 0.99),
                m(2, 20, "match", 0.95),
                m(3, 31, "match", 0.97),
                m(4, 40, "review", 0.6),
            ],
            ..ReportView::default()
        };
        let truth = TruthView {
            pairs: vec![(1, 10), (2, 20), (3, 30), (4, 40), (5, 50)],
            ..TruthView::default()
        };
        let e = evaluate(&report, &truth, 10);
        assert_eq!(
            (
                e.matched.true_positives,
                e.matched.false_positives,
                e.matched.false_negatives
            ),
            (2, 1, 3)
        );
        assert_eq!(
            (
                e.match_or_review.true_positives,
                e.match_or_review.false_positives,
                e.match_or_review.false_negatives
            ),
            (3, 1, 2)
        );
        assert_eq!(e.false_matches.len(), 1);
        assert_eq!(
            (e.false_matches[0].a.row, e.false_matches[0].b.row),
            (3, 31)
        );
        // The reviewed pair is the nearest miss and comes first.
        assert_eq!(e.missed[0].status.as_deref(), Some("review"));
        assert_eq!(e.missed.len(), 3);
    }
}
