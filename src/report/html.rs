//! The HTML format: one self-contained file to put on the negotiating table. A header, inline
//! SVG charts, and one table per kind of finding with both sides side by side and each pair's
//! score explained as a waterfall of field weights.
//!
//! Nothing is fetched: styles, script and charts are inline, and a Content-Security-Policy
//! forbids the page from loading or sending anything. Every value from the lists reaches the
//! page either through askama's HTML escaping or, in the data islands, as JSON whose `<`, `>`
//! and `&` are `\u` escapes, and the inline script only ever sets `textContent`.
//!
//! Big lists: each table carries its first page as HTML, so the file reads with scripts off
//! and on paper, and all its rows as a JSON data island that the script pages, sorts and
//! filters. A 100,000-row report thus stays a few tens of megabytes and opens without
//! building a 100,000-row DOM.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};

use askama::Template;
use serde::Serialize;

use crate::reconcile::{Brief, Candidate, Explain, Kind, MatchEntry, PairStatus, Report};

/// Rows per table rendered as HTML and per page of the script's pager.
pub const PAGE_ROWS: usize = 100;

/// What the HTML format needs beyond the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlOptions {
    /// When the report was made, as shown in its header.
    pub generated_at: String,
    /// Rows per page (and rows rendered as HTML per table); at least 1.
    pub page_rows: usize,
}

impl HtmlOptions {
    /// Options stamped with the current local time, or with `SOURCE_DATE_EPOCH` (seconds
    /// since 1970, UTC) when set, so that a rebuild can reproduce a report byte for byte.
    pub fn now() -> Self {
        let fixed = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string());
        let generated_at = fixed.unwrap_or_else(|| {
            chrono::Local::now()
                .format("%Y-%m-%d %H:%M %:z")
                .to_string()
        });
        HtmlOptions {
            generated_at,
            page_rows: PAGE_ROWS,
        }
    }
}

/// Writes the report as one HTML document.
pub fn render(report: &Report, opts: &HtmlOptions, w: &mut dyn Write) -> io::Result<()> {
    let page = build(report, opts)?;
    page.write_into(w)
}

/// A number with one decimal, for SVG coordinates and CSS percentages.
#[derive(Clone, Copy, Debug)]
struct N(f64);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        write!(f, "{v:.1}")
    }
}

/// A diff between the two sides of a pair: field, A's value, B's value, how they differ.
/// Serialised as a four-string array.
#[derive(Clone, Debug, Serialize)]
struct Diff(String, String, String, String);

/// A value shown highlighted, because the other side disagrees.
#[derive(Clone, Debug, Serialize)]
struct Marked {
    m: String,
}

/// A pair's explanation: (step, weight) with steps numbered in the page's `levels` island,
/// because the same few (field, level) labels repeat on every pair and would otherwise make
/// up half of a big report.
#[derive(Clone, Debug, Serialize)]
struct Waterfall {
    w: Vec<(usize, f64)>,
    /// The steps' labels, for the rows rendered as HTML.
    #[serde(skip)]
    labels: Vec<String>,
}

/// The (field, level) labels of every waterfall step, numbered in order of appearance.
#[derive(Default)]
struct Levels {
    index: HashMap<(String, String), usize>,
    list: Vec<(String, String)>,
}

impl Levels {
    fn id(&mut self, field: &str, level: &str) -> usize {
        let key = (field.to_string(), level.to_string());
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.list.len();
        self.list.push(key.clone());
        self.index.insert(key, i);
        i
    }
}

/// One bar of a waterfall, placed on a 0–100 % track.
struct Step {
    label: String,
    left: N,
    width: N,
    positive: bool,
    value: String,
}

/// How the script and the HTML label a step.
fn step_label(field: &str, level: &str) -> String {
    if level.is_empty() {
        field.to_string()
    } else {
        format!("{field} · {level}")
    }
}

impl Waterfall {
    fn new(ex: &[Explain], levels: &mut Levels) -> Self {
        let mut w = Vec::with_capacity(ex.len());
        let mut labels = Vec::with_capacity(ex.len());
        for e in ex {
            let weight = if e.weight.is_finite() { e.weight } else { 0.0 };
            w.push((
                levels.id(&e.field, &e.level),
                (weight * 100.0).round() / 100.0,
            ));
            labels.push(step_label(&e.field, &e.level));
        }
        Waterfall { w, labels }
    }

    /// The sum of the weights (the pair's log2 odds).
    fn total(&self) -> String {
        signed(self.w.iter().map(|s| s.1).sum())
    }

    /// The bars. The inline script draws the same geometry (`waterfall` in report.js).
    fn steps(&self) -> Vec<Step> {
        let mut cum = 0.0f64;
        let (mut lo, mut hi) = (0.0f64, 0.0f64);
        for s in &self.w {
            cum += s.1;
            lo = lo.min(cum);
            hi = hi.max(cum);
        }
        let span = if hi - lo < 1e-9 { 1.0 } else { hi - lo };
        let mut cum = 0.0f64;
        self.w
            .iter()
            .zip(&self.labels)
            .map(|((_, weight), label)| {
                let from = cum;
                cum += weight;
                Step {
                    label: label.clone(),
                    left: N((from.min(cum) - lo) / span * 100.0),
                    width: N((weight.abs() / span * 100.0).max(0.5)),
                    positive: *weight >= 0.0,
                    value: signed(*weight),
                }
            })
            .collect()
    }
}

/// A weight with its sign, as the script prints it.
fn signed(x: f64) -> String {
    // A sum that cancels out to -1e-15 must not print as "−0.00".
    let x = if x.abs() < 0.005 { 0.0 } else { x };
    if x >= 0.0 {
        format!("+{x:.2}")
    } else {
        format!("\u{2212}{:.2}", -x)
    }
}

/// One table cell. Serialised untagged: a string, `{"m": …}`, an array of diffs, or
/// `{"w": …}`; report.js tells them apart the same way.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
enum Cell {
    Text(String),
    Mark(Marked),
    Diffs(Vec<Diff>),
    Wf(Waterfall),
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// A row: its cells and the category ids it concerns (for the category filter).
#[derive(Clone, Debug, Serialize)]
struct Row {
    c: Vec<Cell>,
    g: Vec<String>,
}

/// A table column: its heading and whether it sorts as a number.
struct Column {
    label: String,
    numeric: bool,
}

fn col(label: impl Into<String>) -> Column {
    Column {
        label: label.into(),
        numeric: false,
    }
}

fn num(label: impl Into<String>) -> Column {
    Column {
        label: label.into(),
        numeric: true,
    }
}

/// One section of findings.
struct Section {
    id: &'static str,
    title: String,
    about: String,
    columns: Vec<Column>,
    /// The first page, as HTML.
    rows: Vec<Row>,
    total: usize,
    /// Every row, as JSON safe inside a `<script>` element.
    json: String,
}

impl Section {
    fn more(&self) -> usize {
        self.total - self.rows.len()
    }
}

/// A rectangle, line or label of a chart.
struct Bar {
    x: N,
    y: N,
    w: N,
    h: N,
    class: &'static str,
    tip: String,
}

struct Label {
    x: N,
    y: N,
    anchor: &'static str,
    class: &'static str,
    text: String,
    tip: String,
}

struct Line {
    x1: N,
    y1: N,
    x2: N,
    y2: N,
    class: &'static str,
}

/// An inline SVG chart.
struct Chart {
    id: &'static str,
    title: String,
    desc: String,
    width: N,
    height: N,
    bars: Vec<Bar>,
    labels: Vec<Label>,
    lines: Vec<Line>,
    legend: Vec<(&'static str, String)>,
}

struct InputView {
    side: &'static str,
    label: String,
    path: String,
    how: String,
    counts: String,
    notes: Vec<String>,
}

struct SummaryRow {
    label: &'static str,
    a: String,
    b: String,
    both: String,
}

#[derive(Template)]
#[template(path = "report.html")]
struct Page {
    title: String,
    version: String,
    generated_at: String,
    agreement: Option<(String, String)>,
    inputs: Vec<InputView>,
    thresholds: String,
    summary: Vec<SummaryRow>,
    charts: Vec<Chart>,
    sections: Vec<Section>,
    categories: Vec<(String, String)>,
    /// The waterfall step labels, as JSON safe inside `<script>`.
    levels: String,
    page_rows: usize,
    css: &'static str,
    js: &'static str,
}

const CSS: &str = include_str!("../../templates/report.css");
const JS: &str = include_str!("../../templates/report.js");

/// JSON that cannot end or open an element inside `<script>`: `<`, `>` and `&` only occur in
/// JSON inside strings, where their `\u` escapes mean the same.
fn island<T: Serialize>(v: &T) -> io::Result<String> {
    let json = serde_json::to_string(v).map_err(io::Error::other)?;
    let mut out = String::with_capacity(json.len() + json.len() / 64);
    for ch in json.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(ch),
        }
    }
    Ok(out)
}

fn build(r: &Report, opts: &HtmlOptions) -> io::Result<Page> {
    let page_rows = opts.page_rows.max(1);
    let labels: HashMap<&str, &str> = r
        .agreement
        .iter()
        .flat_map(|a| a.categories.iter())
        .map(|c| (c.id.as_str(), c.label.as_str()))
        .chain(
            r.summary
                .categories
                .iter()
                .map(|c| (c.id.as_str(), c.label.as_str())),
        )
        .collect();
    let ctx = Ctx {
        r,
        labels,
        levels: Default::default(),
    };

    let mut sections = Vec::new();
    for kind in Kind::ALL {
        let (title, about, columns, rows) = ctx.kind_rows(kind);
        sections.push(section(
            kind.name(),
            title,
            about,
            columns,
            rows,
            page_rows,
        )?);
    }
    let (title, about, columns, rows) = ctx.matched_rows();
    sections.push(section("matched", title, about, columns, rows, page_rows)?);

    let (a, b) = (&r.inputs.a, &r.inputs.b);
    let inputs = [("A", a), ("B", b)]
        .into_iter()
        .map(|(side, i)| {
            let mut how = vec![i.format.clone()];
            how.extend(i.encoding.clone());
            how.extend(i.delimiter.as_ref().map(|d| format!("delimiter {d}")));
            how.extend(i.sheet.as_ref().map(|s| format!("sheet {s}")));
            InputView {
                side,
                label: i.label.clone(),
                path: i.path.clone(),
                how: how
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                counts: format!(
                    "{} rows read, {} records, {} rejected",
                    i.rows, i.records, i.rejected
                ),
                notes: i.notes.clone(),
            }
        })
        .collect();

    let mut categories: Vec<(String, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let ids = r
        .agreement
        .iter()
        .flat_map(|a| a.categories.iter().map(|c| c.id.clone()))
        .chain(r.summary.categories.iter().map(|c| c.id.clone()));
    for id in ids {
        if seen.insert(id.clone()) {
            let label = ctx.label(&id);
            categories.push((id, label));
        }
    }

    let levels = {
        let levels = ctx.levels.borrow();
        let labels: Vec<String> = levels.list.iter().map(|(f, l)| step_label(f, l)).collect();
        island(&labels)?
    };

    let version = if r.powrec_version.is_empty() {
        env!("CARGO_PKG_VERSION").to_string()
    } else {
        r.powrec_version.clone()
    };
    Ok(Page {
        title: format!("powrec: {} vs {}", a.label, b.label),
        version,
        generated_at: opts.generated_at.clone(),
        agreement: r
            .agreement
            .as_ref()
            .map(|ag| (ag.name.clone(), ag.reference_date.clone())),
        inputs,
        thresholds: format!(
            "match at a score of {} or more, review at {} or more",
            r.settings.threshold, r.settings.review_threshold
        ),
        summary: summary(r),
        charts: vec![category_chart(&ctx), kind_chart(r), score_chart(r)],
        sections,
        categories,
        levels,
        page_rows,
        css: CSS,
        js: JS,
    })
}

fn section(
    id: &'static str,
    title: String,
    about: String,
    columns: Vec<Column>,
    rows: Vec<Row>,
    page_rows: usize,
) -> io::Result<Section> {
    let json = island(&rows)?;
    let total = rows.len();
    let mut rows = rows;
    rows.truncate(page_rows);
    Ok(Section {
        id,
        title: format!("{title} ({total})"),
        about,
        columns,
        rows,
        total,
        json,
    })
}

fn summary(r: &Report) -> Vec<SummaryRow> {
    let s = &r.summary;
    let sides = |label, a: u64, b: u64| SummaryRow {
        label,
        a: a.to_string(),
        b: b.to_string(),
        both: String::new(),
    };
    let pairs = |label, n: u64| SummaryRow {
        label,
        a: String::new(),
        b: String::new(),
        both: n.to_string(),
    };
    vec![
        sides("rows read", s.rows.a, s.rows.b),
        pairs("matched pairs", s.matched),
        pairs("… with conflicts", s.conflicts),
        pairs("pairs to review", s.review),
        sides("only on one side", s.only_a, s.only_b),
        sides("out of category", s.out_of_category.a, s.out_of_category.b),
        sides("category unknown", s.unknown.a, s.unknown.b),
        sides("borderline age", s.borderline.a, s.borderline.b),
        sides("duplicate groups", s.duplicates.a, s.duplicates.b),
        sides("rejected rows", s.rejected.a, s.rejected.b),
    ]
}

/// Fields whose conflict highlights the name or birth-date cells of a pair.
fn is_name_field(f: &str) -> bool {
    matches!(
        f,
        "name" | "full_name" | "surname" | "given" | "given_name" | "patronymic"
    )
}

fn is_dob_field(f: &str) -> bool {
    matches!(f, "dob" | "birth_date" | "date_of_birth" | "born")
}

struct Ctx<'a> {
    r: &'a Report,
    labels: HashMap<&'a str, &'a str>,
    levels: std::cell::RefCell<Levels>,
}

type Rows = (String, String, Vec<Column>, Vec<Row>);

impl Ctx<'_> {
    fn label(&self, id: &str) -> String {
        self.labels.get(id).map_or(id, |l| *l).to_string()
    }

    fn cats(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|id| self.label(id))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn side_label(&self, side: &str) -> String {
        let i = if side == "a" {
            &self.r.inputs.a
        } else {
            &self.r.inputs.b
        };
        format!("{} ({})", side.to_uppercase(), i.label)
    }

    fn candidate(&self, c: &Candidate) -> String {
        format!(
            "{} row {}: {} ({:.2})",
            c.side.to_uppercase(),
            c.row,
            c.name,
            c.score
        )
    }

    fn pair_columns(&self, extra: &str) -> Vec<Column> {
        let (a, b) = (&self.r.inputs.a.label, &self.r.inputs.b.label);
        let mut cols = vec![
            num(format!("A row ({a})")),
            col("name on A"),
            col("born (A)"),
            num(format!("B row ({b})")),
            col("name on B"),
            col("born (B)"),
            num("score"),
            col("differences"),
        ];
        if !extra.is_empty() {
            cols.push(col(extra));
        }
        cols.push(num("why: field weights (log2)"));
        cols
    }

    fn pair_row(&self, m: &MatchEntry, with_alternatives: bool) -> Row {
        let name_hl = m.conflicts.iter().any(|c| is_name_field(&c.field));
        let dob_hl = m.conflicts.iter().any(|c| is_dob_field(&c.field));
        let cell = |v: &str, hl: bool| {
            if hl {
                Cell::Mark(Marked { m: v.to_string() })
            } else {
                text(v)
            }
        };
        let dob = |p: &Brief| p.dob.clone().unwrap_or_default();
        let mut c = vec![
            text(m.a.to_string()),
            cell(&m.people.a.name, name_hl),
            cell(&dob(&m.people.a), dob_hl),
            text(m.b.to_string()),
            cell(&m.people.b.name, name_hl),
            cell(&dob(&m.people.b), dob_hl),
            text(format!("{:.3}", m.score)),
            Cell::Diffs(
                m.conflicts
                    .iter()
                    .map(|k| {
                        Diff(
                            k.field.clone(),
                            k.a.clone(),
                            k.b.clone(),
                            k.detail.clone().unwrap_or_default(),
                        )
                    })
                    .collect(),
            ),
        ];
        if with_alternatives {
            let alts: Vec<String> = m.alternatives.iter().map(|a| self.candidate(a)).collect();
            c.push(text(alts.join("; ")));
        }
        c.push(Cell::Wf(Waterfall::new(
            &m.explanation,
            &mut self.levels.borrow_mut(),
        )));
        let mut g = m.people.a.categories.clone();
        for id in &m.people.b.categories {
            if !g.contains(id) {
                g.push(id.clone());
            }
        }
        Row { c, g }
    }

    fn kind_rows(&self, kind: Kind) -> Rows {
        let r = self.r;
        match kind {
            Kind::OnlyA | Kind::OnlyB => {
                let (list, side) = if kind == Kind::OnlyA {
                    (&r.only_a, "a")
                } else {
                    (&r.only_b, "b")
                };
                let other = if side == "a" { "B" } else { "A" };
                let rows = list
                    .iter()
                    .map(|e| Row {
                        c: vec![
                            text(if e.in_category { "yes" } else { "no" }),
                            text(e.row.to_string()),
                            text(e.person.name.clone()),
                            text(e.person.dob.clone().unwrap_or_default()),
                            text(self.cats(&e.person.categories)),
                            text(
                                e.near_miss
                                    .as_ref()
                                    .map(|c| self.candidate(c))
                                    .unwrap_or_default(),
                            ),
                        ],
                        g: e.person.categories.clone(),
                    })
                    .collect();
                (
                    format!("Only on {}", self.side_label(side)),
                    format!(
                        "People this list names and the other does not. \"In category\" \
                         marks those the agreement covers; the nearest candidate on {other} \
                         scored below the review threshold."
                    ),
                    vec![
                        col("in category"),
                        num("row"),
                        col("name"),
                        col("born"),
                        col("categories"),
                        col(format!("nearest on {other}")),
                    ],
                    rows,
                )
            }
            Kind::Conflicts => (
                "Matched, but described differently".into(),
                "The same person on both lists, with fields that disagree after \
                 normalisation. Disagreeing values are highlighted."
                    .into(),
                self.pair_columns(""),
                r.matches
                    .iter()
                    .filter(|m| m.status == PairStatus::Match && !m.conflicts.is_empty())
                    .map(|m| self.pair_row(m, false))
                    .collect(),
            ),
            Kind::Review => (
                "Uncertain pairs to review".into(),
                "Pairs scored between the review and match thresholds: a person must \
                 decide. Competing candidates of either row are listed."
                    .into(),
                self.pair_columns("competing candidates"),
                r.matches
                    .iter()
                    .filter(|m| m.status == PairStatus::Review)
                    .map(|m| self.pair_row(m, true))
                    .collect(),
            ),
            Kind::OutOfCategory | Kind::Unknown | Kind::Borderline => {
                let (title, about) = match kind {
                    Kind::OutOfCategory => (
                        "In no agreed category",
                        "Records the agreement's rules place in no category.",
                    ),
                    Kind::Unknown => (
                        "Category cannot be decided",
                        "Records whose list lacks what a category's rule needs.",
                    ),
                    _ => (
                        "Age near a category boundary",
                        "Records whose age at the reference date is within the \
                         borderline window of a category's age limit.",
                    ),
                };
                let mut rows = Vec::new();
                for (side, list) in [("a", &r.records.a), ("b", &r.records.b)] {
                    for e in list {
                        let (hit, mut detail) = match kind {
                            Kind::OutOfCategory => (e.out_of_category, e.reasons.join("; ")),
                            Kind::Unknown => (!e.unknown.is_empty(), self.cats(&e.unknown)),
                            _ => (!e.borderline.is_empty(), self.cats(&e.borderline)),
                        };
                        if !hit {
                            continue;
                        }
                        if e.claim_mismatch
                            && let Some(claim) = &e.claim
                        {
                            detail.push_str(&format!("; the list claims: {claim}"));
                        }
                        let mut g = e.categories.clone();
                        g.extend(e.unknown.iter().cloned());
                        g.extend(e.borderline.iter().cloned());
                        rows.push(Row {
                            c: vec![
                                text(self.side_label(side)),
                                text(e.row.to_string()),
                                text(e.name.clone()),
                                text(e.dob.clone().unwrap_or_default()),
                                text(self.cats(&e.categories)),
                                text(detail),
                            ],
                            g,
                        });
                    }
                }
                (
                    title.into(),
                    about.into(),
                    vec![
                        col("list"),
                        num("row"),
                        col("name"),
                        col("born"),
                        col("categories"),
                        col("detail"),
                    ],
                    rows,
                )
            }
            Kind::Duplicates => {
                let mut rows = Vec::new();
                for (side, groups, records) in [
                    ("a", &r.duplicates.a, &r.records.a),
                    ("b", &r.duplicates.b, &r.records.b),
                ] {
                    let by_row: HashMap<u64, _> = records.iter().map(|e| (e.row, e)).collect();
                    for group in groups {
                        let mut who = Vec::new();
                        let mut g = Vec::new();
                        for row in group {
                            match by_row.get(row) {
                                Some(e) => {
                                    let dob = e.dob.as_deref().unwrap_or("");
                                    who.push(format!("row {row}: {} {dob}", e.name));
                                    g.extend(e.categories.iter().cloned());
                                }
                                None => who.push(format!("row {row}")),
                            }
                        }
                        g.sort();
                        g.dedup();
                        rows.push(Row {
                            c: vec![
                                text(self.side_label(side)),
                                text(
                                    group
                                        .iter()
                                        .map(u64::to_string)
                                        .collect::<Vec<_>>()
                                        .join(", "),
                                ),
                                text(who.join("; ")),
                            ],
                            g,
                        });
                    }
                }
                (
                    "Duplicates within one list".into(),
                    "Groups of rows within one list that describe the same person.".into(),
                    vec![col("list"), col("rows"), col("who")],
                    rows,
                )
            }
            Kind::Rejected => {
                let mut rows = Vec::new();
                for (side, list) in [("a", &r.rejected.a), ("b", &r.rejected.b)] {
                    for e in list {
                        rows.push(Row {
                            c: vec![
                                text(self.side_label(side)),
                                text(e.row.to_string()),
                                text(e.line.to_string()),
                                text(e.reason.clone()),
                            ],
                            g: Vec::new(),
                        });
                    }
                }
                (
                    "Rejected rows".into(),
                    "Rows that could not be read as a person; they take part in nothing \
                     else and are listed so that none is lost."
                        .into(),
                    vec![col("list"), num("row"), num("line"), col("reason")],
                    rows,
                )
            }
        }
    }

    fn matched_rows(&self) -> Rows {
        (
            "Matched, consistent".into(),
            "Pairs at or above the match threshold with no disagreeing field.".into(),
            self.pair_columns(""),
            self.r
                .matches
                .iter()
                .filter(|m| m.status == PairStatus::Match && m.conflicts.is_empty())
                .map(|m| self.pair_row(m, false))
                .collect(),
        )
    }
}

/// Chart geometry, in SVG user units.
const CHART_W: f64 = 720.0;
const LABEL_W: f64 = 230.0;
const VALUE_W: f64 = 60.0;

/// Cuts a label that would not fit beside a bar; the whole text stays in the tooltip.
fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn category_chart(ctx: &Ctx<'_>) -> Chart {
    let cats = &ctx.r.summary.categories;
    let max = cats
        .iter()
        .flat_map(|c| [c.a, c.b, c.both])
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let (bar_h, group_gap, top) = (12.0, 14.0, 8.0);
    let track = CHART_W - LABEL_W - VALUE_W;
    let mut bars = Vec::new();
    let mut labels = Vec::new();
    let mut y = top;
    for c in cats {
        let name = if c.label.is_empty() {
            c.id.clone()
        } else {
            c.label.clone()
        };
        labels.push(Label {
            x: N(LABEL_W - 8.0),
            y: N(y + bar_h * 1.5 + 4.0),
            anchor: "end",
            class: "lbl",
            text: short(&name, 28),
            tip: format!("{name} ({})", c.id),
        });
        for (i, (v, class, side)) in [(c.a, "a", "A"), (c.b, "b", "B"), (c.both, "both", "both")]
            .into_iter()
            .enumerate()
        {
            let by = y + i as f64 * bar_h;
            let w = v as f64 / max * track;
            bars.push(Bar {
                x: N(LABEL_W),
                y: N(by),
                w: N(w),
                h: N(bar_h - 2.0),
                class,
                tip: format!("{name}: {side} {v}"),
            });
            labels.push(Label {
                x: N(LABEL_W + w + 4.0),
                y: N(by + bar_h - 3.0),
                anchor: "start",
                class: "val",
                text: v.to_string(),
                tip: String::new(),
            });
        }
        y += 3.0 * bar_h + group_gap;
    }
    if cats.is_empty() {
        labels.push(Label {
            x: N(CHART_W / 2.0),
            y: N(24.0),
            anchor: "middle",
            class: "lbl",
            text: "no agreement categories".into(),
            tip: String::new(),
        });
        y = 40.0;
    }
    let (a, b) = (&ctx.r.inputs.a.label, &ctx.r.inputs.b.label);
    Chart {
        id: "chart-categories",
        title: "People per agreed category".into(),
        desc: "For each category: how many records list A puts in it, how many list B \
               does, and how many matched pairs are in it on both sides."
            .into(),
        width: N(CHART_W),
        height: N(y + 4.0),
        bars,
        labels,
        lines: vec![Line {
            x1: N(LABEL_W),
            y1: N(0.0),
            x2: N(LABEL_W),
            y2: N(y),
            class: "axis",
        }],
        legend: vec![
            ("a", format!("A: {a}")),
            ("b", format!("B: {b}")),
            ("both", "on both lists (matched)".into()),
        ],
    }
}

/// The words each kind goes by in the report.
fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::OnlyA => "only on A",
        Kind::OnlyB => "only on B",
        Kind::Conflicts => "matched with conflicts",
        Kind::Review => "pairs to review",
        Kind::OutOfCategory => "in no category",
        Kind::Unknown => "category unknown",
        Kind::Borderline => "borderline age",
        Kind::Duplicates => "duplicate groups",
        Kind::Rejected => "rejected rows",
    }
}

fn kind_chart(r: &Report) -> Chart {
    let counts: Vec<(Kind, u64)> = Kind::ALL.iter().map(|&k| (k, r.count(k))).collect();
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1) as f64;
    let (bar_h, top) = (20.0, 6.0);
    let track = CHART_W - LABEL_W - VALUE_W;
    let mut bars = Vec::new();
    let mut labels = Vec::new();
    for (i, (k, v)) in counts.iter().enumerate() {
        let y = top + i as f64 * bar_h;
        let w = *v as f64 / max * track;
        labels.push(Label {
            x: N(LABEL_W - 8.0),
            y: N(y + bar_h - 7.0),
            anchor: "end",
            class: "lbl",
            text: kind_label(*k).into(),
            tip: String::new(),
        });
        bars.push(Bar {
            x: N(LABEL_W),
            y: N(y + 2.0),
            w: N(w),
            h: N(bar_h - 5.0),
            class: if *v == 0 { "zero" } else { "kind" },
            tip: format!("{}: {v}", kind_label(*k)),
        });
        labels.push(Label {
            x: N(LABEL_W + w + 4.0),
            y: N(y + bar_h - 7.0),
            anchor: "start",
            class: "val",
            text: v.to_string(),
            tip: String::new(),
        });
    }
    let h = top + counts.len() as f64 * bar_h + 4.0;
    Chart {
        id: "chart-kinds",
        title: "Findings by kind".into(),
        desc: "How many findings of each kind the report holds, both lists together.".into(),
        width: N(CHART_W),
        height: N(h),
        bars,
        labels,
        lines: vec![Line {
            x1: N(LABEL_W),
            y1: N(0.0),
            x2: N(LABEL_W),
            y2: N(h - 4.0),
            class: "axis",
        }],
        legend: Vec::new(),
    }
}

/// Bins of the score histogram over [0, 1].
const BINS: usize = 20;

fn histogram(scores: impl Iterator<Item = f64>) -> [u64; BINS] {
    let mut bins = [0u64; BINS];
    for s in scores.filter(|s| s.is_finite()) {
        let i = ((s.clamp(0.0, 1.0) * BINS as f64) as usize).min(BINS - 1);
        bins[i] += 1;
    }
    bins
}

fn score_chart(r: &Report) -> Chart {
    let bins = histogram(r.matches.iter().map(|m| m.score));
    let max = bins.iter().copied().max().unwrap_or(0).max(1) as f64;
    let (left, right, top, plot_h) = (50.0, 20.0, 26.0, 160.0);
    let plot_w = CHART_W - left - right;
    let bw = plot_w / BINS as f64;
    let base = top + plot_h;
    let (t, rt) = (r.settings.threshold, r.settings.review_threshold);
    let mut bars = Vec::new();
    let mut labels = Vec::new();
    for (i, &n) in bins.iter().enumerate() {
        let lo = i as f64 / BINS as f64;
        let hi = (i + 1) as f64 / BINS as f64;
        let h = n as f64 / max * plot_h;
        let class = if lo >= t {
            "match"
        } else if lo >= rt {
            "review"
        } else {
            "low"
        };
        bars.push(Bar {
            x: N(left + i as f64 * bw + 1.0),
            y: N(base - h),
            w: N(bw - 2.0),
            h: N(h),
            class,
            tip: format!("score {lo:.2}–{hi:.2}: {n} pairs"),
        });
        if n > 0 {
            labels.push(Label {
                x: N(left + (i as f64 + 0.5) * bw),
                y: N(base - h - 3.0),
                anchor: "middle",
                class: "val",
                text: n.to_string(),
                tip: String::new(),
            });
        }
    }
    for k in 0..=4 {
        let v = k as f64 / 4.0;
        labels.push(Label {
            x: N(left + v * plot_w),
            y: N(base + 16.0),
            anchor: "middle",
            class: "val",
            text: format!("{v:.2}"),
            tip: String::new(),
        });
    }
    labels.push(Label {
        x: N(left - 6.0),
        y: N(top + 4.0),
        anchor: "end",
        class: "val",
        text: format!("{}", max as u64),
        tip: String::new(),
    });
    let mut lines = vec![
        Line {
            x1: N(left),
            y1: N(base),
            x2: N(left + plot_w),
            y2: N(base),
            class: "axis",
        },
        Line {
            x1: N(left),
            y1: N(top),
            x2: N(left),
            y2: N(base),
            class: "axis",
        },
    ];
    for (v, name, class, dy) in [
        (rt, "review", "thr-review", -14.0),
        (t, "match", "thr-match", -2.0),
    ] {
        if !v.is_finite() {
            continue;
        }
        let x = left + v.clamp(0.0, 1.0) * plot_w;
        lines.push(Line {
            x1: N(x),
            y1: N(top - 6.0),
            x2: N(x),
            y2: N(base),
            class,
        });
        labels.push(Label {
            x: N(x),
            y: N(top + dy),
            anchor: "middle",
            class,
            text: format!("{name} ≥ {v}"),
            tip: String::new(),
        });
    }
    Chart {
        id: "chart-scores",
        title: "Distribution of pair scores".into(),
        desc: format!(
            "Matched and review pairs by score ({} pairs), with the review and match \
             thresholds marked.",
            r.matches.len()
        ),
        width: N(CHART_W),
        height: N(base + 24.0),
        bars,
        labels,
        lines,
        legend: vec![
            ("match", "match".into()),
            ("review", "review".into()),
            ("low", "below review".into()),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn island_cannot_close_its_script_element() {
        let s = island(&vec!["</script><script>alert(1)</script>", "a & b > c"]).unwrap();
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back[0], "</script><script>alert(1)</script>");
        assert_eq!(back[1], "a & b > c");
    }

    #[test]
    fn histogram_puts_edges_in_the_right_bins() {
        let b = histogram([0.0, 0.049, 0.05, 0.5, 0.999, 1.0, f64::NAN, -3.0, 7.0].into_iter());
        assert_eq!(b[0], 3, "0.0, 0.049 and the clamped -3.0");
        assert_eq!(b[1], 1);
        assert_eq!(b[10], 1);
        assert_eq!(b[19], 3, "0.999, 1.0 and the clamped 7.0");
        assert_eq!(b.iter().sum::<u64>(), 8, "NaN is left out");
    }

    #[test]
    fn waterfall_spans_its_track() {
        let ex = |field: &str, weight: f64| Explain {
            field: field.to_string().into(),
            level: "x".into(),
            weight,
        };
        let mut levels = Levels::default();
        let wf = Waterfall::new(
            &[
                ex("prior", -8.0),
                ex("name", 10.0),
                ex("dob", 6.0),
                ex("prior", 0.0),
            ],
            &mut levels,
        );
        assert_eq!(levels.list.len(), 3, "a repeated label is stored once");
        assert_eq!(wf.w[3].0, 0);
        let steps = wf.steps();
        assert_eq!(wf.total(), "+8.00");
        let (l0, w0) = (steps[0].left.0, steps[0].width.0);
        assert!(
            (l0 - 0.0).abs() < 1e-9 && (w0 - 50.0).abs() < 1e-9,
            "{l0} {w0}"
        );
        assert!(!steps[0].positive && steps[1].positive);
        let last = &steps[2];
        assert_eq!(steps[3].label, "prior · x");
        assert!((last.left.0 + last.width.0 - 100.0).abs() < 1e-9);
        assert_eq!(steps[0].value, "\u{2212}8.00");
        assert_eq!(signed(-13.3 + 2.1 + 4.6 + 7.8 - 1.2), "+0.00");
    }

    #[test]
    fn short_cuts_on_characters_not_bytes() {
        assert_eq!(short("Шевченко", 20), "Шевченко");
        assert_eq!(short("Шевченко", 4), "Шев…");
    }
}
