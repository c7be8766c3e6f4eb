//! Engine tests: the agreement language, every semantic rule, age boundaries day by day,
//! 29 February, unknowns, borderline cases, claims, and every validation problem.

use chrono::{Duration, NaiveDate};

use super::*;
use crate::normalize::{self, NormOptions, RankClass, Sex, Status};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn istanbul() -> Agreement {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/istanbul-2025.toml"
    ))
    .unwrap();
    Agreement::parse("istanbul-2025.toml", &text).unwrap()
}

/// An agreement with this head (reference date, options) and these categories.
fn agreement(head: &str, categories: &str) -> Agreement {
    let text = format!("name = \"Test\"\n{head}\n{categories}");
    match Agreement::parse("test.toml", &text) {
        Ok(a) => a,
        Err(e) => panic!("{e}\n---\n{text}"),
    }
}

/// A record and its person, normalised as the pipeline does.
fn person(fields: &[(Field, &str)]) -> (Record, Person) {
    let mut r = Record {
        row: 1,
        line: 2,
        ..Record::default()
    };
    for (f, v) in fields {
        r.set(*f, v);
    }
    let n = normalize::normalize_records(
        std::slice::from_ref(&r),
        &NormOptions {
            reference_date: Some(d(2025, 6, 2)),
            date_order: None,
        },
    );
    let p = n.persons.into_iter().next().unwrap();
    (r, p)
}

fn born(date: NaiveDate) -> (Record, Person) {
    person(&[(Field::Dob, &date.format("%d.%m.%Y").to_string())])
}

fn ids(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn problems(text: &str) -> Vec<crate::error::Problem> {
    match Agreement::parse("bad.toml", text) {
        Err(Error::Invalid { problems, path }) => {
            assert_eq!(path, "bad.toml");
            problems
        }
        Err(e) => panic!("expected Invalid, got {e}"),
        Ok(_) => panic!("expected problems, parsed fine:\n{text}"),
    }
}

const HEAD: &str = "reference_date = \"2025-06-02\"";
const YOUTH: &str = "[[category]]\nid = \"youth\"\nall = [ { age = { min = 18, max = 25 } } ]\n";

// ---- the file ----

#[test]
fn istanbul_fixture_is_read_exactly() {
    let a = istanbul();
    assert_eq!(a.name, "Istanbul, 2 June 2025");
    assert_eq!(a.reference_date, d(2025, 6, 2));
    assert_eq!(a.borderline_days, 30);
    assert_eq!(a.feb29, Feb29::Mar1);
    let ids: Vec<_> = a.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["wounded_ill", "youth"]);
    assert_eq!(a.categories[0].label, "Seriously wounded or seriously ill");
    assert_eq!(a.category("youth").unwrap().label, "Aged 18 to 25");
}

#[test]
fn template_is_a_valid_agreement_showing_the_options() {
    let a = Agreement::parse("template", TEMPLATE).unwrap();
    assert_eq!(a.categories.len(), 2);
    for option in [
        "feb29_birthday",
        "aliases",
        "if_missing",
        "class",
        "status",
        "birth_year",
        "not",
    ] {
        assert!(TEMPLATE.contains(option), "template does not show {option}");
    }
    // The commented examples are valid too once uncommented.
    let uncommented: String = TEMPLATE
        .lines()
        .map(|l| {
            let t = l.trim_start();
            if let Some(rest) = t.strip_prefix("# ")
                && (rest.starts_with("feb29")
                    || rest.starts_with("aliases")
                    || rest.starts_with("[[category]]")
                    || rest.starts_with("id =")
                    || rest.starts_with("label =")
                    || rest.starts_with("all ="))
            {
                return rest.to_string();
            }
            l.to_string()
        })
        .collect::<Vec<_>>()
        .join("\n");
    let full = Agreement::parse("template", &uncommented).unwrap();
    assert_eq!(full.categories.len(), 4);
    assert!(!full.categories[0].aliases.is_empty());
}

#[test]
fn reference_date_may_be_a_toml_date_and_options_are_read() {
    let a = agreement(
        "reference_date = 2024-12-31\nborderline_days = 7\nfeb29_birthday = \"feb28\"",
        YOUTH,
    );
    assert_eq!(a.reference_date, d(2024, 12, 31));
    assert_eq!(a.borderline_days, 7);
    assert_eq!(a.feb29, Feb29::Feb28);
    assert_eq!(a.categories[0].label, "youth", "label defaults to the id");
}

// ---- ages, day by day ----

#[test]
fn youth_boundaries_day_by_day() {
    let a = agreement(HEAD, YOUTH);
    let at = a.reference_date;
    // Around the 18th birthday: born exactly 18 years before the reference date.
    let eighteen = d(2007, 6, 2);
    // Around the 26th birthday.
    let twenty_six = d(1999, 6, 2);
    for shift in -5i64..=5 {
        let dob = eighteen + Duration::days(shift);
        let (r, p) = born(dob);
        let c = a.classify(&r, &p);
        // Born on or before 2 June 2007: 18 already.
        let expect = shift <= 0;
        assert_eq!(c.fits(), expect, "born {dob}, reference {at}");

        let dob = twenty_six + Duration::days(shift);
        let (r, p) = born(dob);
        let c = a.classify(&r, &p);
        // Born on or before 2 June 1999: 26 already, out.
        assert_eq!(c.fits(), shift > 0, "born {dob}, reference {at}");
        assert_eq!(c.out_of_category, shift <= 0);
    }
}

#[test]
fn the_day_before_and_the_day_of_each_birthday() {
    let a = agreement(HEAD, YOUTH);
    let cases = [
        (d(2007, 6, 3), false, "18th birthday tomorrow"),
        (d(2007, 6, 2), true, "18th birthday today"),
        (d(1999, 6, 3), true, "26th birthday tomorrow: still 25"),
        (d(1999, 6, 2), false, "26th birthday today"),
    ];
    for (dob, expect, why) in cases {
        let (r, p) = born(dob);
        assert_eq!(a.classify(&r, &p).fits(), expect, "{why}");
    }
}

#[test]
fn feb29_birthday_mar1_by_default_and_feb28_when_asked() {
    let youth = YOUTH;
    let mar1 = agreement("reference_date = \"2022-02-28\"", youth);
    let feb28 = agreement(
        "reference_date = \"2022-02-28\"\nfeb29_birthday = \"feb28\"",
        youth,
    );
    // Born 29 Feb 2004: 18 on 1 March 2022 (mar1) or on 28 Feb 2022 (feb28).
    let (r, p) = born(d(2004, 2, 29));
    assert!(!mar1.classify(&r, &p).fits());
    assert!(feb28.classify(&r, &p).fits());
    // Born 29 Feb 1996: 26 on 1 March 2022 (mar1) or 28 Feb 2022 (feb28).
    let (r, p) = born(d(1996, 2, 29));
    assert!(mar1.classify(&r, &p).fits());
    assert!(!feb28.classify(&r, &p).fits());
    // On 1 March both rules agree.
    let later = agreement("reference_date = \"2022-03-01\"", youth);
    let (r, p) = born(d(2004, 2, 29));
    assert!(later.classify(&r, &p).fits());
}

#[test]
fn a_feb29_birth_whose_category_hinges_on_the_rule_is_borderline() {
    let a = agreement("reference_date = \"2022-02-28\"", YOUTH);
    let (r, p) = born(d(2004, 2, 29));
    let c = a.classify(&r, &p);
    assert_eq!(ids(&c.borderline), ["youth"]);
    assert!(
        c.reasons
            .iter()
            .any(|r| r.condition.contains("29 February") && r.value.contains("feb28"))
    );
    // In a leap reference year the rule does not matter.
    let leap = agreement("reference_date = \"2024-06-02\"", YOUTH);
    assert!(leap.classify(&r, &p).borderline.is_empty());
}

#[test]
fn min_only_and_max_only_bounds() {
    let adults = agreement(
        HEAD,
        "[[category]]\nid = \"adult\"\nall = [ { age = { min = 18 } } ]\n\
         [[category]]\nid = \"under60\"\nall = [ { age = { max = 59 } } ]\n",
    );
    let (r, p) = born(d(1960, 1, 1));
    assert_eq!(ids(&adults.classify(&r, &p).categories), ["adult"]);
    let (r, p) = born(d(2010, 1, 1));
    assert_eq!(ids(&adults.classify(&r, &p).categories), ["under60"]);
}

// ---- unknowns ----

#[test]
fn no_date_of_birth_makes_an_age_category_unknown_not_false() {
    let a = agreement(HEAD, YOUTH);
    for fields in [
        vec![],
        vec![(Field::Dob, "31.02.2000")],
        vec![(Field::Dob, "soon")],
    ] {
        let (r, p) = person(&fields);
        let c = a.classify(&r, &p);
        assert_eq!(ids(&c.unknown), ["youth"], "{fields:?}");
        assert!(c.categories.is_empty());
        assert!(!c.out_of_category);
        assert!(c.undetermined());
        assert_eq!(c.reasons.len(), 1);
        assert_eq!(c.reasons[0].result, Truth::Unknown);
    }
}

#[test]
fn year_only_birth_is_decided_only_when_the_whole_year_agrees() {
    let a = agreement(HEAD, YOUTH);
    // (year, expected): 2003 gives 21 or 22; 2007 gives 17 or 18; 1999 gives 25 or 26.
    let cases = [
        (2003, Truth::True),
        (1990, Truth::False),
        (2010, Truth::False),
        (2007, Truth::Unknown),
        (1999, Truth::Unknown),
        (2000, Truth::True),
    ];
    for (year, expect) in cases {
        let (r, p) = person(&[(Field::BirthYear, &year.to_string())]);
        assert_eq!(p.dob, DateValue::Year { year });
        let c = a.classify(&r, &p);
        let got = if c.fits() {
            Truth::True
        } else if c.undetermined() {
            Truth::Unknown
        } else {
            Truth::False
        };
        assert_eq!(got, expect, "born in {year}");
    }
    // On 31 December everyone born in a year has the same age.
    let eve = agreement("reference_date = \"2025-12-31\"", YOUTH);
    let (r, p) = person(&[(Field::BirthYear, "2007")]);
    assert!(eve.classify(&r, &p).fits());
}

#[test]
fn birth_year_condition() {
    let a = agreement(
        HEAD,
        "[[category]]\nid = \"y\"\nall = [ { birth_year = { min = 2000, max = 2007 } } ]\n",
    );
    let year = |y: &str| person(&[(Field::BirthYear, y)]);
    for (p, expect) in [
        (year("2000"), true),
        (year("2007"), true),
        (year("1999"), false),
        (year("2008"), false),
        (born(d(2007, 12, 31)), true),
        (born(d(1999, 12, 31)), false),
    ] {
        assert_eq!(a.classify(&p.0, &p.1).fits(), expect, "{:?}", p.1.dob);
    }
    let (r, p) = person(&[]);
    assert_eq!(ids(&a.classify(&r, &p).unknown), ["y"]);
}

#[test]
fn no_health_value_makes_wounded_unknown_unless_the_file_says_otherwise() {
    let a = istanbul();
    let (r, p) = born(d(1980, 1, 1));
    let c = a.classify(&r, &p);
    assert_eq!(ids(&c.unknown), ["wounded_ill"]);
    assert!(c.undetermined());
    let strict = agreement(
        HEAD,
        "[[category]]\nid = \"w\"\nany = [ { field = \"health\", contains = [\"тяжк\"], if_missing = false } ]\n",
    );
    let c = strict.classify(&r, &p);
    assert!(c.out_of_category);
    assert!(c.unknown.is_empty());
}

// ---- text conditions ----

#[test]
fn contains_compares_folded_text() {
    let a = istanbul();
    for (health, expect) in [
        ("Тяжке   поранення лівої ноги", true),
        ("ТЯЖКОПОРАНЕНИЙ", true),
        ("тяжелое ранение грудной клетки", true),
        ("Seriously  Wounded (left leg)", true),
        ("легке поранення", false),
        ("здоровий", false),
    ] {
        let (r, p) = person(&[(Field::Dob, "01.01.1980"), (Field::Health, health)]);
        let c = a.classify(&r, &p);
        assert_eq!(
            c.categories.contains(&"wounded_ill".into()),
            expect,
            "{health}"
        );
        assert_eq!(c.out_of_category, !expect, "{health}");
    }
}

#[test]
fn in_compares_the_whole_folded_value() {
    let a = agreement(
        HEAD,
        "[[category]]\nid = \"c\"\nall = [ { field = \"citizenship\", in = [\"Україна\", \"UA\"] } ]\n",
    );
    for (v, expect) in [("україна", true), ("  UA ", true), ("Україна, РФ", false)]
    {
        let (r, p) = person(&[(Field::Citizenship, v)]);
        assert_eq!(a.classify(&r, &p).fits(), expect, "{v}");
    }
}

#[test]
fn present_is_never_unknown() {
    let a = agreement(
        HEAD,
        "[[category]]\nid = \"has\"\nall = [ { field = \"unit\", present = true } ]\n\
         [[category]]\nid = \"lacks\"\nall = [ { field = \"unit\", present = false } ]\n",
    );
    let (r, p) = person(&[(Field::Unit, "в/ч А1234")]);
    let c = a.classify(&r, &p);
    assert_eq!(ids(&c.categories), ["has"]);
    assert!(c.unknown.is_empty());
    let (r, p) = person(&[]);
    assert_eq!(ids(&a.classify(&r, &p).categories), ["lacks"]);
}

// ---- rank, status, sex (set on the person: the parsers are not ours) ----

fn with(mut rp: (Record, Person), f: impl FnOnce(&mut Record, &mut Person)) -> (Record, Person) {
    f(&mut rp.0, &mut rp.1);
    rp
}

#[test]
fn rank_class_status_and_sex_use_the_normalised_values() {
    let a = agreement(
        HEAD,
        "[[category]]\nid = \"ranks\"\nall = [ { field = \"rank\", class = [\"private\", \"nco\"] } ]\n\
         [[category]]\nid = \"officers\"\nall = [ { rank = \"officer\" } ]\n\
         [[category]]\nid = \"civ\"\nall = [ { field = \"status\", in = [\"civilian\"] } ]\n\
         [[category]]\nid = \"civ2\"\nall = [ { status = \"civilian\" } ]\n\
         [[category]]\nid = \"women\"\nall = [ { field = \"sex\", in = [\"female\"] } ]\n",
    );
    let sergeant = with(person(&[(Field::Rank, "сержант")]), |_, p| {
        p.rank = Some(RankClass::Nco);
        p.status = Some(Status::Military);
        p.sex = Some(Sex::Male);
    });
    let c = a.classify(&sergeant.0, &sergeant.1);
    assert_eq!(ids(&c.categories), ["ranks"]);
    assert!(c.unknown.is_empty());

    let civilian = with(person(&[(Field::Status, "цивільна")]), |_, p| {
        p.status = Some(Status::Civilian);
        p.sex = Some(Sex::Female);
    });
    let c = a.classify(&civilian.0, &civilian.1);
    assert_eq!(ids(&c.categories), ["civ", "civ2", "women"]);
    // No rank at all: not a private, not an officer; unknown, not guessed.
    assert_eq!(ids(&c.unknown), ["ranks", "officers"]);

    // A rank the normaliser did not recognise is unknown too.
    let odd = person(&[(Field::Rank, "генералісимус")]);
    assert!(odd.1.rank.is_none());
    let c = a.classify(&odd.0, &odd.1);
    assert!(c.unknown.contains(&"ranks".into()));
    assert!(c.reasons.iter().any(|r| r.value.contains("not recognised")));
}

// ---- three-valued logic ----

#[test]
fn three_valued_all_any_not() {
    // health unknown (absent), age true (born 2000), status civilian.
    let a = agreement(
        HEAD,
        r#"
[[category]]
id = "any_true_unknown"
any = [ { field = "health", contains = ["x"] }, { age = { min = 18 } } ]
[[category]]
id = "any_false_unknown"
any = [ { field = "health", contains = ["x"] }, { age = { max = 10 } } ]
[[category]]
id = "all_true_unknown"
all = [ { field = "health", contains = ["x"] }, { age = { min = 18 } } ]
[[category]]
id = "all_false_unknown"
all = [ { field = "health", contains = ["x"] }, { age = { max = 10 } } ]
[[category]]
id = "not_unknown"
all = [ { not = { field = "health", contains = ["x"] } } ]
[[category]]
id = "not_true"
all = [ { not = { status = "civilian" } } ]
[[category]]
id = "all_and_any"
all = [ { age = { min = 18 } } ]
any = [ { status = "military" }, { status = "civilian" } ]
[[category]]
id = "nested"
any = [ { all = [ { age = { min = 18 } }, { not = { status = "military" } } ] } ]
"#,
    );
    let (r, p) = with(born(d(2000, 1, 1)), |_, p| {
        p.status = Some(Status::Civilian)
    });
    let c = a.classify(&r, &p);
    assert_eq!(
        ids(&c.categories),
        ["any_true_unknown", "all_and_any", "nested"]
    );
    assert_eq!(
        ids(&c.unknown),
        ["any_false_unknown", "all_true_unknown", "not_unknown"]
    );
    assert!(!c.out_of_category);
    // all_false_unknown and not_true are false: neither listed.
}

#[test]
fn any_without_all_and_all_with_any_both_required() {
    let a = agreement(
        HEAD,
        r#"
[[category]]
id = "both"
all = [ { age = { min = 18, max = 25 } } ]
any = [ { field = "health", contains = ["тяжк"] } ]
"#,
    );
    let (r, p) = person(&[
        (Field::Dob, "01.01.2003"),
        (Field::Health, "тяжке поранення"),
    ]);
    assert!(a.classify(&r, &p).fits());
    let (r, p) = person(&[
        (Field::Dob, "01.01.1990"),
        (Field::Health, "тяжке поранення"),
    ]);
    assert!(a.classify(&r, &p).out_of_category);
    let (r, p) = person(&[(Field::Dob, "01.01.2003"), (Field::Health, "легке")]);
    assert!(a.classify(&r, &p).out_of_category);
}

// ---- outcome and reasons ----

#[test]
fn out_of_category_only_when_nothing_holds_and_nothing_is_unknown() {
    let a = istanbul();
    let (r, p) = person(&[(Field::Dob, "01.01.1970"), (Field::Health, "здоровий")]);
    let c = a.classify(&r, &p);
    assert!(c.out_of_category);
    assert!(!c.fits() && !c.undetermined());
    // Both categories explain why they failed.
    let cats: Vec<_> = c.reasons.iter().map(|r| r.category.as_str()).collect();
    assert_eq!(cats, ["wounded_ill", "youth"]);
    assert!(c.reasons.iter().all(|r| r.result == Truth::False));
    assert_eq!(c.reasons[1].value, "born 1970-01-01, age 55");
}

#[test]
fn reasons_name_the_condition_and_the_value() {
    let a = istanbul();
    let (r, p) = person(&[
        (Field::Dob, "15.01.2003"),
        (Field::Health, "Тяжке поранення, ампутація"),
    ]);
    let c = a.classify(&r, &p);
    assert_eq!(ids(&c.categories), ["wounded_ill", "youth"]);
    let w = &c.reasons[0];
    assert_eq!(w.category, "wounded_ill");
    assert_eq!(w.result, Truth::True);
    assert_eq!(w.condition, "health contains \"тяжке поранення\"");
    assert_eq!(w.value, "\"Тяжке поранення, ампутація\"");
    let y = &c.reasons[1];
    assert_eq!(y.condition, "age 18 to 25");
    assert_eq!(y.value, "born 2003-01-15, age 22");
    // A person in a category carries no reasons for the categories that fail.
    let (r, p) = person(&[(Field::Dob, "15.01.2003"), (Field::Health, "здоровий")]);
    let c = a.classify(&r, &p);
    assert!(c.reasons.iter().all(|r| r.category == "youth"));
}

// ---- borderline ----

#[test]
fn borderline_within_the_window_either_way() {
    let a = istanbul(); // 30 days
    let at = a.reference_date;
    let cases = [
        // 18th birthday 10 days after the reference date: out now, in soon.
        (d(2007, 6, 12), false, true),
        // Turned 18 ten days ago.
        (d(2007, 5, 23), true, true),
        // 26th birthday in 30 days: the window's edge counts.
        (d(1999, 7, 2), true, true),
        // ... 31 days: outside.
        (d(1999, 7, 3), true, false),
        // Turned 26 twenty-nine days ago: 25 thirty days ago.
        (d(1999, 5, 4), false, true),
        // Turned 26 thirty days ago: already 26 on the window's first day.
        (d(1999, 5, 3), false, false),
        // Far from any boundary.
        (d(2003, 1, 1), true, false),
        (d(1970, 6, 2), false, false),
    ];
    for (dob, fits, borderline) in cases {
        let (r, p) = person(&[
            (Field::Dob, &dob.format("%Y-%m-%d").to_string()),
            (Field::Health, "ok"),
        ]);
        let c = a.classify(&r, &p);
        assert_eq!(
            c.categories.contains(&"youth".into()),
            fits,
            "born {dob} at {at}"
        );
        assert_eq!(
            c.borderline.contains(&"youth".into()),
            borderline,
            "born {dob}"
        );
        // Never borderline for a category that does not depend on age.
        assert!(!c.borderline.contains(&"wounded_ill".into()));
    }
}

#[test]
fn borderline_reason_names_the_nearest_changing_date() {
    let a = istanbul();
    let (r, p) = born(d(2007, 6, 12));
    let c = a.classify(&r, &p);
    let reason = c
        .reasons
        .iter()
        .find(|r| r.condition.starts_with("borderline"))
        .unwrap();
    assert_eq!(reason.category, "youth");
    assert_eq!(reason.result, Truth::False);
    assert_eq!(reason.value, "true on 2025-06-12, 10 days later");
}

#[test]
fn no_borderline_without_a_window_or_a_date() {
    let a = agreement(HEAD, YOUTH);
    let (r, p) = born(d(2007, 6, 3));
    assert!(a.classify(&r, &p).borderline.is_empty());
    let b = istanbul();
    let (r, p) = person(&[]);
    assert!(b.classify(&r, &p).borderline.is_empty());
}

#[test]
fn year_only_birth_near_a_boundary_is_borderline() {
    // Reference 2025-01-10: someone born in 2006 is 18 (born by 10 Jan 2007 ... all of
    // 2006 → 18 or 19): true; ten days earlier, those born late in 2006... still 18. But born
    // in 2007: 17 or 18 → unknown, never borderline.
    let a = agreement(
        "reference_date = \"2025-01-10\"\nborderline_days = 30",
        YOUTH,
    );
    let (r, p) = person(&[(Field::BirthYear, "2006")]);
    let c = a.classify(&r, &p);
    assert!(c.fits());
    // Thirty days earlier (11 Dec 2024) a late-2006 birth may still be 17: unknown then.
    assert_eq!(ids(&c.borderline), ["youth"]);
    let (r, p) = person(&[(Field::BirthYear, "2007")]);
    let c = a.classify(&r, &p);
    assert!(c.undetermined());
    assert!(c.borderline.is_empty());
}

// ---- claims ----

fn claims_agreement() -> Agreement {
    agreement(
        "reference_date = \"2025-06-02\"",
        r#"
[[category]]
id = "wounded_ill"
label = "Seriously wounded or seriously ill"
aliases = ["тяжкопоранені", "тяжелораненые"]
any = [ { field = "health", contains = ["тяжк", "тяжел"] } ]

[[category]]
id = "youth"
label = "Aged 18 to 25"
aliases = ["молодь 18-25"]
all = [ { age = { min = 18, max = 25 } } ]
"#,
    )
}

#[test]
fn claims_match_ids_labels_and_aliases_through_fold() {
    let a = claims_agreement();
    for (claim, id) in [
        ("Тяжкопоранені", "wounded_ill"),
        ("ТЯЖЕЛОРАНЕНЫЕ", "wounded_ill"),
        ("seriously   wounded or seriously ill", "wounded_ill"),
        ("youth", "youth"),
        ("Молодь  18-25", "youth"),
        ("aged 18 to 25", "youth"),
    ] {
        let (r, p) = person(&[
            (Field::Dob, "01.01.2003"),
            (Field::Health, "тяжке поранення"),
            (Field::Category, claim),
        ]);
        let c = a.classify(&r, &p);
        let cl = c.claim.as_ref().unwrap();
        assert_eq!(cl.claimed, [id], "{claim}");
        assert!(!c.claim_mismatch, "{claim}");
        assert_eq!(cl.raw, claim.trim());
    }
}

#[test]
fn a_claim_the_rules_reject_is_a_mismatch_with_its_reason() {
    let a = claims_agreement();
    let (r, p) = person(&[
        (Field::Dob, "01.01.1980"),
        (Field::Health, "тяжке поранення"),
        (Field::Category, "молодь 18-25"),
    ]);
    let c = a.classify(&r, &p);
    assert!(c.claim_mismatch);
    assert_eq!(c.claim.as_ref().unwrap().contradicted, ["youth"]);
    // The person fits another category, and the claimed one still explains itself.
    assert_eq!(ids(&c.categories), ["wounded_ill"]);
    assert!(
        c.reasons
            .iter()
            .any(|r| r.category == "youth" && r.result == Truth::False)
    );
}

#[test]
fn several_claims_unrecognised_text_and_unverifiable_claims() {
    let a = claims_agreement();
    let (r, p) = person(&[
        (Field::Health, "тяжке поранення"),
        (Field::Category, "тяжкопоранені; молодь 18-25; обмін"),
    ]);
    let c = a.classify(&r, &p);
    let cl = c.claim.unwrap();
    assert_eq!(cl.claimed, ["wounded_ill", "youth"]);
    assert_eq!(cl.unverified, ["youth"], "no date of birth");
    assert!(cl.contradicted.is_empty());
    assert_eq!(cl.unrecognised, ["обмін"]);
    assert!(c.claim_mismatch);
    // Unverifiable alone is not a mismatch.
    let (r, p) = person(&[(Field::Category, "youth")]);
    let c = a.classify(&r, &p);
    assert!(!c.claim_mismatch);
    assert_eq!(c.claim.unwrap().unverified, ["youth"]);
    // No category column: no claim.
    let (r, p) = person(&[]);
    assert!(a.classify(&r, &p).claim.is_none());
}

// ---- many records ----

#[test]
fn classify_all_keeps_every_record_and_counts() {
    let a = istanbul();
    let rows = [
        ("01.01.2003", "здоровий"),        // youth
        ("01.01.1980", "тяжке поранення"), // wounded
        ("01.01.1980", "здоровий"),        // out
        ("", "здоровий"),                  // undetermined
        ("12.06.2007", "тяжкохворий"),     // wounded, youth borderline
    ];
    let records: Vec<Record> = rows
        .iter()
        .enumerate()
        .map(|(i, (dob, health))| {
            let mut r = Record {
                row: i as u64 + 1,
                ..Record::default()
            };
            r.set(Field::Dob, dob);
            r.set(Field::Health, health);
            r
        })
        .collect();
    let n = normalize::normalize_records(&records, &NormOptions::default());
    let all = a.classify_all(&records, &n.persons).unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(
        all.iter().map(|c| c.row).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    let s = a.summarize(&all);
    assert_eq!(s.classified, 5);
    assert_eq!(s.fits, 3);
    assert_eq!(s.out_of_category, 1);
    assert_eq!(s.undetermined, 1);
    assert_eq!(s.categories[0].id, "wounded_ill");
    assert_eq!(s.categories[0].count, 2);
    assert_eq!(s.categories[1].count, 1);
    assert_eq!(s.categories[1].unknown, 1);
    assert_eq!(s.categories[1].borderline, 1);
    assert!(a.classify_all(&records, &n.persons[1..]).is_err());
}

#[test]
fn classification_serialises_with_the_pinned_field_names() {
    let a = istanbul();
    let (r, p) = born(d(2003, 1, 1));
    let v = serde_json::to_value(a.classify(&r, &p)).unwrap();
    for key in [
        "row",
        "categories",
        "unknown",
        "borderline",
        "out_of_category",
        "reasons",
        "claim",
        "claim_mismatch",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["categories"], serde_json::json!(["youth"]));
    assert_eq!(v["unknown"], serde_json::json!(["wounded_ill"]));
    assert_eq!(v["reasons"][0]["result"], "unknown");
}

// ---- validation: one problem each, with line and column ----

#[test]
fn each_validation_problem_alone() {
    let base = |cat: &str| {
        format!("name = \"T\"\nreference_date = \"2025-06-02\"\n[[category]]\nid = \"a\"\n{cat}\n")
    };
    let cases: Vec<(String, (usize, usize), &str)> = vec![
        (
            "name = \"T\"\nreference_date = \"2025-13-01\"\n[[category]]\nid = \"a\"\nall = [ { age = { min = 1 } } ]\n".into(),
            (2, 18),
            "reference_date",
        ),
        (
            "name = \"T\"\nreference_date = \"2025-06-02\"\nnmae = 1\n[[category]]\nid = \"a\"\nall = [ { age = { min = 1 } } ]\n".into(),
            (3, 1),
            "unknown key `nmae`",
        ),
        (base("all = [ { agee = { min = 1 } } ]"), (5, 11), "unknown condition kind `agee`"),
        (base("all = [ { age = { min = 30, max = 20 } } ]"), (5, 17), "min (30) is greater than max (20)"),
        (base("all = [ { age = { min = 1, mx = 20 } } ]"), (5, 28), "unknown key in `age` `mx`"),
        (base("all = [ { age = { min = -1 } } ]"), (5, 25), "must be 0 to 150"),
        (base("all = [ { age = { min = \"x\" } } ]"), (5, 25), "whole number"),
        (base("all = [ { age = {} } ]"), (5, 17), "needs `min`, `max`"),
        (base("all = [ { field = \"helth\", contains = [\"x\"] } ]"), (5, 19), "unknown field `helth`"),
        (base("all = [ { field = \"health\" } ]"), (5, 19), "exactly one of"),
        (base("all = [ { field = \"health\", contains = [\"x\"], in = [\"y\"] } ]"), (5, 47), "exactly one of"),
        (base("all = [ { field = \"health\", contains = [\"  \"] } ]"), (5, 41), "would match every value"),
        (base("all = [ { field = \"health\", contains = [] } ]"), (5, 40), "empty list"),
        (base("all = [ { field = \"health\", contans = [\"x\"] } ]"), (5, 29), "did you mean `contains`"),
        (base("all = [ { field = \"unit\", class = [\"nco\"] } ]"), (5, 27), "use it with field = \"rank\""),
        (base("all = [ { field = \"rank\", class = [\"general\"] } ]"), (5, 36), "unknown rank class `general`"),
        (base("all = [ { field = \"status\", in = [\"pow\"] } ]"), (5, 35), "unknown status `pow`"),
        (base("all = [ { status = \"civilian\", age = { min = 1 } } ]"), (5, 32), "one condition, one kind"),
        (base("all = [ { field = \"health\", present = \"yes\" } ]"), (5, 39), "true or false"),
        (base("all = [ { field = \"health\", contains = [\"x\"], if_missing = \"maybe\" } ]"), (5, 60), "if_missing"),
        (base("all = [ { contains = [\"x\"] } ]"), (5, 11), "needs a field"),
        (base("all = [ {} ]"), (5, 9), "an empty condition"),
        (base("all = [ \"age\" ]"), (5, 9), "must be a table"),
        (base("any = []"), (5, 7), "empty list"),
        (base("all = { age = { min = 1 } }"), (5, 7), "list of conditions"),
        (base("colour = \"red\"\nall = [ { age = { min = 1 } } ]"), (5, 1), "unknown category key `colour`"),
        (base(""), (3, 1), "has no rule"),
        (
            "name = \"T\"\nreference_date = \"2025-06-02\"\n[[category]]\nlabel = \"x\"\nall = [ { age = { min = 1 } } ]\n".into(),
            (3, 1),
            "no `id`",
        ),
        (
            format!("{}[[category]]\nid = \"A\"\nall = [ {{ age = {{ min = 1 }} }} ]\n", base("all = [ { age = { min = 1 } } ]")),
            (7, 6),
            "duplicate category id `A`",
        ),
        (
            format!("{}[[category]]\nid = \"b\"\naliases = [\"a\"]\nall = [ {{ age = {{ min = 1 }} }} ]\n", base("all = [ { age = { min = 1 } } ]")),
            (8, 12),
            "also names another category",
        ),
        (
            "name = \"T\"\nreference_date = \"2025-06-02\"\nborderline_days = -3\n[[category]]\nid = \"a\"\nall = [ { age = { min = 1 } } ]\n".into(),
            (3, 19),
            "borderline_days",
        ),
        (
            "name = \"T\"\nreference_date = \"2025-06-02\"\nfeb29_birthday = \"feb29\"\n[[category]]\nid = \"a\"\nall = [ { age = { min = 1 } } ]\n".into(),
            (3, 18),
            "feb29_birthday",
        ),
        (
            "name = \"T\"\nreference_date = \"2025-06-02\"\n[category]\nid = \"a\"\n".into(),
            (3, 1),
            "[[category]]",
        ),
        ("reference_date = \"2025-06-02\"\n[[category]]\nid = \"a\"\nall = [ { age = { min = 1 } } ]\n".into(), (1, 1), "missing `name"),
        ("name = \"T\"\n[[category]]\nid = \"a\"\nall = [ { age = { min = 1 } } ]\n".into(), (1, 1), "missing `reference_date"),
        ("name = \"T\"\nreference_date = \"2025-06-02\"\n".into(), (1, 1), "no categories"),
        ("name = \"T\"\nreference_date = \"2025-06-02\"\nname = \"U\"\n[[category]]\nid = \"a\"\nall = [ { age = { min = 1 } } ]\n".into(), (3, 1), "TOML syntax"),
        (base("all = [ { not = { agee = 1 } } ]"), (5, 19), "unknown condition kind `agee`"),
        (base("all = [ { any = [ { field = \"x\", in = [\"a\"] } ] } ]"), (5, 29), "unknown field `x`"),
    ];
    let mut wrong = Vec::new();
    for (text, (line, column), needle) in cases {
        let p = problems(&text);
        let got: Vec<_> = p
            .iter()
            .map(|p| {
                (
                    p.line.unwrap_or(0),
                    p.column.unwrap_or(0),
                    p.message.as_str(),
                )
            })
            .collect();
        if got.len() != 1 || !got[0].2.contains(needle) || (got[0].0, got[0].1) != (line, column) {
            wrong.push(format!(
                "{text}\nexpected {line}:{column} {needle:?}\ngot {got:?}\n"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_problem_is_reported_at_once_with_its_place() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/agreements/broken-many.toml"
    ))
    .unwrap();
    let p = problems(&text);
    let places: Vec<(usize, usize)> = p
        .iter()
        .map(|p| (p.line.unwrap(), p.column.unwrap()))
        .collect();
    assert_eq!(
        places,
        [
            (2, 18),
            (3, 1),
            (8, 17),
            (11, 6),
            (12, 1),
            (13, 11),
            (17, 19)
        ],
        "{p:#?}"
    );
    let all = p
        .iter()
        .map(|p| p.message.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for needle in [
        "reference_date",
        "borderline_dayz",
        "min (26) is greater",
        "duplicate category id `youth`",
        "lable",
        "agee",
        "helth",
    ] {
        assert!(all.contains(needle), "{needle} missing from\n{all}");
    }
}

#[test]
fn syntax_errors_are_reported_with_the_other_problems() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/agreements/broken-syntax.toml"
    ))
    .unwrap();
    let p = problems(&text);
    assert!(p.iter().all(|p| p.line.is_some() && p.column.is_some()));
    assert!(
        p.iter()
            .any(|p| p.message.starts_with("TOML syntax") && p.line == Some(7))
    );
    // The broken file also has a semantic problem on a good line.
    assert!(
        p.iter()
            .any(|p| p.line == Some(1) && p.message.contains("feb29_birthday")),
        "{p:#?}"
    );
}

#[test]
fn the_error_lists_every_problem_with_line_and_column() {
    let e = Agreement::parse("x.toml", "name = 1\nreference_date = \"soon\"\n").unwrap_err();
    let s = e.to_string();
    assert!(s.starts_with("x.toml: 3 problems found:"), "{s}");
    assert!(
        s.contains("line 1, column 8: `name` must be a string"),
        "{s}"
    );
    assert!(s.contains("line 2, column 18: `reference_date`"), "{s}");
}
