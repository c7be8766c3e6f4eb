//! Which script a value is written in and, for Cyrillic, which language.

use serde::Serialize;

/// The script of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Cyrillic letters only.
    Cyrillic,
    /// Latin letters only.
    Latin,
    /// Both.
    Mixed,
    /// No letters.
    None,
}

/// The language of a Cyrillic value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Ukrainian letters (і ї є ґ or an apostrophe) seen.
    Ukrainian,
    /// Russian letters (ё ы э ъ) seen.
    Russian,
}

/// The script of a value and, for Cyrillic, its language when the letters decide it.
// STUB: replaced by the normalisation work (issue 3).
pub fn detect(s: &str) -> (Script, Option<Lang>) {
    let cyr = s.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    let lat = s.chars().any(|c| c.is_ascii_alphabetic());
    let script = match (cyr, lat) {
        (true, true) => Script::Mixed,
        (true, false) => Script::Cyrillic,
        (false, true) => Script::Latin,
        (false, false) => Script::None,
    };
    let lang = if s.chars().any(|c| "іїєґ'".contains(c)) {
        Some(Lang::Ukrainian)
    } else if s.chars().any(|c| "ёыэъ".contains(c)) {
        Some(Lang::Russian)
    } else {
        None
    };
    (script, lang)
}
