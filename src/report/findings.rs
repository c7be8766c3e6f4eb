//! The report flattened to one row per finding, in the order a negotiator reads them: the CSV
//! format is these rows; text and Markdown group them by kind.

use crate::reconcile::{Brief, Candidate, Kind, PairStatus, Report};

/// One finding.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Finding {
    /// Its kind (`None` never happens in a built list; `Default` needs a value).
    pub kind: Option<Kind>,
    /// `a` or `b` for findings about one side.
    pub side: Option<&'static str>,
    /// Row on A.
    pub a_row: Option<u64>,
    /// Name on A.
    pub a_name: String,
    /// Date of birth on A.
    pub a_dob: String,
    /// Row on B.
    pub b_row: Option<u64>,
    /// Name on B.
    pub b_name: String,
    /// Date of birth on B.
    pub b_dob: String,
    /// Pair score, or the near-miss score.
    pub score: Option<f64>,
    /// The field concerned.
    pub field: String,
    /// A's value of that field.
    pub a_value: String,
    /// B's value of that field.
    pub b_value: String,
    /// Anything else: categories, reasons, candidates.
    pub detail: String,
}

fn fill_a(f: &mut Finding, row: u64, p: &Brief) {
    f.a_row = Some(row);
    f.a_name = p.name.clone();
    f.a_dob = p.dob.clone().unwrap_or_default();
}

fn fill_b(f: &mut Finding, row: u64, p: &Brief) {
    f.b_row = Some(row);
    f.b_name = p.name.clone();
    f.b_dob = p.dob.clone().unwrap_or_default();
}

fn candidate(c: &Candidate) -> String {
    format!(
        "{} row {} {} ({:.2})",
        c.side.to_uppercase(),
        c.row,
        c.name,
        c.score
    )
}

/// Every finding of the report, grouped by kind in [`Kind::ALL`] order.
pub fn findings(r: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for kind in Kind::ALL {
        of_kind(r, kind, &mut out);
    }
    out
}

/// The findings of one kind, appended to `out`.
pub fn of_kind(r: &Report, kind: Kind, out: &mut Vec<Finding>) {
    let base = Finding {
        kind: Some(kind),
        ..Finding::default()
    };
    match kind {
        Kind::OnlyA | Kind::OnlyB => {
            let (list, side) = if kind == Kind::OnlyA {
                (&r.only_a, "a")
            } else {
                (&r.only_b, "b")
            };
            for e in list {
                let mut f = base.clone();
                f.side = Some(side);
                if side == "a" {
                    fill_a(&mut f, e.row, &e.person);
                } else {
                    fill_b(&mut f, e.row, &e.person);
                }
                f.field = "categories".into();
                f.detail = if e.person.categories.is_empty() {
                    "in no agreed category".into()
                } else {
                    e.person.categories.join(", ")
                };
                if let Some(c) = &e.near_miss {
                    f.score = Some(c.score);
                    f.detail.push_str(&format!("; nearest: {}", candidate(c)));
                }
                out.push(f);
            }
        }
        Kind::Conflicts => {
            for m in r.matches.iter().filter(|m| m.status == PairStatus::Match) {
                for c in &m.conflicts {
                    let mut f = base.clone();
                    fill_a(&mut f, m.a, &m.people.a);
                    fill_b(&mut f, m.b, &m.people.b);
                    f.score = Some(m.score);
                    f.field = c.field.clone();
                    f.a_value = c.a.clone();
                    f.b_value = c.b.clone();
                    f.detail = c.detail.clone().unwrap_or_default();
                    out.push(f);
                }
            }
        }
        Kind::Review => {
            for m in r.matches.iter().filter(|m| m.status == PairStatus::Review) {
                let mut f = base.clone();
                fill_a(&mut f, m.a, &m.people.a);
                fill_b(&mut f, m.b, &m.people.b);
                f.score = Some(m.score);
                let mut parts: Vec<String> = m
                    .conflicts
                    .iter()
                    .map(|c| format!("{}: {} / {}", c.field, c.a, c.b))
                    .collect();
                if !m.alternatives.is_empty() {
                    let alts: Vec<String> = m.alternatives.iter().map(candidate).collect();
                    parts.push(format!("competing: {}", alts.join("; ")));
                }
                f.detail = parts.join("; ");
                out.push(f);
            }
        }
        Kind::OutOfCategory | Kind::Unknown | Kind::Borderline => {
            for (side, list) in [("a", &r.records.a), ("b", &r.records.b)] {
                for e in list {
                    let (hit, detail) = match kind {
                        Kind::OutOfCategory => (e.out_of_category, reasons(e, false)),
                        Kind::Unknown => (!e.unknown.is_empty(), e.unknown.join(", ")),
                        _ => (!e.borderline.is_empty(), reasons(e, true)),
                    };
                    if !hit {
                        continue;
                    }
                    let mut f = base.clone();
                    f.side = Some(side);
                    let p = Brief {
                        name: e.name.clone(),
                        dob: e.dob.clone(),
                        categories: e.categories.clone(),
                    };
                    if side == "a" {
                        fill_a(&mut f, e.row, &p);
                    } else {
                        fill_b(&mut f, e.row, &p);
                    }
                    f.field = "category".into();
                    f.detail = detail;
                    out.push(f);
                }
            }
        }
        Kind::Duplicates => {
            for (side, groups) in [("a", &r.duplicates.a), ("b", &r.duplicates.b)] {
                for g in groups {
                    let mut f = base.clone();
                    f.side = Some(side);
                    f.field = "rows".into();
                    f.detail = g.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
                    let row = g.first().copied();
                    if side == "a" {
                        f.a_row = row;
                    } else {
                        f.b_row = row;
                    }
                    out.push(f);
                }
            }
        }
        Kind::Rejected => {
            for (side, list) in [("a", &r.rejected.a), ("b", &r.rejected.b)] {
                for e in list {
                    let mut f = base.clone();
                    f.side = Some(side);
                    if side == "a" {
                        f.a_row = Some(e.row);
                    } else {
                        f.b_row = Some(e.row);
                    }
                    f.field = format!("line {}", e.line);
                    f.detail = e.reason.clone();
                    out.push(f);
                }
            }
        }
    }
}

/// A record's reasons about its borderline flags, or about everything else.
fn reasons(e: &crate::reconcile::RecordEntry, borderline: bool) -> String {
    let picked: Vec<&str> = e
        .reasons
        .iter()
        .filter(|r| r.contains("borderline") == borderline)
        .map(String::as_str)
        .collect();
    if picked.is_empty() && borderline {
        e.borderline.join(", ")
    } else {
        picked.join("; ")
    }
}
