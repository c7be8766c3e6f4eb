//! Romanisation: Ukrainian KMU 2010 (Resolution No. 55) and Russian ICAO 9303, per the
//! tables of shared/domain.md §2.
//!
//! Both are letter-by-letter tables; only Cyrillic letters are replaced, everything else
//! passes through unchanged. Shared conventions:
//!
//! - An apostrophe (any variant, or `"`) between two Cyrillic letters is dropped; elsewhere
//!   it is punctuation and stays.
//! - Case: a letter that romanises to several Latin letters (Ж → Zh, Щ → Shch) is written
//!   in capitals when the next letter is a capital, or when it ends a word whose previous
//!   letter is a capital (ALL-CAPS passport fields: ЩЕРБАК → SHCHERBAK, БОРЩ → BORSHCH);
//!   otherwise only its first letter is a capital.
//!
//! KMU 2010 adds position: є ї й ю я give Ye Yi Y Yu Ya at the start of a word and ie i i iu
//! ia elsewhere. A word starts at the start of the text or after any character that is not
//! a letter or combining mark, except an apostrophe that follows a letter (Мар'їне →
//! Marine, Короп'є → Koropie); an apostrophe before a word (a quotation mark) does not
//! stop the next letter from being initial. зг gives zgh. Letters outside the Ukrainian
//! alphabet get their ICAO values (ё e, ы y, э e, ъ ie) so that no Cyrillic leaks into the
//! Latin form of a mixed or misdetected name; ў (Belarusian) gives u.

use super::script::Lang;
use super::text::{is_alpha, is_apostrophe, is_cyrillic_letter, is_mark, lower_char};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Table {
    Kmu,
    Icao,
}

/// Ukrainian official romanisation (KMU 2010).
pub fn kmu2010(s: &str) -> String {
    romanise(s, Table::Kmu)
}

/// Russian passport romanisation (ICAO 9303).
pub fn icao9303(s: &str) -> String {
    romanise(s, Table::Icao)
}

/// Romanises Cyrillic with the table of its language (ICAO for Russian or undecided);
/// Latin text passes through.
pub fn to_latin(s: &str, lang: Option<Lang>) -> String {
    match lang {
        Some(Lang::Ukrainian) => kmu2010(s),
        _ => icao9303(s),
    }
}

/// The Latin value of a lower-case Cyrillic letter: (elsewhere, word-initial).
fn value(c: char, table: Table) -> Option<(&'static str, &'static str)> {
    let kmu = table == Table::Kmu;
    let same = |v: &'static str| Some((v, v));
    match c {
        'а' => same("a"),
        'б' => same("b"),
        'в' => same("v"),
        'г' => same(if kmu { "h" } else { "g" }),
        'ґ' => same("g"),
        'д' => same("d"),
        'е' => same("e"),
        'є' => Some(("ie", if kmu { "ye" } else { "ie" })),
        'ж' => same("zh"),
        'з' => same("z"),
        'и' => same(if kmu { "y" } else { "i" }),
        'і' => same("i"),
        'ї' => Some(("i", if kmu { "yi" } else { "i" })),
        'й' => Some(("i", if kmu { "y" } else { "i" })),
        'к' => same("k"),
        'л' => same("l"),
        'м' => same("m"),
        'н' => same("n"),
        'о' => same("o"),
        'п' => same("p"),
        'р' => same("r"),
        'с' => same("s"),
        'т' => same("t"),
        'у' => same("u"),
        'ф' => same("f"),
        'х' => same("kh"),
        'ц' => same("ts"),
        'ч' => same("ch"),
        'ш' => same("sh"),
        'щ' => same("shch"),
        'ь' => same(""),
        'ю' => Some(("iu", if kmu { "yu" } else { "iu" })),
        'я' => Some(("ia", if kmu { "ya" } else { "ia" })),
        'ё' => same("e"),
        'ы' => same("y"),
        'э' => same("e"),
        'ъ' => same("ie"),
        'ў' => same("u"),
        _ => None,
    }
}

fn is_letter(c: char) -> bool {
    is_alpha(c) && !is_apostrophe(c)
}

fn is_letterish(c: char) -> bool {
    is_letter(c) || is_mark(c)
}

/// The next character after `i` that is not a combining mark.
fn next_base(chars: &[char], i: usize) -> Option<char> {
    chars.get(i + 1..)?.iter().copied().find(|&c| !is_mark(c))
}

/// The previous character before `i` that is not a combining mark.
fn prev_base(chars: &[char], i: usize) -> Option<char> {
    chars.get(..i)?.iter().rev().copied().find(|&c| !is_mark(c))
}

fn is_in_word_apostrophe(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    (is_apostrophe(c) || c == '"')
        && prev_base(chars, i).is_some_and(is_cyrillic_letter)
        && next_base(chars, i).is_some_and(is_cyrillic_letter)
}

fn romanise(s: &str, table: Table) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    for (i, &c) in chars.iter().enumerate() {
        if !is_cyrillic_letter(c) {
            if !is_in_word_apostrophe(&chars, i) {
                out.push(c);
            }
            continue;
        }
        let lower = lower_char(c);
        let Some((plain, initial)) = value(lower, table) else {
            out.push(c);
            continue;
        };
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let latin =
            if table == Table::Kmu && lower == 'г' && prev.is_some_and(|p| lower_char(p) == 'з') {
                "gh"
            } else if word_initial(&chars, i) {
                initial
            } else {
                plain
            };
        if !c.is_uppercase() {
            out.push_str(latin);
            continue;
        }
        let mut letters = latin.chars();
        let Some(first) = letters.next() else {
            continue;
        };
        out.push(first.to_ascii_uppercase());
        if all_caps_context(&chars, i) {
            out.extend(letters.map(|l| l.to_ascii_uppercase()));
        } else {
            out.extend(letters);
        }
    }
    out
}

/// True when the letter at `i` begins a word (KMU's є ї й ю я rule).
fn word_initial(chars: &[char], i: usize) -> bool {
    let Some(p) = i.checked_sub(1) else {
        return true;
    };
    let prev = chars[p];
    if is_apostrophe(prev) || prev == '"' {
        // An apostrophe after a letter is part of the word (Мар'їне).
        return !prev_base(chars, p).is_some_and(is_letter);
    }
    !is_letterish(prev)
}

/// Whether a capital at `i` that gives several Latin letters is written all in capitals.
fn all_caps_context(chars: &[char], i: usize) -> bool {
    // Look through an in-word apostrophe: Ю'ЮЮ is an all-caps word.
    let next = chars
        .get(i + 1..)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .find(|&(k, &c)| !is_mark(c) && !is_in_word_apostrophe(chars, i + 1 + k))
        .map(|(_, &c)| c);
    match next {
        Some(n) if is_letter(n) => n.is_uppercase(),
        _ => prev_base(chars, i).is_some_and(|p| is_letter(p) && p.is_uppercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kmu_capitals_and_positions() {
        let cases: &[(&str, &str)] = &[
            ("ЩЕРБАК", "SHCHERBAK"),
            ("Щербак", "Shcherbak"),
            ("БОРЩ", "BORSHCH"),
            ("ЄВГЕН", "YEVHEN"),
            ("ЖАННА", "ZHANNA"),
            ("Ж. Шевченко", "Zh. Shevchenko"),
            ("Ганна-Ярослава", "Hanna-Yaroslava"),
            ("'Яна'", "'Yana'"),
            ("ЗГУРСЬКИЙ", "ZGHURSKYI"),
            ("Мар'ЯНА", "MarIANA"),
            ("Smith", "Smith"),
            ("Фёдор Объедков, Эрик", "Fedor Obieedkov, Eryk"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(kmu2010(input), *want, "kmu2010({input:?})");
        }
    }

    #[test]
    fn to_latin_picks_the_table() {
        assert_eq!(to_latin("Юрій", Some(Lang::Ukrainian)), "Yurii");
        assert_eq!(to_latin("Юрий", Some(Lang::Russian)), "Iurii");
        assert_eq!(to_latin("Юрий", None), "Iurii");
        assert_eq!(to_latin("Yurii", None), "Yurii");
    }
}
