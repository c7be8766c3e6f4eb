//! Rendering people as rows of each side's list, with noise, and streaming the lists and
//! the truth to buffered files chunk by chunk (rows rendered in parallel, written in order).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rand::RngExt;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use super::noise::{self, Alphabet};
use super::people::{self, Health, Person, RANKS};
use super::truth::{self, Expected};
use super::{BFormat, Settings, Written, rng_for, stream, unit};
use crate::normalize::Sex;
use crate::normalize::translit;

/// Rows rendered in parallel before being written in order.
const CHUNK: usize = 1 << 14;

/// Which list a row is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    A,
    B,
    Mediator,
}

/// One listing of a person: (person number, 0 for the first listing or 1 for a duplicate).
type Entry = (u32, u8);

/// A row as written, before it is laid out for its container.
struct Row {
    surname: String,
    given: String,
    patronymic: String,
    /// The birth date the row states (after noise), for the truth's categories.
    dob: Option<NaiveDate>,
    dob_text: String,
    sex: &'static str,
    status: &'static str,
    rank: &'static str,
    unit: String,
    service_number: String,
    health: &'static str,
    noise: Vec<&'static str>,
}

const UK_HEALTH: [&[&str]; 8] = [
    &[
        "тяжке поранення",
        "тяжкопоранений",
        "Тяжке поранення, ампутація лівої гомілки",
        "тяжке поранення (МВТ)",
    ],
    &[
        "тяжкохворий",
        "тяжка хвороба: туберкульоз",
        "тяжка хвороба (онкологія)",
    ],
    &[
        "ампутація правої руки",
        "параліч нижніх кінцівок",
        "втрата зору",
    ],
    &["середньої тяжкості", "поранення середньої тяжкості"],
    &["легке поранення", "легке осколкове поранення"],
    &["задовільний", "стан задовільний", "задовільне"],
    &["здоровий"],
    &["хронічне захворювання", "цукровий діабет"],
];
const UK_HEALTH_FEMALE: [&str; 3] = ["тяжкопоранена", "тяжкохвора", "здорова"];

const RU_HEALTH: [&[&str]; 8] = [
    &[
        "тяжелое ранение",
        "тяжелораненый",
        "Тяжёлое ранение, ампутация левой голени",
    ],
    &["тяжелобольной", "тяжелое заболевание: туберкулёз"],
    &[
        "ампутация правой руки",
        "паралич нижних конечностей",
        "потеря зрения",
    ],
    &["средней тяжести", "ранение средней тяжести"],
    &["легкое ранение", "лёгкое осколочное ранение"],
    &["удовлетворительное", "состояние удовлетворительное"],
    &["здоров"],
    &["хроническое заболевание", "сахарный диабет"],
];
const RU_HEALTH_FEMALE: [&str; 3] = ["тяжелораненая", "тяжелобольная", "здорова"];

const EN_HEALTH: [&[&str]; 8] = [
    &["seriously wounded", "severely wounded"],
    &["seriously ill", "gravely ill"],
    &["amputation of the right arm", "paralysis of the legs"],
    &["moderate condition"],
    &["lightly wounded"],
    &["satisfactory"],
    &["healthy"],
    &["chronic disease"],
];

fn health_index(h: Health) -> usize {
    match h {
        Health::SevereWound => 0,
        Health::SevereIll => 1,
        Health::SevereUnnamed => 2,
        Health::Moderate => 3,
        Health::LightWound => 4,
        Health::Satisfactory => 5,
        Health::Healthy => 6,
        Health::Chronic => 7,
    }
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    items[rng.random_range(0..items.len())]
}

fn health_text(side: Side, p: &Person, rng: &mut ChaCha8Rng) -> &'static str {
    let i = health_index(p.health);
    let (table, female) = match side {
        Side::A => (&UK_HEALTH, &UK_HEALTH_FEMALE),
        Side::B => (&RU_HEALTH, &RU_HEALTH_FEMALE),
        Side::Mediator => return pick(rng, EN_HEALTH[i]),
    };
    let phrase = pick(rng, table[i]);
    if p.sex == Sex::Female {
        // The adjectival forms agree with a woman.
        match phrase {
            "тяжкопоранений" | "тяжелораненый" => return female[0],
            "тяжкохворий" | "тяжелобольной" => return female[1],
            "здоровий" | "здоров" => return female[2],
            _ => {}
        }
    }
    phrase
}

const RU_MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

fn dmy(d: NaiveDate) -> String {
    format!("{:02}.{:02}.{:04}", d.day(), d.month(), d.year())
}

fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn date_text(side: Side, d: NaiveDate, rng: &mut ChaCha8Rng) -> String {
    let u = rng.random::<f64>();
    match side {
        Side::A => dmy(d),
        Side::B if u < 0.8 => dmy(d),
        Side::B if u < 0.9 => iso(d),
        Side::B => format!(
            "{} {} {} г.",
            d.day(),
            RU_MONTHS[d.month0() as usize],
            d.year()
        ),
        Side::Mediator if u < 0.5 => iso(d),
        Side::Mediator => dmy(d),
    }
}

/// The written birth date after the date noise, with the noise names.
fn noisy_date(
    s: &Settings,
    dob: NaiveDate,
    rng: &mut ChaCha8Rng,
    noise: &mut Vec<&'static str>,
) -> Option<NaiveDate> {
    // Every draw is made whatever the earlier outcome, so each rate holds on its own.
    let missing = rng.random_bool(s.noise.missing_dob);
    let swap = rng.random_bool(s.noise.day_month_swap);
    let off = rng.random_bool(s.noise.year_off_by_one);
    let later = rng.random_bool(0.5);
    if missing {
        noise.push("missing_dob");
        return None;
    }
    let mut d = dob;
    if swap
        && d.day() <= 12
        && d.day() != d.month()
        && let Some(sw) = NaiveDate::from_ymd_opt(d.year(), d.day(), d.month())
    {
        d = sw;
        noise.push("day_month_swap");
    }
    if off {
        let y = if later { d.year() + 1 } else { d.year() - 1 };
        if let Some(o) = NaiveDate::from_ymd_opt(y, d.month(), d.day()) {
            d = o;
            noise.push("year_off_by_one");
        }
    }
    Some(d)
}

fn given_form(side: Side, p: &Person, rng: &mut ChaCha8Rng) -> String {
    let e = p.given;
    let forms = match side {
        Side::A => &e.uk,
        Side::B if !e.ru.is_empty() => &e.ru,
        Side::B => &e.uk,
        Side::Mediator => {
            if e.latin.is_empty() {
                return translit::kmu2010(e.uk.first().copied().unwrap_or_default());
            }
            // KMU 2010 most often, then any of ICAO, BGN and the legacy forms.
            return if rng.random_bool(0.4) {
                e.latin[0].to_string()
            } else {
                pick(rng, &e.latin).to_string()
            };
        }
    };
    // Clerks mostly write the canonical form; sometimes a listed variant.
    let f = if forms.len() > 1 && rng.random_bool(0.1) {
        pick(rng, forms)
    } else {
        forms.first().copied().unwrap_or_default()
    };
    f.to_string()
}

fn render(s: &Settings, side: Side, person: u32, listing: u8) -> Row {
    let tag = match side {
        Side::A => stream::ROW_A,
        Side::B => stream::ROW_B,
        Side::Mediator => stream::ROW_M,
    };
    let p = people::person(s, u64::from(person));
    let mut rng = rng_for(s.seed, tag, u64::from(person) * 2 + u64::from(listing));
    let mut noise = Vec::new();
    if listing > 0 {
        noise.push("duplicate");
    }
    if side == Side::Mediator {
        return render_latin(p, &mut rng, noise);
    }
    let n = &s.noise;
    let (own, other, alphabet) = match side {
        Side::A => (&p.surname_uk, &p.surname_ru, Alphabet::Uk),
        _ => (&p.surname_ru, &p.surname_uk, Alphabet::Ru),
    };
    let other_spelling = rng.random_bool(n.other_spelling);
    let typo = rng.random_bool(n.typo);
    let typo_given = rng.random_bool(0.4);
    let upper = rng.random_bool(n.upper_surname);
    let homoglyph = rng.random_bool(n.homoglyph);
    let spaces = rng.random_bool(n.extra_spaces);
    let no_patronymic = rng.random_bool(n.missing_patronymic);

    let mut surname = own.clone();
    if other_spelling && other != own {
        surname = other.clone();
        noise.push("other_spelling");
    }
    let mut given = given_form(side, &p, &mut rng);
    if typo {
        let target = if typo_given { &mut given } else { &mut surname };
        let t = noise::typo(target, alphabet, &mut rng);
        if t != *target {
            *target = t;
            noise.push(if typo_given {
                "typo_given"
            } else {
                "typo_surname"
            });
        }
    }
    if upper {
        surname = surname.to_uppercase();
        noise.push("upper_surname");
    }
    if homoglyph && let Some(h) = noise::homoglyph(&surname, &mut rng) {
        surname = h;
        noise.push("homoglyph");
    }
    let mut patronymic = match side {
        Side::A => p.patronymic.uk.clone(),
        _ => p.patronymic.ru.clone(),
    };
    if no_patronymic {
        patronymic.clear();
        noise.push("missing_patronymic");
    }
    if spaces {
        if rng.random_bool(0.5) {
            surname = noise::extra_spaces(&surname, &mut rng);
        } else {
            given = noise::extra_spaces(&given, &mut rng);
        }
        noise.push("extra_spaces");
    }
    let dob = noisy_date(s, p.dob, &mut rng, &mut noise);
    let dob_text = dob
        .map(|d| date_text(side, d, &mut rng))
        .unwrap_or_default();
    let uk = side == Side::A;
    let sex = match (p.sex, uk) {
        (Sex::Male, true) => "ч",
        (Sex::Female, true) => "ж",
        (Sex::Male, false) => "м",
        (Sex::Female, false) => "ж",
    };
    // A Ukrainian list shows most service numbers, a Russian one fewer: often only one side
    // has it.
    let (show_number, show_unit) = if uk { (0.75, 1.0) } else { (0.45, 0.9) };
    let (status, rank, unit_text, number) = match &p.military {
        Some(m) => (
            if uk {
                "військовослужбовець"
            } else {
                "военнослужащий"
            },
            if uk {
                RANKS[m.rank].uk
            } else {
                RANKS[m.rank].ru
            },
            if rng.random_bool(show_unit) {
                m.unit.clone()
            } else {
                String::new()
            },
            if rng.random_bool(show_number) {
                m.service_number.to_string()
            } else {
                String::new()
            },
        ),
        None => (
            if uk {
                "цивільна особа"
            } else {
                "гражданское лицо"
            },
            "",
            String::new(),
            String::new(),
        ),
    };
    let health = health_text(side, &p, &mut rng);
    Row {
        surname,
        given,
        patronymic,
        dob,
        dob_text,
        sex,
        status,
        rank,
        unit: unit_text,
        service_number: number,
        health,
        noise,
    }
}

/// The mediator's row: romanised names (KMU 2010 from the Ukrainian forms or ICAO from the
/// Russian ones, and the legacy forms of the dictionary), English wording.
fn render_latin(p: Person, rng: &mut ChaCha8Rng, noise: Vec<&'static str>) -> Row {
    let mut surname = if rng.random_bool(0.6) {
        translit::kmu2010(&p.surname_uk)
    } else {
        translit::icao9303(&p.surname_ru)
    };
    if rng.random_bool(0.5) {
        surname = surname.to_uppercase();
    }
    let given = given_form(Side::Mediator, &p, rng);
    let patronymic = match rng.random_range(0..4u8) {
        0 | 1 => String::new(),
        2 => translit::kmu2010(&p.patronymic.uk),
        _ => translit::icao9303(&p.patronymic.ru),
    };
    let dob_text = date_text(Side::Mediator, p.dob, rng);
    Row {
        surname,
        given,
        patronymic,
        dob: Some(p.dob),
        dob_text,
        sex: if p.sex == Sex::Male { "M" } else { "F" },
        status: "",
        rank: p.military.as_ref().map_or("", |m| RANKS[m.rank].en),
        unit: String::new(),
        service_number: String::new(),
        health: health_text(Side::Mediator, &p, rng),
        noise,
    }
}

/// Appends a CSV field, quoted when it holds the delimiter, a quote or a line break.
fn field(out: &mut String, v: &str, delim: char) {
    if v.contains([delim, '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(v);
    }
}

fn csv_line(values: &[&str], delim: char, eol: &str) -> String {
    let mut out = String::with_capacity(160);
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(delim);
        }
        field(&mut out, v, delim);
    }
    out.push_str(eol);
    out
}

const A_HEADERS: [&str; 11] = [
    "№ з/п",
    "Прізвище",
    "Ім'я",
    "По батькові",
    "Дата народження",
    "Стать",
    "Статус",
    "Військове звання",
    "Військова частина",
    "Особовий номер",
    "Стан здоров'я",
];

const B_KEYS: [&str; 10] = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Пол",
    "Статус",
    "Звание",
    "Войсковая часть",
    "Личный номер",
    "Состояние здоровья",
];

const B_CSV_HEADERS: [&str; 8] = [
    "ФИО",
    "Дата рождения",
    "Пол",
    "Статус",
    "Звание",
    "Войсковая часть",
    "Личный номер",
    "Состояние здоровья",
];

const M_HEADERS: [&str; 7] = [
    "No.",
    "Surname",
    "Given name",
    "Patronymic",
    "Date of birth",
    "Sex",
    "Health status",
];

/// The layout of one list file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    CsvA,
    JsonB,
    CsvB,
    CsvMediator,
}

fn json_str(out: &mut String, v: &str) {
    if v.is_empty() {
        out.push_str("null");
    } else {
        out.push_str(&serde_json::Value::from(v).to_string());
    }
}

/// A row's cells in the order of side A's columns after "№" and of side B's JSON keys.
fn person_cells(r: &Row) -> [&str; 10] {
    [
        &r.surname,
        &r.given,
        &r.patronymic,
        &r.dob_text,
        r.sex,
        r.status,
        r.rank,
        &r.unit,
        &r.service_number,
        r.health,
    ]
}

fn line(layout: Layout, row: usize, r: &Row) -> String {
    let no = row.to_string();
    match layout {
        Layout::CsvA => {
            let mut cells = vec![no.as_str()];
            cells.extend(person_cells(r));
            csv_line(&cells, ';', "\r\n")
        }
        Layout::JsonB => {
            let values = person_cells(r);
            let mut out = String::with_capacity(400);
            out.push('{');
            for (i, (k, v)) in B_KEYS.iter().zip(values).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                json_str(&mut out, k);
                out.push_str(": ");
                json_str(&mut out, v);
            }
            out.push('}');
            out
        }
        Layout::CsvB => {
            // The full name keeps a doubled space if the noise put one at a part's edge.
            let mut full = String::new();
            for part in [&r.surname, &r.given, &r.patronymic] {
                if part.trim().is_empty() {
                    continue;
                }
                if !full.is_empty() {
                    full.push(' ');
                }
                full.push_str(part);
            }
            csv_line(
                &[
                    &full,
                    &r.dob_text,
                    r.sex,
                    r.status,
                    r.rank,
                    &r.unit,
                    &r.service_number,
                    r.health,
                ],
                ',',
                "\n",
            )
        }
        Layout::CsvMediator => csv_line(
            &[
                &no,
                &r.surname,
                &r.given,
                &r.patronymic,
                &r.dob_text,
                r.sex,
                r.health,
            ],
            ',',
            "\n",
        ),
    }
}

fn json_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", quoted.join(","))
}

fn truth_line(row: usize, person: u32, e: &Expected, noise: &[&str]) -> String {
    let cats: Vec<&str> = e.categories.iter().map(String::as_str).collect();
    let unknown: Vec<&str> = e.unknown.iter().map(String::as_str).collect();
    format!(
        "{{\"row\":{row},\"person\":{person},\"categories\":{},\"unknown\":{},\"out_of_category\":{},\"noise\":{}}}",
        json_list(&cats),
        json_list(&unknown),
        e.out_of_category,
        json_list(noise)
    )
}

fn create(dir: &Path, name: &str, w: &mut Written) -> crate::Result<BufWriter<File>> {
    let path = dir.join(name);
    let f = File::create(&path).map_err(|e| crate::Error::io(path.display().to_string(), e))?;
    w.files.push(path);
    Ok(BufWriter::with_capacity(1 << 20, f))
}

fn io_err(dir: &Path) -> impl Fn(io::Error) -> crate::Error + '_ {
    move |e| crate::Error::io(dir.display().to_string(), e)
}

/// Renders and writes one list, and its rows' truth records.
fn write_list(
    s: &Settings,
    side: Side,
    layout: Layout,
    entries: &[Entry],
    list: &mut impl Write,
    truth: &mut impl Write,
) -> io::Result<()> {
    match layout {
        Layout::CsvA => {
            list.write_all("\u{feff}".as_bytes())?;
            list.write_all(csv_line(&A_HEADERS, ';', "\r\n").as_bytes())?;
        }
        Layout::JsonB => list.write_all(b"[\n")?,
        Layout::CsvB => list.write_all(csv_line(&B_CSV_HEADERS, ',', "\n").as_bytes())?,
        Layout::CsvMediator => list.write_all(csv_line(&M_HEADERS, ',', "\n").as_bytes())?,
    }
    for (c, chunk) in entries.chunks(CHUNK).enumerate() {
        let first_row = c * CHUNK + 1;
        let rendered: Vec<(String, String)> = chunk
            .par_iter()
            .enumerate()
            .map(|(k, &(person, listing))| {
                let row = first_row + k;
                let r = render(s, side, person, listing);
                let e = truth::classify(r.dob, r.health);
                (line(layout, row, &r), truth_line(row, person, &e, &r.noise))
            })
            .collect();
        for (k, (l, t)) in rendered.iter().enumerate() {
            let row = first_row + k;
            if row > 1 {
                truth.write_all(b",\n")?;
                if layout == Layout::JsonB {
                    list.write_all(b",\n")?;
                }
            }
            list.write_all(l.as_bytes())?;
            truth.write_all(t.as_bytes())?;
        }
    }
    if layout == Layout::JsonB {
        list.write_all(if entries.is_empty() { b"]\n" } else { b"\n]\n" })?;
    }
    list.flush()
}

/// The listings of a side, each person once plus the duplicates, in the side's own order.
fn listings(s: &Settings, persons: impl Iterator<Item = u32>, side: u64) -> Vec<Entry> {
    let mut v: Vec<Entry> = Vec::new();
    for p in persons {
        v.push((p, 0));
        if unit(s.seed, stream::DUPLICATE, u64::from(p) * 4 + side) < s.duplicates {
            v.push((p, 1));
        }
    }
    v.shuffle(&mut rng_for(s.seed, stream::SHUFFLE, side));
    v
}

/// Each person's rows on one side (0 = none; a person has at most two listings).
fn rows_by_person(entries: &[Entry], population: usize) -> Vec<[u32; 2]> {
    let mut m = vec![[0u32; 2]; population];
    for (i, &(p, _)) in entries.iter().enumerate() {
        let slot = &mut m[p as usize];
        let row = i as u32 + 1;
        if slot[0] == 0 {
            slot[0] = row;
        } else {
            slot[1] = row;
        }
    }
    m
}

fn write_pairs(
    out: &mut impl Write,
    from: &[Entry],
    to: &[[u32; 2]],
    first: &mut bool,
) -> io::Result<u64> {
    let mut n = 0;
    for (i, &(p, _)) in from.iter().enumerate() {
        for r in to[p as usize].into_iter().filter(|&r| r > 0) {
            out.write_all(if *first { b"\n" } else { b",\n" })?;
            *first = false;
            write!(out, "[{},{}]", i + 1, r)?;
            n += 1;
        }
    }
    Ok(n)
}

fn write_duplicates(out: &mut impl Write, by_person: &[[u32; 2]]) -> io::Result<()> {
    let mut groups: Vec<[u32; 2]> = by_person
        .iter()
        .filter(|r| r[1] > 0)
        .map(|r| [r[0].min(r[1]), r[0].max(r[1])])
        .collect();
    groups.sort_unstable();
    out.write_all(b"[")?;
    for (i, g) in groups.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        write!(out, "\n  [{},{}]", g[0], g[1])?;
    }
    out.write_all(b"]")
}

/// Writes every file of a data set.
pub(super) fn all(s: &Settings, dir: &Path) -> crate::Result<Written> {
    let e = io_err(dir);
    let mut w = Written::default();
    let n = s.people as u32;
    let shared = (s.people as f64 * s.overlap).round() as u32;
    let own_b = n - shared.min(n);
    let population = (n + own_b) as usize;

    let a = listings(s, 0..n, 0);
    let in_b = (0..n).filter(|&p| unit(s.seed, stream::OVERLAP, u64::from(p)) < s.overlap);
    let b = listings(s, in_b.chain(n..n + own_b), 1);
    let m = if s.mediator {
        let chosen = (0..n + own_b).filter(|&p| unit(s.seed, stream::MEDIATOR, u64::from(p)) < 0.5);
        listings(
            &Settings {
                duplicates: 0.0,
                ..s.clone()
            },
            chosen,
            2,
        )
    } else {
        Vec::new()
    };
    w.rows_a = a.len() as u64;
    w.rows_b = b.len() as u64;
    w.rows_mediator = m.len() as u64;

    let mut agreement = create(dir, "agreement.toml", &mut w)?;
    agreement
        .write_all(truth::AGREEMENT.as_bytes())
        .map_err(&e)?;
    agreement.flush().map_err(&e)?;
    drop(agreement);

    let b_name = match s.b_format {
        BFormat::Json => "side-b.json",
        BFormat::Csv => "side-b.csv",
    };
    let mut t = create(dir, "truth.json", &mut w)?;
    let generator = serde_json::to_string(s).map_err(|x| e(io::Error::other(x)))?;
    let mediator_name = if s.mediator {
        "\"mediator.csv\""
    } else {
        "null"
    };
    write!(
        t,
        "{{\"schema\":\"{}\",\n\"generator\":{generator},\n\"files\":{{\"a\":\"side-a.csv\",\"b\":\"{b_name}\",\"agreement\":\"agreement.toml\",\"mediator\":{mediator_name}}},\n\"rows\":{{\"a\":{},\"b\":{},\"mediator\":{}}},\n\"records\":{{\"a\":[\n",
        truth::SCHEMA,
        w.rows_a,
        w.rows_b,
        w.rows_mediator
    )
    .map_err(&e)?;

    let mut list = create(dir, "side-a.csv", &mut w)?;
    write_list(s, Side::A, Layout::CsvA, &a, &mut list, &mut t).map_err(&e)?;
    drop(list);
    t.write_all(b"],\n\"b\":[\n").map_err(&e)?;
    let mut list = create(dir, b_name, &mut w)?;
    let layout = match s.b_format {
        BFormat::Json => Layout::JsonB,
        BFormat::Csv => Layout::CsvB,
    };
    write_list(s, Side::B, layout, &b, &mut list, &mut t).map_err(&e)?;
    drop(list);
    t.write_all(b"],\n\"mediator\":[\n").map_err(&e)?;
    if s.mediator {
        let mut list = create(dir, "mediator.csv", &mut w)?;
        write_list(
            s,
            Side::Mediator,
            Layout::CsvMediator,
            &m,
            &mut list,
            &mut t,
        )
        .map_err(&e)?;
    }

    let a_rows = rows_by_person(&a, population);
    let b_rows = rows_by_person(&b, population);
    t.write_all(b"]},\n\"pairs\":[").map_err(&e)?;
    let mut first = true;
    w.pairs = write_pairs(&mut t, &a, &b_rows, &mut first).map_err(&e)?;
    t.write_all(b"],\n\"duplicates\":{\"a\":").map_err(&e)?;
    write_duplicates(&mut t, &a_rows).map_err(&e)?;
    t.write_all(b",\n\"b\":").map_err(&e)?;
    write_duplicates(&mut t, &b_rows).map_err(&e)?;
    t.write_all(b"},\n\"mediator_pairs\":{\"a\":[")
        .map_err(&e)?;
    let mut first = true;
    write_pairs(&mut t, &m, &a_rows, &mut first).map_err(&e)?;
    t.write_all(b"],\n\"b\":[").map_err(&e)?;
    let mut first = true;
    write_pairs(&mut t, &m, &b_rows, &mut first).map_err(&e)?;
    t.write_all(b"]}}\n").map_err(&e)?;
    t.flush().map_err(&e)?;
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(
            csv_line(&["a", "b,c", "d\"e"], ',', "\n"),
            "a,\"b,c\",\"d\"\"e\"\n"
        );
        assert_eq!(csv_line(&["a", "b,c"], ';', "\n"), "a;b,c\n");
    }

    #[test]
    fn duplicates_and_overlap_land_near_their_rates() {
        let s = Settings {
            duplicates: 0.1,
            ..Settings::default()
        };
        let a = listings(&s, 0..10_000, 0);
        let dups = a.len() - 10_000;
        assert!((800..1200).contains(&dups), "{dups}");
        let rows = rows_by_person(&a, 10_000);
        assert!(rows.iter().all(|r| r[0] > 0));
        assert_eq!(rows.iter().filter(|r| r[1] > 0).count(), dups);
    }
}
