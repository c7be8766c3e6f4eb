//! The findings of a reconciliation, as one serialisable [`Report`]: matched pairs with their
//! explanations and conflicts, people only on one side, per-record categories, duplicates,
//! rejected rows and a summary. The JSON format is this type; the other formats render it.
//!
//! The field names pinned by the issue tracker (`schema`, `inputs`, `matches[].a/b/status/
//! score/explanation/conflicts`, `only_a`, `only_b`, `records`, `duplicates`, `rejected`)
//! keep their meaning; everything else is an addition.

pub mod build;

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The schema id written in every JSON report.
pub const SCHEMA: &str = "powrec.report.v1";

/// A pair of values, one per side.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Sides<T> {
    /// Side A.
    pub a: T,
    /// Side B.
    pub b: T,
}

/// The agreement the lists were classified against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AgreementInfo {
    /// Its name.
    pub name: String,
    /// The date ages are computed at.
    pub reference_date: String,
    /// The categories, in file order.
    pub categories: Vec<CategoryInfo>,
}

/// One agreed category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CategoryInfo {
    /// Its id.
    pub id: String,
    /// Its label.
    pub label: String,
}

/// How one input was read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct InputInfo {
    /// The side's label (`--label-a`, default the file name).
    pub label: String,
    /// The path as given.
    pub path: String,
    /// The format read.
    pub format: String,
    /// The text encoding, for text formats.
    pub encoding: Option<String>,
    /// The CSV delimiter.
    pub delimiter: Option<String>,
    /// The sheet, for spreadsheets.
    pub sheet: Option<String>,
    /// Data rows read (records plus rejected).
    pub rows: u64,
    /// Usable records.
    pub records: u64,
    /// Rejected rows.
    pub rejected: u64,
    /// Notes from reading and normalising (mapping conflicts, the date order assumed...).
    pub notes: Vec<String>,
}

/// The thresholds a run used.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Settings {
    /// Score at or above which a pair is a match.
    pub threshold: f64,
    /// Score at or above which a pair is listed for review.
    pub review_threshold: f64,
}

/// A short description of one person, for people reading the report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Brief {
    /// The name as written (surname, given name, patronymic).
    pub name: String,
    /// The date of birth as written.
    pub dob: Option<String>,
    /// The agreed categories the person is in.
    pub categories: Vec<String>,
}

/// Whether a pair is decided or needs a person to look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PairStatus {
    /// Score at or above the match threshold.
    Match,
    /// Score between the review threshold and the match threshold.
    Review,
}

/// One field's part in a pair's score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Explain {
    /// The field compared (or `prior`).
    pub field: Cow<'static, str>,
    /// The comparison level reached.
    pub level: Cow<'static, str>,
    /// Its match weight (log2 of m/u).
    pub weight: f64,
}

/// A field on which the two rows of a pair disagree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Conflict {
    /// The field.
    pub field: String,
    /// Side A's value as written.
    pub a: String,
    /// Side B's value as written.
    pub b: String,
    /// How they differ (`day and month swapped`, `one year apart`...).
    pub detail: Option<String>,
}

/// A candidate on the other side and its score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Candidate {
    /// `a` or `b`: the side the candidate row is on.
    pub side: String,
    /// Its row.
    pub row: u64,
    /// Its score.
    pub score: f64,
    /// Its name, for people reading the report.
    pub name: String,
}

/// A matched (or to-be-reviewed) pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MatchEntry {
    /// Row on side A.
    pub a: u64,
    /// Row on side B.
    pub b: u64,
    /// Match or review.
    pub status: PairStatus,
    /// Match probability in [0, 1].
    pub score: f64,
    /// Who the two rows are.
    pub people: Sides<Brief>,
    /// Per-field levels and weights, prior first.
    pub explanation: Vec<Explain>,
    /// Fields that disagree after normalisation.
    pub conflicts: Vec<Conflict>,
    /// The blocking rules that proposed the pair.
    pub rules: Vec<String>,
    /// For review pairs: the competing candidates of either row.
    pub alternatives: Vec<Candidate>,
}

/// A person on one side only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OnlyEntry {
    /// The row.
    pub row: u64,
    /// Who it is.
    pub person: Brief,
    /// True when the person is in an agreed category (missing them matters more).
    pub in_category: bool,
    /// The best candidate on the other side below the review threshold, if any.
    pub near_miss: Option<Candidate>,
}

/// One record's classification.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RecordEntry {
    /// The row.
    pub row: u64,
    /// The name as written, for people reading the report.
    pub name: String,
    /// The date of birth as written.
    pub dob: Option<String>,
    /// Categories the record is in.
    pub categories: Vec<String>,
    /// Categories that cannot be decided from what the list says.
    pub unknown: Vec<String>,
    /// Categories whose age condition is within the borderline window.
    pub borderline: Vec<String>,
    /// In no category, with none unknown.
    pub out_of_category: bool,
    /// The list's own category claim, if it has a category column.
    pub claim: Option<String>,
    /// True when the claim disagrees with the rules.
    pub claim_mismatch: bool,
    /// Why: which condition decided each category.
    pub reasons: Vec<String>,
}

/// A rejected row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RejectedEntry {
    /// The row.
    pub row: u64,
    /// The physical line (or sheet row).
    pub line: u64,
    /// Why.
    pub reason: String,
}

/// A value normalisation could not read (kept, and the record still used).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct UnparsedEntry {
    /// The row.
    pub row: u64,
    /// The field.
    pub field: String,
    /// The raw text.
    pub raw: String,
    /// Why it could not be read.
    pub reason: String,
}

/// Pairs proposed by one blocking rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BlockingStat {
    /// The rule.
    pub rule: String,
    /// Candidate pairs it produced (before deduplication across rules).
    pub pairs: u64,
}

/// Per-category counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CategoryCount {
    /// Category id.
    pub id: String,
    /// Category label.
    pub label: String,
    /// How many records side A lists in it.
    pub a: u64,
    /// How many records side B lists in it.
    pub b: u64,
    /// How many matched pairs are in it on both sides.
    pub both: u64,
}

/// The numbers a negotiator asks for first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// Rows read per side.
    pub rows: Sides<u64>,
    /// Pairs matched.
    pub matched: u64,
    /// Pairs to review.
    pub review: u64,
    /// Matched pairs with at least one conflict.
    pub conflicts: u64,
    /// Records only on A.
    pub only_a: u64,
    /// Records only on B.
    pub only_b: u64,
    /// Per category.
    pub categories: Vec<CategoryCount>,
    /// Records in no category.
    pub out_of_category: Sides<u64>,
    /// Records with an undecidable category.
    pub unknown: Sides<u64>,
    /// Records near an age boundary.
    pub borderline: Sides<u64>,
    /// Duplicate groups within each list.
    pub duplicates: Sides<u64>,
    /// Rejected rows.
    pub rejected: Sides<u64>,
}

/// The whole reconciliation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The powrec version that made it.
    pub powrec_version: String,
    /// The agreement, when one was given.
    pub agreement: Option<AgreementInfo>,
    /// How the inputs were read.
    pub inputs: Sides<InputInfo>,
    /// Thresholds used.
    pub settings: Settings,
    /// The counts.
    pub summary: Summary,
    /// Matched and review pairs, by A row.
    pub matches: Vec<MatchEntry>,
    /// People only on A.
    pub only_a: Vec<OnlyEntry>,
    /// People only on B.
    pub only_b: Vec<OnlyEntry>,
    /// Every non-rejected record's classification.
    pub records: Sides<Vec<RecordEntry>>,
    /// Duplicate groups, as rows.
    pub duplicates: Sides<Vec<Vec<u64>>>,
    /// Rejected rows.
    pub rejected: Sides<Vec<RejectedEntry>>,
    /// Values that could not be read.
    pub unparsed: Sides<Vec<UnparsedEntry>>,
    /// Candidate pairs per blocking rule.
    pub blocking: Vec<BlockingStat>,
}

/// The kinds of finding, as `--fail-on` names them.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A person only on A.
    OnlyA,
    /// A person only on B.
    OnlyB,
    /// A matched pair whose fields disagree.
    Conflicts,
    /// An uncertain pair.
    Review,
    /// A record in no agreed category.
    OutOfCategory,
    /// A record whose category cannot be decided.
    Unknown,
    /// A record near an age boundary.
    Borderline,
    /// A duplicate group within one list.
    Duplicates,
    /// A rejected row.
    Rejected,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 9] = [
        Kind::OnlyA,
        Kind::OnlyB,
        Kind::Conflicts,
        Kind::Review,
        Kind::OutOfCategory,
        Kind::Unknown,
        Kind::Borderline,
        Kind::Duplicates,
        Kind::Rejected,
    ];

    /// The kinds that make the exit code 1 unless `--fail-on` says otherwise.
    pub const DEFAULT_FAIL_ON: [Kind; 5] = [
        Kind::OnlyA,
        Kind::OnlyB,
        Kind::Conflicts,
        Kind::Review,
        Kind::OutOfCategory,
    ];

    /// The name `--fail-on` and the CSV `kind` column use.
    pub fn name(self) -> &'static str {
        match self {
            Kind::OnlyA => "only_a",
            Kind::OnlyB => "only_b",
            Kind::Conflicts => "conflicts",
            Kind::Review => "review",
            Kind::OutOfCategory => "out_of_category",
            Kind::Unknown => "unknown",
            Kind::Borderline => "borderline",
            Kind::Duplicates => "duplicates",
            Kind::Rejected => "rejected",
        }
    }

    /// The kind with this name.
    pub fn from_name(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }
}

impl Report {
    /// How many findings of a kind the report holds (both sides together).
    pub fn count(&self, kind: Kind) -> u64 {
        let s = &self.summary;
        match kind {
            Kind::OnlyA => s.only_a,
            Kind::OnlyB => s.only_b,
            Kind::Conflicts => s.conflicts,
            Kind::Review => s.review,
            Kind::OutOfCategory => s.out_of_category.a + s.out_of_category.b,
            Kind::Unknown => s.unknown.a + s.unknown.b,
            Kind::Borderline => s.borderline.a + s.borderline.b,
            Kind::Duplicates => s.duplicates.a + s.duplicates.b,
            Kind::Rejected => s.rejected.a + s.rejected.b,
        }
    }
}

/// The JSON Schema of [`Report`], as `powrec schema` prints it.
pub fn json_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Report)).unwrap_or_default();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("title".into(), SCHEMA.into());
    }
    schema
}
