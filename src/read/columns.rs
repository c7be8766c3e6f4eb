//! Column headers: the Ukrainian/Russian/English header vocabulary, header normalisation,
//! finding the header row below title lines, and the header → field mapping with `--map`.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{Column, Mapping};
use crate::error::{Error, Result};
use crate::record::Field;

/// Header words per field (domain.md §5.1). Matching compares [`header_key`]s, so case,
/// spaces, punctuation, apostrophes and `№` need not be listed.
const VOCABULARY: &[(Field, &[&str])] = &[
    (
        Field::Id,
        &[
            "№",
            "№ з/п",
            "з/п",
            "№ п/п",
            "п/п",
            "п/н",
            "No.",
            "#",
            "S/N",
            "Ser. No.",
            "ID",
            "N",
            "Nr",
            "Row",
            "Порядковий номер",
            "Порядковый номер",
            "Номер",
        ],
    ),
    (
        Field::Surname,
        &[
            "Прізвище",
            "Фамилия",
            "Surname",
            "Last name",
            "Family name",
            "Lastname",
        ],
    ),
    (
        Field::GivenName,
        &[
            "Ім'я",
            "Имя",
            "Власне ім'я",
            "First name",
            "Given name",
            "Given names",
            "Forename",
            "Firstname",
        ],
    ),
    (
        Field::Patronymic,
        &[
            "По батькові",
            "По-батькові",
            "Отчество",
            "Patronymic",
            "Middle name",
            "Father's name",
        ],
    ),
    (
        Field::FullName,
        &[
            "ПІБ",
            "П.І.Б.",
            "ПІП",
            "Прізвище, ім'я, по батькові",
            "Прізвище ім'я по батькові",
            "Прізвище та ім'я",
            "ФИО",
            "Ф.И.О.",
            "Фамилия, имя, отчество",
            "Фамилия имя отчество",
            "Full name",
            "Name",
            "Fullname",
            "Surname, first name, patronymic",
            "Surname, name, patronymic",
        ],
    ),
    (
        Field::Dob,
        &[
            "Дата народження",
            "Д.н.",
            "Д/н",
            "Дата нар.",
            "Дата народж.",
            "Дата рождения",
            "Д.р.",
            "Д/р",
            "Дата рожд.",
            "Date of birth",
            "DOB",
            "D.O.B.",
            "Birth date",
            "Birthdate",
        ],
    ),
    (
        Field::BirthYear,
        &[
            "Рік народження",
            "Р.н.",
            "Рік нар.",
            "Год рождения",
            "Г.р.",
            "Год рожд.",
            "Year of birth",
            "YOB",
            "Birth year",
        ],
    ),
    (
        Field::PlaceOfBirth,
        &[
            "Місце народження",
            "Место рождения",
            "Place of birth",
            "POB",
            "Birthplace",
        ],
    ),
    (Field::Sex, &["Стать", "Пол", "Sex", "Gender"]),
    (
        Field::Citizenship,
        &["Громадянство", "Гражданство", "Citizenship", "Nationality"],
    ),
    (
        Field::Status,
        &[
            "Статус",
            "Категорія особи",
            "Категория лица",
            "Status",
            "Military / Civilian",
            "Combatant / Non-combatant",
        ],
    ),
    (
        Field::Rank,
        &[
            "Військове звання",
            "Звання",
            "В/звання",
            "Воинское звание",
            "Звание",
            "В/зв.",
            "Rank",
            "Military rank",
        ],
    ),
    (
        Field::Unit,
        &[
            "Військова частина",
            "В/ч",
            "Підрозділ",
            "Частина",
            "Войсковая часть",
            "Подразделение",
            "Часть",
            "Military unit",
            "Unit",
            "Formation",
        ],
    ),
    (
        Field::ServiceNumber,
        &[
            "Особовий номер",
            "Особ. №",
            "Номер жетона",
            "Жетон",
            "Личный номер",
            "Лич. №",
            "Service number",
            "Personal number",
            "Serial number",
            "ID tag number",
            "Service No.",
        ],
    ),
    (
        Field::DocumentNumber,
        &[
            "Документ, що посвідчує особу",
            "Документ",
            "Паспорт",
            "Паспорт (серія, номер)",
            "Номер документа",
            "№ документа",
            "РНОКПП",
            "ІПН",
            "РНОКПП / ІПН",
            "УНЗР",
            "Військовий квиток",
            "Документ, удостоверяющий личность",
            "Паспорт (серия, номер)",
            "ИНН",
            "СНИЛС",
            "Военный билет",
            "Удостоверение личности",
            "ID document",
            "Passport No.",
            "Passport",
            "Passport number",
            "ID number",
            "Tax ID",
            "Military ID",
            "Document number",
            "Document",
        ],
    ),
    (
        Field::Health,
        &[
            "Стан здоров'я",
            "Стан",
            "Состояние здоровья",
            "Состояние",
            "Health status",
            "Health",
            "Medical condition",
            "Condition",
            "Поранення",
            "Характер поранення",
            "Ранения",
            "Ранение",
            "Характер ранения",
            "Wounds",
            "Injuries",
            "Діагноз",
            "Диагноз",
            "Diagnosis",
        ],
    ),
    (
        Field::Category,
        &[
            "Категорія",
            "Категорія обміну",
            "Категория",
            "Категория обмена",
            "Category",
            "Exchange category",
        ],
    ),
    (
        Field::CapturedOn,
        &[
            "Дата полону",
            "Дата потрапляння в полон",
            "Дата захоплення",
            "Дата пленения",
            "Дата взятия в плен",
            "Дата задержания",
            "Date of capture",
            "Captured on",
            "Date of detention",
            "Capture date",
        ],
    ),
    (
        Field::CapturedAt,
        &[
            "Місце полону",
            "Місце потрапляння в полон",
            "Район (напрямок)",
            "Место пленения",
            "Место взятия в плен",
            "Место задержания",
            "Place of capture",
            "Location of capture",
            "Captured at",
        ],
    ),
    (
        Field::Notes,
        &[
            "Примітка",
            "Примітки",
            "Додаткова інформація",
            "Примечание",
            "Примечания",
            "Дополнительная информация",
            "Remarks",
            "Notes",
            "Note",
            "Comments",
            "Comment",
        ],
    ),
];

/// A header reduced for comparison: lower case, with spaces, punctuation, apostrophes and
/// `№` removed. Keeps letters and digits of every script.
pub fn header_key(h: &str) -> String {
    let mut k: String = h
        .chars()
        // U+02BC and friends are letters to Unicode but apostrophes in Ukrainian.
        .filter(|c| c.is_alphanumeric() && !matches!(c, 'ʼ' | 'ʹ' | 'ˈ' | 'ʻ'))
        .flat_map(char::to_lowercase)
        .collect();
    if k.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
        // Latin look-alikes typed inside Cyrillic words ("Прiзвище" with a Latin i).
        k = k
            .chars()
            .map(|c| match c {
                'a' => 'а',
                'e' => 'е',
                'i' => 'і',
                'o' => 'о',
                'p' => 'р',
                'c' => 'с',
                'x' => 'х',
                'y' => 'у',
                'k' => 'к',
                'm' => 'м',
                'h' => 'н',
                't' => 'т',
                'b' => 'в',
                _ => c,
            })
            .collect();
    }
    if k.is_empty() && (h.contains('№') || h.contains('#')) {
        // A bare `№` or `#` column is the row number; keep it distinguishable from blank.
        return "№".into();
    }
    k
}

fn vocabulary() -> &'static HashMap<String, Field> {
    static V: OnceLock<HashMap<String, Field>> = OnceLock::new();
    V.get_or_init(|| {
        let mut m = HashMap::new();
        for (field, words) in VOCABULARY {
            for w in *words {
                m.entry(header_key(w)).or_insert(*field);
            }
        }
        m
    })
}

/// The canonical field a header names, if it is in the vocabulary. A leading `№`/`No.`
/// ("№ документа", "No. of passport") is tried with and without.
pub fn field_for_header(h: &str) -> Option<Field> {
    let v = vocabulary();
    let key = header_key(h);
    if let Some(f) = v.get(&key) {
        return Some(*f);
    }
    let t = h.trim().to_lowercase();
    for prefix in ["№", "no.", "no ", "#"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            let k = header_key(rest);
            if let Some(f) = v.get(&k).filter(|_| !k.is_empty()) {
                return Some(*f);
            }
        }
    }
    None
}

/// Where each input column goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A canonical field.
    Field(Field),
    /// The n-th extra.
    Extra(usize),
}

/// The mapping in the form the row assembler uses.
#[derive(Clone, Debug)]
pub struct Plan {
    /// One target per input column.
    pub targets: Vec<Target>,
    /// Split the full name into surname / given name / patronymic.
    pub split_full_name: bool,
}

/// Finds the header among the first rows of a list: the row with most cells in the
/// vocabulary (or named by `--map`); title lines above it are skipped. Without any known
/// header word, the first row with at least two non-empty cells, unless it looks like data.
pub fn find_header(rows: &[Vec<String>], map: &[(Field, String)]) -> Option<usize> {
    let known = |c: &str| {
        !c.trim().is_empty()
            && (field_for_header(c).is_some() || map.iter().any(|(_, col)| column_matches(c, col)))
    };
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().enumerate() {
        let score = row.iter().filter(|c| known(c)).count();
        if score > 0 && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    if let Some((i, _)) = best {
        return Some(i);
    }
    let i = rows
        .iter()
        .position(|r| r.iter().filter(|c| !c.trim().is_empty()).count() >= 2)?;
    let looks_like_data = rows[i].iter().any(|c| {
        let c = c.trim();
        !c.is_empty()
            && c.chars()
                .all(|ch| ch.is_ascii_digit() || ".-/".contains(ch))
    });
    (!looks_like_data).then_some(i)
}

fn column_matches(header: &str, wanted: &str) -> bool {
    header.trim() == wanted.trim() || {
        let k = header_key(wanted);
        !k.is_empty() && header_key(header) == k
    }
}

/// Maps headers to fields. Rule for two columns claiming one field: the first (leftmost)
/// wins, the later ones are kept as extras, and a note says so (`--map` chooses otherwise).
/// `--map` columns that name no header are an error listing the headers.
pub fn build_mapping(
    headers: &[String],
    map: &[(Field, String)],
    path: &str,
) -> Result<(Mapping, Plan)> {
    let mut chosen: Vec<Option<(Field, bool)>> = vec![None; headers.len()];
    let mut notes = Vec::new();
    let mut forced: Vec<(Field, usize)> = Vec::new();
    for (field, col) in map {
        let Some(i) = headers
            .iter()
            .position(|h| h.trim() == col.trim())
            .or_else(|| headers.iter().position(|h| column_matches(h, col)))
        else {
            return Err(Error::Usage(format!(
                "{path}: --map {field}={col}: no column '{col}'; the columns are: {}",
                headers
                    .iter()
                    .map(|h| format!("'{h}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        };
        if let Some((other, _)) = forced.iter().find(|(f, c)| *c == i && f != field) {
            return Err(Error::Usage(format!(
                "{path}: --map gives column '{}' to both {other} and {field}; a column feeds one field",
                headers[i]
            )));
        }
        forced.retain(|(f, _)| f != field);
        forced.push((*field, i));
    }
    for (f, i) in &forced {
        chosen[*i] = Some((*f, true));
    }
    let mut first_claim: HashMap<Field, usize> = forced.iter().map(|(f, i)| (*f, *i)).collect();
    for (i, h) in headers.iter().enumerate() {
        if chosen[i].is_some() {
            continue;
        }
        let Some(f) = field_for_header(h) else {
            continue;
        };
        match first_claim.get(&f) {
            Some(&j) if chosen[j].is_some_and(|(_, o)| o) => {}
            Some(&j) => notes.push(format!(
                "columns '{}' and '{}' both look like {f}: '{}' (the first) is used, '{}' is kept \
                 as an extra; use --map {f}=COLUMN to choose",
                headers[j], h, headers[j], h
            )),
            None => {
                first_claim.insert(f, i);
                chosen[i] = Some((f, false));
            }
        }
    }
    let has = |f: Field| chosen.iter().flatten().any(|(g, _)| *g == f);
    let split_full_name = has(Field::FullName)
        && !has(Field::Surname)
        && !has(Field::GivenName)
        && !has(Field::Patronymic);
    if split_full_name {
        notes.push(
            "the full name is split into surname, given name and patronymic (shown as derived)"
                .into(),
        );
    }
    if !has(Field::Surname) && !has(Field::GivenName) && !has(Field::FullName) {
        notes.push(
            "no column maps to a name (surname, given name or full name), so every row will be \
             rejected; use --map surname=COLUMN"
                .into(),
        );
    }
    let mut mapping = Mapping {
        notes,
        ..Mapping::default()
    };
    let mut targets = Vec::with_capacity(headers.len());
    // Counted once, not per column: a header of 100,000 columns took minutes otherwise.
    let mut repeats: HashMap<&str, usize> = HashMap::new();
    for h in headers {
        *repeats.entry(h.trim()).or_default() += 1;
    }
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (i, h) in headers.iter().enumerate() {
        let (field, overridden) = match chosen[i] {
            Some((f, o)) => (Some(f), o),
            None => (None, false),
        };
        match field {
            Some(f) => targets.push(Target::Field(f)),
            None => {
                targets.push(Target::Extra(mapping.extras.len()));
                let repeated = repeats.get(h.trim()).is_some_and(|&n| n > 1);
                let label = extra_label(h, i, repeated, &taken);
                taken.insert(label.clone());
                mapping.extras.push(label);
            }
        }
        mapping.columns.push(Column {
            header: h.clone(),
            field,
            overridden,
        });
    }
    Ok((
        mapping,
        Plan {
            targets,
            split_full_name,
        },
    ))
}

/// A unique, non-empty name for an extra column: blank headers become "column N", repeated
/// ones get their column number appended.
fn extra_label(
    h: &str,
    i: usize,
    repeated: bool,
    taken: &std::collections::HashSet<String>,
) -> String {
    let h = h.trim();
    let base = if h.is_empty() {
        format!("column {}", i + 1)
    } else {
        h.to_string()
    };
    if taken.contains(&base) || (repeated && !h.is_empty() && taken.contains(h)) {
        format!("{base} (column {})", i + 1)
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_languages_and_spelling_variants() {
        for (h, f) in [
            ("Прізвище", Field::Surname),
            ("ФАМИЛИЯ", Field::Surname),
            ("Last name", Field::Surname),
            ("Ім’я", Field::GivenName),
            ("Імʼя", Field::GivenName),
            ("First Name", Field::GivenName),
            ("По-батькові", Field::Patronymic),
            ("П.І.Б.", Field::FullName),
            ("Ф.И.О.", Field::FullName),
            ("Full name", Field::FullName),
            ("Дата\nнародження", Field::Dob),
            ("Д/р", Field::Dob),
            ("D.O.B.", Field::Dob),
            ("№ з/п", Field::Id),
            ("№", Field::Id),
            ("Особ. №", Field::ServiceNumber),
            ("№ документа", Field::DocumentNumber),
            ("No. Passport", Field::DocumentNumber),
            ("Воинское звание", Field::Rank),
            ("Стан здоров'я", Field::Health),
            ("Прiзвище", Field::Surname),
        ] {
            assert_eq!(field_for_header(h), Some(f), "{h}");
        }
        assert_eq!(field_for_header("Місце утримання"), None);
    }

    #[test]
    fn header_found_below_title_lines() {
        let rows = vec![
            vec!["Список військовополонених".to_string(), String::new()],
            vec![String::new(), String::new()],
            vec!["Прізвище".to_string(), "Ім'я".to_string()],
            vec!["Олійник".to_string(), "Олександр".to_string()],
        ];
        assert_eq!(find_header(&rows, &[]), Some(2));
    }

    #[test]
    fn data_without_header_is_not_a_header() {
        let rows = vec![vec![
            "1".to_string(),
            "Олійник".to_string(),
            "05.03.1999".into(),
        ]];
        assert_eq!(find_header(&rows, &[]), None);
    }

    #[test]
    fn first_of_two_claims_wins_with_a_note() {
        let h: Vec<String> = ["Прізвище", "Дата народження", "DOB"]
            .map(String::from)
            .to_vec();
        let (m, p) = build_mapping(&h, &[], "x").unwrap();
        assert_eq!(m.columns[1].field, Some(Field::Dob));
        assert_eq!(m.columns[2].field, None);
        assert_eq!(m.extras, vec!["DOB"]);
        assert_eq!(p.targets[2], Target::Extra(0));
        assert!(m.notes.iter().any(|n| n.contains("both look like dob")));
    }
}
