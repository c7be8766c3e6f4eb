//! The given-name dictionary: data/given_names.tsv parsed once, and the lookups from any
//! written form (Ukrainian, Russian, Latin; any case) to a [`NameId`].

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::LazyLock;

use super::{NameId, name_key};
use crate::normalize::{Sex, skeleton};

/// The compiled-in dictionary text.
const DATA: &str = include_str!("../../../data/given_names.tsv");

/// One given name with every form the dictionary knows for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameEntry {
    /// The name's id, shared by all its forms.
    pub id: NameId,
    /// The sex of its bearers.
    pub sex: Sex,
    /// Ukrainian forms, canonical first.
    pub uk: Vec<&'static str>,
    /// Russian forms, canonical first (may be empty for a purely Ukrainian name).
    pub ru: Vec<&'static str>,
    /// Latin forms: KMU 2010 first, then ICAO 9303, BGN/PCGN, English and legacy forms.
    pub latin: Vec<&'static str>,
}

impl NameEntry {
    /// Every form of the name, Ukrainian, Russian then Latin.
    pub fn forms(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.uk.iter().chain(&self.ru).chain(&self.latin).copied()
    }
}

/// The parsed dictionary and its exact-form index.
pub(super) struct Dict {
    pub(super) entries: Vec<NameEntry>,
    /// Entry index by `NameId.0`.
    by_id: Vec<Option<usize>>,
    /// Folded form → id; `None` marks a form claimed by two names (never guessed).
    pub(super) exact: HashMap<String, Option<NameId>>,
    /// Lines that did not parse, with the reason; empty for the shipped data.
    #[cfg_attr(not(test), expect(dead_code, reason = "checked by the data tests"))]
    pub(super) errors: Vec<String>,
    /// Generated forms that could not be indexed because another name holds the key.
    #[cfg_attr(not(test), expect(dead_code, reason = "checked by the data tests"))]
    pub(super) shadowed: Vec<String>,
}

pub(super) static DICT: LazyLock<Dict> = LazyLock::new(|| Dict::parse(DATA));

/// Skeleton → id, built at first use from the same data so that it follows whatever
/// [`skeleton::skeleton`] is; `None` marks a skeleton shared by two names.
static SKELETONS: LazyLock<HashMap<String, Option<NameId>>> =
    LazyLock::new(|| skeleton_map(&DICT.entries, skeleton::skeleton));

/// Indexes every form (and its Ukrainian-letter transcription) of every entry by `sk`.
fn skeleton_map(
    entries: &[NameEntry],
    sk: impl Fn(&str) -> String,
) -> HashMap<String, Option<NameId>> {
    let mut map = HashMap::new();
    for e in entries {
        let transcribed = ukrainianised(e);
        for form in e.forms().map(String::from).chain(transcribed) {
            let key = sk(&name_key(&form));
            if !key.is_empty() {
                claim(&mut map, key, e.id);
            }
        }
    }
    map
}

/// Inserts `key → id`, turning the key ambiguous when another id already holds it.
fn claim(map: &mut HashMap<String, Option<NameId>>, key: String, id: NameId) {
    match map.entry(key) {
        Entry::Vacant(v) => {
            v.insert(Some(id));
        }
        Entry::Occupied(mut o) => {
            if *o.get() != Some(id) {
                o.insert(None);
            }
        }
    }
}

/// Splits a column of comma-separated forms; `-` means none.
fn column(s: &'static str) -> Vec<&'static str> {
    s.split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty() && *f != "-")
        .collect()
}

/// Russian forms written with Ukrainian letters, as Ukrainian-side clerks transcribe them
/// (Никита → Нікіта, Дмитрий → Дмітрій): и → і, ы → и, э → е. Lower-case.
fn ukrainianised(e: &NameEntry) -> Vec<String> {
    e.ru.iter()
        .map(|f| {
            f.to_lowercase()
                .chars()
                .map(|c| match c {
                    'и' => 'і',
                    'ы' => 'и',
                    'э' => 'е',
                    c => c,
                })
                .collect::<String>()
        })
        .collect()
}

impl Dict {
    fn parse(data: &'static str) -> Dict {
        let mut entries: Vec<NameEntry> = Vec::new();
        let mut errors = Vec::new();
        for (n, line) in data.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            match parse_line(line) {
                Ok(e) if entries.iter().any(|x| x.id == e.id) => {
                    errors.push(format!("line {}: duplicate id {}", n + 1, e.id.0));
                }
                Ok(e) => entries.push(e),
                Err(why) => errors.push(format!("line {}: {why}", n + 1)),
            }
        }
        let max = entries
            .iter()
            .map(|e| usize::from(e.id.0))
            .max()
            .unwrap_or(0);
        let mut by_id = vec![None; max + 1];
        let mut exact = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_id[usize::from(e.id.0)] = Some(i);
            for form in e.forms() {
                claim(&mut exact, name_key(form), e.id);
            }
        }
        // Transcriptions are a convenience: they never override or blur a stated form.
        let mut shadowed = Vec::new();
        for e in &entries {
            for v in ukrainianised(e) {
                let key = name_key(&v);
                match exact.get(&key) {
                    None => {
                        exact.insert(key, Some(e.id));
                    }
                    Some(Some(id)) if *id == e.id => {}
                    Some(_) => shadowed.push(v),
                }
            }
        }
        Dict {
            entries,
            by_id,
            exact,
            errors,
            shadowed,
        }
    }

    pub(super) fn entry(&self, id: NameId) -> Option<&NameEntry> {
        let i = (*self.by_id.get(usize::from(id.0))?)?;
        self.entries.get(i)
    }
}

fn parse_line(line: &'static str) -> Result<NameEntry, String> {
    let cols: Vec<&'static str> = line.split('\t').collect();
    let [id, sex, uk, ru, latin] = cols[..] else {
        return Err(format!(
            "expected 5 tab-separated columns, got {}",
            cols.len()
        ));
    };
    let id = id
        .trim()
        .parse::<u16>()
        .map_err(|e| format!("bad id {id:?}: {e}"))?;
    let sex = match sex.trim() {
        "m" => Sex::Male,
        "f" => Sex::Female,
        other => return Err(format!("bad sex {other:?}")),
    };
    let uk = column(uk);
    if uk.is_empty() {
        return Err("no Ukrainian form".into());
    }
    Ok(NameEntry {
        id: NameId(id),
        sex,
        uk,
        ru: column(ru),
        latin: column(latin),
    })
}

/// Exact lookup of an already folded key; `None` when unknown or ambiguous.
pub(super) fn exact_id(key: &str) -> Option<NameId> {
    DICT.exact.get(key).copied().flatten()
}

/// Looks up a folded key: exact first, then by skeleton when the skeleton names one id.
pub(super) fn lookup_key(key: &str) -> Option<NameId> {
    if key.is_empty() {
        return None;
    }
    match DICT.exact.get(key) {
        Some(slot) => *slot,
        None => {
            let sk = skeleton::skeleton(key);
            SKELETONS.get(&sk).copied().flatten()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::names::{entries, entry, given_name_id, sex_of};

    #[test]
    fn data_parses_completely() {
        assert_eq!(DICT.errors, Vec::<String>::new());
        let lines = DATA
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(entries().len(), lines);
        // §3.1: 130 rows, Філіп merged into Пилип, plus Олекса; §3.2: 55 rows, plus Іванна.
        let male = entries().iter().filter(|e| e.sex == Sex::Male).count();
        let female = entries().iter().filter(|e| e.sex == Sex::Female).count();
        assert_eq!((male, female), (130, 56));
        assert!(entries().len() >= 180);
        for e in entries() {
            assert!(!e.latin.is_empty(), "{:?} has no Latin form", e.uk);
            assert_eq!(entry(e.id), Some(e));
            assert_eq!(sex_of(e.id), Some(e.sex));
        }
    }

    #[test]
    fn no_stated_form_is_claimed_by_two_names() {
        let ambiguous: Vec<&String> = DICT
            .exact
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(k, _)| k)
            .collect();
        assert!(ambiguous.is_empty(), "ambiguous forms: {ambiguous:?}");
        assert!(DICT.shadowed.is_empty(), "shadowed: {:?}", DICT.shadowed);
    }

    #[test]
    fn every_form_finds_its_own_name() {
        for e in entries() {
            for f in e.forms() {
                assert_eq!(given_name_id(f), Some(e.id), "{f}");
                assert_eq!(given_name_id(&f.to_uppercase()), Some(e.id), "{f}");
            }
        }
    }

    #[test]
    fn transcribed_russian_forms_resolve() {
        for (form, canon) in [
            ("Нікіта", "Микита"),
            ("Дмітрій", "Дмитро"),
            ("Кірілл", "Кирило"),
            ("Едуард", "Едуард"),
        ] {
            assert_eq!(given_name_id(form), given_name_id(canon), "{form}");
            assert!(given_name_id(form).is_some(), "{form}");
        }
    }

    #[test]
    fn a_skeleton_names_a_name_only_when_it_is_unique() {
        // A toy skeleton that drops vowels, so near-misses collide on purpose.
        let consonants = |s: &str| -> String {
            s.chars()
                .filter(|c| !"аеєиіїоуюяьaeiouy".contains(*c))
                .collect()
        };
        let map = skeleton_map(entries(), consonants);
        let id = |n: &str| given_name_id(n);
        let cases = [
            ("трс", id("Тарас")), // Тарас alone
            ("лксндр", None),     // Олександр and Олександра
            ("н", None),          // Ян and Яна
            ("влнтн", None),      // Валентин and Валентина
            ("стпн", id("Степан")),
        ];
        for (sk, want) in cases {
            assert_eq!(map.get(sk).copied().flatten(), want, "{sk}");
        }
        assert!(id("Тарас").is_some() && id("Степан").is_some());
    }

    #[test]
    fn unknown_ids_have_no_entry() {
        assert_eq!(entry(NameId(0)), None);
        assert_eq!(entry(NameId(130)), None);
        assert_eq!(entry(NameId(u16::MAX)), None);
        assert_eq!(sex_of(NameId(9999)), None);
    }
}
