//! Given names and patronymics: the built-in equivalence dictionary (one id for every form
//! of a name in Ukrainian, Russian and Latin), patronymics, common surnames, and splitting a
//! full name.
//!
//! The dictionary is data (`data/given_names.tsv`, `data/patronymics.tsv`,
//! `data/surnames.tsv`), compiled in and parsed once at first use. Lookups fold their input
//! with [`text::fold`], drop apostrophes and read ё as е, then hash once; only a miss pays for
//! a fallback (the skeleton for given names, a suffix analysis for patronymics).

mod given;
mod patronymic;
mod split;
mod surname;

use serde::Serialize;

use super::{Sex, text};
pub use given::NameEntry;

/// The distinct skeletons of every written form of a dictionary name (Ukrainian, Russian and
/// Latin), so that a misspelt name can be compared with each way the name it may be is
/// written: "Алебсандр" is one letter from Александр, two from Олександр.
pub fn form_skeletons(id: NameId) -> &'static [String] {
    static FORMS: std::sync::LazyLock<std::collections::HashMap<NameId, Vec<String>>> =
        std::sync::LazyLock::new(|| {
            entries()
                .iter()
                .map(|e| {
                    let mut forms: Vec<String> =
                        e.uk.iter()
                            .chain(&e.ru)
                            .chain(&e.latin)
                            .map(|f| super::skeleton::skeleton(f))
                            .collect();
                    forms.sort();
                    forms.dedup();
                    (e.id, forms)
                })
                .collect()
        });
    FORMS.get(&id).map_or(&[], Vec::as_slice)
}
pub use patronymic::{PatronymicForms, patronymic_forms};
pub use split::{FullNameParts, NameOrder, split_full_name};
pub use surname::{SurnameEntry, surnames};

/// The id of a given name in the built-in dictionary: equal for every form of one name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct NameId(pub u16);

/// Apostrophes in every variant lists use; dropped from name keys so Мар'яна = Марʼяна =
/// Маряна and Il'ya = Ilya.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02B9}' | '`' | '"' | '\u{2032}'
    )
}

/// The lookup key of a name: folded, apostrophes dropped, ё/ë read as е/e.
pub(crate) fn name_key(s: &str) -> String {
    let folded = text::fold(s);
    if folded
        .chars()
        .any(|c| is_apostrophe(c) || matches!(c, 'ё' | 'ë'))
    {
        folded
            .chars()
            .filter(|&c| !is_apostrophe(c))
            .map(|c| match c {
                'ё' => 'е',
                'ë' => 'e',
                c => c,
            })
            .collect()
    } else {
        folded
    }
}

/// The dictionary id of a given name in any of its forms and any case (Олександр,
/// Александр, Oleksandr, ALEXANDER): exact forms first, then the cross-language skeleton
/// when it points to exactly one name. `None` for an unknown or ambiguous name.
pub fn given_name_id(name: &str) -> Option<NameId> {
    given::lookup_key(&name_key(name))
}

/// The sex a given name implies, when the dictionary knows it.
pub fn sex_of(id: NameId) -> Option<Sex> {
    given::DICT.entry(id).map(|e| e.sex)
}

/// Every name of the dictionary, in data order (for the synthetic-data generator).
pub fn entries() -> &'static [NameEntry] {
    &given::DICT.entries
}

/// The dictionary entry of one id.
pub fn entry(id: NameId) -> Option<&'static NameEntry> {
    given::DICT.entry(id)
}

/// The father's name id and the sex a patronymic implies, in Ukrainian, Russian or Latin
/// (Сергійович = Сергеевич = Serhiiovych = Sergeyevich). `None` when the father's name is
/// unknown or the form could come from two names.
pub fn patronymic(p: &str) -> Option<(NameId, Sex)> {
    patronymic::lookup_key(&name_key(p))
}

#[cfg(test)]
mod tests;
