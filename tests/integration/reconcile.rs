//! Integration tests: `powrec reconcile` end to end on the shipped fixtures — row accounting,
//! the JSON schema, every format, exit codes, and the CLI's safety rules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use crate::harness::{fixture, powrec, root};

const AGREEMENT: &str = "fixtures/istanbul-2025.toml";

/// The fixture pairs every invariant is checked on.
const PAIRS: &[(&str, &str)] = &[
    ("fixtures/ua-side.csv", "fixtures/ru-side.json"),
    ("fixtures/ua-side.csv", "fixtures/mediator-latin.csv"),
    ("fixtures/ru-side.json", "fixtures/mediator-latin.csv"),
    ("fixtures/ua-side.xlsx", "fixtures/ru-side.json"),
    ("fixtures/ua-side-cp1251.csv", "fixtures/ua-side-utf16.csv"),
];

fn run_json(a: &str, b: &str, extra: &[&str]) -> (Value, i32) {
    let out = powrec()
        .args([
            "reconcile",
            a,
            b,
            "--agreement",
            AGREEMENT,
            "--format",
            "json",
        ])
        .args(extra)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    assert!(
        code == 0 || code == 1,
        "{a} vs {b}: exit {code}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (serde_json::from_slice(&out.stdout).unwrap(), code)
}

fn rows(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e["row"].as_u64().unwrap())
        .collect()
}

/// Every row of a side appears exactly once among matches, only_* and rejected; `records`
/// holds every non-rejected row.
fn assert_accounting(report: &Value, side: &str) {
    let total = report["inputs"][side]["rows"].as_u64().unwrap();
    let mut seen: BTreeMap<u64, u32> = BTreeMap::new();
    for m in report["matches"].as_array().unwrap() {
        *seen.entry(m[side].as_u64().unwrap()).or_default() += 1;
    }
    for r in rows(&report[format!("only_{side}")]) {
        *seen.entry(r).or_default() += 1;
    }
    let rejected = rows(&report["rejected"][side]);
    for r in &rejected {
        *seen.entry(*r).or_default() += 1;
    }
    let expected: BTreeMap<u64, u32> = (1..=total).map(|r| (r, 1)).collect();
    assert_eq!(seen, expected, "side {side}: every row exactly once");
    let records: BTreeSet<u64> = rows(&report["records"][side]).into_iter().collect();
    let kept: BTreeSet<u64> = (1..=total).filter(|r| !rejected.contains(r)).collect();
    assert_eq!(
        records, kept,
        "side {side}: records holds every non-rejected row"
    );
}

#[test]
fn every_row_lands_in_exactly_one_place_on_every_fixture_pair() {
    for (a, b) in PAIRS {
        let (report, _) = run_json(a, b, &[]);
        assert_eq!(report["schema"], "powrec.report.v1");
        assert_accounting(&report, "a");
        assert_accounting(&report, "b");
        // A row in a duplicate group is still accounted for above; the groups name real rows.
        for side in ["a", "b"] {
            let total = report["inputs"][side]["rows"].as_u64().unwrap();
            for g in report["duplicates"][side].as_array().unwrap() {
                for r in g.as_array().unwrap() {
                    assert!((1..=total).contains(&r.as_u64().unwrap()));
                }
            }
        }
    }
}

#[test]
fn matching_is_one_to_one() {
    for (a, b) in PAIRS {
        let (report, _) = run_json(a, b, &[]);
        let matches = report["matches"].as_array().unwrap();
        for side in ["a", "b"] {
            let rows: Vec<u64> = matches.iter().map(|m| m[side].as_u64().unwrap()).collect();
            let unique: BTreeSet<u64> = rows.iter().copied().collect();
            assert_eq!(
                rows.len(),
                unique.len(),
                "{a} vs {b}: side {side} matched twice"
            );
        }
    }
}

/// The pairs of a report keyed by the two sides' `id` column (the fixtures' № column),
/// which survives reordering and swapping.
fn pairs_by_row(report: &Value) -> BTreeSet<(u64, u64, String)> {
    report["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["a"].as_u64().unwrap(),
                m["b"].as_u64().unwrap(),
                m["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn reconcile_b_a_mirrors_reconcile_a_b() {
    let (ab, code_ab) = run_json("fixtures/ua-side.csv", "fixtures/ru-side.json", &[]);
    let (ba, code_ba) = run_json("fixtures/ru-side.json", "fixtures/ua-side.csv", &[]);
    let swapped: BTreeSet<(u64, u64, String)> = pairs_by_row(&ba)
        .into_iter()
        .map(|(a, b, s)| (b, a, s))
        .collect();
    assert_eq!(pairs_by_row(&ab), swapped);
    assert_eq!(rows(&ab["only_a"]).len(), rows(&ba["only_b"]).len());
    assert_eq!(code_ab, code_ba);
}

#[test]
fn cross_script_people_of_the_fixtures_match() {
    let (report, _) = run_json("fixtures/ua-side.csv", "fixtures/ru-side.json", &[]);
    let by_a: BTreeMap<u64, &Value> = report["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["a"].as_u64().unwrap(), m))
        .collect();
    // Олійник Олександр Сергійович (A row 1) is Олейник Александр Сергеевич (B row 1).
    let m = by_a.get(&1).expect("A row 1 matched");
    assert_eq!(m["b"], 1);
    assert_eq!(m["status"], "match");
    assert!(
        m["people"]["b"]["name"]
            .as_str()
            .unwrap()
            .contains("Олейник")
    );
    // Every pair carries its explanation, prior first, then one weight per field.
    let expl = m["explanation"].as_array().unwrap();
    assert_eq!(expl[0]["field"], "prior");
    assert!(expl.iter().any(|e| e["field"] == "surname"));
    assert!(expl.iter().all(|e| e["weight"].is_number()));
    // Most of the Ukrainian list is on the Russian one.
    assert!(by_a.len() >= 20, "only {} pairs", by_a.len());
}

#[test]
fn json_report_validates_against_the_published_schema() {
    let schema_out = powrec().arg("schema").output().unwrap();
    assert!(schema_out.status.success());
    let schema: Value = serde_json::from_slice(&schema_out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for (a, b) in PAIRS {
        let (report, _) = run_json(a, b, &[]);
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{a} vs {b}: {errors:#?}");
    }
    // The schema is not vacuous: a report without its pinned fields fails it.
    let mut broken = run_json(PAIRS[0].0, PAIRS[0].1, &[]).0;
    broken.as_object_mut().unwrap().remove("matches");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn exit_code_follows_fail_on_for_every_kind() {
    let (report, _) = run_json("fixtures/ua-side.csv", "fixtures/ru-side.json", &[]);
    let s = &report["summary"];
    let count = |k: &str| -> u64 {
        match k {
            "only_a" | "only_b" | "conflicts" | "review" => s[k].as_u64().unwrap(),
            _ => s[k]["a"].as_u64().unwrap() + s[k]["b"].as_u64().unwrap(),
        }
    };
    let kinds = [
        "only_a",
        "only_b",
        "conflicts",
        "review",
        "out_of_category",
        "unknown",
        "borderline",
        "duplicates",
        "rejected",
    ];
    let mut seen_codes = BTreeSet::new();
    for k in kinds {
        let (_, code) = run_json(
            "fixtures/ua-side.csv",
            "fixtures/ru-side.json",
            &["--fail-on", k],
        );
        let expected = if count(k) > 0 { 1 } else { 0 };
        assert_eq!(code, expected, "--fail-on {k} with {} findings", count(k));
        seen_codes.insert(code);
    }
    // The fixtures exercise both outcomes.
    assert_eq!(seen_codes, BTreeSet::from([0, 1]));
    // An empty --fail-on never fails.
    let (_, code) = run_json(
        "fixtures/ua-side.csv",
        "fixtures/ru-side.json",
        &["--fail-on", ""],
    );
    assert_eq!(code, 0);
}

#[test]
fn a_list_against_itself_agrees() {
    let (report, code) = run_json(
        "fixtures/ua-side.csv",
        "fixtures/ua-side.csv",
        &["--fail-on", "only_a,only_b,conflicts,review"],
    );
    assert_eq!(code, 0, "{:#}", report["summary"]);
    for m in report["matches"].as_array().unwrap() {
        assert_eq!(m["a"], m["b"]);
        assert_eq!(m["status"], "match");
    }
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn csv_output_neutralises_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.csv",
        "Прізвище;Ім'я;Дата народження\n=HYPERLINK(\"x\");Іван;01.01.1990\n+Шевченко;@Петро;02.02.1991\n-Коваль;Олег;03.03.1992\n",
    );
    let b = write(
        dir.path(),
        "b.csv",
        "Фамилия;Имя;Дата рождения\nИванов;Иван;04.04.1980\n",
    );
    let out = powrec()
        .args(["reconcile", &a, &b, "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let mut cells = 0;
    for rec in rd.records() {
        for cell in rec.unwrap().iter() {
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "unsafe cell {cell:?}"
            );
        }
    }
    assert!(cells > 0);
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains("'+Шевченко"), "{text}");
    assert!(text.contains("'-Коваль"), "{text}");
}

#[test]
fn output_file_is_written_and_never_replaces_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.csv");
    std::fs::copy(fixture("ua-side.csv"), &a).unwrap();
    let before = std::fs::read(&a).unwrap();
    powrec()
        .args(["reconcile", a.to_str().unwrap(), "fixtures/ru-side.json"])
        .args(["-o", a.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("input"));
    assert_eq!(std::fs::read(&a).unwrap(), before, "the input was changed");

    let out = dir.path().join("report.json");
    powrec()
        .args(["reconcile", "fixtures/ua-side.csv", "fixtures/ru-side.json"])
        .args(["-o", out.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout("");
    let report: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(report["schema"], "powrec.report.v1", "-o x.json picks JSON");
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 2);
}

#[test]
fn standard_input_is_read_for_one_side() {
    let ua = std::fs::read(fixture("ua-side.csv")).unwrap();
    let out = powrec()
        .args([
            "reconcile",
            "-",
            "fixtures/ru-side.json",
            "--format",
            "json",
        ])
        .write_stdin(ua)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let from_stdin: Value = serde_json::from_slice(&out.stdout).unwrap();
    let (from_file, _) = run_json("fixtures/ua-side.csv", "fixtures/ru-side.json", &[]);
    assert_eq!(pairs_by_row(&from_stdin), pairs_by_row(&from_file));
    powrec()
        .args(["reconcile", "-", "-"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("standard input"));
}

#[test]
fn wrong_invocations_say_what_to_do() {
    let cases: &[(&[&str], &str)] = &[
        (&["reconcile", "fixtures/ua-side.csv"], "<B>"),
        (
            &["reconcile", "fixtures/nope.csv", "fixtures/ru-side.json"],
            "nope.csv",
        ),
        (
            &[
                "reconcile",
                "fixtures/ua-side.csv",
                "fixtures/ru-side.json",
                "--fail-on",
                "only_c",
            ],
            "the kinds are",
        ),
        (
            &[
                "reconcile",
                "fixtures/ua-side.csv",
                "fixtures/ru-side.json",
                "--threshold",
                "1.5",
            ],
            "between 0 and 1",
        ),
        (
            &[
                "reconcile",
                "fixtures/ua-side.csv",
                "fixtures/ru-side.json",
                "--threshold",
                "0.4",
                "--review-threshold",
                "0.6",
            ],
            "above --threshold",
        ),
        (
            &[
                "reconcile",
                "fixtures/ua-side.csv",
                "fixtures/ru-side.json",
                "--map-a",
                "nom=X",
            ],
            "the fields are",
        ),
        (
            &[
                "reconcile",
                "fixtures/ua-side.csv",
                "fixtures/ru-side.json",
                "--format",
                "pdf",
            ],
            "possible values",
        ),
        (
            &[
                "reconcile",
                "fixtures/ua-side.csv",
                "fixtures/ru-side.json",
                "--agreement",
                "fixtures/agreements/broken-many.toml",
            ],
            "broken-many.toml",
        ),
    ];
    for (args, needle) in cases {
        let out = powrec().args(*args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// Snapshots of every text format on the fixtures. Review changes with `cargo insta review`
/// (or delete the .snap file and rerun) and commit them.
#[test]
fn every_format_on_the_fixtures_matches_its_snapshot() {
    for format in ["text", "md", "csv", "json"] {
        let out = powrec()
            .args(["reconcile", "fixtures/ua-side.csv", "fixtures/ru-side.json"])
            .args(["--agreement", AGREEMENT, "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let mut text = String::from_utf8(out.stdout).unwrap();
        if format == "json" {
            // The format is compact; the snapshot is pretty so that a change reads as a diff.
            let v: Value = serde_json::from_str(&text).unwrap();
            text = serde_json::to_string_pretty(&v).unwrap();
        }
        insta::with_settings!({
            snapshot_path => root().join("tests/snapshots"),
            prepend_module_to_snapshot => false,
            filters => vec![(r#""powrec_version": "[^"]+""#, r#""powrec_version": "[version]""#)],
        }, {
            insta::assert_snapshot!(format!("reconcile_fixtures_{format}"), text);
        });
    }
}

#[test]
fn config_file_sets_thresholds_and_refuses_what_it_cannot_do() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = write(
        dir.path(),
        "c.toml",
        "[matching]\nthreshold = 0.99\nreview_threshold = 0.98\n",
    );
    let (report, _) = run_json(
        "fixtures/ua-side.csv",
        "fixtures/ru-side.json",
        &["--config", &cfg],
    );
    assert_eq!(report["settings"]["threshold"], 0.99);
    assert_eq!(report["settings"]["review_threshold"], 0.98);
    // Each config below stops the run with exit 2; its message is returned.
    let refused = |name: &str, text: &str| -> String {
        let cfg = write(dir.path(), name, text);
        let out = powrec()
            .args(["reconcile", "fixtures/ua-side.csv", "fixtures/ru-side.json"])
            .args(["--config", &cfg])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // A column to compare that a list lacks names the list and its columns.
    let err = refused(
        "d.toml",
        "[[matching.compare]]\ncolumn = \"postcode\"\nmethod = \"exact\"\n",
    );
    for needle in ["ua-side.csv", "'postcode'", "Військова частина"] {
        assert!(err.contains(needle), "{needle}: {err}");
    }
    // A field the engine compares anyway is refused by the config.
    let err = refused(
        "f.toml",
        "[[matching.compare]]\ncolumn = \"dob\"\nmethod = \"date\"\n",
    );
    assert!(
        err.contains("f.toml") && err.contains("already compared"),
        "{err}"
    );
    // A broken config names its file and line.
    let err = refused("e.toml", "[matching]\nthreshhold = 0.9\n");
    assert!(err.contains("e.toml") && err.contains("line 2"), "{err}");
}

#[test]
fn reading_limits_apply_to_reconcile_too() {
    // Some health cells of the Russian fixture are over 40 bytes: those rows are rejected
    // with a reason naming the flag, and still accounted for.
    let (report, _) = run_json(
        "fixtures/ua-side.csv",
        "fixtures/ru-side.json",
        &["--max-field-bytes", "40"],
    );
    let rejected = report["rejected"]["b"].as_array().unwrap();
    assert!(!rejected.is_empty());
    assert!(
        rejected
            .iter()
            .all(|r| r["reason"].as_str().unwrap().contains("--max-field-bytes")),
        "{rejected:#?}"
    );
    assert_accounting(&report, "a");
    assert_accounting(&report, "b");
}

fn run_format(format: &str) -> String {
    let out = powrec()
        .args(["reconcile", "fixtures/ua-side.csv", "fixtures/ru-side.json"])
        .args(["--agreement", AGREEMENT, "--format", format, "--all"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{format}");
    String::from_utf8(out.stdout).unwrap()
}

/// The numbers of a summary line of the text or Markdown table, by its label.
fn summary_numbers(text: &str, label: &str) -> Vec<u64> {
    let line = text
        .lines()
        .find(|l| l.trim_start_matches(['│', '|', ' ']).starts_with(label))
        .unwrap_or_else(|| panic!("no '{label}' line in\n{text}"));
    line.split(['│', '┆', '|'])
        .skip(2)
        .filter_map(|c| c.trim().parse().ok())
        .collect()
}

#[test]
fn row_accounting_holds_in_every_format() {
    let (report, _) = run_json("fixtures/ua-side.csv", "fixtures/ru-side.json", &[]);
    let total = |side: &str| report["inputs"][side]["rows"].as_u64().unwrap();
    // Text and Markdown: the summary adds up, per side.
    for format in ["text", "md"] {
        let text = run_format(format);
        let read = summary_numbers(&text, "rows read");
        let matched = summary_numbers(&text, "matched pairs")[0];
        let review = summary_numbers(&text, "pairs to review")[0];
        let only = summary_numbers(&text, "only on one side");
        let rejected = summary_numbers(&text, "rejected rows");
        assert_eq!(read, vec![total("a"), total("b")], "{format}");
        for side in 0..2 {
            assert_eq!(
                matched + review + only[side] + rejected[side],
                read[side],
                "{format}: side {side} does not add up"
            );
        }
    }
    // CSV: exactly the JSON's rows only on one side, review pairs and rejected rows.
    let csv_text = run_format("csv");
    let mut rd = csv::Reader::from_reader(csv_text.as_bytes());
    let mut got: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for rec in rd.records() {
        let rec = rec.unwrap();
        let key = format!("{}/{}", &rec[2], &rec[5]);
        got.entry(rec[0].to_string()).or_default().insert(key);
    }
    let mut want: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in rows(&report["only_a"]) {
        want.entry("only_a".into())
            .or_default()
            .insert(format!("{r}/"));
    }
    for r in rows(&report["only_b"]) {
        want.entry("only_b".into())
            .or_default()
            .insert(format!("/{r}"));
    }
    for m in report["matches"].as_array().unwrap() {
        if m["status"] == "review" {
            want.entry("review".into())
                .or_default()
                .insert(format!("{}/{}", m["a"], m["b"]));
        }
    }
    for kind in ["only_a", "only_b", "review"] {
        assert_eq!(got.get(kind), want.get(kind), "csv {kind}");
    }
}

#[test]
fn extra_columns_tell_namesakes_apart_and_explain_themselves() {
    let (a, b) = ("fixtures/compare/ua.csv", "fixtures/compare/ru.csv");
    let cfg = "fixtures/compare/config.toml";
    // Without the config, B's two Мельник Іван Петрович (no dates of birth) look like one
    // person listed twice, and A's Мельник goes to the first of them.
    let (plain, _) = run_json(a, b, &[]);
    assert!(pairs_by_row(&plain).contains(&(1, 1, "match".into())));
    // With it, unit, date of capture and ICRC tag pick the right one.
    let (report, code) = run_json(a, b, &["--config", cfg]);
    assert_eq!(code, 1);
    assert_accounting(&report, "a");
    assert_accounting(&report, "b");
    let pairs = pairs_by_row(&report);
    assert!(pairs.contains(&(1, 2, "match".into())), "{pairs:?}");
    assert_eq!(rows(&report["only_b"]), vec![1]);
    assert!(report["duplicates"]["b"].as_array().unwrap().is_empty());
    let m = report["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["a"] == 1)
        .unwrap();
    let level = |field: &str| {
        m["explanation"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["field"] == field)
            .map(|e| {
                (
                    e["level"].as_str().unwrap().to_string(),
                    e["weight"].as_f64().unwrap(),
                )
            })
    };
    // Same unit, same date written two ways, same tag: each adds to the score.
    for (field, want) in [
        ("unit", "exact"),
        ("captured_on", "exact"),
        ("Жетон МКЧХ", "exact"),
    ] {
        let (got, w) = level(field).unwrap_or_else(|| panic!("{field} not explained: {m}"));
        assert_eq!(got, want, "{field}");
        assert!(w > 0.0, "{field}: {w}");
    }
    // Авдіївка = Авдеевка is not compared (not in the config); a tag that differs is a
    // conflict of the matched pair, named as the config names the column.
    let tkachuk = report["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["a"] == 5)
        .unwrap();
    assert_eq!(tkachuk["status"], "match");
    let conflict = tkachuk["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "Жетон МКЧХ")
        .unwrap_or_else(|| panic!("{tkachuk}"));
    assert_eq!(
        (conflict["a"].as_str(), conflict["b"].as_str()),
        (Some("UA-40562"), Some("UA-40999"))
    );
    // The report still validates, and the mirror holds.
    let (mirror, _) = run_json(b, a, &["--config", cfg]);
    let flipped: BTreeSet<(u64, u64, String)> = pairs_by_row(&mirror)
        .into_iter()
        .map(|(x, y, s)| (y, x, s))
        .collect();
    assert_eq!(flipped, pairs);
}
