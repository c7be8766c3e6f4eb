//! Reading an agreement file: TOML syntax, then every key and value checked against the
//! agreement language, with each problem placed at its line and column. Nothing stops at
//! the first problem; the caller gets them all.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::age::Feb29;
use super::rules::{Cond, Needles, Test, Truth};
use super::{Agreement, Category};
use crate::error::Problem;
use crate::normalize::{RankClass, Sex, Status, text};
use crate::record::Field;

type Value<'i> = Spanned<DeValue<'i>>;

const TOP_KEYS: &[&str] = &[
    "name",
    "reference_date",
    "borderline_days",
    "feb29_birthday",
    "description",
    "category",
];
const CATEGORY_KEYS: &[&str] = &["id", "label", "aliases", "description", "all", "any"];
const KINDS: &[&str] = &[
    "field",
    "age",
    "birth_year",
    "status",
    "rank",
    "not",
    "all",
    "any",
];
const FIELD_KEYS: &[&str] = &["field", "contains", "in", "present", "class", "if_missing"];
const OPERATORS: &[&str] = &["contains", "in", "present", "class"];
const BOUND_KEYS: &[&str] = &["min", "max"];
/// Deeper nesting than this is a mistake, and refusing it keeps evaluation off the stack's edge.
const MAX_DEPTH: usize = 16;
/// More than a year either way would make every birthday borderline.
const MAX_BORDERLINE_DAYS: i64 = 366;

/// Collects problems with their places in the text.
struct Problems<'t> {
    text: &'t str,
    list: Vec<(usize, Problem)>,
}

impl<'t> Problems<'t> {
    fn at(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let (line, column) = line_col(self.text, span.start);
        self.list.push((
            span.start,
            Problem {
                line: Some(line),
                column: Some(column),
                message: message.into(),
            },
        ));
    }

    fn unknown_key(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        what: &str,
        valid: &[&str],
    ) {
        let k = key.get_ref().as_ref();
        let hint = suggest(k, valid)
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        self.at(
            &key.span(),
            format!(
                "unknown {what} `{k}`; {hint}expected one of: {}",
                valid.join(", ")
            ),
        );
    }

    fn string(&mut self, v: &Value<'_>, what: &str) -> Option<String> {
        match v.get_ref().as_str() {
            Some(s) if !s.trim().is_empty() => Some(s.to_string()),
            Some(_) => {
                self.at(&v.span(), format!("`{what}` is empty"));
                None
            }
            None => {
                self.at(
                    &v.span(),
                    format!("`{what}` must be a string, not {}", v.get_ref().type_str()),
                );
                None
            }
        }
    }

    fn integer(&mut self, v: &Value<'_>, what: &str) -> Option<i64> {
        match v.get_ref().as_integer() {
            Some(i) => {
                let n = i64::from_str_radix(i.as_str(), i.radix()).ok();
                if n.is_none() {
                    self.at(&v.span(), format!("`{what}` is too large"));
                }
                n
            }
            None => {
                self.at(
                    &v.span(),
                    format!(
                        "`{what}` must be a whole number, not {}",
                        v.get_ref().type_str()
                    ),
                );
                None
            }
        }
    }

    /// A string, or an array of strings (at least one), each with its span.
    fn strings(&mut self, v: &Value<'_>, what: &str) -> Option<Vec<(String, Range<usize>)>> {
        match v.get_ref() {
            DeValue::String(s) => Some(vec![(s.to_string(), v.span())]),
            DeValue::Array(items) => {
                if items.is_empty() {
                    self.at(&v.span(), format!("`{what}` is an empty list"));
                    return None;
                }
                let mut out = Vec::new();
                let mut ok = true;
                for item in items.iter() {
                    match item.get_ref().as_str() {
                        Some(s) => out.push((s.to_string(), item.span())),
                        None => {
                            self.at(
                                &item.span(),
                                format!(
                                    "`{what}` holds strings, not {}",
                                    item.get_ref().type_str()
                                ),
                            );
                            ok = false;
                        }
                    }
                }
                ok.then_some(out)
            }
            other => {
                self.at(
                    &v.span(),
                    format!(
                        "`{what}` must be a string or a list of strings, not {}",
                        other.type_str()
                    ),
                );
                None
            }
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn suggest<'a>(word: &str, valid: &[&'a str]) -> Option<&'a str> {
    valid
        .iter()
        .map(|v| (strsim::levenshtein(word, v), *v))
        .filter(|(d, v)| *d <= 2 && *d < v.len())
        .min()
        .map(|(_, v)| v)
}

/// Parses and validates an agreement; `Err` holds every problem, in file order.
pub(super) fn parse(text: &str) -> Result<Agreement, Vec<Problem>> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    let mut p = Problems {
        text,
        list: Vec::new(),
    };
    for e in &errors {
        let span = e.span().unwrap_or(0..0);
        p.at(&span, format!("TOML syntax: {}", e.message()));
    }
    // A key on a broken line may have been lost: do not also call it missing.
    let syntax_ok = errors.is_empty();
    let agreement = agreement(&mut p, doc.get_ref(), syntax_ok);
    let mut list = p.list;
    // Recovery from a syntax error can invent odd keys on the broken line: the syntax
    // error alone speaks for that line.
    let broken: Vec<Option<usize>> = list[..errors.len()].iter().map(|(_, p)| p.line).collect();
    let mut index = 0;
    list.retain(|(_, p)| {
        index += 1;
        index <= errors.len() || !broken.contains(&p.line)
    });
    list.sort_by_key(|(offset, _)| *offset);
    match agreement {
        Some(a) if list.is_empty() => Ok(a),
        _ if list.is_empty() => Err(vec![Problem {
            line: None,
            column: None,
            message: "the agreement is incomplete".to_string(),
        }]),
        _ => Err(list.into_iter().map(|(_, p)| p).collect()),
    }
}

fn agreement(p: &mut Problems<'_>, root: &DeTable<'_>, syntax_ok: bool) -> Option<Agreement> {
    let mut name = None;
    let mut reference_date = None;
    let mut borderline_days = Some(0);
    let mut feb29 = Some(Feb29::default());
    let mut categories = None;
    for (k, v) in root.iter() {
        match k.get_ref().as_ref() {
            "name" => name = p.string(v, "name"),
            "description" => {
                p.string(v, "description");
            }
            "reference_date" => reference_date = date(p, v),
            "borderline_days" => {
                borderline_days = p.integer(v, "borderline_days").and_then(|n| {
                    if (0..=MAX_BORDERLINE_DAYS).contains(&n) {
                        u32::try_from(n).ok()
                    } else {
                        p.at(
                            &v.span(),
                            format!(
                                "`borderline_days` must be 0 to {MAX_BORDERLINE_DAYS}, not {n}"
                            ),
                        );
                        None
                    }
                })
            }
            "feb29_birthday" => {
                feb29 = match v.get_ref().as_str() {
                    Some("mar1") => Some(Feb29::Mar1),
                    Some("feb28") => Some(Feb29::Feb28),
                    _ => {
                        p.at(
                            &v.span(),
                            "`feb29_birthday` is \"mar1\" or \"feb28\" (where a 29 February \
                             birthday falls in other years)",
                        );
                        None
                    }
                }
            }
            "category" => categories = category_list(p, v),
            _ => p.unknown_key(k, "key", TOP_KEYS),
        }
    }
    let top = 0..0;
    if syntax_ok {
        if !root.contains_key("name") {
            p.at(&top, "missing `name = \"...\"` (the agreement's name)");
        }
        if !root.contains_key("reference_date") {
            p.at(
                &top,
                "missing `reference_date = \"YYYY-MM-DD\"` (the date ages are counted at)",
            );
        }
        if !root.contains_key("category") {
            p.at(&top, "no categories: add at least one [[category]]");
        }
    }
    Some(Agreement {
        name: name?,
        reference_date: reference_date?,
        borderline_days: borderline_days?,
        feb29: feb29?,
        categories: categories?,
    })
}

fn date(p: &mut Problems<'_>, v: &Value<'_>) -> Option<NaiveDate> {
    let parsed = match v.get_ref() {
        DeValue::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok(),
        DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
            .date
            .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())),
        _ => None,
    };
    if parsed.is_none() {
        p.at(
            &v.span(),
            "`reference_date` must be a calendar date written YYYY-MM-DD, such as \"2025-06-02\"",
        );
    }
    parsed
}

fn category_list(p: &mut Problems<'_>, v: &Value<'_>) -> Option<Vec<Category>> {
    let Some(items) = v.get_ref().as_array() else {
        p.at(
            &v.span(),
            "`category` must be a list of tables: write each as [[category]]",
        );
        return None;
    };
    if items.is_empty() {
        p.at(&v.span(), "no categories: add at least one [[category]]");
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    // Folded id, label or alias → (category index, line), to catch two categories that a
    // list's claim could not tell apart.
    let mut names: HashMap<String, (usize, String)> = HashMap::new();
    for (index, item) in items.iter().enumerate() {
        match category(p, item, index, &mut names) {
            Some(c) => out.push(c),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn category(
    p: &mut Problems<'_>,
    v: &Value<'_>,
    index: usize,
    names: &mut HashMap<String, (usize, String)>,
) -> Option<Category> {
    let Some(t) = v.get_ref().as_table() else {
        p.at(
            &v.span(),
            format!("a category must be a table, not {}", v.get_ref().type_str()),
        );
        return None;
    };
    let mut id = None;
    let mut label = None;
    let mut aliases = Some(Vec::new());
    let mut all = None;
    let mut any = None;
    let mut ok = true;
    let mut claim_names = Vec::new();
    for (k, val) in t.iter() {
        match k.get_ref().as_ref() {
            "id" => {
                id = p.string(val, "id");
                if let Some(i) = &id {
                    claim_names.push((i.clone(), val.span(), "id"));
                }
            }
            "label" => {
                label = p.string(val, "label");
                ok &= label.is_some();
                if let Some(l) = &label {
                    claim_names.push((l.clone(), val.span(), "label"));
                }
            }
            "description" => ok &= p.string(val, "description").is_some(),
            "aliases" => {
                aliases = p.strings(val, "aliases").map(|list| {
                    list.into_iter()
                        .map(|(a, span)| {
                            claim_names.push((a.clone(), span, "alias"));
                            a
                        })
                        .collect()
                });
            }
            "all" => all = conditions(p, val, "all", 0),
            "any" => any = conditions(p, val, "any", 0),
            _ => {
                p.unknown_key(k, "category key", CATEGORY_KEYS);
                ok = false;
            }
        }
    }
    let here = v.span();
    if !t.contains_key("id") {
        p.at(&here, "this category has no `id`");
    }
    if !t.contains_key("all") && !t.contains_key("any") {
        p.at(
            &here,
            "this category has no rule: give `all = [...]`, `any = [...]`, or both",
        );
        ok = false;
    }
    ok &= t.get("all").is_none_or(|_| all.is_some());
    ok &= t.get("any").is_none_or(|_| any.is_some());
    for (n, span, what) in claim_names {
        let key = text::fold(&n);
        if key.is_empty() {
            p.at(&span, format!("this {what} is empty"));
            ok = false;
            continue;
        }
        match names.get(&key) {
            Some((other, first)) if *other != index && what == "id" => {
                p.at(
                    &span,
                    format!("duplicate category id `{n}` (the same name is used {first})"),
                );
                ok = false;
            }
            Some((other, first)) if *other != index => {
                p.at(
                    &span,
                    format!(
                        "the {what} \"{n}\" also names another category ({first}): a claim \
                         could not tell them apart"
                    ),
                );
                ok = false;
            }
            Some(_) => {}
            None => {
                let (line, _) = line_col(p.text, span.start);
                names.insert(key, (index, format!("at line {line}")));
            }
        }
    }
    let id = id?;
    if !ok {
        return None;
    }
    let mut parts = all.unwrap_or_default();
    if let Some(any) = any {
        parts.push(Cond::Any(any));
    }
    Some(Category::new(
        id.clone(),
        label.unwrap_or(id),
        aliases?,
        Cond::All(parts),
    ))
}

fn conditions(p: &mut Problems<'_>, v: &Value<'_>, what: &str, depth: usize) -> Option<Vec<Cond>> {
    let Some(items) = v.get_ref().as_array() else {
        p.at(
            &v.span(),
            format!(
                "`{what}` must be a list of conditions, such as [ {{ age = {{ min = 18 }} }} ], \
                 not {}",
                v.get_ref().type_str()
            ),
        );
        return None;
    };
    if items.is_empty() {
        p.at(
            &v.span(),
            format!("`{what}` is an empty list: give at least one condition"),
        );
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for item in items.iter() {
        match condition(p, item, depth + 1) {
            Some(c) => out.push(c),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn condition(p: &mut Problems<'_>, v: &Value<'_>, depth: usize) -> Option<Cond> {
    let Some(t) = v.get_ref().as_table() else {
        p.at(
            &v.span(),
            format!(
                "a condition must be a table such as {{ field = \"health\", contains = [...] }}, \
                 not {}",
                v.get_ref().type_str()
            ),
        );
        return None;
    };
    if depth > MAX_DEPTH {
        p.at(
            &v.span(),
            format!("conditions nest more than {MAX_DEPTH} deep"),
        );
        return None;
    }
    if t.contains_key("field") {
        return field_condition(p, t);
    }
    let mut kinds = Vec::new();
    let mut ok = true;
    for (k, _) in t.iter() {
        let key = k.get_ref().as_ref();
        if KINDS.contains(&key) {
            kinds.push(k);
        } else if OPERATORS.contains(&key) {
            p.at(
                &k.span(),
                format!("`{key}` needs a field: write {{ field = \"...\", {key} = ... }}"),
            );
            ok = false;
        } else if key == "if_missing" && (t.contains_key("status") || t.contains_key("rank")) {
            // Allowed beside the status and rank shorthands.
        } else {
            p.unknown_key(k, "condition kind", KINDS);
            ok = false;
        }
    }
    // Tables iterate in key order; report in the order the file has them.
    kinds.sort_by_key(|k| k.span().start);
    if kinds.len() > 1 {
        let names: Vec<_> = kinds.iter().map(|k| format!("`{}`", k.get_ref())).collect();
        p.at(
            &kinds[1].span(),
            format!(
                "one condition, one kind: this one has {}; write them as separate conditions",
                names.join(" and ")
            ),
        );
        return None;
    }
    let Some(kind) = kinds.first() else {
        if ok {
            p.at(&v.span(), "an empty condition");
        }
        return None;
    };
    let value = t.get(kind.get_ref().as_ref())?;
    let cond = match kind.get_ref().as_ref() {
        "age" => bounds(p, value, "age", 0, 150).map(|(min, max)| Cond::Age {
            min,
            max,
            text: bound_text("age", min, max),
        }),
        "birth_year" => {
            bounds(p, value, "birth_year", 1800, 2200).map(|(min, max)| Cond::BirthYear {
                min,
                max,
                text: bound_text("born", min, max),
            })
        }
        "status" => {
            let if_missing = if_missing(p, t);
            status_test(p, value).map(|test| Cond::Field {
                field: Field::Status,
                text: test_text(Field::Status, &test),
                test,
                if_missing: if_missing.unwrap_or(Truth::Unknown),
            })
        }
        "rank" => {
            let if_missing = if_missing(p, t);
            rank_test(p, value).map(|test| Cond::Field {
                field: Field::Rank,
                text: test_text(Field::Rank, &test),
                test,
                if_missing: if_missing.unwrap_or(Truth::Unknown),
            })
        }
        "not" => condition(p, value, depth + 1).map(|c| Cond::Not(Box::new(c))),
        "all" => conditions(p, value, "all", depth).map(Cond::All),
        "any" => conditions(p, value, "any", depth).map(Cond::Any),
        _ => None,
    };
    if ok { cond } else { None }
}

fn field_condition(p: &mut Problems<'_>, t: &DeTable<'_>) -> Option<Cond> {
    let mut ok = true;
    let mut ops = Vec::new();
    for (k, _) in t.iter() {
        let key = k.get_ref().as_ref();
        if OPERATORS.contains(&key) {
            ops.push(k);
        } else if !FIELD_KEYS.contains(&key) {
            p.unknown_key(k, "key in a field condition", FIELD_KEYS);
            ok = false;
        }
    }
    let fv = t.get("field")?;
    let field = match fv.get_ref().as_str() {
        Some(name) => {
            let f = Field::from_name(name.trim());
            if f.is_none() {
                p.at(
                    &fv.span(),
                    format!("unknown field `{name}`; the fields are: {}", Field::names()),
                );
            }
            f
        }
        None => {
            p.at(
                &fv.span(),
                "`field` must be a field name such as \"health\"",
            );
            None
        }
    };
    let if_missing = if_missing(p, t);
    ok &= t.get("if_missing").is_none() || if_missing.is_some();
    if ops.len() > 1 || (ops.is_empty() && ok) {
        let at = ops.get(1).map_or(fv.span(), |k| k.span());
        p.at(
            &at,
            format!(
                "a field condition takes exactly one of {}; found {}",
                OPERATORS.join(", "),
                if ops.is_empty() {
                    "none".to_string()
                } else {
                    ops.iter()
                        .map(|k| k.get_ref().to_string())
                        .collect::<Vec<_>>()
                        .join(" and ")
                }
            ),
        );
        return None;
    }
    let op = ops.first()?.get_ref().as_ref();
    let value = t.get(op)?;
    let field = field?;
    let test = match (op, field) {
        ("contains", _) => text_list(p, value, "contains").map(|l| Test::Contains(Needles::new(l))),
        ("in", Field::Status) => status_test(p, value),
        ("in", Field::Sex) => sex_test(p, value),
        ("in", _) => text_list(p, value, "in").map(Test::In),
        ("present", _) => match value.get_ref().as_bool() {
            Some(b) => Some(Test::Present(b)),
            None => {
                p.at(&value.span(), "`present` is true or false");
                None
            }
        },
        ("class", Field::Rank) => rank_test(p, value),
        ("class", _) => {
            p.at(
                &ops[0].span(),
                "`class` tests the rank class: use it with field = \"rank\"",
            );
            None
        }
        _ => None,
    }?;
    if !ok {
        return None;
    }
    Some(Cond::Field {
        field,
        text: test_text(field, &test),
        test,
        if_missing: if_missing.unwrap_or(Truth::Unknown),
    })
}

fn if_missing(p: &mut Problems<'_>, t: &DeTable<'_>) -> Option<Truth> {
    let v = t.get("if_missing")?;
    match v.get_ref() {
        DeValue::Boolean(b) => Some(Truth::from_bool(*b)),
        DeValue::String(s) if s == "unknown" => Some(Truth::Unknown),
        DeValue::String(s) if s == "true" => Some(Truth::True),
        DeValue::String(s) if s == "false" => Some(Truth::False),
        _ => {
            p.at(
                &v.span(),
                "`if_missing` is \"unknown\" (the default), true or false",
            );
            None
        }
    }
}

/// Strings compared through [`text::fold`], folded once here rather than per record.
fn text_list(p: &mut Problems<'_>, v: &Value<'_>, what: &str) -> Option<Vec<(String, String)>> {
    let list = p.strings(v, what)?;
    let mut out = Vec::new();
    let mut ok = true;
    for (s, span) in list {
        let folded = text::fold(&s);
        if folded.is_empty() {
            p.at(
                &span,
                format!("an empty string in `{what}` would match every value"),
            );
            ok = false;
        }
        out.push((folded, s));
    }
    ok.then_some(out)
}

fn words<T: Copy>(
    p: &mut Problems<'_>,
    v: &Value<'_>,
    what: &str,
    vocabulary: &[(&str, T)],
) -> Option<Vec<T>> {
    let list = p.strings(v, what)?;
    let mut out = Vec::new();
    let mut ok = true;
    for (s, span) in list {
        match vocabulary.iter().find(|(w, _)| *w == text::fold(&s)) {
            Some((_, t)) => out.push(*t),
            None => {
                let names: Vec<_> = vocabulary.iter().map(|(w, _)| *w).collect();
                p.at(
                    &span,
                    format!(
                        "unknown {what} `{s}`; expected one of: {}",
                        names.join(", ")
                    ),
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

fn status_test(p: &mut Problems<'_>, v: &Value<'_>) -> Option<Test> {
    words(
        p,
        v,
        "status",
        &[
            ("military", Status::Military),
            ("civilian", Status::Civilian),
        ],
    )
    .map(Test::Status)
}

fn rank_test(p: &mut Problems<'_>, v: &Value<'_>) -> Option<Test> {
    words(
        p,
        v,
        "rank class",
        &[
            ("private", RankClass::Private),
            ("nco", RankClass::Nco),
            ("warrant", RankClass::Warrant),
            ("officer", RankClass::Officer),
        ],
    )
    .map(Test::RankClass)
}

fn sex_test(p: &mut Problems<'_>, v: &Value<'_>) -> Option<Test> {
    words(p, v, "sex", &[("male", Sex::Male), ("female", Sex::Female)]).map(Test::Sex)
}

fn bounds(
    p: &mut Problems<'_>,
    v: &Value<'_>,
    what: &str,
    lowest: i64,
    highest: i64,
) -> Option<(Option<i32>, Option<i32>)> {
    let Some(t) = v.get_ref().as_table() else {
        p.at(
            &v.span(),
            format!("`{what}` takes bounds: {what} = {{ min = ..., max = ... }}"),
        );
        return None;
    };
    let mut ok = true;
    let mut min = None;
    let mut max = None;
    for (k, val) in t.iter() {
        let key = k.get_ref().as_ref();
        let slot = match key {
            "min" => &mut min,
            "max" => &mut max,
            _ => {
                p.unknown_key(k, &format!("key in `{what}`"), BOUND_KEYS);
                ok = false;
                continue;
            }
        };
        match p.integer(val, &format!("{what}.{key}")) {
            Some(n) if (lowest..=highest).contains(&n) => *slot = i32::try_from(n).ok(),
            Some(n) => {
                p.at(
                    &val.span(),
                    format!("`{what}.{key}` must be {lowest} to {highest}, not {n}"),
                );
                ok = false;
            }
            None => ok = false,
        }
    }
    if t.is_empty() {
        p.at(&v.span(), format!("`{what}` needs `min`, `max`, or both"));
        return None;
    }
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        p.at(
            &v.span(),
            format!("`{what}`: min ({lo}) is greater than max ({hi}), so nobody could match"),
        );
        return None;
    }
    ok.then_some((min, max))
}

fn bound_text(what: &str, min: Option<i32>, max: Option<i32>) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) => format!("{what} {lo} to {hi}"),
        (Some(lo), None) => format!("{what} at least {lo}"),
        (None, Some(hi)) => format!("{what} at most {hi}"),
        (None, None) => what.to_string(),
    }
}

fn test_text(field: Field, test: &Test) -> String {
    fn quoted(list: &[(String, String)]) -> String {
        const SHOWN: usize = 3;
        let mut s: Vec<_> = list
            .iter()
            .take(SHOWN)
            .map(|(_, w)| format!("\"{w}\""))
            .collect();
        if list.len() > SHOWN {
            s.push(format!("or {} more", list.len() - SHOWN));
        }
        s.join(", ")
    }
    fn lower<T: std::fmt::Debug>(list: &[T]) -> String {
        list.iter()
            .map(|x| format!("{x:?}").to_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    }
    match test {
        Test::Contains(n) => format!("{field} contains {}", quoted(&n.list)),
        Test::In(l) => format!("{field} is {}", quoted(l)),
        Test::Present(true) => format!("{field} is present"),
        Test::Present(false) => format!("{field} is absent"),
        Test::RankClass(l) => format!("rank class is {}", lower(l)),
        Test::Status(l) => format!("status is {}", lower(l)),
        Test::Sex(l) => format!("sex is {}", lower(l)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let t = "a = 1\nб = \"ж\"\n";
        let offset = t.find('"').unwrap();
        assert_eq!(line_col(t, offset), (2, 5));
        assert_eq!(line_col(t, 0), (1, 1));
    }

    #[test]
    fn suggestions_are_close_words_only() {
        assert_eq!(suggest("nmae", TOP_KEYS), Some("name"));
        assert_eq!(suggest("colour", TOP_KEYS), None);
    }
}
