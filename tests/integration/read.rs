//! Integration tests: reading lists (formats, encodings, columns, bad input) and `inspect`.

use std::path::Path;

use powrec::read::{self, Dataset, Format, ReadOptions};
use powrec::record::{Field, Record};

use crate::harness::{fixture, powrec};

fn read(rel: &str) -> Dataset {
    read_with(rel, &ReadOptions::default())
}

fn read_with(rel: &str, opts: &ReadOptions) -> Dataset {
    let p = fixture(rel);
    read::read_path(p.to_str().unwrap(), opts).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn inspect_json(args: &[&str]) -> serde_json::Value {
    let out = powrec()
        .arg("inspect")
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn stderr_of_failure(args: &[&str]) -> String {
    let out = powrec().arg("inspect").args(args).assert().code(2);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

/// Canonical values of a record, without provenance.
fn canon(r: &Record) -> Vec<Option<String>> {
    Field::ALL
        .iter()
        .map(|f| r.get(*f).map(str::to_string))
        .collect()
}

/// Writes fixtures/ua-side.xlsx from fixtures/ua-side.csv: a title row and a blank row above
/// the header, dates as date cells, row numbers as numbers, service numbers as text.
/// Run with `cargo test --test integration write_xlsx_fixture -- --ignored`.
#[test]
#[ignore]
fn write_xlsx_fixture() {
    use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Workbook};
    let text = std::fs::read_to_string(fixture("ua-side.csv")).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Список").unwrap();
    let date = XFormat::new().set_num_format("dd.mm.yyyy");
    ws.write_string(
        0,
        0,
        "Список військовополонених, які підлягають обміну (сторона України)",
    )
    .unwrap();
    let mut rows = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.as_bytes());
    for (i, rec) in rows.records().enumerate() {
        let rec = rec.unwrap();
        let r = i as u32 + 2;
        for (c, v) in rec.iter().enumerate() {
            let c = c as u16;
            if v.is_empty() {
                continue;
            }
            let d: Vec<&str> = v.split('.').collect();
            if i > 0 && c == 0 {
                ws.write_number(r, c, v.parse::<f64>().unwrap()).unwrap();
            } else if i > 0 && d.len() == 3 && d.iter().all(|p| p.parse::<u16>().is_ok()) {
                let dt = ExcelDateTime::from_ymd(
                    d[2].parse().unwrap(),
                    d[1].parse().unwrap(),
                    d[0].parse().unwrap(),
                )
                .unwrap();
                ws.write_datetime_with_format(r, c, &dt, &date).unwrap();
            } else {
                ws.write_string(r, c, v).unwrap();
            }
        }
    }
    wb.save(fixture("ua-side.xlsx")).unwrap();
}

#[test]
fn every_ua_variant_gives_the_same_records() {
    let base = read("ua-side.csv");
    assert_eq!(base.records.len(), 25);
    assert!(base.rejected.is_empty());
    let base_canon: Vec<_> = base.records.iter().map(canon).collect();
    for (rel, enc) in [
        ("ua-side-cp1251.csv", Some("windows-1251")),
        ("ua-side-utf16.csv", Some("UTF-16LE")),
        ("ua-side-utf16-nobom.csv", Some("UTF-16LE")),
        ("ua-side.xlsx", None),
    ] {
        let ds = read(rel);
        assert_eq!(ds.source.encoding.as_deref(), enc, "{rel}");
        let got: Vec<_> = ds.records.iter().map(canon).collect();
        // The workbook holds dates as date cells, which read back as ISO text.
        let want: Vec<_> = if rel.ends_with(".xlsx") {
            base_canon
                .iter()
                .map(|r| {
                    let mut r = r.clone();
                    let d = &mut r[Field::Dob.index()];
                    *d = d.as_ref().map(|s| {
                        let p: Vec<&str> = s.split('.').collect();
                        format!("{}-{}-{}", p[2], p[1], p[0])
                    });
                    r
                })
                .collect()
        } else {
            base_canon.clone()
        };
        assert_eq!(got, want, "{rel}");
        assert_eq!(ds.mapping.extras, base.mapping.extras, "{rel}");
        let rows: Vec<u64> = ds.records.iter().map(|r| r.row).collect();
        assert_eq!(rows, (1..=25).collect::<Vec<_>>(), "{rel}");
    }
}

#[test]
fn xlsx_finds_header_below_title_and_keeps_leading_zeros() {
    let ds = read("ua-side.xlsx");
    assert_eq!(ds.source.format, Format::Xlsx);
    assert_eq!(ds.source.header_line, Some(3));
    assert_eq!(ds.source.sheet.as_deref(), Some("Список"));
    assert_eq!(ds.records[0].line, 4);
    assert_eq!(ds.records[0].get(Field::Id), Some("1"));
    assert_eq!(ds.records[0].get(Field::ServiceNumber), Some("0104573"));
    assert_eq!(ds.records[0].get(Field::Dob), Some("1999-03-14"));
    assert!(ds.mapping.notes.iter().any(|n| n.contains("title line")));
}

/// (UA surname, RU surname, Latin full name or "", ISO date of birth, service number)
const SAME_PEOPLE: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Олійник",
        "Олейник",
        "OLIINYK Oleksandr Serhiiovych",
        "1999-03-14",
        "0104573",
    ),
    (
        "Коваленко",
        "Коваленко",
        "KOVALENKO Ivan Petrovych",
        "2007-06-02",
        "",
    ),
    ("Шевчук", "Шевчук", "SHEVCHUK Andrii", "2007-06-03", ""),
    (
        "Лисенко",
        "Лысенко",
        "Lysenko Volodymyr Ivanovych",
        "1985-11-21",
        "",
    ),
    (
        "Гордієнко",
        "Гордиенко",
        "Hordiienko Vitalii",
        "2000-02-29",
        "",
    ),
    (
        "Петренко",
        "Петренко",
        "PETRENKO Nataliia Ivanivna",
        "1978-04-12",
        "",
    ),
    ("Кушнір", "Кушнир", "Kushnir Bohdan", "2004-09-08", ""),
    (
        "Лук'яненко",
        "Лукьяненко",
        "LUKIANENKO Oleh",
        "1996-12-30",
        "",
    ),
    ("Білоус", "Белоус", "", "1988-05-07", ""),
    ("Дяченко", "Дьяченко", "", "2005-09-22", ""),
    ("Стрілець", "Стрелец", "", "2000-12-09", ""),
];

/// The few date forms the fixtures use, to ISO.
fn iso(raw: &str) -> String {
    let p: Vec<&str> = raw.split(['.', '/', '-', ' ']).collect();
    if raw.contains("сентября") {
        return format!("{}-09-{:02}", p[2], p[0].parse::<u32>().unwrap());
    }
    match (raw.contains('.'), raw.contains('/')) {
        (true, _) => format!("{}-{}-{}", p[2], p[1], p[0]),
        (_, true) => format!(
            "{}-{:02}-{:02}",
            p[2],
            p[0].parse::<u32>().unwrap(),
            p[1].parse::<u32>().unwrap()
        ),
        _ => raw.to_string(),
    }
}

#[test]
fn ru_json_and_latin_csv_hold_the_same_people() {
    let ua = read("ua-side.csv");
    let ru = read("ru-side.json");
    let lat = read("mediator-latin.csv");
    assert_eq!(ru.source.format, Format::Json);
    assert!(ru.mapping.notes.iter().any(|n| n.contains("'лица'")));
    assert_eq!(lat.source.delimiter, Some(','));
    for (ua_s, ru_s, lat_full, dob, sn) in SAME_PEOPLE {
        let find = |ds: &Dataset, field: Field, v: &str| {
            ds.records
                .iter()
                .find(|r| r.get(field) == Some(v))
                .unwrap_or_else(|| panic!("{v} missing from {}", ds.source.path))
                .clone()
        };
        let u = find(&ua, Field::Surname, ua_s);
        let r = find(&ru, Field::Surname, ru_s);
        assert_eq!(iso(u.get(Field::Dob).unwrap()), *dob, "{ua_s}");
        assert_eq!(iso(r.get(Field::Dob).unwrap()), *dob, "{ru_s}");
        if !sn.is_empty() {
            assert_eq!(u.get(Field::ServiceNumber), Some(*sn));
            assert_eq!(r.get(Field::ServiceNumber), Some(*sn));
        }
        if !lat_full.is_empty() {
            let l = find(&lat, Field::FullName, lat_full);
            assert_eq!(iso(l.get(Field::Dob).unwrap()), *dob, "{lat_full}");
            assert!(l.derived.contains(&Field::Surname), "{lat_full}");
            assert!(l.get(Field::Surname).is_some());
        }
    }
}

#[test]
fn inspect_json_has_the_documented_shape() {
    let v = inspect_json(&["fixtures/ua-side.csv", "--limit", "2"]);
    assert_eq!(v["source"]["format"], "csv");
    assert_eq!(v["source"]["encoding"], "UTF-8");
    assert_eq!(v["source"]["delimiter"], ";");
    assert_eq!(v["counts"]["rows"], 25);
    assert_eq!(v["counts"]["records"], 25);
    assert_eq!(v["counts"]["rejected"], 0);
    let recs = v["records"].as_array().unwrap();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["fields"]["surname"], "Олійник");
    assert_eq!(recs[0]["fields"]["dob"], "14.03.1999");
    assert_eq!(recs[0]["extras"]["Місце утримання"], "СІЗО-2 м. Таганрог");
    assert_eq!(recs[1]["row"], 2);
    assert_eq!(recs[1]["line"], 3);
    let cols = v["mapping"]["columns"].as_array().unwrap();
    assert_eq!(cols[1]["header"], "Прізвище");
    assert_eq!(cols[1]["field"], "surname");
    assert_eq!(v["mapping"]["extras"][0], "Місце утримання");
}

#[test]
fn inspect_text_shows_source_mapping_and_records() {
    let out = powrec()
        .args(["inspect", "fixtures/mediator-latin.csv", "--limit", "1"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let t = String::from_utf8(out).unwrap();
    for want in [
        "format     csv",
        "delimiter  ,",
        "Full name",
        "-> full_name",
        "Listed by",
        "(extra",
        "15 (15 records, 0 rejected)",
        "OLIINYK  (derived)",
    ] {
        assert!(t.contains(want), "missing {want:?} in:\n{t}");
    }
}

/// Every broken fixture: exit 2 naming the file and place, or rejected rows with reasons.
#[test]
fn bad_files_stop_with_a_located_message() {
    for (rel, place) in [
        ("bad/empty.csv", "empty"),
        ("bad/blank-lines.csv", "blank"),
        ("bad/header-only.csv", "line 1"),
        ("bad/no-header.csv", "line 1"),
        ("bad/invalid-utf8.csv", "line 5"),
        ("bad/binary.csv", "binary"),
        ("bad/syntax-error.json", "line 3"),
        ("bad/xlsx-renamed.csv", "workbook"),
    ] {
        let path = format!("fixtures/{rel}");
        let err = stderr_of_failure(&[&path]);
        assert!(err.contains(&path), "{rel}: {err}");
        assert!(err.contains(place), "{rel}: {err}");
        assert!(err.contains("hint:"), "{rel}: {err}");
        assert!(!err.contains("panicked"), "{rel}: {err}");
    }
}

#[test]
fn bad_rows_are_rejected_with_their_place() {
    for (rel, rows, rejected) in [
        (
            "bad/unbalanced-quote.csv",
            7,
            vec![(3, 4, "unbalanced quote")],
        ),
        (
            "bad/wrong-field-count.csv",
            7,
            vec![(2, 3, "5 fields"), (4, 5, "13 fields")],
        ),
        ("bad/no-name.csv", 5, vec![(3, 4, "no name")]),
        ("bad/not-object.json", 3, vec![(2, 3, "not an object")]),
        (
            "bad/ndjson-bad-line.ndjson",
            4,
            vec![(2, 2, "not valid JSON"), (3, 3, "array")],
        ),
    ] {
        let v = inspect_json(&[&format!("fixtures/{rel}")]);
        assert_eq!(v["counts"]["rows"], rows, "{rel}");
        assert_eq!(v["counts"]["rejected"], rejected.len(), "{rel}");
        for (i, (row, line, why)) in rejected.iter().enumerate() {
            let r = &v["rejected"][i];
            assert_eq!(r["row"], *row, "{rel}");
            assert_eq!(r["line"], *line, "{rel}");
            assert!(r["reason"].as_str().unwrap().contains(why), "{rel}: {r}");
        }
        // Every row is accounted for: records + rejected = rows, and numbering has no gaps.
        let recs = v["counts"]["records"].as_u64().unwrap();
        assert_eq!(recs + rejected.len() as u64, rows as u64, "{rel}");
    }
}

#[test]
fn a_directory_or_missing_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let err = stderr_of_failure(&[d]);
    assert!(err.contains(d) && err.contains("directory"), "{err}");
    let err = stderr_of_failure(&["fixtures/no-such-list.csv"]);
    assert!(err.contains("fixtures/no-such-list.csv") && err.contains("no such file"));
}

#[test]
fn delimiters_are_sniffed_and_can_be_forced() {
    let dir = tempfile::tempdir().unwrap();
    for (d, name) in [(',', "c"), (';', "s"), ('\t', "t"), ('|', "p")] {
        let p = dir.path().join(format!("{name}.csv"));
        let text = format!(
            "Surname{d}First name{d}Date of birth\n\"Oliinyk{d} Jr\"{d}Oleksandr{d}1999-03-14\nKovalenko{d}Ivan{d}2007-06-02\n"
        );
        std::fs::write(&p, text).unwrap();
        let ds = read::read_path(p.to_str().unwrap(), &ReadOptions::default()).unwrap();
        assert_eq!(ds.source.delimiter, Some(d));
        assert_eq!(ds.records.len(), 2);
        assert_eq!(
            ds.records[0].get(Field::Surname),
            Some(&*format!("Oliinyk{d} Jr"))
        );
    }
    // Forcing the wrong delimiter leaves one column, which is reported, not guessed around.
    let p = dir.path().join("s.csv");
    let err = stderr_of_failure(&[p.to_str().unwrap(), "--delimiter", ","]);
    assert!(
        err.contains("single column") && err.contains("--delimiter"),
        "{err}"
    );
    let v = inspect_json(&[p.to_str().unwrap(), "--delimiter", ";"]);
    assert_eq!(v["counts"]["records"], 2);
}

#[test]
fn header_vocabulary_in_three_languages() {
    let dir = tempfile::tempdir().unwrap();
    for header in [
        "Прізвище;Ім’я;По-батькові;Д/н;Звання;Особ. №",
        "ФАМИЛИЯ;Имя;Отчество;Дата рождения;Воинское звание;Личный номер",
        "Last name;Given name;Middle name;D.O.B.;Military rank;Service No.",
    ] {
        let p = dir.path().join("h.csv");
        std::fs::write(&p, format!("{header}\nA;B;C;01.01.2000;R;1\n")).unwrap();
        let ds = read::read_path(p.to_str().unwrap(), &ReadOptions::default()).unwrap();
        let fields: Vec<_> = ds.mapping.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            [
                Field::Surname,
                Field::GivenName,
                Field::Patronymic,
                Field::Dob,
                Field::Rank,
                Field::ServiceNumber
            ]
            .map(Some)
            .to_vec(),
            "{header}"
        );
    }
}

#[test]
fn map_overrides_detection_and_unknowns_are_errors() {
    let v = inspect_json(&[
        "fixtures/ua-side.csv",
        "--map",
        "captured_at=Місце утримання",
        "--limit",
        "1",
    ]);
    assert_eq!(
        v["records"][0]["fields"]["captured_at"],
        "СІЗО-2 м. Таганрог"
    );
    let col = &v["mapping"]["columns"][10];
    assert_eq!(col["field"], "captured_at");
    assert_eq!(col["overridden"], true);
    assert!(v["mapping"]["extras"].as_array().unwrap().is_empty());

    let err = stderr_of_failure(&["fixtures/ua-side.csv", "--map", "nickname=Прізвище"]);
    assert!(
        err.contains("unknown field 'nickname'") && err.contains("given_name"),
        "{err}"
    );
    let err = stderr_of_failure(&["fixtures/ua-side.csv", "--map", "surname=Призвище"]);
    assert!(
        err.contains("no column 'Призвище'") && err.contains("'Прізвище'"),
        "{err}"
    );
}

#[test]
fn two_columns_claiming_one_field_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dup.csv");
    std::fs::write(
        &p,
        "Прізвище;Дата народження;DOB\nОлійник;14.03.1999;1999-03-14\n",
    )
    .unwrap();
    let path = p.to_str().unwrap();
    let v = inspect_json(&[path]);
    assert_eq!(v["records"][0]["fields"]["dob"], "14.03.1999");
    assert_eq!(v["records"][0]["extras"]["DOB"], "1999-03-14");
    let notes = v["mapping"]["notes"].to_string();
    assert!(notes.contains("both look like dob"), "{notes}");
    // --map picks the other one.
    let v = inspect_json(&[path, "--map", "dob=DOB"]);
    assert_eq!(v["records"][0]["fields"]["dob"], "1999-03-14");
}

#[test]
fn stdin_is_read_with_the_format_detected() {
    for rel in [
        "ua-side.csv",
        "ru-side.json",
        "ua-side.xlsx",
        "ua-side-utf16.csv",
    ] {
        let bytes = std::fs::read(fixture(rel)).unwrap();
        let out = powrec()
            .args(["inspect", "-", "--format", "json"])
            .write_stdin(bytes)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["source"]["path"], "-");
        let want = if rel.ends_with("json") { 26 } else { 25 };
        assert_eq!(v["counts"]["records"], want, "{rel}");
    }
}

#[test]
fn encoding_can_be_forced() {
    // Read as UTF-8, the cp1251 file stops at its first Cyrillic byte, on line 1.
    let err = stderr_of_failure(&["fixtures/ua-side-cp1251.csv", "--encoding", "utf-8"]);
    assert!(
        err.contains("line 1") && err.contains("not valid UTF-8"),
        "{err}"
    );
    let v = inspect_json(&["fixtures/ua-side-cp1251.csv", "--encoding", "cp1251"]);
    assert_eq!(v["source"]["encoding"], "windows-1251");
    assert_eq!(v["source"]["encoding_detected_by"], "--encoding");
    assert_eq!(v["records"][0]["fields"]["surname"], "Олійник");
    let err = stderr_of_failure(&["fixtures/ua-side.csv", "--encoding", "klingon"]);
    assert!(err.contains("unknown encoding 'klingon'"), "{err}");
}

#[test]
fn ndjson_and_json_array_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let nd = dir.path().join("l.ndjson");
    std::fs::write(
        &nd,
        "{\"Фамилия\":\"Олейник\",\"Имя\":\"Александр\",\"Личный номер\":104573}\n\n{\"Фамилия\":\"Шевчук\",\"Имя\":\"Андрей\"}\n",
    )
    .unwrap();
    let ds = read::read_path(nd.to_str().unwrap(), &ReadOptions::default()).unwrap();
    assert_eq!(ds.source.format, Format::Ndjson);
    assert_eq!(ds.records.len(), 2);
    assert_eq!(ds.records[0].get(Field::ServiceNumber), Some("104573"));
    assert_eq!(ds.records[1].line, 3);
    let arr = dir.path().join("a.json");
    std::fs::write(&arr, "[{\"Surname\":\"Oliinyk\",\"DOB\":\"1999-03-14\"}]").unwrap();
    let ds = read::read_path(arr.to_str().unwrap(), &ReadOptions::default()).unwrap();
    assert_eq!(ds.source.format, Format::Json);
    assert_eq!(ds.records[0].get(Field::Dob), Some("1999-03-14"));
}

#[test]
fn streaming_reader_matches_read_path() {
    let p = fixture("ua-side.csv");
    let path = p.to_str().unwrap();
    let r = read::open(path, &ReadOptions::default()).unwrap();
    assert_eq!(r.source().header_line, Some(1));
    assert_eq!(r.mapping().columns.len(), 12);
    let items: Vec<_> = r.map(Result::unwrap).collect();
    let ds = read::read_path(path, &ReadOptions::default()).unwrap();
    assert_eq!(items.len(), ds.rows() as usize);
    assert!(Path::new(path).exists());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any bytes, with any of the list extensions: an error or rows, never a panic, and
    /// every row numbered without gaps.
    #[test]
    fn any_bytes_never_panic(
        bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600),
        seed in proptest::sample::select(vec![
            "Прізвище;Ім'я;Дата народження\n", "[{\"Surname\":", "{\"a\":1}\n", "", "\u{feff}",
        ]),
        ext in proptest::sample::select(vec!["csv", "json", "ndjson", "xlsx", "txt"]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(format!("x.{ext}"));
        let mut all = seed.as_bytes().to_vec();
        all.extend(&bytes);
        std::fs::write(&p, &all).unwrap();
        if let Ok(ds) = read::read_path(p.to_str().unwrap(), &ReadOptions::default()) {
            let mut rows: Vec<u64> = ds.records.iter().map(|r| r.row)
                .chain(ds.rejected.iter().map(|r| r.row)).collect();
            rows.sort_unstable();
            proptest::prop_assert_eq!(rows, (1..=ds.rows()).collect::<Vec<_>>());
        }
    }
}
