//! Integration tests: `powrec synth` (reproducibility, noise rates, truth consistency, the
//! reader reading what synth writes) and `powrec evaluate` (on hand-written reports).

use std::collections::HashMap;
use std::path::Path;

use powrec::synth::{self, BFormat, Noise, Settings};

use crate::harness::{fixture, powrec};

fn generate(s: &Settings) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    synth::generate(s, dir.path()).expect("generate");
    dir
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn truth(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&read(dir, "truth.json")).expect("truth.json is JSON")
}

/// Side A's data rows as cells (BOM and header dropped).
fn side_a(dir: &Path) -> Vec<Vec<String>> {
    let bytes = read(dir, "side-a.csv");
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "side A starts with a BOM"
    );
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers = rdr.headers().expect("header").clone();
    assert_eq!(&headers[1], "Прізвище");
    rdr.records()
        .map(|r| r.expect("row").iter().map(String::from).collect())
        .collect()
}

fn side_b(dir: &Path) -> Vec<serde_json::Map<String, serde_json::Value>> {
    serde_json::from_slice(&read(dir, "side-b.json")).expect("side B is a JSON array of objects")
}

fn small(seed: u64) -> Settings {
    Settings {
        seed,
        people: 300,
        mediator: true,
        ..Settings::default()
    }
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let (x, y, z) = (
        generate(&small(7)),
        generate(&small(7)),
        generate(&small(8)),
    );
    for f in [
        "side-a.csv",
        "side-b.json",
        "mediator.csv",
        "truth.json",
        "agreement.toml",
    ] {
        assert_eq!(
            read(x.path(), f),
            read(y.path(), f),
            "{f} differs for one seed"
        );
    }
    for f in ["side-a.csv", "side-b.json", "mediator.csv", "truth.json"] {
        assert_ne!(
            read(x.path(), f),
            read(z.path(), f),
            "{f} equal for two seeds"
        );
    }
    assert_eq!(
        String::from_utf8(read(x.path(), "agreement.toml"))
            .ok()
            .as_deref(),
        Some(synth::AGREEMENT)
    );
}

fn near(count: usize, n: usize, rate: f64, what: &str) {
    let got = count as f64 / n as f64;
    // Four standard deviations of a binomial share, so a correct generator never fails.
    let tol = 4.0 * (rate * (1.0 - rate) / n as f64).sqrt() + 0.002;
    assert!(
        (got - rate).abs() <= tol,
        "{what}: {got:.4} observed, {rate} asked (±{tol:.4})"
    );
}

#[test]
fn noise_rates_land_near_what_was_asked() {
    let s = Settings {
        seed: 11,
        people: 5000,
        noise: Noise {
            typo: 0.05,
            missing_patronymic: 0.1,
            other_spelling: 0.0,
            homoglyph: 0.05,
            day_month_swap: 0.0,
            year_off_by_one: 0.0,
            missing_dob: 0.08,
            upper_surname: 0.2,
            extra_spaces: 0.0,
        },
        ..Settings::default()
    };
    let dir = generate(&s);
    let a = side_a(dir.path());
    let n = a.len();
    assert!(n >= 5000);
    near(
        a.iter().filter(|r| r[4].is_empty()).count(),
        n,
        0.08,
        "A missing dob",
    );
    near(
        a.iter().filter(|r| r[3].is_empty()).count(),
        n,
        0.1,
        "A missing patronymic",
    );
    let upper = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    };
    near(
        a.iter().filter(|r| upper(&r[1])).count(),
        n,
        0.2,
        "A upper-case surnames",
    );
    let latin = |s: &str| s.chars().any(|c| c.is_ascii_alphabetic());
    // A surname without a look-alike letter cannot take one: allow for the few.
    let mixed = a.iter().filter(|r| latin(&r[1])).count() as f64 / n as f64;
    assert!((0.035..=0.065).contains(&mixed), "A homoglyphs {mixed}");

    let b = side_b(dir.path());
    let nb = b.len();
    near(
        b.iter().filter(|o| o["Дата рождения"].is_null()).count(),
        nb,
        0.08,
        "B missing dob",
    );
    near(
        b.iter().filter(|o| o["Отчество"].is_null()).count(),
        nb,
        0.1,
        "B missing patronymic",
    );

    // The truth's noise notes say exactly what the file shows.
    let t = truth(dir.path());
    let recs = t["records"]["a"].as_array().expect("records.a");
    assert_eq!(recs.len(), n);
    for (rec, row) in recs.iter().zip(&a) {
        let noise: Vec<&str> = rec["noise"]
            .as_array()
            .expect("noise")
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert_eq!(noise.contains(&"missing_dob"), row[4].is_empty(), "{row:?}");
        assert_eq!(
            noise.contains(&"missing_patronymic"),
            row[3].is_empty(),
            "{row:?}"
        );
        assert_eq!(noise.contains(&"homoglyph"), latin(&row[1]), "{row:?}");
    }
    let typos = recs
        .iter()
        .filter(|r| {
            r["noise"].as_array().is_some_and(|v| {
                v.iter()
                    .any(|x| x.as_str().is_some_and(|s| s.starts_with("typo")))
            })
        })
        .count();
    near(typos, n, 0.05, "A typos");
}

#[test]
fn date_noise_and_other_spelling_land_near_their_rates() {
    let s = Settings {
        seed: 12,
        people: 5000,
        noise: Noise {
            other_spelling: 0.2,
            day_month_swap: 0.3,
            year_off_by_one: 0.1,
            extra_spaces: 0.1,
            ..Noise::none()
        },
        ..Settings::default()
    };
    let dir = generate(&s);
    let t = truth(dir.path());
    let recs = t["records"]["b"].as_array().expect("records.b");
    let n = recs.len();
    let count = |kind: &str| {
        recs.iter()
            .filter(|r| {
                r["noise"]
                    .as_array()
                    .is_some_and(|v| v.iter().any(|x| x.as_str() == Some(kind)))
            })
            .count()
    };
    near(count("year_off_by_one"), n, 0.1, "year off by one");
    near(count("extra_spaces"), n, 0.1, "extra spaces");
    // A swap needs a day ≤ 12 other than the month (about 12/30.4 × 11/12 of dates) and
    // other spelling a surname spelt differently in Russian.
    let swaps = count("day_month_swap") as f64 / n as f64;
    assert!((0.09..=0.13).contains(&swaps), "swaps {swaps}");
    let other = count("other_spelling") as f64 / n as f64;
    assert!((0.05..=0.2).contains(&other), "other spelling {other}");
    let b = side_b(dir.path());
    let spaced = b
        .iter()
        .filter(|o| {
            ["Фамилия", "Имя"].iter().any(|k| {
                o[*k]
                    .as_str()
                    .is_some_and(|v| v != v.trim() || v.contains("  "))
            })
        })
        .count();
    assert_eq!(spaced, count("extra_spaces"));
}

#[test]
fn truth_pairs_duplicates_and_categories_are_consistent() {
    let s = Settings {
        seed: 5,
        people: 3000,
        duplicates: 0.05,
        noise: Noise::none(),
        ..Settings::default()
    };
    let dir = generate(&s);
    let t = truth(dir.path());
    let person = |side: &str| -> Vec<u64> {
        t["records"][side]
            .as_array()
            .expect("records")
            .iter()
            .enumerate()
            .map(|(i, r)| {
                assert_eq!(r["row"].as_u64(), Some(i as u64 + 1), "rows in order");
                r["person"].as_u64().expect("person")
            })
            .collect()
    };
    let (pa, pb) = (person("a"), person("b"));
    assert_eq!(t["rows"]["a"].as_u64(), Some(pa.len() as u64));
    assert_eq!(side_a(dir.path()).len(), pa.len());
    assert_eq!(side_b(dir.path()).len(), pb.len());
    let pairs = t["pairs"].as_array().expect("pairs");
    // Every pair is one person, and every shared person is paired.
    let mut b_of: HashMap<u64, usize> = HashMap::new();
    for p in &pb {
        *b_of.entry(*p).or_default() += 1;
    }
    let expected: usize = pa.iter().map(|p| b_of.get(p).copied().unwrap_or(0)).sum();
    assert_eq!(pairs.len(), expected);
    let overlap = pa.iter().filter(|p| b_of.contains_key(p)).count() as f64 / pa.len() as f64;
    assert!((0.75..0.85).contains(&overlap), "overlap {overlap}");
    let recs_a = t["records"]["a"].as_array().expect("a");
    let recs_b = t["records"]["b"].as_array().expect("b");
    for p in pairs {
        let (a, b) = (p[0].as_u64().unwrap_or(0), p[1].as_u64().unwrap_or(0));
        assert_eq!(pa[a as usize - 1], pb[b as usize - 1]);
        // Without noise both sides say the same thing, so they classify alike.
        let (ra, rb) = (&recs_a[a as usize - 1], &recs_b[b as usize - 1]);
        assert_eq!(ra["categories"], rb["categories"], "A {a} / B {b}");
        assert_eq!(ra["unknown"], rb["unknown"], "A {a} / B {b}");
    }
    for side in ["a", "b"] {
        let groups = t["duplicates"][side].as_array().expect("duplicates");
        let rows = if side == "a" { &pa } else { &pb };
        let share = groups.len() as f64 / rows.len() as f64;
        assert!((0.03..0.07).contains(&share), "{side} duplicates {share}");
        for g in groups {
            let g: Vec<usize> = g
                .as_array()
                .expect("group")
                .iter()
                .filter_map(|v| v.as_u64())
                .map(|r| r as usize)
                .collect();
            assert_eq!(g.len(), 2);
            assert_eq!(rows[g[0] - 1], rows[g[1] - 1]);
        }
    }
    // Every category occurs, and ages cluster at the edges of youth.
    let cats = |c: &str| {
        recs_a
            .iter()
            .filter(|r| {
                r["categories"]
                    .as_array()
                    .is_some_and(|v| v.iter().any(|x| x == c))
            })
            .count() as f64
            / recs_a.len() as f64
    };
    assert!(cats("youth") > 0.15, "youth {}", cats("youth"));
    assert!(
        cats("wounded_ill") > 0.08,
        "wounded_ill {}",
        cats("wounded_ill")
    );
    let edge = side_a(dir.path())
        .iter()
        .filter(|r| r[4].ends_with(".2007") || r[4].ends_with(".1999"))
        .count() as f64
        / recs_a.len() as f64;
    assert!(edge > 0.08, "births near the edges {edge}");
}

#[test]
fn side_b_as_csv_has_one_full_name_column() {
    let s = Settings {
        people: 200,
        b_format: BFormat::Csv,
        ..Settings::default()
    };
    let dir = generate(&s);
    assert!(!dir.path().join("side-b.json").exists());
    let bytes = read(dir.path(), "side-b.csv");
    let mut rdr = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(&rdr.headers().expect("header")[0], "ФИО");
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    let t = truth(dir.path());
    assert_eq!(t["rows"]["b"].as_u64(), Some(rows.len() as u64));
    assert!(rows.iter().all(|r| r[0].split_whitespace().count() >= 2));
}

#[test]
fn the_reader_maps_every_column_and_rejects_nothing() {
    let s = Settings {
        people: 500,
        mediator: true,
        ..Settings::default()
    };
    let dir = generate(&s);
    let csv_b = generate(&Settings {
        b_format: BFormat::Csv,
        ..s.clone()
    });
    let t = truth(dir.path());
    for (path, rows) in [
        (dir.path().join("side-a.csv"), t["rows"]["a"].as_u64()),
        (dir.path().join("side-b.json"), t["rows"]["b"].as_u64()),
        (
            dir.path().join("mediator.csv"),
            t["rows"]["mediator"].as_u64(),
        ),
        (csv_b.path().join("side-b.csv"), t["rows"]["b"].as_u64()),
    ] {
        let p = path.display().to_string();
        let ds = powrec::read::read_path(&p, &Default::default()).expect("read");
        for c in &ds.mapping.columns {
            assert!(c.field.is_some(), "{p}: column '{}' not mapped", c.header);
        }
        assert!(ds.rejected.is_empty(), "{p}: {:?}", ds.rejected.first());
        assert_eq!(Some(ds.records.len() as u64), rows, "{p}");
    }
}

#[test]
fn cli_writes_the_files_the_bench_harness_expects() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("run");
    powrec()
        .args(["synth", "--people", "50", "--seed", "3", "--quiet", "--out"])
        .arg(&out)
        .assert()
        .success();
    for f in ["side-a.csv", "side-b.json", "agreement.toml", "truth.json"] {
        assert!(out.join(f).is_file(), "{f}");
    }
    powrec()
        .args(["synth", "--people", "10", "--noise-typo", "1.5", "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("typo"));
    let help = powrec().args(["synth", "--help"]).assert().success();
    let text = String::from_utf8_lossy(&help.get_output().stdout).to_string();
    for flag in [
        "--noise-typo",
        "--noise-missing-dob",
        "--overlap",
        "--mediator",
    ] {
        assert!(text.contains(flag), "{flag} in --help");
    }
}

fn evaluate_json(args: &[&str]) -> serde_json::Value {
    let out = powrec()
        .arg("evaluate")
        .arg(fixture("evaluate/report.json"))
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).expect("JSON")
}

fn close(v: &serde_json::Value, want: f64) {
    let got = v.as_f64().unwrap_or(f64::NAN);
    assert!((got - want).abs() < 1e-9, "{got} != {want}");
}

#[test]
fn evaluate_scores_a_hand_written_report() {
    let truth = fixture("evaluate/truth.json").display().to_string();
    let e = evaluate_json(&["--truth", &truth]);
    let m = &e["match"];
    // match: (1,3) and (2,1) right, (3,2) wrong; 5 true pairs.
    assert_eq!(
        (
            &m["true_positives"],
            &m["false_positives"],
            &m["false_negatives"]
        ),
        (&2.into(), &1.into(), &3.into())
    );
    close(&m["precision"], 2.0 / 3.0);
    close(&m["recall"], 0.4);
    close(&m["f1"], 0.5);
    let r = &e["match_or_review"];
    close(&r["precision"], 0.6);
    close(&r["recall"], 0.6);
    close(&r["f1"], 0.6);
    // Categories: rows 2 and 5 of A differ from the truth; B has no records in the report.
    let ca = &e["categories"]["a"];
    assert_eq!((&ca["rows"], &ca["exact"]), (&6.into(), &4.into()));
    let youth = ca["per_category"]
        .as_array()
        .and_then(|v| v.iter().find(|c| c["id"] == "youth"))
        .expect("youth");
    assert_eq!(
        (
            &youth["true_positives"],
            &youth["false_positives"],
            &youth["false_negatives"]
        ),
        (&1.into(), &1.into(), &1.into())
    );
    assert!(e["categories"]["b"].is_null());
    // The false match is shown with both rows and where each truly belongs.
    let fm = &e["false_matches"][0];
    assert_eq!((&fm["a"]["row"], &fm["b"]["row"]), (&3.into(), &2.into()));
    assert_eq!(fm["a"]["name"], "Коваленко Андрій Олегович");
    let why = fm["why"].to_string();
    assert!(
        why.contains("true partner: B 4") && why.contains("B 2 has no partner"),
        "{why}"
    );
    // Missed pairs: the reviewed one first, then (3,4) and (6,7).
    let missed: Vec<(u64, u64)> = e["missed"]
        .as_array()
        .expect("missed")
        .iter()
        .map(|p| {
            (
                p["a"]["row"].as_u64().unwrap_or(0),
                p["b"]["row"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(missed, [(4, 5), (3, 4), (6, 7)]);
    assert_eq!(e["missed"][2]["b"]["name"], "Ткачук Богдан Васильевич");
    assert_eq!(e["missed"][0]["a"]["noise"][0], "missing_dob");
}

#[test]
fn evaluate_reads_a_csv_of_pairs_by_row() {
    let truth = fixture("evaluate/pairs.csv").display().to_string();
    let e = evaluate_json(&["--truth", &truth]);
    close(&e["match"]["precision"], 2.0 / 3.0);
    close(&e["match"]["recall"], 0.4);
    close(&e["match_or_review"]["f1"], 0.6);
    assert!(e["categories"]["a"].is_null());
}

#[test]
fn evaluate_text_shows_the_table_and_the_errors() {
    let out = powrec()
        .arg("evaluate")
        .arg(fixture("evaluate/report.json"))
        .arg("--truth")
        .arg(fixture("evaluate/truth.json"))
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("match or review"), "{text}");
    assert!(text.contains("0.6667"), "{text}");
    assert!(text.contains("false matches"), "{text}");
    assert!(text.contains("Коваленко Андрей Олегович"), "{text}");
}

#[test]
fn evaluate_errors_exit_2_with_a_reason() {
    let bad = powrec()
        .arg("evaluate")
        .arg(fixture("evaluate/report.json"))
        .arg("--truth")
        .arg(fixture("evaluate/bad-pairs.csv"))
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&bad.get_output().stderr).to_string();
    assert!(err.contains("line 2") && err.contains("'x'"), "{err}");
    let ids = powrec()
        .arg("evaluate")
        .arg(fixture("evaluate/report.json"))
        .arg("--truth")
        .arg(fixture("evaluate/pairs-by-id.csv"))
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&ids.get_output().stderr).to_string();
    assert!(err.contains("--a LIST --b LIST"), "{err}");
    powrec()
        .arg("evaluate")
        .arg(fixture("evaluate/pairs.csv"))
        .arg("--truth")
        .arg(fixture("evaluate/truth.json"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a powrec report"));
}

#[test]
fn evaluate_maps_ids_to_rows_through_the_lists() {
    let truth = fixture("evaluate/pairs-by-id.csv").display().to_string();
    let a = fixture("evaluate/list-a.csv").display().to_string();
    let b = fixture("evaluate/list-b.csv").display().to_string();
    let e = evaluate_json(&["--truth", &truth, "--a", &a, "--b", &b]);
    // UA-1 is A row 1 and RU-3 is B row 3: the report's first match.
    let m = &e["match"];
    assert_eq!(
        (
            &m["true_positives"],
            &m["false_positives"],
            &m["false_negatives"]
        ),
        (&1.into(), &2.into(), &0.into())
    );
    close(&m["recall"], 1.0);
}

#[test]
fn a_report_that_says_the_truth_scores_one() {
    let dir = generate(&Settings {
        people: 400,
        duplicates: 0.05,
        ..Settings::default()
    });
    let t =
        powrec::evaluate::read_truth(&dir.path().join("truth.json").display().to_string(), None)
            .expect("truth");
    assert!(!t.pairs.is_empty());
    let record = |r: &powrec::synth::TruthRecord| powrec::evaluate::RecordView {
        row: r.row,
        categories: r.expected.categories.clone(),
        unknown: r.expected.unknown.clone(),
        ..Default::default()
    };
    let report = powrec::evaluate::ReportView {
        matches: t
            .pairs
            .iter()
            .map(|&(a, b)| powrec::evaluate::MatchView {
                a,
                b,
                status: "match".into(),
                score: 1.0,
                people: None,
            })
            .collect(),
        records: powrec::evaluate::SidesView {
            a: t.records.a.iter().map(record).collect(),
            b: t.records.b.iter().map(record).collect(),
        },
        ..Default::default()
    };
    let e = powrec::evaluate::evaluate(&report, &t, 5);
    assert_eq!(
        (e.matched.precision, e.matched.recall, e.matched.f1),
        (1.0, 1.0, 1.0)
    );
    assert!(e.false_matches.is_empty() && e.missed.is_empty());
    for c in [&e.categories.a, &e.categories.b] {
        assert_eq!(c.as_ref().map(|c| c.accuracy), Some(1.0));
    }
    // Drop one pair and one category: both are noticed.
    let mut worse = report.clone();
    worse.matches.pop();
    worse.records.a[0].categories = vec!["no_such_category".into()];
    let e = powrec::evaluate::evaluate(&worse, &t, 5);
    assert_eq!(e.matched.false_negatives, 1);
    assert_eq!(e.missed.len(), 1);
    let a = e.categories.a.expect("side A compared");
    assert_eq!(a.exact + 1, a.rows);
    assert_eq!(a.errors[0].got, ["no_such_category"]);
}

/// The accuracy floor, end to end: synth → reconcile → evaluate on about 2,000 people.
/// Measured with seeds 1–3: match precision 1.0000, F1 0.996–0.997, match + review recall
/// 0.997, categories exact; the floors sit a little below so that only a real regression
/// fails.
#[test]
fn reconcile_on_synthetic_lists_keeps_its_accuracy_floor() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let p = |name: &str| out.join(name).to_string_lossy().into_owned();
    crate::harness::powrec()
        .args([
            "synth",
            "--people",
            "2000",
            "--seed",
            "3",
            "--out",
            &p(""),
            "-q",
        ])
        .assert()
        .success();
    let code = crate::harness::powrec()
        .args(["reconcile", &p("side-a.csv"), &p("side-b.json")])
        .args(["--agreement", &p("agreement.toml"), "-o", &p("report.json")])
        .output()
        .unwrap()
        .status
        .code();
    assert_eq!(code, Some(1), "synthetic lists always differ");
    let eval = crate::harness::powrec()
        .args(["evaluate", &p("report.json"), "--truth", &p("truth.json")])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        eval.status.success(),
        "{}",
        String::from_utf8_lossy(&eval.stderr)
    );
    let e: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
    let f = |path: &[&str]| {
        let mut v = &e;
        for k in path {
            v = &v[*k];
        }
        v.as_f64()
            .unwrap_or_else(|| panic!("{path:?} missing in {e:#}"))
    };
    assert_eq!(e["unit"], "person");
    assert!(f(&["match", "precision"]) >= 0.995, "{:#}", e["match"]);
    assert!(f(&["match", "f1"]) >= 0.99, "{:#}", e["match"]);
    assert!(
        f(&["match_or_review", "recall"]) >= 0.99,
        "{:#}",
        e["match_or_review"]
    );
    assert!(f(&["categories", "a", "accuracy"]) >= 0.99);
    assert!(f(&["categories", "b", "accuracy"]) >= 0.99);
}
