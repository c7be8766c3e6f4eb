//! Patronymics: every form generated from the given-name dictionary by the rules of
//! domain.md §3.3, the stated forms of data/patronymics.tsv, their romanisations, and a
//! suffix analysis for forms that neither lists.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::LazyLock;

use super::given::{self, DICT};
use super::{NameId, name_key};
use crate::normalize::{Sex, translit};

/// The compiled-in stated and irregular patronymics.
const DATA: &str = include_str!("../../../data/patronymics.tsv");

/// The canonical patronymic built on one father's name, for one sex.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatronymicForms {
    /// Ukrainian (Сергійович, Сергіївна).
    pub uk: String,
    /// Russian (Сергеевич, Сергеевна); the Ukrainian form for a name with no Russian form.
    pub ru: String,
}

type Slot = Option<(NameId, Sex)>;

struct Table {
    /// Folded form → father's id and sex; `None` marks a form two fathers would give.
    map: HashMap<String, Slot>,
    forms: HashMap<(NameId, Sex), PatronymicForms>,
    errors: Vec<String>,
    /// Every (form, id, sex) inserted, so tests can check each resolves back.
    #[cfg(test)]
    inserted: Vec<(String, NameId, Sex)>,
}

static TABLE: LazyLock<Table> = LazyLock::new(Table::build);

/// Stated forms of one father: (uk male, uk female, ru male, ru female, latin male, latin female).
type Stated = [Vec<&'static str>; 6];

fn column(s: &'static str) -> Vec<&'static str> {
    s.split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty() && *f != "-")
        .collect()
}

/// Ukrainian patronymics (male, female) of one Ukrainian form, canonical first.
fn uk_forms(f: &str) -> (Vec<String>, Vec<String>) {
    if let Some(stem) = f.strip_suffix('й') {
        (vec![format!("{f}ович")], vec![format!("{stem}ївна")])
    } else if let Some(stem) = f.strip_suffix('ь') {
        (vec![format!("{f}ович")], vec![format!("{stem}івна")])
    } else if let Some(stem) = f.strip_suffix('о') {
        (vec![format!("{stem}ович")], vec![format!("{stem}івна")])
    } else if let Some(stem) = f.strip_suffix('а') {
        (
            vec![format!("{stem}ович"), format!("{stem}ич")],
            vec![format!("{stem}івна")],
        )
    } else if let Some(stem) = f.strip_suffix('я') {
        (
            vec![format!("{stem}ович"), format!("{stem}іч")],
            vec![format!("{stem}івна")],
        )
    } else {
        (vec![format!("{f}ович")], vec![format!("{f}івна")])
    }
}

/// Russian patronymics (male, female) of one Russian form, canonical first.
fn ru_forms(f: &str) -> (Vec<String>, Vec<String>) {
    if let Some(stem) = f.strip_suffix("ий") {
        // Unstressed -ий gives -ьевич; -иевич (Дмитриевич) is stated where it is the norm
        // and kept here as a variant because clerks write both.
        (
            vec![format!("{stem}ьевич"), format!("{stem}иевич")],
            vec![format!("{stem}ьевна"), format!("{stem}иевна")],
        )
    } else if let Some(stem) = f.strip_suffix('й') {
        (vec![format!("{stem}евич")], vec![format!("{stem}евна")])
    } else if let Some(stem) = f.strip_suffix('ь') {
        (
            vec![format!("{stem}евич"), format!("{f}евич")],
            vec![format!("{stem}евна"), format!("{f}евна")],
        )
    } else if let Some(stem) = f.strip_suffix('а').or_else(|| f.strip_suffix('я')) {
        (
            vec![format!("{stem}ич"), format!("{stem}ович")],
            vec![
                format!("{stem}ична"),
                format!("{stem}инична"),
                format!("{stem}овна"),
            ],
        )
    } else {
        (vec![format!("{f}ович")], vec![format!("{f}овна")])
    }
}

impl Table {
    fn build() -> Table {
        let mut t = Table {
            map: HashMap::new(),
            forms: HashMap::new(),
            errors: Vec::new(),
            #[cfg(test)]
            inserted: Vec::new(),
        };
        let stated = t.parse_stated();
        for e in DICT.entries.iter().filter(|e| e.sex == Sex::Male) {
            let empty = Stated::default();
            let st = stated.get(&e.id).unwrap_or(&empty);
            for (i, sex) in [Sex::Male, Sex::Female].into_iter().enumerate() {
                let pick = |v: (Vec<String>, Vec<String>)| if i == 0 { v.0 } else { v.1 };
                let uk_gen: Vec<String> = e.uk.iter().flat_map(|f| pick(uk_forms(f))).collect();
                let ru_gen: Vec<String> = e.ru.iter().flat_map(|f| pick(ru_forms(f))).collect();
                let uk_st = &st[i];
                let ru_st = &st[2 + i];
                for f in uk_st
                    .iter()
                    .copied()
                    .map(String::from)
                    .chain(uk_gen.clone())
                {
                    t.add(&translit::kmu2010(&f), e.id, sex);
                    t.add(&f, e.id, sex);
                }
                for f in ru_st
                    .iter()
                    .copied()
                    .map(String::from)
                    .chain(ru_gen.clone())
                {
                    t.add(&translit::icao9303(&f), e.id, sex);
                    t.add(&f, e.id, sex);
                }
                for f in &st[4 + i] {
                    t.add(f, e.id, sex);
                }
                let uk = uk_st
                    .first()
                    .map(|s| s.to_string())
                    .or_else(|| uk_gen.first().cloned());
                let ru = ru_st
                    .first()
                    .map(|s| s.to_string())
                    .or_else(|| ru_gen.first().cloned());
                if let Some(uk) = uk {
                    let ru = ru.unwrap_or_else(|| uk.clone());
                    t.forms.insert((e.id, sex), PatronymicForms { uk, ru });
                }
            }
        }
        t
    }

    fn parse_stated(&mut self) -> HashMap<NameId, Stated> {
        let mut stated: HashMap<NameId, Stated> = HashMap::new();
        for (n, line) in DATA.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&'static str> = line.split('\t').collect();
            let [father, rest @ ..] = &cols[..] else {
                continue;
            };
            if rest.len() != 6 {
                self.errors.push(format!(
                    "line {}: expected 7 tab-separated columns, got {}",
                    n + 1,
                    cols.len()
                ));
                continue;
            }
            let Some(id) = given::exact_id(&name_key(father)) else {
                self.errors
                    .push(format!("line {}: {father:?} is not a known name", n + 1));
                continue;
            };
            if DICT.entry(id).map(|e| e.sex) != Some(Sex::Male) {
                self.errors
                    .push(format!("line {}: {father:?} is not a male name", n + 1));
                continue;
            }
            let slot = stated.entry(id).or_default();
            for (dst, src) in slot.iter_mut().zip(rest) {
                dst.extend(column(src));
            }
        }
        stated
    }

    fn add(&mut self, form: &str, id: NameId, sex: Sex) {
        let key = name_key(form);
        if key.is_empty() {
            return;
        }
        #[cfg(test)]
        self.inserted.push((form.to_string(), id, sex));
        match self.map.entry(key) {
            Entry::Vacant(v) => {
                v.insert(Some((id, sex)));
            }
            Entry::Occupied(mut o) => {
                if *o.get() != Some((id, sex)) {
                    o.insert(None);
                }
            }
        }
    }
}

/// Patronymic endings, Cyrillic and Latin, with the sex they mark.
const SUFFIXES: &[(&str, Sex)] = &[
    ("ович", Sex::Male),
    ("евич", Sex::Male),
    ("левич", Sex::Male),
    ("ич", Sex::Male),
    ("іч", Sex::Male),
    ("івна", Sex::Female),
    ("ївна", Sex::Female),
    ("овна", Sex::Female),
    ("евна", Sex::Female),
    ("левна", Sex::Female),
    ("ична", Sex::Female),
    ("инична", Sex::Female),
    ("ovych", Sex::Male),
    ("ovich", Sex::Male),
    ("ovitch", Sex::Male),
    ("evich", Sex::Male),
    ("levich", Sex::Male),
    ("ych", Sex::Male),
    ("ich", Sex::Male),
    ("ivna", Sex::Female),
    ("ovna", Sex::Female),
    ("evna", Sex::Female),
    ("levna", Sex::Female),
    ("ichna", Sex::Female),
    ("inichna", Sex::Female),
];

/// Endings a father's name may have lost when the suffix was added.
const RESTORE: &[&str] = &[
    "", "о", "а", "я", "й", "ь", "ій", "ий", "o", "a", "ia", "ya", "i", "ii", "iy", "y", "yi", "ij",
];

/// A final soft sign or glide the suffix may have absorbed (Юрьевич, Миколайович, Mykolaiovych).
const GLIDES: &[&str] = &["ь", "й", "i", "y"];

/// After a glide is dropped, the endings to try (Юрь → Юрий, Миколай → Микола).
const AFTER_GLIDE: &[&str] = &["", "ий", "ій", "а", "a", "ii", "iy", "y", "i"];

/// The sex a patronymic ending marks, whatever the stem (Абдулович, Petrivna).
pub(super) fn suffix_sex(key: &str) -> Option<Sex> {
    SUFFIXES
        .iter()
        .filter(|(s, _)| s.chars().count() >= 4)
        .find(|(s, _)| key.len() > s.len() + 2 && key.ends_with(s))
        .map(|&(_, sex)| sex)
}

/// Strips a patronymic suffix and looks the stem up as a male given name; `None` unless
/// exactly one (father, sex) fits.
fn by_suffix(key: &str) -> Slot {
    let mut found: Slot = None;
    let mut buf = String::with_capacity(key.len() + 4);
    let mut ambiguous = false;
    let mut check = |buf: &str, sex: Sex| {
        if let Some(id) = given::exact_id(buf)
            && DICT.entry(id).map(|e| e.sex) == Some(Sex::Male)
        {
            match found {
                None => found = Some((id, sex)),
                Some(f) if f == (id, sex) => {}
                Some(_) => ambiguous = true,
            }
        }
    };
    for &(suf, sex) in SUFFIXES {
        let Some(stem) = key.strip_suffix(suf) else {
            continue;
        };
        if stem.chars().count() < 2 {
            continue;
        }
        for r in RESTORE {
            buf.clear();
            buf.push_str(stem);
            buf.push_str(r);
            check(&buf, sex);
        }
        for g in GLIDES {
            if let Some(s2) = stem.strip_suffix(g) {
                for r in AFTER_GLIDE {
                    buf.clear();
                    buf.push_str(s2);
                    buf.push_str(r);
                    check(&buf, sex);
                }
            }
        }
    }
    if ambiguous { None } else { found }
}

/// The father's name id and the sex a patronymic implies, from a folded key.
pub(super) fn lookup_key(key: &str) -> Slot {
    if key.is_empty() {
        return None;
    }
    match TABLE.map.get(key) {
        Some(slot) => *slot,
        None => by_suffix(key),
    }
}

/// The canonical Ukrainian and Russian patronymic built on a male name, for one sex;
/// `None` for a female or unknown name.
pub fn patronymic_forms(id: NameId, sex: Sex) -> Option<&'static PatronymicForms> {
    TABLE.forms.get(&(id, sex))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::names::{given_name_id, patronymic};

    #[test]
    fn stated_data_parses_completely() {
        assert_eq!(TABLE.errors, Vec::<String>::new());
        let lines = DATA
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(lines, 44);
    }

    #[test]
    fn every_male_name_has_both_patronymics() {
        let male = DICT.entries.iter().filter(|e| e.sex == Sex::Male).count();
        assert_eq!(TABLE.forms.len(), 2 * male);
    }

    #[test]
    fn no_patronymic_form_is_claimed_by_two_fathers() {
        let ambiguous: Vec<&String> = TABLE
            .map
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(k, _)| k)
            .collect();
        assert!(ambiguous.is_empty(), "ambiguous: {ambiguous:?}");
        for (form, id, sex) in &TABLE.inserted {
            assert_eq!(patronymic(form), Some((*id, *sex)), "{form}");
        }
    }

    #[test]
    fn canonical_forms() {
        let cases = [
            ("Сергій", Sex::Male, "Сергійович", "Сергеевич"),
            ("Сергій", Sex::Female, "Сергіївна", "Сергеевна"),
            ("Юрій", Sex::Male, "Юрійович", "Юрьевич"),
            ("Дмитро", Sex::Female, "Дмитрівна", "Дмитриевна"),
            ("Микола", Sex::Male, "Миколайович", "Николаевич"),
            ("Григорій", Sex::Male, "Григорович", "Григорьевич"),
            ("Яків", Sex::Female, "Яківна", "Яковлевна"),
            ("Лев", Sex::Male, "Львович", "Львович"),
            ("Ілля", Sex::Female, "Іллівна", "Ильинична"),
            ("Федір", Sex::Male, "Федорович", "Фёдорович"),
            ("Василь", Sex::Female, "Василівна", "Васильевна"),
            ("Петро", Sex::Male, "Петрович", "Петрович"),
            ("Андрій", Sex::Female, "Андріївна", "Андреевна"),
            ("Тарас", Sex::Male, "Тарасович", "Тарасович"),
            ("Аркадій", Sex::Male, "Аркадійович", "Аркадьевич"),
            ("Олекса", Sex::Male, "Олексович", "Олексович"),
        ];
        for (father, sex, uk, ru) in cases {
            let id = given_name_id(father).unwrap_or(NameId(0));
            let forms = patronymic_forms(id, sex);
            assert_eq!(
                forms.map(|f| (f.uk.as_str(), f.ru.as_str())),
                Some((uk, ru))
            );
        }
        let olena = given_name_id("Олена").unwrap_or(NameId(0));
        assert_eq!(patronymic_forms(olena, Sex::Male), None);
    }
}
