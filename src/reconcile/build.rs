//! Building a [`Report`] from two read lists: normalise both, classify both against the
//! agreement, look for duplicates in each, link them, and turn what the engine found into
//! findings. Every row of each list lands in exactly one of `matches`, `only_*`, `rejected`.

use std::collections::BTreeSet;

use crate::agreement::{Agreement, Truth};
use crate::matching::{self, Comparator, ExtraMethod, Linkage, MatchConfig};
use crate::normalize::date::{self, DateAgreement, DateOrder};
use crate::normalize::extra::{ExtraKind, ExtraValue};
use crate::normalize::{self, NormOptions, Normalized};
use crate::read::Dataset;
use crate::record::{Field, Record};

use super::{
    AgreementInfo, BlockingStat, Brief, Candidate, CategoryCount, CategoryInfo, Conflict, Explain,
    InputInfo, MatchEntry, OnlyEntry, PairStatus, RecordEntry, RejectedEntry, Report, SCHEMA,
    Settings, Sides, Summary, UnparsedEntry,
};

/// One side's list, read.
pub struct Input {
    /// The label the report uses for the side.
    pub label: String,
    /// The list.
    pub dataset: Dataset,
}

/// What a reconciliation needs beyond the lists.
#[derive(Default)]
pub struct Options {
    /// The agreement to classify against, if any.
    pub agreement: Option<Agreement>,
    /// Matching thresholds and model settings.
    pub matching: MatchConfig,
    /// Forced order of slash dates, for both lists.
    pub date_order: Option<DateOrder>,
    /// Extra columns to compare (`[[matching.compare]]`), in order; they set
    /// `matching.extra`.
    pub compare: Vec<ExtraColumn>,
}

/// One extra column to compare.
#[derive(Clone, Debug, PartialEq)]
pub struct ExtraColumn {
    /// A header present in both lists, or a canonical field's name.
    pub column: String,
    /// How it is compared.
    pub method: ExtraMethod,
}

/// Where a side's values of an extra column come from.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ColumnSource {
    Field(Field),
    Extra(usize),
}

fn column_value(r: &Record, src: ColumnSource) -> Option<&str> {
    match src {
        ColumnSource::Field(f) => r.get(f),
        ColumnSource::Extra(i) => r.extras.get(i).and_then(|v| v.as_deref()),
    }
}

/// Finds `column` in a list: a canonical field's name that some column feeds, else a header
/// (ignoring case and surrounding spaces) kept as an extra or mapped to a field.
fn resolve_column(data: &Dataset, column: &str) -> crate::Result<ColumnSource> {
    let want = column.trim().to_lowercase();
    let m = &data.mapping;
    let fed = |f: Field| m.columns.iter().any(|c| c.field == Some(f));
    if let Some(f) = Field::from_name(&want).filter(|f| fed(*f)) {
        return Ok(ColumnSource::Field(f));
    }
    if let Some(i) = m
        .extras
        .iter()
        .position(|h| h.trim().to_lowercase() == want)
    {
        return Ok(ColumnSource::Extra(i));
    }
    if let Some(f) = m
        .columns
        .iter()
        .find(|c| c.header.trim().to_lowercase() == want)
        .and_then(|c| c.field)
    {
        return Ok(ColumnSource::Field(f));
    }
    let headers: Vec<&str> = m.columns.iter().map(|c| c.header.as_str()).collect();
    Err(crate::Error::input(
        data.source.path.clone(),
        crate::error::Location {
            field: Some(column.to_string()),
            ..Default::default()
        },
        format!(
            "[[matching.compare]] names column '{column}', which this list does not have; its \
             columns are: {}",
            headers.join(", ")
        ),
    )
    .with_hint("name a header present in both lists, or a canonical field that both fill"))
}

/// The extra columns compared, and where each side holds them.
struct Extras<'a> {
    columns: &'a [ExtraColumn],
    a: &'a [ColumnSource],
    b: &'a [ColumnSource],
}

impl Extras<'_> {
    /// The report's name of a compared field: an extra column is named as the config names
    /// it.
    fn name(&self, c: Comparator) -> std::borrow::Cow<'static, str> {
        match c {
            Comparator::Extra { slot, .. } => self
                .columns
                .get(slot as usize)
                .map_or(c.name().into(), |x| x.column.clone().into()),
            _ => c.name().into(),
        }
    }

    /// A matched pair's extra columns that disagree outright.
    fn conflicts(&self, a: &Side, b: &Side, p: &matching::Pair) -> Vec<Conflict> {
        p.explanation
            .iter()
            .filter(|f| f.level == matching::Level::Different)
            .filter_map(|f| match f.field {
                Comparator::Extra { slot, .. } => {
                    let slot = slot as usize;
                    let (sa, sb) = (self.a.get(slot)?, self.b.get(slot)?);
                    let raw = |s: &Side, i: usize, src: ColumnSource| {
                        column_value(&s.data.records[i], src)
                            .unwrap_or_default()
                            .to_string()
                    };
                    Some(Conflict {
                        field: self.name(f.field).to_string(),
                        a: raw(a, p.a, *sa),
                        b: raw(b, p.b, *sb),
                        detail: None,
                    })
                }
                _ => None,
            })
            .collect()
    }
}

/// Reads the extra columns of one side into its persons, and notes what could not be read.
fn fill_extras(
    data: &Dataset,
    norm: &mut Normalized,
    sources: &[ColumnSource],
    columns: &[ExtraColumn],
    opts: &NormOptions,
) {
    if columns.is_empty() {
        return;
    }
    let rows: Vec<u64> = data.records.iter().map(|r| r.row).collect();
    let mut per_person: Vec<Vec<ExtraValue>> = vec![Vec::with_capacity(columns.len()); rows.len()];
    for (c, src) in columns.iter().zip(sources) {
        let raw: Vec<Option<&str>> = data.records.iter().map(|r| column_value(r, *src)).collect();
        let kind = match c.method {
            ExtraMethod::Exact | ExtraMethod::Fuzzy => ExtraKind::Text,
            ExtraMethod::Date => ExtraKind::Date,
            ExtraMethod::Number => ExtraKind::Number,
        };
        let (values, note) = normalize::extra::column(&c.column, &rows, &raw, kind, opts);
        norm.notes.extend(note);
        for (p, v) in per_person.iter_mut().zip(values) {
            p.push(v);
        }
    }
    for (p, v) in norm.persons.iter_mut().zip(per_person) {
        p.extra = v.into_boxed_slice();
    }
}

/// A list and everything derived from it.
struct Side {
    label: String,
    data: Dataset,
    norm: Normalized,
    /// One per record: its classification, already in report form. Built straight from
    /// each classification so the per-condition reasons of people who need none (matched,
    /// in a category) are never all held at once.
    entries: Vec<RecordEntry>,
    /// One per record once matching is done: all the report still needs of its person.
    facts: Vec<Facts>,
}

/// What a report's conflicts need of a normalised person.
struct Facts {
    dob: normalize::DateValue,
    rank: Option<normalize::RankClass>,
    status: Option<normalize::Status>,
    sex: Option<normalize::Sex>,
    service_number: Option<Box<str>>,
    document_number: Option<Box<str>>,
}

impl Side {
    /// Keeps only the [`Facts`] of each person: the name keys and the rest are matching's,
    /// and dropping them before the report is assembled lowers the run's peak memory (at
    /// 100,000 rows a side, about a quarter of what is held then).
    fn shed_persons(&mut self) {
        // Built from references, not `into_iter`: an in-place collect would keep the
        // persons' whole buffer as the facts' capacity.
        self.facts = self
            .norm
            .persons
            .iter()
            .map(|p| Facts {
                dob: p.dob.clone(),
                rank: p.rank,
                status: p.status,
                sex: p.sex,
                service_number: p.service_number.clone(),
                document_number: p.document_number.clone(),
            })
            .collect();
        self.norm.persons = Vec::new();
    }
}

/// Time spent per stage of a reconciliation, in order (matching's own stages prefixed
/// `link:`), for `--timings` and the benchmarks. Never part of the report: output must not
/// depend on the machine.
pub type Timings = Vec<(&'static str, std::time::Duration)>;

/// Reconciles two lists. `stage` is told when each stage starts, for a progress display.
pub fn reconcile(
    mut a: Input,
    mut b: Input,
    opts: &Options,
    stage: &dyn Fn(&str),
) -> crate::Result<(Report, Timings)> {
    let mut timings = Timings::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str, timings: &mut Timings| {
        timings.push((name, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    // The reader grows its vectors by doubling; whole lists stay in memory from here on.
    a.dataset.records.shrink_to_fit();
    b.dataset.records.shrink_to_fit();
    let norm_opts = NormOptions {
        reference_date: opts.agreement.as_ref().map(|ag| ag.reference_date),
        date_order: opts.date_order,
    };
    stage("normalising");
    let (mut na, mut nb) = rayon::join(
        || normalize::normalize_records(&a.dataset.records, &norm_opts),
        || normalize::normalize_records(&b.dataset.records, &norm_opts),
    );
    let sources = |d: &Dataset| -> crate::Result<Vec<ColumnSource>> {
        opts.compare
            .iter()
            .map(|c| resolve_column(d, &c.column))
            .collect()
    };
    let (src_a, src_b) = (sources(&a.dataset)?, sources(&b.dataset)?);
    fill_extras(&a.dataset, &mut na, &src_a, &opts.compare, &norm_opts);
    fill_extras(&b.dataset, &mut nb, &src_b, &opts.compare, &norm_opts);
    let mut matching_cfg = opts.matching.clone();
    matching_cfg.extra = opts.compare.iter().map(|c| c.method).collect();
    lap("normalise", &mut timings);
    stage("classifying");
    let ea = record_entries(&a.dataset, &na, opts.agreement.as_ref());
    let eb = record_entries(&b.dataset, &nb, opts.agreement.as_ref());
    let sa = Side {
        label: a.label,
        data: a.dataset,
        norm: na,
        entries: ea,
        facts: Vec::new(),
    };
    let sb = Side {
        label: b.label,
        data: b.dataset,
        norm: nb,
        entries: eb,
        facts: Vec::new(),
    };
    // Duplicates first: linking needs them to tell a person listed twice from two
    // different people competing for one row.
    lap("classify", &mut timings);
    stage("looking for duplicates");
    let (da, db) = rayon::join(
        || matching::dedupe(&sa.norm.persons, &matching_cfg),
        || matching::dedupe(&sb.norm.persons, &matching_cfg),
    );
    lap("dedupe", &mut timings);
    stage("matching");
    let linkage = matching::link_with(
        &sa.norm.persons,
        &sb.norm.persons,
        matching::Duplicates {
            a: &da.groups,
            b: &db.groups,
        },
        &matching_cfg,
    );
    lap("link", &mut timings);
    let t = &linkage.timings;
    timings.extend([
        ("link: block", t.block),
        ("link: compare", t.compare),
        ("link: estimate", t.estimate),
        ("link: score", t.score),
        ("link: assign", t.assign),
    ]);
    stage("writing the report");
    let (mut sa, mut sb) = (sa, sb);
    sa.shed_persons();
    sb.shed_persons();
    let cfg = &opts.matching;
    let report = assemble(
        sa,
        sb,
        opts.agreement.as_ref(),
        &linkage,
        Sides {
            a: da.groups,
            b: db.groups,
        },
        Settings {
            threshold: cfg.threshold,
            review_threshold: cfg.review_threshold,
        },
        Extras {
            columns: &opts.compare,
            a: &src_a,
            b: &src_b,
        },
    );
    lap("assemble", &mut timings);
    Ok((report, timings))
}

fn assemble(
    mut sa: Side,
    mut sb: Side,
    agreement: Option<&Agreement>,
    linkage: &Linkage,
    groups: Sides<Vec<Vec<usize>>>,
    settings: Settings,
    extras: Extras,
) -> Report {
    let (a, b) = (&sa, &sb);
    let brief = |s: &Side, i: usize| Brief {
        name: display_name(&s.data.records[i]),
        dob: s.data.records[i]
            .get(Field::Dob)
            .map(str::to_string)
            .or_else(|| s.data.records[i].get(Field::BirthYear).map(str::to_string)),
        categories: s.entries[i].categories.clone(),
    };
    let row = |s: &Side, i: usize| s.data.records[i].row;

    let mut matched_a = vec![false; a.data.records.len()];
    let mut matched_b = vec![false; b.data.records.len()];
    let mut matches = Vec::with_capacity(linkage.pairs.len());
    for p in &linkage.pairs {
        matched_a[p.a] = true;
        matched_b[p.b] = true;
        let mut explanation = vec![Explain {
            field: "prior".into(),
            level: "prior".into(),
            weight: p.prior_weight,
        }];
        explanation.extend(p.explanation.iter().map(|f| Explain {
            field: extras.name(f.field),
            level: level_name(f.level).into(),
            weight: f.weight + f.tf_adjustment,
        }));
        let mut pair_conflicts = conflicts(a, b, p.a, p.b, agreement.is_some());
        // An extra column may be a field the report already checks (unit): say it once.
        for c in extras.conflicts(a, b, p) {
            if pair_conflicts.iter().all(|x| x.field != c.field) {
                pair_conflicts.push(c);
            }
        }
        let alternatives = p
            .alternatives
            .iter()
            .map(|c| {
                if c.a == p.a {
                    Candidate {
                        side: "b".into(),
                        row: row(b, c.b),
                        score: c.score,
                        name: display_name(&b.data.records[c.b]),
                    }
                } else {
                    Candidate {
                        side: "a".into(),
                        row: row(a, c.a),
                        score: c.score,
                        name: display_name(&a.data.records[c.a]),
                    }
                }
            })
            .collect();
        matches.push(MatchEntry {
            a: row(a, p.a),
            b: row(b, p.b),
            status: match p.status {
                matching::PairStatus::Match => PairStatus::Match,
                matching::PairStatus::Review => PairStatus::Review,
            },
            score: p.score,
            people: Sides {
                a: brief(a, p.a),
                b: brief(b, p.b),
            },
            explanation,
            conflicts: pair_conflicts,
            rules: p.rules.iter().map(|r| r.to_string()).collect(),
            alternatives,
        });
    }

    let only = |me: &Side,
                other: &Side,
                matched: &[bool],
                near: &[Option<matching::Candidate>],
                me_is_a: bool| {
        // A missing person in an agreed category matters more than one in none. The order
        // is settled on small keys first, so the entries are built once, in place, into a
        // vector of the right size (sorting the entries themselves cost a scratch copy).
        let mut order: Vec<(bool, u64, usize)> = (0..me.data.records.len())
            .filter(|&i| !matched[i])
            .map(|i| (me.entries[i].categories.is_empty(), row(me, i), i))
            .collect();
        order.sort_unstable();
        order
            .into_iter()
            .map(|(_, _, i)| {
                let person = brief(me, i);
                let near_miss = near.get(i).copied().flatten().map(|c| {
                    let j = if me_is_a { c.b } else { c.a };
                    Candidate {
                        side: if me_is_a { "b" } else { "a" }.into(),
                        row: row(other, j),
                        score: c.score,
                        name: display_name(&other.data.records[j]),
                    }
                });
                OnlyEntry {
                    row: row(me, i),
                    in_category: !person.categories.is_empty(),
                    person,
                    near_miss,
                }
            })
            .collect::<Vec<OnlyEntry>>()
    };
    let only_a = only(a, b, &matched_a, &linkage.near_miss_a, true);
    let only_b = only(b, a, &matched_b, &linkage.near_miss_b, false);

    let dup_rows = |s: &Side, g: &[Vec<usize>]| -> Vec<Vec<u64>> {
        g.iter()
            .map(|grp| grp.iter().map(|&i| row(s, i)).collect())
            .collect()
    };
    let duplicates = Sides {
        a: dup_rows(a, &groups.a),
        b: dup_rows(b, &groups.b),
    };
    let rejected = |s: &Side| -> Vec<RejectedEntry> {
        s.data
            .rejected
            .iter()
            .map(|r| RejectedEntry {
                row: r.row,
                line: r.line,
                reason: r.reason.clone(),
            })
            .collect()
    };
    let unparsed = |s: &Side| -> Vec<UnparsedEntry> {
        s.norm
            .unparsed
            .iter()
            .map(|u| UnparsedEntry {
                row: u.row,
                field: u.field.name().into(),
                raw: u.raw.clone(),
                reason: u.reason.clone(),
            })
            .collect()
    };

    let mut summary = Summary {
        rows: Sides {
            a: a.data.rows(),
            b: b.data.rows(),
        },
        matched: matches
            .iter()
            .filter(|m| m.status == PairStatus::Match)
            .count() as u64,
        review: matches
            .iter()
            .filter(|m| m.status == PairStatus::Review)
            .count() as u64,
        conflicts: matches
            .iter()
            .filter(|m| m.status == PairStatus::Match && !m.conflicts.is_empty())
            .count() as u64,
        only_a: only_a.len() as u64,
        only_b: only_b.len() as u64,
        duplicates: Sides {
            a: duplicates.a.len() as u64,
            b: duplicates.b.len() as u64,
        },
        rejected: Sides {
            a: a.data.rejected.len() as u64,
            b: b.data.rejected.len() as u64,
        },
        ..Summary::default()
    };
    let count = |list: &[RecordEntry], f: &dyn Fn(&RecordEntry) -> bool| {
        list.iter().filter(|e| f(e)).count() as u64
    };
    summary.out_of_category = Sides {
        a: count(&a.entries, &|e| e.out_of_category),
        b: count(&b.entries, &|e| e.out_of_category),
    };
    summary.unknown = Sides {
        a: count(&a.entries, &|e| !e.unknown.is_empty()),
        b: count(&b.entries, &|e| !e.unknown.is_empty()),
    };
    summary.borderline = Sides {
        a: count(&a.entries, &|e| !e.borderline.is_empty()),
        b: count(&b.entries, &|e| !e.borderline.is_empty()),
    };
    if let Some(ag) = agreement {
        summary.categories = ag
            .categories
            .iter()
            .map(|c| {
                let has = |e: &RecordEntry| e.categories.contains(&c.id);
                CategoryCount {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    a: a.entries.iter().filter(|e| has(e)).count() as u64,
                    b: b.entries.iter().filter(|e| has(e)).count() as u64,
                    both: linkage
                        .pairs
                        .iter()
                        .filter(|p| {
                            p.status == matching::PairStatus::Match
                                && has(&a.entries[p.a])
                                && has(&b.entries[p.b])
                        })
                        .count() as u64,
                }
            })
            .collect();
    }

    let inputs = Sides {
        a: input_info(a),
        b: input_info(b),
    };
    let rejected = Sides {
        a: rejected(a),
        b: rejected(b),
    };
    let unparsed = Sides {
        a: unparsed(a),
        b: unparsed(b),
    };
    fill_names(&mut sa);
    fill_names(&mut sb);
    // The entries move into the report rather than being copied.
    let records = Sides {
        a: std::mem::take(&mut sa.entries),
        b: std::mem::take(&mut sb.entries),
    };
    Report {
        schema: SCHEMA.into(),
        powrec_version: env!("CARGO_PKG_VERSION").into(),
        agreement: agreement.map(|ag| AgreementInfo {
            name: ag.name.clone(),
            reference_date: ag.reference_date.to_string(),
            categories: ag
                .categories
                .iter()
                .map(|c| CategoryInfo {
                    id: c.id.clone(),
                    label: c.label.clone(),
                })
                .collect(),
        }),
        inputs,
        settings,
        summary,
        matches,
        only_a,
        only_b,
        records,
        duplicates,
        rejected,
        unparsed,
        blocking: linkage
            .blocking
            .rules
            .iter()
            .map(|r| BlockingStat {
                rule: r.rule.to_string(),
                pairs: r.pairs,
            })
            .collect(),
    }
}

fn input_info(s: &Side) -> InputInfo {
    let src = &s.data.source;
    let mut notes = s.data.mapping.notes.clone();
    notes.extend(s.norm.notes.iter().cloned());
    InputInfo {
        label: s.label.clone(),
        path: src.path.clone(),
        format: src.format.name().into(),
        encoding: src.encoding.clone(),
        delimiter: src.delimiter.map(|d| match d {
            '\t' => "tab".to_string(),
            d => d.to_string(),
        }),
        sheet: src.sheet.clone(),
        rows: s.data.rows(),
        records: s.data.records.len() as u64,
        rejected: s.data.rejected.len() as u64,
        notes,
    }
}

/// Classifies every record (in parallel) into its report entry.
/// The report's name and date of birth of every record entry, as the list writes them.
fn fill_names(s: &mut Side) {
    use rayon::prelude::*;
    s.entries
        .par_iter_mut()
        .zip(s.data.records.par_iter())
        .for_each(|(e, r)| {
            e.name = display_name(r);
            e.dob = r.get(Field::Dob).map(str::to_string);
        });
}

fn record_entries(
    data: &Dataset,
    norm: &Normalized,
    agreement: Option<&Agreement>,
) -> Vec<RecordEntry> {
    use rayon::prelude::*;
    data.records
        .par_iter()
        .zip(norm.persons.par_iter())
        .map(|(r, p)| {
            // Name and date are filled in at assembly ([`fill_names`]): held from here through
            // matching they would cost a copy of every list's names at the peak.
            let mut e = RecordEntry {
                row: r.row,
                ..RecordEntry::default()
            };
            if let Some(ag) = agreement {
                let c = ag.classify(r, p);
                let explain = c.out_of_category
                    || c.claim_mismatch
                    || !c.unknown.is_empty()
                    || !c.borderline.is_empty();
                if explain {
                    e.reasons = c
                        .reasons
                        .iter()
                        .filter(|r| r.result != Truth::False || c.out_of_category)
                        .map(|r| {
                            // A long condition (a list of health words) says less than the
                            // value it was tested against.
                            if r.condition.chars().count() > 40 {
                                format!("{}: {}", r.category, r.value)
                            } else {
                                format!("{}: {} ({})", r.category, r.condition, r.value)
                            }
                        })
                        .collect();
                }
                e.claim = c.claim.map(|c| c.raw);
                e.categories = c.categories;
                e.unknown = c.unknown;
                e.borderline = c.borderline;
                e.out_of_category = c.out_of_category;
                e.claim_mismatch = c.claim_mismatch;
            }
            e
        })
        .collect()
}

/// The name as the list writes it: surname, given name, patronymic; else the full name.
fn display_name(r: &Record) -> String {
    let parts: Vec<&str> = [Field::Surname, Field::GivenName, Field::Patronymic]
        .into_iter()
        .filter(|f| !r.derived.contains(f))
        .filter_map(|f| r.get(f))
        .collect();
    if parts.is_empty() {
        r.get(Field::FullName).unwrap_or_default().to_string()
    } else {
        parts.join(" ")
    }
}

/// The report's word for a comparison level (its serde name), without allocating.
fn level_name(l: matching::Level) -> &'static str {
    use matching::Level::*;
    match l {
        Exact => "exact",
        Transliterated => "transliterated",
        Equivalent => "equivalent",
        Close => "close",
        Similar => "similar",
        Initial => "initial",
        DayMonthSwapped => "day_month_swapped",
        OneDigitOff => "one_digit_off",
        OneYearOff => "one_year_off",
        SameYear => "same_year",
        OneEdit => "one_edit",
        Different => "different",
        Missing => "missing",
    }
}

/// Fields on which a matched pair disagrees once normalised; missing values never conflict.
fn conflicts(a: &Side, b: &Side, i: usize, j: usize, classified: bool) -> Vec<Conflict> {
    let (ra, rb) = (&a.data.records[i], &b.data.records[j]);
    let (pa, pb) = (&a.facts[i], &b.facts[j]);
    let raw = |r: &Record, f: Field| r.get(f).unwrap_or_default().to_string();
    let mut out = Vec::new();
    let mut push = |field: &str, a: String, b: String, detail: Option<String>| {
        out.push(Conflict {
            field: field.into(),
            a,
            b,
            detail,
        })
    };
    let how = match date::compare(&pa.dob, &pb.dob) {
        DateAgreement::Equal | DateAgreement::Missing => None,
        DateAgreement::DayMonthSwapped => Some("day and month swapped"),
        DateAgreement::OneDigitOff => Some("one digit differs"),
        DateAgreement::OneYearOff => Some("one year apart"),
        DateAgreement::SameYear => Some("only the year agrees"),
        DateAgreement::Different => Some("different dates"),
    };
    // A year-only value against a full date of that year is not a disagreement.
    let partial = !matches!(pa.dob, normalize::DateValue::Full { .. })
        || !matches!(pb.dob, normalize::DateValue::Full { .. });
    if let Some(how) = how.filter(|_| !(partial && how == Some("only the year agrees"))) {
        let dob = |r: &Record| {
            r.get(Field::Dob)
                .or(r.get(Field::BirthYear))
                .unwrap_or_default()
                .to_string()
        };
        push("dob", dob(ra), dob(rb), Some(how.into()));
    }
    if classified {
        let set = |s: &Side, k: usize| -> BTreeSet<String> {
            s.entries[k].categories.iter().cloned().collect()
        };
        let unknown = |s: &Side, k: usize| -> BTreeSet<String> {
            s.entries[k].unknown.iter().cloned().collect()
        };
        let (ca, cb) = (set(a, i), set(b, j));
        let (ua, ub) = (unknown(a, i), unknown(b, j));
        // Only a category one side's rules say holds and the other's say does not is a
        // conflict; an undecidable one is reported as unknown, not as a disagreement.
        let only_a: Vec<&String> = ca.difference(&cb).filter(|c| !ub.contains(*c)).collect();
        let only_b: Vec<&String> = cb.difference(&ca).filter(|c| !ua.contains(*c)).collect();
        if !only_a.is_empty() || !only_b.is_empty() {
            let mut detail = Vec::new();
            if !only_a.is_empty() {
                detail.push(format!("only A's row is in {}", join(&only_a)));
            }
            if !only_b.is_empty() {
                detail.push(format!("only B's row is in {}", join(&only_b)));
            }
            push(
                "category",
                ca.iter().cloned().collect::<Vec<_>>().join(", "),
                cb.iter().cloned().collect::<Vec<_>>().join(", "),
                Some(detail.join("; ")),
            );
        }
    }
    if let (Some(x), Some(y)) = (pa.rank, pb.rank)
        && x != y
    {
        push(
            "rank",
            raw(ra, Field::Rank),
            raw(rb, Field::Rank),
            Some(format!(
                "{} vs {}",
                normalize::word(&x),
                normalize::word(&y)
            )),
        );
    }
    if let (Some(x), Some(y)) = (pa.status, pb.status)
        && x != y
    {
        push(
            "status",
            raw(ra, Field::Status),
            raw(rb, Field::Status),
            None,
        );
    }
    if let (Some(x), Some(y)) = (pa.sex, pb.sex)
        && x != y
    {
        push(
            "sex",
            normalize::word(&x),
            normalize::word(&y),
            Some("stated or implied by the patronymic".into()),
        );
    }
    for (field, x, y) in [
        (Field::ServiceNumber, &pa.service_number, &pb.service_number),
        (
            Field::DocumentNumber,
            &pa.document_number,
            &pb.document_number,
        ),
    ] {
        if let (Some(x), Some(y)) = (x, y)
            && x != y
        {
            push(field.name(), raw(ra, field), raw(rb, field), None);
        }
    }
    if let (Some(x), Some(y)) = (ra.get(Field::Unit), rb.get(Field::Unit))
        && unit_key(x) != unit_key(y)
    {
        push("unit", x.into(), y.into(), None);
    }
    out
}

fn join(v: &[&String]) -> String {
    v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}

/// A unit designation reduced to what identifies it: "в/ч А0536" and "В/Ч A0536" (Latin A)
/// are one unit. Cyrillic letters that look like Latin ones are read as Latin, since unit
/// codes mix the two freely.
fn unit_key(s: &str) -> String {
    normalize::text::fold(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| match c {
            'а' => 'a',
            'в' => 'b',
            'е' => 'e',
            'к' => 'k',
            'м' => 'm',
            'н' => 'h',
            'о' => 'o',
            'р' => 'p',
            'с' => 'c',
            'т' => 't',
            'у' => 'y',
            'х' => 'x',
            'і' => 'i',
            c => c,
        })
        .collect()
}
