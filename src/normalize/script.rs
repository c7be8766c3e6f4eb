//! Which script a value is written in and, for Cyrillic, which language.
//!
//! Works on raw or folded text alike. Language is decided from letters only one alphabet
//! has: і ї є ґ or an apostrophe between two Cyrillic letters mean Ukrainian; ё ы э ъ mean
//! Russian. Most names use only the shared letters, so the answer is often "undecided";
//! callers then pick a default (romanisation uses ICAO, which is the safer table for both).
//! Note that [`super::text::fold`] turns ё into е, so on folded text ё no longer votes.

use serde::Serialize;

use super::text::{is_apostrophe, is_cyrillic_letter, is_latin_letter};

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

/// The script of a value and, for Cyrillic (or mixed) text, its language when the letters
/// decide it: `None` when only shared letters occur or when both languages' letters do.
/// Letters of other scripts (Greek, …) count as neither.
pub fn detect(s: &str) -> (Script, Option<Lang>) {
    let (mut cyr, mut lat, mut ua, mut ru) = (false, false, false, false);
    // An apostrophe counts as Ukrainian only between two Cyrillic letters (Мар'яна), not in
    // O'Brien or around a quoted word.
    let mut after_cyr = false;
    let mut apostrophe_after_cyr = false;
    for c in s.chars() {
        if is_cyrillic_letter(c) {
            cyr = true;
            match c {
                'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => ua = true,
                'ё' | 'ы' | 'э' | 'ъ' | 'Ё' | 'Ы' | 'Э' | 'Ъ' => ru = true,
                _ => {}
            }
            ua |= apostrophe_after_cyr;
            after_cyr = true;
            apostrophe_after_cyr = false;
        } else if is_latin_letter(c) {
            lat = true;
            after_cyr = false;
            apostrophe_after_cyr = false;
        } else if (is_apostrophe(c) || c == '"') && after_cyr {
            after_cyr = false;
            apostrophe_after_cyr = true;
        } else if !super::text::is_mark(c) {
            after_cyr = false;
            apostrophe_after_cyr = false;
        }
    }
    let script = match (cyr, lat) {
        (true, true) => Script::Mixed,
        (true, false) => Script::Cyrillic,
        (false, true) => Script::Latin,
        (false, false) => Script::None,
    };
    let lang = match (cyr, ua, ru) {
        (true, true, false) => Some(Lang::Ukrainian),
        (true, false, true) => Some(Lang::Russian),
        _ => None,
    };
    (script, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_table() {
        use Lang::*;
        use Script as S;
        let cases: &[(&str, S, Option<Lang>)] = &[
            ("Олійник", S::Cyrillic, Some(Ukrainian)),
            ("ЇЖАК", S::Cyrillic, Some(Ukrainian)),
            ("Євген", S::Cyrillic, Some(Ukrainian)),
            ("Ґонта", S::Cyrillic, Some(Ukrainian)),
            ("Мар'яна", S::Cyrillic, Some(Ukrainian)),
            ("Мар’яна", S::Cyrillic, Some(Ukrainian)),
            ("Мар\u{2BC}яна", S::Cyrillic, Some(Ukrainian)),
            ("Ковалёв", S::Cyrillic, Some(Russian)),
            ("Лысенко", S::Cyrillic, Some(Russian)),
            ("Эдуард", S::Cyrillic, Some(Russian)),
            ("Подъячев", S::Cyrillic, Some(Russian)),
            ("Шевченко", S::Cyrillic, None),
            ("Іван Лысенко", S::Cyrillic, None),
            ("'Шевченко'", S::Cyrillic, None),
            ("Shevchenko", S::Latin, None),
            ("O'Brien", S::Latin, None),
            ("Kovalёv", S::Mixed, Some(Russian)),
            ("Ivan Іванов", S::Mixed, Some(Ukrainian)),
            ("12.03.1990", S::None, None),
            ("", S::None, None),
            ("Ελένη", S::None, None),
        ];
        for (input, script, lang) in cases {
            assert_eq!(detect(input), (*script, *lang), "detect({input:?})");
        }
    }
}
