//! Integration tests: the HTML format (issue 8). Structure, escaping, self-containment, size
//! at 100,000 rows, and (when Chromium is installed) that the page loads cleanly in a browser.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use powrec::reconcile::{
    AgreementInfo, Brief, Candidate, CategoryCount, CategoryInfo, Conflict, Explain, InputInfo,
    Kind, MatchEntry, OnlyEntry, PairStatus, RecordEntry, RejectedEntry, Report, SCHEMA, Settings,
    Sides, Summary,
};
use powrec::report::html::{HtmlOptions, render};

const STAMP: &str = "2026-11-23 10:00 +02:00";

fn opts(page_rows: usize) -> HtmlOptions {
    HtmlOptions {
        generated_at: STAMP.into(),
        page_rows,
    }
}

fn html(r: &Report, page_rows: usize) -> String {
    let mut out = Vec::new();
    render(r, &opts(page_rows), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn brief(name: &str, dob: &str, cats: &[&str]) -> Brief {
    Brief {
        name: name.into(),
        dob: (!dob.is_empty()).then(|| dob.into()),
        categories: cats.iter().map(|c| c.to_string()).collect(),
    }
}

fn ex(field: &str, level: &str, weight: f64) -> Explain {
    Explain {
        field: field.to_string().into(),
        level: level.to_string().into(),
        weight,
    }
}

fn pair(a: u64, b: u64, pa: Brief, pb: Brief, score: f64, conflicts: Vec<Conflict>) -> MatchEntry {
    let status = if score >= 0.9 {
        PairStatus::Match
    } else {
        PairStatus::Review
    };
    let name_w = if conflicts.iter().any(|c| c.field == "surname") {
        2.1
    } else {
        9.4
    };
    let dob_w = if conflicts.iter().any(|c| c.field == "dob") {
        1.3
    } else {
        7.8
    };
    MatchEntry {
        a,
        b,
        status,
        score,
        people: Sides { a: pa, b: pb },
        explanation: vec![
            ex("prior", "", -13.3),
            ex("surname", "jaro-winkler ≥ 0.92", name_w),
            ex("given", "exact", 4.6),
            ex("dob", "exact", dob_w),
            ex("rank", "differs", -1.2),
        ],
        conflicts,
        rules: vec!["dm-surname+year".into()],
        alternatives: Vec::new(),
    }
}

fn conflict(field: &str, a: &str, b: &str, detail: &str) -> Conflict {
    Conflict {
        field: field.into(),
        a: a.into(),
        b: b.into(),
        detail: (!detail.is_empty()).then(|| detail.into()),
    }
}

fn record(row: u64, name: &str, dob: &str, cats: &[&str]) -> RecordEntry {
    RecordEntry {
        row,
        name: name.into(),
        dob: (!dob.is_empty()).then(|| dob.into()),
        categories: cats.iter().map(|c| c.to_string()).collect(),
        ..RecordEntry::default()
    }
}

fn input(label: &str, path: &str, format: &str, rows: u64, rejected: u64) -> InputInfo {
    InputInfo {
        label: label.into(),
        path: path.into(),
        format: format.into(),
        encoding: Some("UTF-8".into()),
        delimiter: (format == "csv").then(|| ";".into()),
        sheet: None,
        rows,
        records: rows - rejected,
        rejected,
        notes: vec!["date order assumed: day.month.year".into()],
    }
}

/// A report shaped like a real exchange: Ukrainian names on A, Russian and Latin on B, a few
/// of every finding kind, conflicts, review pairs with competing candidates.
fn fixture() -> Report {
    let matches = vec![
        pair(
            1,
            3,
            brief("Шевченко Тарас Григорович", "09.03.1984", &["wounded"]),
            brief("Шевченко Тарас Григорьевич", "09.03.1984", &["wounded"]),
            0.999,
            vec![],
        ),
        pair(
            2,
            1,
            brief("Коваленко Олена Петрівна", "05.03.1999", &["civilians"]),
            brief("Коваленко Елена Петровна", "03.05.1999", &["civilians"]),
            0.971,
            vec![conflict(
                "dob",
                "05.03.1999",
                "03.05.1999",
                "day and month swapped",
            )],
        ),
        pair(
            4,
            7,
            brief("Мельник Андрій", "12.11.1990", &["wounded", "long"]),
            brief("Melnyk Andrii", "12.11.1990", &["wounded"]),
            0.948,
            vec![conflict("rank", "старший сержант", "sergeant", "")],
        ),
        MatchEntry {
            alternatives: vec![Candidate {
                side: "b".into(),
                row: 11,
                score: 0.61,
                name: "Бондаренко Сергей Иванович".into(),
            }],
            ..pair(
                6,
                9,
                brief("Бондаренко Сергій Іванович", "", &["long"]),
                brief("Бондарчук Сергей Иванович", "1987", &["long"]),
                0.74,
                vec![conflict("surname", "Бондаренко", "Бондарчук", "")],
            )
        },
        pair(
            8,
            10,
            brief("Ткачук Юрій", "30.06.1975", &[]),
            brief("Tkachuk Yurii", "30.06.1975", &[]),
            0.55,
            vec![],
        ),
    ];
    let only_a = vec![
        OnlyEntry {
            row: 3,
            person: brief("Гаврилюк Ганна Миколаївна", "17.01.2001", &["civilians"]),
            in_category: true,
            near_miss: Some(Candidate {
                side: "b".into(),
                row: 12,
                score: 0.21,
                name: "Гаврилова Анна".into(),
            }),
        },
        OnlyEntry {
            row: 5,
            person: brief("Зґурський Мар'ян", "01.09.1968", &[]),
            in_category: false,
            near_miss: None,
        },
    ];
    let only_b = vec![OnlyEntry {
        row: 2,
        person: brief("Объедков Фёдор Эрикович", "22.02.1993", &["wounded"]),
        in_category: true,
        near_miss: None,
    }];
    let mut a_records = vec![
        record(1, "Шевченко Тарас Григорович", "09.03.1984", &["wounded"]),
        record(2, "Коваленко Олена Петрівна", "05.03.1999", &["civilians"]),
        record(3, "Гаврилюк Ганна Миколаївна", "17.01.2001", &["civilians"]),
        record(4, "Мельник Андрій", "12.11.1990", &["wounded", "long"]),
        record(5, "Зґурський Мар'ян", "01.09.1968", &[]),
        record(6, "Бондаренко Сергій Іванович", "", &["long"]),
        record(8, "Ткачук Юрій", "30.06.1975", &[]),
        record(9, "Шевченко Тарас", "09.03.1984", &["wounded"]),
    ];
    a_records[4].out_of_category = true;
    a_records[4].reasons = vec!["age 58 at 2026-11-01: over 55 for every category".into()];
    a_records[5].unknown = vec!["civilians".into()];
    a_records[2].borderline = vec!["civilians".into()];
    a_records[2].claim = Some("military".into());
    a_records[2].claim_mismatch = true;
    let mut b_records = vec![
        record(1, "Коваленко Елена Петровна", "03.05.1999", &["civilians"]),
        record(2, "Объедков Фёдор Эрикович", "22.02.1993", &["wounded"]),
        record(3, "Шевченко Тарас Григорьевич", "09.03.1984", &["wounded"]),
        record(7, "Melnyk Andrii", "12.11.1990", &["wounded"]),
        record(9, "Бондарчук Сергей Иванович", "1987", &["long"]),
        record(10, "Tkachuk Yurii", "30.06.1975", &[]),
    ];
    b_records[5].out_of_category = true;
    b_records[5].reasons = vec!["not wounded; civilian status not stated".into()];
    let cats = [
        ("wounded", "Severely wounded and sick"),
        ("civilians", "Civilians detained"),
        ("long", "Held longer than 2 years"),
    ];
    Report {
        schema: SCHEMA.into(),
        powrec_version: "0.1.0".into(),
        agreement: Some(AgreementInfo {
            name: "Обмін 2026-11 (Istanbul protocol)".into(),
            reference_date: "2026-11-01".into(),
            categories: cats
                .iter()
                .map(|(id, label)| CategoryInfo {
                    id: id.to_string(),
                    label: label.to_string(),
                })
                .collect(),
        }),
        inputs: Sides {
            a: input("UA", "lists/ua_2026-11.csv", "csv", 9, 1),
            b: input("RU", "lists/ru_2026-11.xlsx", "xlsx", 10, 1),
        },
        settings: Settings {
            threshold: 0.9,
            review_threshold: 0.5,
        },
        summary: Summary {
            rows: Sides { a: 9, b: 10 },
            matched: 3,
            review: 2,
            conflicts: 2,
            only_a: 2,
            only_b: 1,
            categories: cats
                .iter()
                .zip([(3, 3, 2), (2, 1, 1), (2, 1, 1)])
                .map(|((id, label), (a, b, both))| CategoryCount {
                    id: id.to_string(),
                    label: label.to_string(),
                    a,
                    b,
                    both,
                })
                .collect(),
            out_of_category: Sides { a: 1, b: 1 },
            unknown: Sides { a: 1, b: 0 },
            borderline: Sides { a: 1, b: 0 },
            duplicates: Sides { a: 1, b: 0 },
            rejected: Sides { a: 1, b: 1 },
        },
        matches,
        only_a,
        only_b,
        records: Sides {
            a: a_records,
            b: b_records,
        },
        duplicates: Sides {
            a: vec![vec![1, 9]],
            b: vec![],
        },
        rejected: Sides {
            a: vec![RejectedEntry {
                row: 7,
                line: 8,
                reason: "no name in any name column".into(),
            }],
            b: vec![RejectedEntry {
                row: 4,
                line: 5,
                reason: "row has 3 cells, header has 9".into(),
            }],
        },
        ..Report::default()
    }
}

const HOSTILE: [&str; 5] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>",
    "<a href=\"javascript:alert(3)\">click</a>",
    "'; alert(4); '</script><svg onload=alert(5)>",
    "</textarea><iframe srcdoc='x'>&amp;",
];

/// The fixture with hostile text in every field a list or agreement can fill.
fn hostile() -> Report {
    let mut r = fixture();
    let h = |i: usize| HOSTILE[i % HOSTILE.len()].to_string();
    let mut n = 0;
    let mut next = || {
        n += 1;
        h(n)
    };
    if let Some(ag) = &mut r.agreement {
        ag.name = next();
        ag.reference_date = next();
        for c in &mut ag.categories {
            c.label = next();
        }
    }
    for i in [&mut r.inputs.a, &mut r.inputs.b] {
        i.label = next();
        i.path = next();
        i.notes = vec![next()];
        i.sheet = Some(next());
    }
    for c in &mut r.summary.categories {
        c.label = next();
        c.id = next();
    }
    for m in &mut r.matches {
        for p in [&mut m.people.a, &mut m.people.b] {
            p.name = next();
            p.dob = Some(next());
            p.categories = vec![next()];
        }
        for e in &mut m.explanation {
            e.field = next().into();
            e.level = next().into();
        }
        m.conflicts
            .push(conflict(&next(), &next(), &next(), &next()));
        m.alternatives.push(Candidate {
            side: next(),
            row: 1,
            score: 0.5,
            name: next(),
        });
    }
    for e in r.only_a.iter_mut().chain(r.only_b.iter_mut()) {
        e.person.name = next();
        e.person.dob = Some(next());
        e.person.categories = vec![next()];
    }
    for e in r.records.a.iter_mut().chain(r.records.b.iter_mut()) {
        e.name = next();
        e.dob = Some(next());
        e.reasons = vec![next()];
        e.unknown = vec![next()];
        e.claim = Some(next());
        e.claim_mismatch = true;
        e.out_of_category = true;
    }
    for e in r.rejected.a.iter_mut().chain(r.rejected.b.iter_mut()) {
        e.reason = next();
    }
    r
}

/// The text of a `<script type="application/json" id="data-{id}">` island, if any.
fn island<'a>(page: &'a str, id: &str) -> Option<&'a str> {
    let open = format!("<script type=\"application/json\" id=\"data-{id}\">");
    let start = page.find(&open)? + open.len();
    let len = page[start..].find("</script>")?;
    Some(&page[start..start + len])
}

fn island_rows(page: &str, id: &str) -> Vec<serde_json::Value> {
    island(page, id)
        .map(|s| serde_json::from_str(s).unwrap_or_else(|e| panic!("island {id}: {e}")))
        .unwrap_or_default()
}

const SECTIONS: [&str; 10] = [
    "only_a",
    "only_b",
    "conflicts",
    "review",
    "out_of_category",
    "unknown",
    "borderline",
    "duplicates",
    "rejected",
    "matched",
];

#[test]
fn header_charts_and_every_section_are_there() {
    let page = html(&fixture(), 100);
    assert!(page.starts_with("<!doctype html>"));
    for want in [
        "<meta charset=\"utf-8\">",
        "Обмін 2026-11 (Istanbul protocol)",
        "2026-11-01",
        "lists/ua_2026-11.csv",
        "lists/ru_2026-11.xlsx",
        STAMP,
        "powrec 0.1.0",
        "id=\"chart-categories\"",
        "id=\"chart-kinds\"",
        "id=\"chart-scores\"",
        "match ≥ 0.9",
        "review ≥ 0.5",
        "Шевченко Тарас Григорович",
        "Объедков Фёдор Эрикович",
        "Зґурський Мар&#39;ян",
        "Melnyk Andrii",
        "day and month swapped",
        "<mark>05.03.1999</mark>",
        "Бондаренко Сергей Иванович",
        "Severely wounded and sick",
        "@media print",
    ] {
        assert!(page.contains(want), "the page lacks {want:?}");
    }
    for id in SECTIONS {
        assert!(
            page.contains(&format!("id=\"sec-{id}\"")),
            "no section {id}"
        );
    }
    assert_eq!(page.matches("<svg ").count(), 3);
    assert!(page.contains("class=\"wf\""), "no waterfall");
}

#[test]
fn every_finding_is_in_the_file() {
    let r = fixture();
    let page = html(&r, 1);
    let count = |id: &str| island_rows(&page, id).len() as u64;
    assert_eq!(count("only_a"), r.count(Kind::OnlyA));
    assert_eq!(count("only_b"), r.count(Kind::OnlyB));
    assert_eq!(count("conflicts"), r.count(Kind::Conflicts));
    assert_eq!(count("review"), r.count(Kind::Review));
    assert_eq!(count("out_of_category"), r.count(Kind::OutOfCategory));
    assert_eq!(count("unknown"), r.count(Kind::Unknown));
    assert_eq!(count("borderline"), r.count(Kind::Borderline));
    assert_eq!(count("duplicates"), r.count(Kind::Duplicates));
    assert_eq!(count("rejected"), r.count(Kind::Rejected));
    assert_eq!(count("matched"), 1);
    assert!(
        page.contains("Rows 1–1 of 2 are shown. The other 1 are in this file"),
        "the no-script note is missing"
    );
    let json = island(&page, "review").unwrap();
    assert!(json.contains("Бондаренко Сергій Іванович"));
}

#[test]
fn output_is_deterministic() {
    assert_eq!(html(&fixture(), 2), html(&fixture(), 2));
}

#[test]
fn the_file_references_nothing_outside_itself() {
    // Hostile values hold such text too, escaped; hostile_values_never_become_markup checks
    // that none of it is markup.
    for page in [html(&fixture(), 2), html(&fixture(), 100)] {
        let lower = page.to_lowercase();
        // The only "http" allowed is the CSP meta's http-equiv, which forbids loading anything.
        assert_eq!(
            lower.replace("http-equiv", "").matches("http").count(),
            0,
            "an http reference"
        );
        for bad in [
            "//", "src=", "url(", "@import", "xmlns", "<link", "<img", "<iframe",
        ] {
            assert!(!lower.contains(bad), "the page contains {bad:?}");
        }
        assert!(lower.contains("content-security-policy\" content=\"default-src 'none';"));
    }
}

/// A start tag: its name and attributes (name, value).
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// Every start tag in `page`, skipping the content of script and style elements. Good enough
/// for this renderer's output, whose attribute values never hold a raw `>`.
fn tags(page: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        if name.is_empty() {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let mut body = rest[name.len()..end].trim_start();
        let mut attrs = Vec::new();
        while !body.is_empty() {
            let n_end = body
                .find(|c: char| c == '=' || c.is_whitespace())
                .unwrap_or(body.len());
            let attr = body[..n_end].to_lowercase();
            body = &body[n_end..];
            let mut value = String::new();
            if let Some(v) = body.strip_prefix('=') {
                let (q, v) = match v.chars().next() {
                    Some(q @ ('"' | '\'')) => (Some(q), &v[1..]),
                    _ => (None, v),
                };
                let v_end = match q {
                    Some(q) => v.find(q).unwrap_or(v.len()),
                    None => v.find(char::is_whitespace).unwrap_or(v.len()),
                };
                value = v[..v_end].to_string();
                body = &v[(v_end + q.map_or(0, |_| 1)).min(v.len())..];
            }
            attrs.push((attr, value));
            body = body.trim_start();
        }
        out.push(Tag {
            name: name.clone(),
            attrs,
        });
        if name == "script" || name == "style" {
            // The element's content is code or data, not markup.
            let close = format!("</{name}>");
            match rest.find(&close) {
                Some(j) => rest = &rest[j..],
                None => break,
            }
        }
    }
    out
}

/// Asserts that `page` (as written, or as Chromium's DOM after the script ran) holds only the
/// elements and attributes the renderer makes: no handler, no link out, no foreign element.
/// Returns the number of script elements.
fn assert_only_our_markup(page: &str) -> usize {
    let allowed_tags = [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "dl",
        "dt",
        "dd",
        "strong",
        "br",
        "span",
        "nav",
        "ol",
        "li",
        "a",
        "section",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "figure",
        "figcaption",
        "svg",
        "desc",
        "rect",
        "line",
        "text",
        "p",
        "i",
        "div",
        "label",
        "select",
        "option",
        "input",
        "mark",
        "button",
        "script",
        "footer",
    ];
    let allowed_attrs = [
        "lang",
        "charset",
        "http-equiv",
        "content",
        "name",
        "data-page-rows",
        "class",
        "id",
        "href",
        "aria-label",
        "scope",
        "viewbox",
        "width",
        "height",
        "role",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "text-anchor",
        "hidden",
        "value",
        "type",
        "autocomplete",
        "data-section",
        "data-total",
        "style",
        // Set by the script.
        "data-powrec",
        "data-selftest",
        "tabindex",
        "title",
        "aria-sort",
        "disabled",
    ];
    let all = tags(page);
    assert!(
        all.len() > 100,
        "the tag scanner found only {} tags",
        all.len()
    );
    let mut scripts = 0;
    for tag in &all {
        assert!(
            allowed_tags.contains(&tag.name.as_str()),
            "unexpected <{}>",
            tag.name
        );
        for (attr, value) in &tag.attrs {
            assert!(
                allowed_attrs.contains(&attr.as_str()),
                "<{} {attr}={value:?}>: unexpected attribute",
                tag.name
            );
            if attr == "href" {
                assert!(value.starts_with('#'), "a link out of the page: {value:?}");
            }
            if attr == "style" {
                assert!(
                    value
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || ":;.%- ".contains(c)),
                    "a style value that is not our geometry: {value:?}"
                );
            }
        }
        if tag.name == "script" {
            scripts += 1;
        }
    }
    scripts
}

#[test]
fn hostile_values_never_become_markup() {
    let page = html(&hostile(), 2);
    for h in HOSTILE {
        assert!(!page.contains(h), "{h:?} survived as is");
    }
    let scripts = assert_only_our_markup(&page);
    let islands = SECTIONS
        .iter()
        .filter(|id| island(&page, id).is_some())
        .count();
    assert_eq!(
        scripts,
        islands + 2,
        "one script per section island, the levels island and the page's own"
    );
    // The data survives escaping intact.
    let rows = island_rows(&page, "only_a");
    assert!(HOSTILE.contains(&rows[0]["c"][2].as_str().unwrap()));
}

/// A generated report of `n` rows per side: most matched, the rest spread over every kind.
fn big(n: u64) -> Report {
    let mut r = fixture();
    let surnames = [
        "Шевченко",
        "Коваленко",
        "Бондаренко",
        "Ткаченко",
        "Кравченко",
        "Олійник",
        "Шевчук",
        "Поліщук",
        "Іванов",
        "Смирнов",
        "Kovalenko",
        "Melnyk",
    ];
    let given = [
        "Тарас",
        "Олена",
        "Сергій",
        "Андрій",
        "Юрій",
        "Фёдор",
        "Anna",
    ];
    let name = |i: u64| {
        format!(
            "{} {} {}ович",
            surnames[(i % 12) as usize],
            given[(i % 7) as usize],
            given[((i / 7) % 7) as usize]
        )
    };
    let dob = |i: u64| format!("{:02}.{:02}.{}", 1 + i % 28, 1 + i % 12, 1960 + i % 45);
    let cats = ["wounded", "civilians", "long"];
    let cat = |i: u64| vec![cats[(i % 3) as usize].to_string()];
    let (mut matches, mut only_a, mut only_b) = (Vec::new(), Vec::new(), Vec::new());
    let (mut ra, mut rb) = (Vec::new(), Vec::new());
    for i in 1..=n {
        let mut rec = record(i, &name(i), &dob(i), &[]);
        rec.categories = cat(i);
        match i % 20 {
            0 => rec.out_of_category = true,
            1 => rec.unknown = cat(i + 1),
            2 => rec.borderline = cat(i),
            _ => {}
        }
        ra.push(rec.clone());
        rb.push(rec);
        let pa = Brief {
            name: name(i),
            dob: Some(dob(i)),
            categories: cat(i),
        };
        match i % 20 {
            3 => only_a.push(OnlyEntry {
                row: i,
                person: pa,
                in_category: true,
                near_miss: None,
            }),
            4 => only_b.push(OnlyEntry {
                row: i,
                person: pa,
                in_category: false,
                near_miss: Some(Candidate {
                    side: "a".into(),
                    row: i + 1,
                    score: 0.3,
                    name: name(i + 1),
                }),
            }),
            5 | 6 => {
                let c = vec![conflict("dob", &dob(i), &dob(i + 1), "one year apart")];
                matches.push(pair(i, i, pa.clone(), pa, 0.93, c));
            }
            7 => matches.push(pair(
                i,
                i,
                pa.clone(),
                pa,
                0.6 + (i % 30) as f64 / 100.0,
                vec![],
            )),
            _ => matches.push(pair(
                i,
                i,
                pa.clone(),
                pa,
                0.9 + (i % 10) as f64 / 100.0,
                vec![],
            )),
        }
    }
    r.summary.rows = Sides { a: n, b: n };
    r.summary.only_a = only_a.len() as u64;
    r.summary.only_b = only_b.len() as u64;
    r.summary.review = matches
        .iter()
        .filter(|m| m.status == PairStatus::Review)
        .count() as u64;
    r.summary.matched = matches.len() as u64 - r.summary.review;
    r.summary.conflicts = n / 10;
    r.matches = matches;
    r.only_a = only_a;
    r.only_b = only_b;
    r.records = Sides { a: ra, b: rb };
    r.duplicates = Sides {
        a: (1..n / 100).map(|i| vec![i, i + 1]).collect(),
        b: vec![],
    };
    r
}

/// target/html-check, where the pages and screenshots of these tests are kept.
fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("html-check");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_100k_row_report_stays_under_50_mb() {
    let r = big(100_000);
    let mut out = Vec::new();
    let t = Instant::now();
    render(&r, &opts(100), &mut out).unwrap();
    let took = t.elapsed();
    let mb = out.len() as f64 / 1e6;
    println!("100k-row report: {mb:.1} MB in {took:.2?} (this build's profile)");
    assert!(out.len() < 50_000_000, "{mb:.1} MB");
    let page = String::from_utf8(out).unwrap();
    assert_eq!(
        island_rows(&page, "matched").len(),
        r.matches
            .iter()
            .filter(|m| m.status == PairStatus::Match && m.conflicts.is_empty())
            .count()
    );
    // The HTML part stays one page per table: the bulk is data, not DOM.
    assert!(page.matches("<tr>").count() < 11 * 101);
    std::fs::write(artifacts().join("large.html"), page).unwrap();
}

/// Chromium's binary, if installed (`POWREC_CHROMIUM` names another). Absent, the browser
/// tests skip with a message, unless `POWREC_REQUIRE_CHROMIUM=1` (set by .ci/run and
/// scripts/check-html.sh) makes that a failure.
fn chromium(test: &str) -> Option<PathBuf> {
    let found = match std::env::var_os("POWREC_CHROMIUM") {
        Some(p) => Some(PathBuf::from(p)),
        None => ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .iter()
            .map(PathBuf::from)
            .find(|p| p.exists()),
    };
    if found.is_none() {
        assert!(
            std::env::var_os("POWREC_REQUIRE_CHROMIUM").is_none_or(|v| v != "1"),
            "{test}: POWREC_REQUIRE_CHROMIUM=1 but Chromium is not installed"
        );
        println!(
            "SKIPPED {test}: Chromium is not installed (apt-get install chromium, or set \
             POWREC_CHROMIUM to its path)"
        );
    }
    found
}

/// Runs headless Chromium on `page` with `extra` arguments; returns (stdout, stderr).
fn run_chromium(bin: &Path, page: &Path, extra: &[&str]) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}#selftest", page.display());
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish {} within 180 s", page.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    (reader.join().unwrap(), err_reader.join().unwrap())
}

/// Loads a page, checks the script ran its self-test with no console error, and keeps a
/// screenshot beside it.
fn check_in_browser(bin: &Path, page: &Path, screenshot: bool) {
    let (dom, log) = run_chromium(bin, page, &["--dump-dom"]);
    for bad in ["Uncaught", "Refused to", "SyntaxError", "TypeError"] {
        assert!(
            !log.contains(bad),
            "{}: the console reports {bad:?}:\n{log}",
            page.display()
        );
    }
    assert!(
        dom.contains("data-powrec=\"ready\""),
        "{}: the script did not finish:\n{}",
        page.display(),
        &dom[..dom.len().min(2000)]
    );
    assert!(
        dom.contains("data-selftest=\"ok "),
        "{}: self-test failed",
        page.display()
    );
    assert_only_our_markup(&dom);
    if screenshot {
        let png = page.with_extension("png");
        let _ = std::fs::remove_file(&png);
        let shot = format!("--screenshot={}", png.display());
        run_chromium(
            bin,
            page,
            &[&shot, "--window-size=1280,2400", "--hide-scrollbars"],
        );
        assert!(png.exists(), "no screenshot at {}", png.display());
        println!("screenshot: {}", png.display());
    }
}

#[test]
fn the_page_loads_cleanly_in_headless_chromium() {
    let Some(bin) = chromium("the_page_loads_cleanly_in_headless_chromium") else {
        return;
    };
    let dir = artifacts();
    let fixture_page = dir.join("fixture.html");
    std::fs::write(&fixture_page, html(&fixture(), 2)).unwrap();
    check_in_browser(&bin, &fixture_page, true);
    let full_page = dir.join("fixture-full.html");
    std::fs::write(&full_page, html(&fixture(), 100)).unwrap();
    check_in_browser(&bin, &full_page, true);
    let hostile_page = dir.join("hostile.html");
    std::fs::write(&hostile_page, html(&hostile(), 1)).unwrap();
    check_in_browser(&bin, &hostile_page, true);
}

#[test]
fn a_20k_row_report_loads_in_headless_chromium() {
    let Some(bin) = chromium("a_20k_row_report_loads_in_headless_chromium") else {
        return;
    };
    let page = artifacts().join("medium.html");
    std::fs::write(&page, html(&big(20_000), 100)).unwrap();
    check_in_browser(&bin, &page, false);
}
