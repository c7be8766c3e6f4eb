//! Integration tests: classify and init.

use predicates::prelude::*;
use serde_json::Value;

use crate::harness::{fixture, powrec};
use powrec::agreement::Agreement;

fn json_of(args: &[&str]) -> (i32, Value) {
    let out = powrec().args(args).output().unwrap();
    let code = out.status.code().unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (code, v)
}

fn path(rel: &str) -> String {
    fixture(rel).to_string_lossy().into_owned()
}

// ---- the agreement file is checked before anything is read ----

#[test]
fn a_broken_agreement_stops_with_exit_2_and_every_problem() {
    powrec()
        .args([
            "classify",
            &path("classify/ua.csv"),
            "--agreement",
            &path("agreements/broken-many.toml"),
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("7 problems found"))
        .stderr(predicate::str::contains(
            "line 2, column 18: `reference_date`",
        ))
        .stderr(predicate::str::contains(
            "line 3, column 1: unknown key `borderline_dayz`",
        ))
        .stderr(predicate::str::contains(
            "line 8, column 17: `age`: min (26)",
        ))
        .stderr(predicate::str::contains(
            "line 11, column 6: duplicate category id `youth`",
        ))
        .stderr(predicate::str::contains(
            "line 12, column 1: unknown category key `lable`",
        ))
        .stderr(predicate::str::contains(
            "line 13, column 11: unknown condition kind `agee`",
        ))
        .stderr(predicate::str::contains(
            "line 17, column 19: unknown field `helth`",
        ));
}

#[test]
fn a_toml_syntax_error_is_placed() {
    powrec()
        .args([
            "classify",
            &path("classify/ua.csv"),
            "-a",
            &path("agreements/broken-syntax.toml"),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 7, column"))
        .stderr(predicate::str::contains("TOML syntax"))
        .stderr(predicate::str::contains(
            "line 1, column 18: `feb29_birthday`",
        ));
}

#[test]
fn a_missing_agreement_file_is_an_error() {
    powrec()
        .args([
            "classify",
            &path("classify/ua.csv"),
            "-a",
            "no/such/agreement.toml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/agreement.toml"));
}

// ---- init ----

#[test]
fn init_prints_a_template_that_is_a_valid_agreement() {
    let out = powrec()
        .arg("init")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let a = Agreement::parse("stdout", &text).unwrap();
    assert_eq!(a.name, "Istanbul, 2 June 2025");
    assert_eq!(a.borderline_days, 30);
    assert!(
        text.contains("# aliases = ["),
        "optional parts shown in comments"
    );
}

#[test]
fn init_writes_a_file_and_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("agreement.toml");
    let f = file.to_string_lossy().into_owned();
    powrec().args(["init", &f]).assert().success().stdout("");
    assert!(Agreement::load(&file).is_ok());

    std::fs::write(&file, "mine").unwrap();
    powrec()
        .args(["init", &f])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");

    powrec().args(["init", &f, "--force"]).assert().success();
    assert!(Agreement::load(&file).is_ok());
}

#[test]
fn the_shipped_agreement_is_valid() {
    let a = Agreement::load(fixture("istanbul-2025.toml")).unwrap();
    assert_eq!(a.categories.len(), 2);
}

// ---- classify a list ----

#[test]
fn classify_json_per_record_and_counts() {
    let (code, v) = json_of(&[
        "classify",
        &path("classify/ua.csv"),
        "--agreement",
        &path("agreements/istanbul-aliases.toml"),
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "someone is out of category");
    assert_eq!(v["agreement"], "Istanbul, 2 June 2025");
    assert_eq!(v["reference_date"], "2025-06-02");
    let c = &v["counts"];
    assert_eq!(c["rows"], 5);
    assert_eq!(c["classified"], 5);
    assert_eq!(c["rejected"], 0);
    assert_eq!(c["fits"], 2);
    assert_eq!(c["out_of_category"], 2);
    assert_eq!(c["undetermined"], 1);
    assert_eq!(c["claim_mismatches"], 2);
    assert_eq!(c["categories"][0]["id"], "wounded_ill");
    assert_eq!(c["categories"][0]["count"], 2);
    assert_eq!(c["categories"][1]["id"], "youth");
    assert_eq!(c["categories"][1]["count"], 1);
    assert_eq!(c["categories"][1]["unknown"], 1);
    assert_eq!(c["categories"][1]["borderline"], 1);

    let r = v["records"].as_array().unwrap();
    assert_eq!(r.len(), 5);
    assert_eq!(r[0]["row"], 1);
    assert_eq!(r[0]["name"], "Шевченко Тарас Григорович");
    assert_eq!(
        r[0]["categories"],
        serde_json::json!(["wounded_ill", "youth"])
    );
    assert_eq!(r[0]["claim_mismatch"], false);
    assert_eq!(r[0]["claim"]["claimed"], serde_json::json!(["wounded_ill"]));
    // 18 on 12 June 2025: not yet, borderline, claim contradicted.
    assert_eq!(r[1]["categories"], serde_json::json!([]));
    assert_eq!(r[1]["borderline"], serde_json::json!(["youth"]));
    assert_eq!(r[1]["out_of_category"], true);
    assert_eq!(r[1]["claim_mismatch"], true);
    assert_eq!(r[1]["claim"]["contradicted"], serde_json::json!(["youth"]));
    assert_eq!(r[3]["out_of_category"], true);
    // No date of birth: unknown, not out.
    assert_eq!(r[4]["unknown"], serde_json::json!(["youth"]));
    assert_eq!(r[4]["out_of_category"], false);
    for rec in r {
        for key in [
            "categories",
            "unknown",
            "borderline",
            "out_of_category",
            "reasons",
        ] {
            assert!(rec.get(key).is_some(), "{key} missing");
        }
    }
}

#[test]
fn classify_exit_0_when_everyone_fits() {
    powrec()
        .args([
            "classify",
            &path("classify/clean.csv"),
            "--agreement",
            &path("istanbul-2025.toml"),
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Istanbul, 2 June 2025"))
        .stdout(predicate::str::contains("Лисенко"));
}

#[test]
fn classify_text_tables_show_the_people_out_of_category_with_reasons() {
    powrec()
        .args([
            "classify",
            &path("classify/ua.csv"),
            "--agreement",
            &path("agreements/istanbul-aliases.toml"),
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("wounded_ill"))
        .stdout(predicate::str::contains("Out of category: 2"))
        .stdout(predicate::str::contains("Мельник"))
        .stdout(predicate::str::contains("born 1975-01-01, age 50"))
        .stdout(predicate::str::contains("rules say not youth"));
}

#[test]
fn classify_csv_has_one_row_per_input_row() {
    let out = powrec()
        .args([
            "classify",
            &path("classify/ua.csv"),
            "-a",
            &path("agreements/istanbul-aliases.toml"),
            "--format",
            "csv",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let mut rdr = csv::Reader::from_reader(out.as_slice());
    let headers = rdr.headers().unwrap().clone();
    for h in [
        "row",
        "categories",
        "unknown",
        "borderline",
        "out_of_category",
        "claim_mismatch",
    ] {
        assert!(headers.iter().any(|x| x == h), "{h}");
    }
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(&rows[0][5], "wounded_ill;youth");
    assert_eq!(&rows[3][2], "out_of_category");
    assert_eq!(&rows[4][2], "undetermined");
}

#[test]
fn classify_map_flag_feeds_a_field() {
    let (code, v) = json_of(&[
        "classify",
        &path("classify/mapped.csv"),
        "-a",
        &path("istanbul-2025.toml"),
        "--map",
        "health=Wounds",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        v["records"][0]["categories"],
        serde_json::json!(["wounded_ill", "youth"])
    );
    assert_eq!(v["records"][1]["out_of_category"], true);
}

#[test]
fn classify_counts_every_row_rejected_or_not() {
    let (_, v) = json_of(&[
        "classify",
        &path("classify/ua.csv"),
        "-a",
        &path("istanbul-2025.toml"),
        "--format",
        "json",
    ]);
    let c = &v["counts"];
    assert_eq!(
        c["rows"].as_u64().unwrap(),
        c["classified"].as_u64().unwrap() + c["rejected"].as_u64().unwrap()
    );
    assert_eq!(
        v["rejected"].as_array().unwrap().len() as u64,
        c["rejected"].as_u64().unwrap()
    );
}
