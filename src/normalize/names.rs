//! Given names and patronymics: the built-in equivalence dictionary (one id for every form
//! of a name in Ukrainian, Russian and Latin), patronymics, and splitting a full name.

use serde::Serialize;

use super::Sex;

/// The id of a given name in the built-in dictionary: equal for every form of one name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct NameId(pub u16);

/// The dictionary id of a given name in any of its forms.
// STUB: replaced by the normalisation work (issue 3).
pub fn given_name_id(_name: &str) -> Option<NameId> {
    None
}

/// The sex a given name implies, when the dictionary knows it.
// STUB: replaced by the normalisation work (issue 3).
pub fn sex_of(_id: NameId) -> Option<Sex> {
    None
}

/// The father's name id and the sex a patronymic implies.
// STUB: replaced by the normalisation work (issue 3).
pub fn patronymic(_p: &str) -> Option<(NameId, Sex)> {
    None
}

/// A full name split into its parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FullNameParts {
    /// Surname.
    pub surname: Option<String>,
    /// Given name (or its initial).
    pub given_name: Option<String>,
    /// Patronymic (or its initial).
    pub patronymic: Option<String>,
}

/// Splits a full name, surname first for Cyrillic; recognises given-name-first order and
/// initials ("Шевченко О.П.").
// STUB: replaced by the normalisation work (issue 3).
pub fn split_full_name(full: &str) -> FullNameParts {
    let mut words = full.split_whitespace().map(str::to_string);
    FullNameParts {
        surname: words.next(),
        given_name: words.next(),
        patronymic: words.next(),
    }
}
