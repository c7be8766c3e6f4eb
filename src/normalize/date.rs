//! Dates as the lists write them: numeric orders, month names in three languages, Excel
//! serials, year only; impossible dates kept with their raw text.
//!
//! Parsing is a hand-written tokenizer (digit runs, letter runs, separator runs) followed by
//! a match on the shape of the tokens, so a value costs well under a microsecond and nothing
//! allocates unless the value is invalid or contains words.
//!
//! Decisions worth knowing:
//! - Dotted and dashed numeric dates (05.03.1999, 05-03-1999) are always day first, as in
//!   Ukraine and Russia; only slash dates follow [`DateContext::order`], and only when both
//!   parts could be a month.
//! - Two-digit years resolve to the latest year not after [`DateContext::reference_year`].
//! - A bare number is an Excel serial (1900 system) only with five digits and a date not
//!   after the reference year; four digits from 1900 to 2100 are a year; any other four-digit
//!   number is reported, not guessed (a serial below 10000 would be a date before 1927).
//! - Month and year without a day ("березень 1999", "03.1999") give [`DateValue::Year`]: the
//!   month is dropped, the raw text stays in the record.
//! - A time part is ignored, except a UTC time ('Z') that is not midnight: such values come
//!   from exports that shifted a local midnight into the previous day, so they are reported.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::text;

/// The reason given for text that has no date shape at all.
const NOT_A_DATE: &str = "not a date in a known format";

/// A parsed date value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DateValue {
    /// No value.
    #[default]
    Missing,
    /// A full calendar date.
    Full {
        /// The date.
        date: NaiveDate,
    },
    /// Only the year is known (a partial date that knows it is partial).
    Year {
        /// The year.
        year: i32,
    },
    /// Text that is not a date, or an impossible one (31.02.2000).
    Invalid {
        /// The raw text.
        raw: String,
        /// Why.
        reason: String,
    },
}

impl DateValue {
    /// The year, when the value has one (full date or year only).
    pub fn year(&self) -> Option<i32> {
        match self {
            DateValue::Full { date } => Some(date.year()),
            DateValue::Year { year } => Some(*year),
            DateValue::Missing | DateValue::Invalid { .. } => None,
        }
    }

    /// The full date, when known.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            DateValue::Full { date } => Some(*date),
            _ => None,
        }
    }
}

/// The order of day and month in ambiguous slash dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day, month, year.
    Dmy,
    /// Month, day, year.
    Mdy,
}

/// What parsing a date needs beyond its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateContext {
    /// Order for ambiguous slash dates, decided once per column.
    pub order: DateOrder,
    /// Two-digit years resolve to the latest year not after this one.
    pub reference_year: i32,
}

/// How far two date values agree, best first. The matcher weighs these levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateAgreement {
    /// The same full date.
    Equal,
    /// Same year, day and month exchanged (05.03.1999 / 03.05.1999).
    DayMonthSwapped,
    /// Exactly one digit differs in the dd.mm.yyyy renderings (a typing slip).
    OneDigitOff,
    /// Same day and month, years one apart; or year-only values one year apart.
    OneYearOff,
    /// Same year and nothing closer; also any match where one side knows only the year.
    SameYear,
    /// Both known, and none of the above.
    Different,
    /// Either side missing or invalid: nothing to compare.
    Missing,
}

/// Compares two date values. Year-only values never reach [`DateAgreement::Equal`]: two lists
/// that both say "1999" agree only as far as [`DateAgreement::SameYear`].
pub fn compare(a: &DateValue, b: &DateValue) -> DateAgreement {
    match (a, b) {
        (DateValue::Full { date: x }, DateValue::Full { date: y }) => compare_full(*x, *y),
        _ => match (a.year(), b.year()) {
            (Some(x), Some(y)) if x == y => DateAgreement::SameYear,
            (Some(x), Some(y)) if (i64::from(x) - i64::from(y)).abs() == 1 => {
                DateAgreement::OneYearOff
            }
            (Some(_), Some(_)) => DateAgreement::Different,
            _ => DateAgreement::Missing,
        },
    }
}

fn compare_full(x: NaiveDate, y: NaiveDate) -> DateAgreement {
    if x == y {
        return DateAgreement::Equal;
    }
    if x.year() == y.year() && x.day() == y.month() && x.month() == y.day() {
        return DateAgreement::DayMonthSwapped;
    }
    if let (Some(dx), Some(dy)) = (dmy_digits(x), dmy_digits(y))
        && dx.iter().zip(dy.iter()).filter(|(p, q)| p != q).count() == 1
    {
        return DateAgreement::OneDigitOff;
    }
    if x.year() == y.year() {
        return DateAgreement::SameYear;
    }
    if x.day() == y.day()
        && x.month() == y.month()
        && (i64::from(x.year()) - i64::from(y.year())).abs() == 1
    {
        return DateAgreement::OneYearOff;
    }
    DateAgreement::Different
}

/// The eight digits of the dd.mm.yyyy rendering; `None` outside years 0..=9999, where the
/// rendering is not eight digits.
fn dmy_digits(d: NaiveDate) -> Option<[u32; 8]> {
    let y = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
    let (day, month) = (d.day(), d.month());
    Some([
        day / 10,
        day % 10,
        month / 10,
        month % 10,
        y / 1000,
        y / 100 % 10,
        y / 10 % 10,
        y % 10,
    ])
}

/// Renders a date as dd.mm.yyyy, the form both countries' lists use.
pub fn format_dmy(date: NaiveDate) -> String {
    format!("{:02}.{:02}.{:04}", date.day(), date.month(), date.year())
}

/// The date of an Excel serial in the 1900 date system. Excel counts the non-existent
/// 29 February 1900 (a Lotus 1-2-3 bug it kept), so serial 60 has no date and every serial
/// from 61 on is one day later than a plain count from 31 December 1899.
pub fn excel_serial(serial: i64) -> Option<NaiveDate> {
    let (base, days) = match serial {
        1..=59 => (NaiveDate::from_ymd_opt(1899, 12, 31)?, serial),
        61.. => (NaiveDate::from_ymd_opt(1899, 12, 30)?, serial),
        _ => return None,
    };
    base.checked_add_days(Days::new(u64::try_from(days).ok()?))
}

/// Decides the order of a column's slash dates from its unambiguous values: `Ok(None)` when
/// nothing decides it, `Err` (a sentence saying why) when values contradict each other.
/// Dotted and dashed dates are day first by convention and are no evidence.
pub fn infer_order<'a>(
    values: impl IntoIterator<Item = &'a str>,
) -> Result<Option<DateOrder>, String> {
    let mut day_first: Option<&str> = None;
    let mut month_first: Option<&str> = None;
    for v in values {
        if !v.contains('/') {
            continue;
        }
        match slash_evidence(v) {
            Some(DateOrder::Dmy) if day_first.is_none() => day_first = Some(v.trim()),
            Some(DateOrder::Mdy) if month_first.is_none() => month_first = Some(v.trim()),
            _ => {}
        }
        if let (Some(d), Some(m)) = (day_first, month_first) {
            return Err(format!(
                "column has both {d} (day first) and {m} (month first)"
            ));
        }
    }
    Ok(match (day_first, month_first) {
        (Some(_), _) => Some(DateOrder::Dmy),
        (_, Some(_)) => Some(DateOrder::Mdy),
        _ => None,
    })
}

/// The order a single slash date proves, if it proves one.
fn slash_evidence(v: &str) -> Option<DateOrder> {
    let (date_part, _) = split_time(v.trim()).ok()?;
    let toks = tokenize(date_part)?;
    let core = toks.core()?;
    match core.as_slice() {
        [
            (_, Item::Num(a)),
            (Sep::Slash, Item::Num(b)),
            (Sep::Slash, Item::Num(y)),
        ] if a.len <= 2 && b.len <= 2 && (y.len == 2 || y.len == 4) => {
            let (a, b) = (a.value, b.value);
            if (13..=31).contains(&a) && (1..=12).contains(&b) {
                Some(DateOrder::Dmy)
            } else if (1..=12).contains(&a) && (13..=31).contains(&b) {
                Some(DateOrder::Mdy)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Parses one date. Empty text is [`DateValue::Missing`]; anything that is not a possible
/// date is [`DateValue::Invalid`] with the raw text and a reason a user can act on.
pub fn parse(raw: &str, ctx: &DateContext) -> DateValue {
    let t = raw.trim();
    if t.is_empty() {
        return DateValue::Missing;
    }
    match parse_trimmed(t, ctx) {
        Ok(v) => v,
        Err(reason) => DateValue::Invalid {
            raw: raw.to_string(),
            reason,
        },
    }
}

fn parse_trimmed(t: &str, ctx: &DateContext) -> Result<DateValue, String> {
    let (date_part, time) = split_time(t).map_err(|()| NOT_A_DATE.to_string())?;
    let toks = tokenize(date_part).ok_or(NOT_A_DATE)?;
    let Some(core) = toks.core() else {
        return Err(match &toks.items[..toks.n] {
            [(_, Item::Num(d)), (_, Item::Word(w))]
                if d.len <= 2 && month_from_word(w).is_some() =>
            {
                "a day and a month without a year".to_string()
            }
            _ => NOT_A_DATE.to_string(),
        });
    };
    let value = match core.as_slice() {
        [(_, Item::Num(n))] => bare_number(*n, ctx)?,
        [(_, Item::Num(a)), (sep, Item::Num(b))] => two_numbers(*a, *sep, *b, ctx)?,
        [(_, Item::Num(a)), (s1, Item::Num(b)), (s2, Item::Num(c))] => {
            three_numbers(*a, *s1, *b, *s2, *c, ctx)?
        }
        [(_, Item::Num(d)), (s1, Item::Word(w)), (s2, Item::Num(y))]
            if d.len <= 2 && loose(*s1) && loose(*s2) =>
        {
            let month = roman_month(w)
                .or_else(|| month_from_word(w))
                .ok_or_else(|| format!("\"{w}\" is not a month name"))?;
            let year = year_of(*y, ctx)?;
            full(year, i64::from(month), d.value, "")?
        }
        [(_, Item::Word(w)), (s1, Item::Num(d)), (s2, Item::Num(y))]
            if d.len <= 2 && loose(*s1) && loose(*s2) =>
        {
            let month = month_from_word(w).ok_or_else(|| format!("\"{w}\" is not a month name"))?;
            let year = year_of(*y, ctx)?;
            full(year, i64::from(month), d.value, "")?
        }
        [(_, Item::Word(w)), (sep, Item::Num(y))] if y.len == 4 && loose(*sep) => {
            month_from_word(w).ok_or_else(|| format!("\"{w}\" is not a month name"))?;
            year_only(y.value)?
        }
        _ => return Err(NOT_A_DATE.to_string()),
    };
    if let (Some(time), DateValue::Full { date }) = (time, &value)
        && time.utc
        && !time.midnight
    {
        return Err(format!(
            "a UTC time that is not midnight; the local date may be the day after {} \
             (an export shifted by a time zone), so give the date alone",
            format_dmy(*date)
        ));
    }
    Ok(value)
}

/// A bare number: a year, an Excel serial, or a compact yyyymmdd / ddmmyyyy date.
fn bare_number(n: Num, ctx: &DateContext) -> Result<DateValue, String> {
    match n.len {
        4 if (1900..=2100).contains(&n.value) => year_only(n.value),
        4 => Err(match excel_serial(n.value_i64()) {
            Some(d) => format!(
                "{} is not a year from 1900 to 2100, and as an Excel date serial it would be \
                 {}; check the value",
                n.value,
                format_dmy(d)
            ),
            None => NOT_A_DATE.to_string(),
        }),
        5 => serial(n.value_i64(), ctx),
        8 => compact(n.value),
        _ => Err(NOT_A_DATE.to_string()),
    }
}

/// An Excel serial, accepted only when its date is not after the reference year.
fn serial(value: i64, ctx: &DateContext) -> Result<DateValue, String> {
    if !(10_000..=99_999).contains(&value) {
        return Err(NOT_A_DATE.to_string());
    }
    let date = excel_serial(value).ok_or(NOT_A_DATE)?;
    if date.year() > ctx.reference_year {
        return Err(format!(
            "as an Excel date serial {value} would be {}, after {}",
            format_dmy(date),
            ctx.reference_year
        ));
    }
    Ok(DateValue::Full { date })
}

/// Eight digits: yyyymmdd when the first four are a plausible year, else ddmmyyyy when the
/// last four are. The two readings never both give a valid date (a month would have to
/// start with 18, 19 or 20), so choosing is safe.
fn compact(v: u64) -> Result<DateValue, String> {
    let plausible = |y: u64| (1800..=2100).contains(&y);
    let (y1, m1, d1) = (v / 10_000, v / 100 % 100, v % 100);
    let (d2, m2, y2) = (v / 1_000_000, v / 10_000 % 100, v % 10_000);
    let first = plausible(y1).then(|| full(y1 as i64, m1 as i64, d1, " (read as yyyymmdd)"));
    if let Some(Ok(v)) = first {
        return Ok(v);
    }
    if plausible(y2)
        && let ok @ Ok(_) = full(y2 as i64, m2 as i64, d2, "")
    {
        return ok;
    }
    match first {
        Some(err) => err,
        None => Err(NOT_A_DATE.to_string()),
    }
}

/// Two numbers: a year written as a decimal ("1999.0"), a serial with a time fraction
/// ("36224.5"), or month and year ("03.1999").
fn two_numbers(a: Num, sep: Sep, b: Num, ctx: &DateContext) -> Result<DateValue, String> {
    match (a.len, sep, b.len) {
        (5, Sep::Dot, _) => serial(a.value_i64(), ctx),
        (4, Sep::Dot, _) if (1900..=2100).contains(&a.value) && b.value == 0 => year_only(a.value),
        (1..=2, Sep::Dot | Sep::Slash | Sep::Dash, 4) => {
            if (1..=12).contains(&a.value) {
                year_only(b.value)
            } else {
                Err(format!("month {} does not exist", a.value))
            }
        }
        _ => Err(NOT_A_DATE.to_string()),
    }
}

fn three_numbers(
    a: Num,
    s1: Sep,
    b: Num,
    s2: Sep,
    c: Num,
    ctx: &DateContext,
) -> Result<DateValue, String> {
    if s1 != s2 || !matches!(s1, Sep::Dot | Sep::Slash | Sep::Dash) {
        return Err(NOT_A_DATE.to_string());
    }
    if a.len == 4 && b.len <= 2 && c.len <= 2 {
        return full(a.value_i64(), b.value_i64(), c.value, "");
    }
    if a.len > 2 || b.len > 2 {
        return Err(NOT_A_DATE.to_string());
    }
    let year = year_of(c, ctx)?;
    if s1 != Sep::Slash {
        let hint = if (1..=12).contains(&a.value) && b.value > 12 {
            " (dates with dots or dashes are read day first)"
        } else {
            ""
        };
        return full(year, b.value_i64(), a.value, hint);
    }
    let order = match (a.value > 12, b.value > 12) {
        (true, true) => {
            return Err(format!(
                "neither {} nor {} can be a month",
                a.value, b.value
            ));
        }
        (true, false) => DateOrder::Dmy,
        (false, true) => DateOrder::Mdy,
        (false, false) => ctx.order,
    };
    match order {
        DateOrder::Dmy => full(year, b.value_i64(), a.value, " (read as day/month/year)"),
        DateOrder::Mdy => full(year, a.value_i64(), b.value, " (read as month/day/year)"),
    }
}

/// The year of a date's year token: four digits as written, two digits by the pivot.
fn year_of(y: Num, ctx: &DateContext) -> Result<i64, String> {
    match y.len {
        4 => Ok(y.value_i64()),
        2 => {
            let r = i64::from(ctx.reference_year);
            Ok(r - (r - y.value_i64()).rem_euclid(100))
        }
        n => Err(format!("the year has {n} digits; write it with 4 (or 2)")),
    }
}

fn year_only(y: u64) -> Result<DateValue, String> {
    i32::try_from(y)
        .map(|year| DateValue::Year { year })
        .map_err(|_| NOT_A_DATE.to_string())
}

/// Checks a year, month and day and builds the date, or says what is impossible about it.
fn full(y: i64, m: i64, d: u64, hint: &str) -> Result<DateValue, String> {
    let mut bad: Vec<String> = Vec::new();
    if d == 0 || d > 31 {
        bad.push(format!("day {d}"));
    }
    if !(1..=12).contains(&m) {
        bad.push(format!("month {m}"));
    }
    if y == 0 {
        bad.push("year 0000".to_string());
    }
    if !bad.is_empty() {
        let verb = if bad.len() == 1 { "does" } else { "do" };
        let list = match bad.as_slice() {
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
            [] => String::new(),
        };
        let placeholder = if d == 0 && m == 0 {
            " (a placeholder for an unknown date?)"
        } else {
            ""
        };
        return Err(format!("{list} {verb} not exist{placeholder}{hint}"));
    }
    if !(1000..=9999).contains(&y) {
        return Err(format!("year {y} is out of range (1000 to 9999){hint}"));
    }
    let (year, month, day) = (y as i32, m as u32, d as u32);
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => Ok(DateValue::Full { date }),
        None => {
            let leap = if month == 2 && day == 29 {
                " (not a leap year)"
            } else {
                ""
            };
            Err(format!(
                "day {day} does not exist in {} {year}{leap}{hint}",
                MONTH_NAMES[(month - 1) as usize]
            ))
        }
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Every full form of every month (UA and RU nominative and genitive, English). A word
/// names a month when it is a prefix of at least three letters of forms of that month only,
/// which accepts every usual abbreviation ("бер.", "февр.", "сент.", "Sept").
const MONTH_FORMS: [(&str, u32); 60] = [
    ("січень", 1),
    ("січня", 1),
    ("январь", 1),
    ("января", 1),
    ("january", 1),
    ("лютий", 2),
    ("лютого", 2),
    ("февраль", 2),
    ("февраля", 2),
    ("february", 2),
    ("березень", 3),
    ("березня", 3),
    ("март", 3),
    ("марта", 3),
    ("march", 3),
    ("квітень", 4),
    ("квітня", 4),
    ("апрель", 4),
    ("апреля", 4),
    ("april", 4),
    ("травень", 5),
    ("травня", 5),
    ("май", 5),
    ("мая", 5),
    ("may", 5),
    ("червень", 6),
    ("червня", 6),
    ("июнь", 6),
    ("июня", 6),
    ("june", 6),
    ("липень", 7),
    ("липня", 7),
    ("июль", 7),
    ("июля", 7),
    ("july", 7),
    ("серпень", 8),
    ("серпня", 8),
    ("август", 8),
    ("августа", 8),
    ("august", 8),
    ("вересень", 9),
    ("вересня", 9),
    ("сентябрь", 9),
    ("сентября", 9),
    ("september", 9),
    ("жовтень", 10),
    ("жовтня", 10),
    ("октябрь", 10),
    ("октября", 10),
    ("october", 10),
    ("листопад", 11),
    ("листопада", 11),
    ("ноябрь", 11),
    ("ноября", 11),
    ("november", 11),
    ("грудень", 12),
    ("грудня", 12),
    ("декабрь", 12),
    ("декабря", 12),
    ("december", 12),
];

fn month_from_word(w: &str) -> Option<u32> {
    let w = text::fold(w);
    if w.chars().count() < 3 {
        return None;
    }
    let mut found = None;
    for (form, m) in MONTH_FORMS {
        if form.starts_with(w.as_str()) {
            match found {
                None => found = Some(m),
                Some(x) if x != m => return None,
                Some(_) => {}
            }
        }
    }
    found
}

/// A Roman-numeral month (05.III.1999), in Latin letters or their Cyrillic look-alikes
/// (Ukrainian і, х), which Ukrainian keyboards produce.
fn roman_month(w: &str) -> Option<u32> {
    let mut buf = [0u8; 4];
    let mut n = 0;
    for c in w.chars() {
        let b = match c {
            'i' | 'I' | 'і' | 'І' => b'i',
            'v' | 'V' => b'v',
            'x' | 'X' | 'х' | 'Х' => b'x',
            _ => return None,
        };
        *buf.get_mut(n)? = b;
        n += 1;
    }
    let m = match &buf[..n] {
        b"i" => 1,
        b"ii" => 2,
        b"iii" => 3,
        b"iv" => 4,
        b"v" => 5,
        b"vi" => 6,
        b"vii" => 7,
        b"viii" => 8,
        b"ix" => 9,
        b"x" => 10,
        b"xi" => 11,
        b"xii" => 12,
        _ => return None,
    };
    Some(m)
}

/// Words that may follow a date or a year: "р." / "року" (UA), "г." / "года" (RU), "р.н.",
/// "г.р.", "y.o.b.". Compared after folding, with the separators between letters removed.
const SUFFIXES: [&str; 13] = [
    "р", "p", "року", "рік", "рн", "pн", "г", "год", "года", "гр", "yob", "year", "yr",
];

/// A time part: where it starts, and what matters about it.
#[derive(Clone, Copy, Debug)]
struct TimeOfDay {
    midnight: bool,
    utc: bool,
}

/// Splits "1999-03-05T00:00:00", "05.03.1999 0:00" or "3/5/1999 12:00:00 AM" into the date
/// text and its time. `Err` when there is a colon but no valid time.
fn split_time(s: &str) -> Result<(&str, Option<TimeOfDay>), ()> {
    let Some(colon) = s.find(':') else {
        return Ok((s, None));
    };
    let b = s.as_bytes();
    let mut h0 = colon;
    while h0 > 0 && b[h0 - 1].is_ascii_digit() {
        h0 -= 1;
    }
    if !(1..=2).contains(&(colon - h0)) || h0 == 0 {
        return Err(());
    }
    if !matches!(b[h0 - 1], b'T' | b't' | b' ' | b'\t') {
        return Err(());
    }
    let time = parse_time(&b[h0..]).ok_or(())?;
    Ok((s[..h0 - 1].trim_end(), Some(time)))
}

/// hh:mm[:ss[.fff]] then optional AM/PM, 'Z', or a ±hh[:mm] offset.
fn parse_time(b: &[u8]) -> Option<TimeOfDay> {
    let mut i = 0;
    let field = |i: &mut usize, max_len: usize| -> Option<u32> {
        let start = *i;
        let mut v = 0u32;
        while *i < b.len() && b[*i].is_ascii_digit() && *i - start < max_len {
            v = v * 10 + u32::from(b[*i] - b'0');
            *i += 1;
        }
        (*i > start).then_some(v)
    };
    let h = field(&mut i, 2)?;
    if b.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    let start = i;
    let m = field(&mut i, 2)?;
    if i - start != 2 {
        return None;
    }
    let mut sec = 0;
    let mut frac_zero = true;
    if b.get(i) == Some(&b':') {
        i += 1;
        let start = i;
        sec = field(&mut i, 2)?;
        if i - start != 2 {
            return None;
        }
        if matches!(b.get(i), Some(b'.' | b',')) {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                frac_zero &= b[i] == b'0';
                i += 1;
            }
            if i == start {
                return None;
            }
        }
    }
    if m > 59 || sec > 60 {
        return None;
    }
    let rest = b[i..].trim_ascii();
    let mut buf = [0u8; 8];
    let low = buf.get_mut(..rest.len())?;
    for (d, s) in low.iter_mut().zip(rest) {
        *d = s.to_ascii_lowercase();
    }
    let (hour, utc) = match &*low {
        b"" => (h, false),
        b"z" => (h, true),
        b"am" | b"pm" if !(1..=12).contains(&h) => return None,
        b"am" => (h % 12, false),
        b"pm" => (h % 12 + 12, false),
        off if is_offset(off) => (h, false),
        _ => return None,
    };
    if hour > 23 {
        return None;
    }
    Some(TimeOfDay {
        midnight: hour == 0 && m == 0 && sec == 0 && frac_zero,
        utc,
    })
}

/// "+02:00", "-0500", "+03".
fn is_offset(b: &[u8]) -> bool {
    let digits = |x: &[u8]| x.iter().all(u8::is_ascii_digit);
    match b {
        [b'+' | b'-', rest @ ..] => match rest {
            [h1, h2] => digits(&[*h1, *h2]),
            [h1, h2, m1, m2] => digits(&[*h1, *h2, *m1, *m2]),
            [h1, h2, b':', m1, m2] => digits(&[*h1, *h2, *m1, *m2]),
            _ => false,
        },
        _ => false,
    }
}

/// A run of ASCII digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Num {
    /// The value, saturating (length already rules out huge runs).
    value: u64,
    /// How many digits were written, leading zeros included.
    len: usize,
}

impl Num {
    fn value_i64(self) -> i64 {
        i64::try_from(self.value).unwrap_or(i64::MAX)
    }
}

/// A token: digits or letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item<'a> {
    Num(Num),
    Word(&'a str),
}

/// What separates two tokens. A run of spaces around one punctuation mark counts as that
/// mark ("5. 03. 1999", "March 5, 1999").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sep {
    None,
    Space,
    Dot,
    Slash,
    Dash,
    Comma,
    /// Anything else, or more than one mark: never part of a date.
    Other,
    /// Only quotes and spaces: allowed at either end (Excel's leading apostrophe).
    Quote,
}

/// Separators a date with a month name may use between its parts.
fn loose(s: Sep) -> bool {
    matches!(
        s,
        Sep::Space | Sep::Dot | Sep::Dash | Sep::Comma | Sep::Slash
    )
}

#[derive(Default)]
struct SepRun {
    mark: Option<char>,
    space: bool,
    quote: bool,
    other: bool,
}

impl SepRun {
    fn add(&mut self, c: char) {
        match c {
            c if c.is_whitespace() => self.space = true,
            '\'' | '"' | '`' | '‘' | '’' | '“' | '”' | '«' | '»' => self.quote = true,
            '.' | '/' | ',' | '-' | '–' | '—' | '‐' | '−' => {
                let c = if c == '.' || c == '/' || c == ',' {
                    c
                } else {
                    '-'
                };
                if self.mark.is_some() {
                    self.other = true;
                }
                self.mark = Some(c);
            }
            _ => self.other = true,
        }
    }

    fn take(&mut self) -> Sep {
        let sep = if self.other {
            Sep::Other
        } else if let Some(c) = self.mark {
            match c {
                _ if self.quote => Sep::Other,
                '.' => Sep::Dot,
                '/' => Sep::Slash,
                ',' => Sep::Comma,
                _ => Sep::Dash,
            }
        } else if self.quote {
            Sep::Quote
        } else if self.space {
            Sep::Space
        } else {
            Sep::None
        };
        *self = SepRun::default();
        sep
    }
}

/// At most this many tokens: no date form needs more.
const MAX_TOKENS: usize = 10;

/// A tokenized value: tokens with the separator before each, and the trailing separator.
struct Tokens<'a> {
    items: [(Sep, Item<'a>); MAX_TOKENS],
    n: usize,
    trailing: Sep,
}

/// At most this many tokens survive suffix removal.
const MAX_CORE: usize = 3;

/// The date-bearing tokens, at most [`MAX_CORE`].
struct Core<'a> {
    items: [(Sep, Item<'a>); MAX_CORE],
    n: usize,
}

impl<'a> Core<'a> {
    fn as_slice(&self) -> &[(Sep, Item<'a>)] {
        &self.items[..self.n]
    }
}

fn tokenize(s: &str) -> Option<Tokens<'_>> {
    let mut t = Tokens {
        items: [(Sep::None, Item::Num(Num { value: 0, len: 0 })); MAX_TOKENS],
        n: 0,
        trailing: Sep::None,
    };
    let mut sep = SepRun::default();
    let mut chars = s.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        let item = if c.is_ascii_digit() {
            let mut num = Num { value: 0, len: 0 };
            while let Some(&(_, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                num.value = num
                    .value
                    .saturating_mul(10)
                    .saturating_add(u64::from(d as u32 - '0' as u32));
                num.len += 1;
                chars.next();
            }
            Item::Num(num)
        } else if c.is_alphabetic() {
            let mut end = start;
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            Item::Word(&s[start..end])
        } else {
            sep.add(c);
            chars.next();
            continue;
        };
        let slot = t.items.get_mut(t.n)?;
        *slot = (sep.take(), item);
        t.n += 1;
    }
    t.trailing = sep.take();
    Some(t)
}

impl<'a> Tokens<'a> {
    /// The tokens that carry the date: English ordinal endings dropped ("5th"), trailing
    /// suffix words ("р.", "г.р.") removed. `None` when anything else is left over or the
    /// value starts or ends with stray punctuation.
    fn core(&self) -> Option<Core<'a>> {
        let items = &self.items[..self.n];
        let (first, _) = items.first()?;
        if !matches!(first, Sep::None | Sep::Space | Sep::Quote)
            || !matches!(
                self.trailing,
                Sep::None | Sep::Space | Sep::Quote | Sep::Dot
            )
        {
            return None;
        }
        let last_num = items.iter().rposition(|(_, i)| matches!(i, Item::Num(_)))?;
        let tail = &items[last_num + 1..];
        if !tail.is_empty() && !is_suffix(tail) {
            return None;
        }
        let mut core = Core {
            items: [(Sep::None, Item::Num(Num { value: 0, len: 0 })); MAX_CORE],
            n: 0,
        };
        let mut prev_num = false;
        for &(sep, item) in &items[..=last_num] {
            if let Item::Word(w) = item
                && prev_num
                && sep == Sep::None
                && ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|o| w.eq_ignore_ascii_case(o))
            {
                prev_num = false;
                continue;
            }
            prev_num = matches!(item, Item::Num(_));
            *core.items.get_mut(core.n)? = (sep, item);
            core.n += 1;
        }
        Some(core)
    }
}

/// Whether trailing tokens are a known suffix ("р.", "року", "г.р.", "y.o.b.").
fn is_suffix(tail: &[(Sep, Item<'_>)]) -> bool {
    let mut joined = String::new();
    for (i, (sep, item)) in tail.iter().enumerate() {
        let Item::Word(w) = item else { return false };
        if i > 0 && !matches!(sep, Sep::Dot | Sep::None | Sep::Space) {
            return false;
        }
        if !matches!(sep, Sep::None | Sep::Space | Sep::Dot | Sep::Comma) {
            return false;
        }
        joined.push_str(&w.to_lowercase());
    }
    SUFFIXES.contains(&joined.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CTX: DateContext = DateContext {
        order: DateOrder::Dmy,
        reference_year: 2025,
    };

    enum Want {
        F(i32, u32, u32),
        Y(i32),
        /// Invalid, with this exact reason.
        Bad(&'static str),
        Missing,
    }
    use Want::*;

    fn check(cases: &[(&str, Want)], ctx: &DateContext) {
        let mut failures = Vec::new();
        for (raw, want) in cases {
            let got = parse(raw, ctx);
            let ok = match (want, &got) {
                (F(y, m, d), DateValue::Full { date }) => {
                    NaiveDate::from_ymd_opt(*y, *m, *d) == Some(*date)
                }
                (Y(y), DateValue::Year { year }) => y == year,
                (
                    Bad(reason),
                    DateValue::Invalid {
                        raw: r,
                        reason: got,
                    },
                ) => r == raw && got == reason,
                (Missing, DateValue::Missing) => true,
                _ => false,
            };
            if !ok {
                failures.push(format!("{raw:?} -> {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn numeric_forms() {
        check(
            &[
                ("05.03.1999", F(1999, 3, 5)),
                ("5.3.1999", F(1999, 3, 5)),
                (" 05.03.1999 ", F(1999, 3, 5)),
                ("05. 03. 1999", F(1999, 3, 5)),
                ("05-03-1999", F(1999, 3, 5)),
                ("05/03/1999", F(1999, 3, 5)),
                ("1999-03-05", F(1999, 3, 5)),
                ("1999/03/05", F(1999, 3, 5)),
                ("1999.3.5", F(1999, 3, 5)),
                ("19990305", F(1999, 3, 5)),
                ("05031999", F(1999, 3, 5)),
                ("05.03.1999 р.", F(1999, 3, 5)),
                ("05.03.1999 г.", F(1999, 3, 5)),
                ("05.03.1999р", F(1999, 3, 5)),
                ("'05.03.1999", F(1999, 3, 5)),
                ("05.III.1999", F(1999, 3, 5)),
                ("05.ІІІ.1999", F(1999, 3, 5)),
                ("1.XII.1980", F(1980, 12, 1)),
                ("29.02.2000", F(2000, 2, 29)),
                ("", Missing),
                ("   ", Missing),
            ],
            &CTX,
        );
    }

    #[test]
    fn two_digit_years_resolve_to_the_latest_year_not_after_the_reference() {
        check(
            &[
                ("05.03.05", F(2005, 3, 5)),
                ("05.03.25", F(2025, 3, 5)),
                ("05.03.26", F(1926, 3, 5)),
                ("05.03.30", F(1930, 3, 5)),
                ("5.3.99", F(1999, 3, 5)),
                ("05.03.00", F(2000, 3, 5)),
                ("3/5/99", F(1999, 5, 3)),
                ("05-Mar-99", F(1999, 3, 5)),
            ],
            &CTX,
        );
        let older = DateContext {
            reference_year: 1999,
            ..CTX
        };
        check(
            &[("05.03.99", F(1999, 3, 5)), ("05.03.05", F(1905, 3, 5))],
            &older,
        );
    }

    #[test]
    fn slash_order_follows_the_value_then_the_column() {
        check(
            &[
                ("03/05/1999", F(1999, 5, 3)),
                ("25/03/1999", F(1999, 3, 25)),
                ("03/25/1999", F(1999, 3, 25)),
            ],
            &CTX,
        );
        let mdy = DateContext {
            order: DateOrder::Mdy,
            ..CTX
        };
        check(
            &[
                ("03/05/1999", F(1999, 3, 5)),
                ("25/03/1999", F(1999, 3, 25)),
                ("3/5/1999 12:00:00 AM", F(1999, 3, 5)),
                // Dots and dashes stay day first whatever the column's slash order.
                ("03.05.1999", F(1999, 5, 3)),
                ("03-05-1999", F(1999, 5, 3)),
                (
                    "02/30/2000",
                    Bad("day 30 does not exist in February 2000 (read as month/day/year)"),
                ),
            ],
            &mdy,
        );
    }

    #[test]
    fn month_names() {
        check(
            &[
                ("5 березня 1999", F(1999, 3, 5)),
                ("5 березня 1999 р.", F(1999, 3, 5)),
                ("05 березня 1999 року", F(1999, 3, 5)),
                ("1 листопада 2001", F(2001, 11, 1)),
                ("12 лютого 1990", F(1990, 2, 12)),
                ("5 бер. 1999", F(1999, 3, 5)),
                ("7 верес. 1988", F(1988, 9, 7)),
                ("05 марта 1999 г.", F(1999, 3, 5)),
                ("05 марта 1999 года", F(1999, 3, 5)),
                ("5 мар. 1999", F(1999, 3, 5)),
                ("9 мая 1985", F(1985, 5, 9)),
                ("3 сентября 1977 г.", F(1977, 9, 3)),
                ("3 сент. 1977", F(1977, 9, 3)),
                ("15 ФЕВРАЛЯ 2000", F(2000, 2, 15)),
                ("5 Mar 1999", F(1999, 3, 5)),
                ("5 March 1999", F(1999, 3, 5)),
                ("March 5, 1999", F(1999, 3, 5)),
                ("Sept 5 1999", F(1999, 9, 5)),
                ("5th March 1999", F(1999, 3, 5)),
                ("March 1st, 1999", F(1999, 3, 1)),
                ("05-Mar-1999", F(1999, 3, 5)),
                ("березень 1999", Y(1999)),
                ("March 1999", Y(1999)),
                ("03.1999", Y(1999)),
                (
                    "31 лютого 2000",
                    Bad("day 31 does not exist in February 2000"),
                ),
                ("5 foo 1999", Bad("\"foo\" is not a month name")),
                ("5 ма 1999", Bad("\"ма\" is not a month name")),
                ("5 березня", Bad("a day and a month without a year")),
            ],
            &CTX,
        );
    }

    #[test]
    fn year_only() {
        check(
            &[
                ("1999", Y(1999)),
                ("1999 р.", Y(1999)),
                ("1999 г.", Y(1999)),
                ("1999 р.н.", Y(1999)),
                ("1999 г.р.", Y(1999)),
                ("1999р.н.", Y(1999)),
                ("1999 року", Y(1999)),
                ("1999 y.o.b.", Y(1999)),
                ("1999.0", Y(1999)),
                ("1900", Y(1900)),
                ("2100", Y(2100)),
            ],
            &CTX,
        );
    }

    #[test]
    fn excel_serials() {
        check(
            &[
                ("36224", F(1999, 3, 5)),
                ("36585", F(2000, 2, 29)),
                ("39235", F(2007, 6, 2)),
                ("45810", F(2025, 6, 2)),
                ("36224.0", F(1999, 3, 5)),
                ("36224.75", F(1999, 3, 5)),
                (
                    "46100",
                    Bad("as an Excel date serial 46100 would be 19.03.2026, after 2025"),
                ),
                (
                    "1850",
                    Bad(
                        "1850 is not a year from 1900 to 2100, and as an Excel date serial it \
                         would be 23.01.1905; check the value",
                    ),
                ),
                ("00123", Bad(NOT_A_DATE)),
                ("123", Bad(NOT_A_DATE)),
                ("123456", Bad(NOT_A_DATE)),
            ],
            &CTX,
        );
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(excel_serial(1), d(1900, 1, 1));
        assert_eq!(excel_serial(59), d(1900, 2, 28));
        assert_eq!(excel_serial(60), None, "29.02.1900 never existed");
        assert_eq!(excel_serial(61), d(1900, 3, 1));
        assert_eq!(excel_serial(0), None);
        assert_eq!(excel_serial(-5), None);
        assert_eq!(excel_serial(i64::MAX), None);
    }

    #[test]
    fn time_parts() {
        check(
            &[
                ("1999-03-05T00:00:00", F(1999, 3, 5)),
                ("1999-03-05 00:00:00", F(1999, 3, 5)),
                ("1999-03-05T00:00:00.000", F(1999, 3, 5)),
                ("1999-03-05T00:00:00Z", F(1999, 3, 5)),
                ("1999-03-05T00:00:00+02:00", F(1999, 3, 5)),
                ("1999-03-05T10:30:00+0300", F(1999, 3, 5)),
                ("05.03.1999 0:00", F(1999, 3, 5)),
                ("05.03.1999 0:00:00", F(1999, 3, 5)),
                (
                    "1999-03-04T22:00:00.000Z",
                    Bad(
                        "a UTC time that is not midnight; the local date may be the day after \
                         04.03.1999 (an export shifted by a time zone), so give the date alone",
                    ),
                ),
                ("1999-03-05T25:00:00", Bad(NOT_A_DATE)),
                ("1999-03-05T10:7", Bad(NOT_A_DATE)),
                ("1999-03-05 13:00 PM", Bad(NOT_A_DATE)),
                ("Дата: 05.03.1999", Bad(NOT_A_DATE)),
            ],
            &CTX,
        );
    }

    #[test]
    fn impossible_dates_keep_their_text_and_say_why() {
        check(
            &[
                ("31.02.2000", Bad("day 31 does not exist in February 2000")),
                (
                    "29.02.2001",
                    Bad("day 29 does not exist in February 2001 (not a leap year)"),
                ),
                ("31.04.1999", Bad("day 31 does not exist in April 1999")),
                (
                    "05.13.1999",
                    Bad("month 13 does not exist (dates with dots or dashes are read day first)"),
                ),
                ("00.13.1999", Bad("day 0 and month 13 do not exist")),
                (
                    "03.25.1999",
                    Bad("month 25 does not exist (dates with dots or dashes are read day first)"),
                ),
                ("32.01.1999", Bad("day 32 does not exist")),
                (
                    "00.00.0000",
                    Bad(
                        "day 0, month 0 and year 0000 do not exist (a placeholder for an unknown date?)",
                    ),
                ),
                ("00.05.1999", Bad("day 0 does not exist")),
                ("01.01.0999", Bad("year 999 is out of range (1000 to 9999)")),
                ("13/13/1999", Bad("neither 13 nor 13 can be a month")),
                (
                    "19990231",
                    Bad("day 31 does not exist in February 1999 (read as yyyymmdd)"),
                ),
                ("13.1999", Bad("month 13 does not exist")),
                (
                    "05.03.199",
                    Bad("the year has 3 digits; write it with 4 (or 2)"),
                ),
                ("невідомо", Bad(NOT_A_DATE)),
                ("-", Bad(NOT_A_DATE)),
                ("05.03", Bad(NOT_A_DATE)),
                ("05.03/1999", Bad(NOT_A_DATE)),
                ("05..03.1999", Bad(NOT_A_DATE)),
                ("1999-03-05 extra", Bad(NOT_A_DATE)),
                ("99999999999999999999999", Bad(NOT_A_DATE)),
                ("1 2 3 4 5 6 7 8 9 10 11 12", Bad(NOT_A_DATE)),
                ("🎂 05.03.1999", Bad(NOT_A_DATE)),
            ],
            &CTX,
        );
    }

    #[test]
    fn raw_text_is_kept_untrimmed() {
        let got = parse(" 31.02.2000 ", &CTX);
        assert_eq!(
            got,
            DateValue::Invalid {
                raw: " 31.02.2000 ".into(),
                reason: "day 31 does not exist in February 2000".into()
            }
        );
    }

    #[test]
    fn infer_order_cases() {
        type Case = (
            &'static [&'static str],
            Result<Option<DateOrder>, &'static str>,
        );
        let cases: &[Case] = &[
            (&["25/03/1999", "01/02/2000"], Ok(Some(DateOrder::Dmy))),
            (&["03/25/1999", "01/02/2000", ""], Ok(Some(DateOrder::Mdy))),
            (
                &["3/25/1999 0:00", "1/2/2000 0:00"],
                Ok(Some(DateOrder::Mdy)),
            ),
            (&["01/02/2000", "05.03.1999"], Ok(None)),
            (&[], Ok(None)),
            // Dotted and dashed dates are day first by convention: no evidence.
            (&["25.03.1999", "03-25-1999", "01/02/2000"], Ok(None)),
            (
                &["01/02/2000", "25/03/1999", "31/12/1990", "03/25/1999"],
                Err("column has both 25/03/1999 (day first) and 03/25/1999 (month first)"),
            ),
        ];
        for (values, want) in cases {
            let got = infer_order(values.iter().copied());
            assert_eq!(got, want.map_err(str::to_string), "{values:?}");
        }
    }

    #[test]
    fn compare_levels() {
        use DateAgreement::*;
        let f = |s: &str| parse(s, &CTX);
        let cases = [
            ("05.03.1999", "05.03.1999", Equal),
            ("05.03.1999", "03.05.1999", DayMonthSwapped),
            ("05.03.1999", "06.03.1999", OneDigitOff),
            ("05.03.1999", "05.03.1989", OneDigitOff),
            ("15.03.1999", "05.03.1999", OneDigitOff),
            ("05.03.1999", "05.03.2000", OneYearOff),
            ("05.03.1999", "17.08.1999", SameYear),
            ("05.03.1999", "1999", SameYear),
            ("1999", "1999", SameYear),
            ("1999", "2000", OneYearOff),
            ("05.03.1999", "2000", OneYearOff),
            ("05.03.1999", "17.08.2003", Different),
            ("05.03.1999", "06.04.2000", Different),
            ("1999", "2003", Different),
            ("05.03.1999", "", Missing),
            ("05.03.1999", "31.02.2000", Missing),
            ("", "", Missing),
        ];
        for (a, b, want) in cases {
            assert_eq!(compare(&f(a), &f(b)), want, "{a} vs {b}");
            assert_eq!(compare(&f(b), &f(a)), want, "{b} vs {a}");
        }
    }

    #[test]
    fn agreement_levels_serialize_in_snake_case() {
        assert_eq!(
            serde_json::to_string(&DateAgreement::DayMonthSwapped).ok(),
            Some("\"day_month_swapped\"".to_string())
        );
    }

    #[test]
    fn format_dmy_pads() {
        let d = NaiveDate::from_ymd_opt(1999, 3, 5);
        assert_eq!(d.map(format_dmy).as_deref(), Some("05.03.1999"));
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = parse(&s, &CTX);
            let _ = infer_order([s.as_str()]);
        }

        #[test]
        fn parse_never_panics_on_date_like_text(
            s in "[0-9./\\- :TZ,'a-zа-яіїєґ]{0,30}",
            reference_year in proptest::num::i32::ANY,
        ) {
            let ctx = DateContext { order: DateOrder::Mdy, reference_year };
            let _ = parse(&s, &ctx);
        }

        #[test]
        fn format_dmy_round_trips(days in 0i64..3_287_000) {
            let base = NaiveDate::from_ymd_opt(1000, 1, 1).unwrap_or_default();
            if let Some(date) = base.checked_add_signed(chrono::Duration::days(days)) {
                prop_assert_eq!(parse(&format_dmy(date), &CTX), DateValue::Full { date });
            }
        }
    }
}
