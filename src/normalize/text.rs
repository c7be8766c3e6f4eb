//! Text folding for keys and comparisons: NFC, case, spaces, hyphens, apostrophes,
//! homoglyphs, ё→е. Display text is never folded.
//!
//! [`fold`] is the one place where raw text becomes comparable. Its output is what every
//! key, every `contains`/`in` comparison and every later stage (script detection,
//! romanisation, skeletons) starts from, so it is exact about what it does:
//!
//! 1. Unicode NFC (skipped when the input is already NFC, the usual case).
//! 2. Invisible characters (soft hyphen, zero-width spaces and joiners, directional marks,
//!    BOM) are removed; any run of whitespace or control characters becomes one space;
//!    leading and trailing space is dropped.
//! 3. Dash variants (‐ ‑ ‒ – — ― − ﹣ －) become `-`.
//! 4. Apostrophe variants (' ’ ʼ ` ʹ ‘ ´ ′ ʻ) become U+0027 `'` wherever they stand; a
//!    straight double quote `"` becomes `'` only between two letters (Мар"яна), elsewhere it
//!    is a quotation mark and stays.
//! 5. Homoglyphs are repaired per word (a maximal run of letters, combining marks and
//!    in-word apostrophes): the word's script is decided by the majority of its
//!    *unambiguous* letters (letters with no look-alike in the other script), falling back to
//!    the majority of look-alike letters on a tie; then every look-alike letter of the other
//!    script is replaced by its twin (Latin `i` in a Cyrillic word becomes Ukrainian `і`,
//!    Cyrillic `о` in a Latin word becomes `o`). The look-alike pairs are, case-insensitively:
//!    a/а b/в c/с e/е ë/ё h/н i/і ï/ї k/к m/м o/о p/р t/т x/х y/у, plus ј→j and ѕ→s into
//!    Latin only. A word with no majority is left alone.
//! 6. Lower case (Unicode lower-case mapping), then ё → е.
//!
//! Because look-alike letters are classed case-insensitively and always map to look-alike
//! letters, a second fold sees the same votes and changes nothing: `fold(fold(x)) == fold(x)`.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The one apostrophe that [`fold`] leaves in its output (U+0027).
pub const APOSTROPHE: char = '\'';

/// True for every character that lists use as an apostrophe (not the double quote, which is
/// an apostrophe only between letters).
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}'
            | '\u{02BC}'
            | '`'
            | '\u{02B9}'
            | '\u{2018}'
            | '\u{00B4}'
            | '\u{2032}'
            | '\u{02BB}'
    )
}

/// True for the dash and hyphen variants that fold to `-`.
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Characters that render as nothing and only break comparisons.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}'
    )
}

/// True for a letter of the Cyrillic blocks (Cyrillic and Cyrillic Supplement).
pub fn is_cyrillic_letter(c: char) -> bool {
    is_basic_cyrillic(c) || (('\u{0460}'..='\u{052F}').contains(&c) && c.is_alphabetic())
}

/// U+0400..=U+045F: the letters of the Ukrainian and Russian alphabets (all letters, all
/// NFC as they stand, none a mark), where the fast paths below apply.
fn is_basic_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{045F}').contains(&c)
}

/// The lower case of a character as one character (the first of a longer mapping), with
/// fast paths for ASCII and the basic Cyrillic block.
pub(crate) fn lower_char(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{0410}'..='\u{042F}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        '\u{0400}'..='\u{040F}' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        _ if c.is_ascii() || is_basic_cyrillic(c) => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// A letter (Unicode Alphabetic), with fast paths for ASCII and basic Cyrillic.
pub(crate) fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_basic_cyrillic(c) || c.is_alphabetic()
    }
}

/// A combining mark, with a fast "no" for everything below U+0300 and basic Cyrillic.
pub(crate) fn is_mark(c: char) -> bool {
    (c as u32) >= 0x300 && !is_basic_cyrillic(c) && is_combining_mark(c)
}

/// True for a letter of the Latin blocks (ASCII, Latin-1, Extended-A/B, Additional).
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ((('\u{00C0}'..='\u{024F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c))
            && c.is_alphabetic())
}

/// The Cyrillic twin of a lower-case Latin look-alike.
fn latin_to_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'b' => 'в',
        'c' => 'с',
        'e' => 'е',
        'ë' => 'ё',
        'h' => 'н',
        'i' => 'і',
        'ï' => 'ї',
        'k' => 'к',
        'm' => 'м',
        'o' => 'о',
        'p' => 'р',
        't' => 'т',
        'x' => 'х',
        'y' => 'у',
        _ => return None,
    })
}

/// The Latin twin of a lower-case Cyrillic look-alike.
fn cyrillic_to_latin(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'в' => 'b',
        'с' => 'c',
        'е' => 'e',
        'ё' => 'ë',
        'н' => 'h',
        'і' => 'i',
        'ї' => 'ï',
        'к' => 'k',
        'м' => 'm',
        'о' => 'o',
        'р' => 'p',
        'т' => 't',
        'х' => 'x',
        'у' => 'y',
        'ј' => 'j',
        'ѕ' => 's',
        _ => return None,
    })
}

#[derive(Default)]
struct Votes {
    cyr: i32,
    lat: i32,
    cyr_alike: i32,
    lat_alike: i32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum WordScript {
    Cyrillic,
    Latin,
    Undecided,
}

impl Votes {
    fn add(&mut self, c: char) {
        let l = lower_char(c);
        if latin_to_cyrillic(l).is_some() {
            self.lat_alike += 1;
        } else if cyrillic_to_latin(l).is_some() {
            self.cyr_alike += 1;
        } else if is_cyrillic_letter(l) {
            self.cyr += 1;
        } else if is_latin_letter(l) {
            self.lat += 1;
        }
    }

    fn decide(&self) -> WordScript {
        let by = |a: i32, b: i32| match a.cmp(&b) {
            std::cmp::Ordering::Greater => WordScript::Cyrillic,
            std::cmp::Ordering::Less => WordScript::Latin,
            std::cmp::Ordering::Equal => WordScript::Undecided,
        };
        match by(self.cyr, self.lat) {
            WordScript::Undecided => by(self.cyr_alike, self.lat_alike),
            d => d,
        }
    }
}

/// A letter, not counting the modifier-letter apostrophes (ʼ ʹ are "alphabetic" to Unicode).
fn is_letter(c: char) -> bool {
    is_alpha(c) && !is_apostrophe(c)
}

fn is_word_char(c: char) -> bool {
    is_letter(c) || is_mark(c)
}

/// The byte offset where the word starting at `start` ends. Apostrophes (and `"`) belong to
/// the word only between a letter and a letter.
fn word_end(s: &str, start: usize) -> usize {
    let mut end = start;
    let mut prev_word = false;
    let mut it = s[start..].char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_word_char(c) {
            prev_word = true;
            end = start + i + c.len_utf8();
        } else if (is_apostrophe(c) || c == '"')
            && prev_word
            && it.peek().is_some_and(|&(_, n)| is_letter(n))
        {
            prev_word = false;
        } else {
            break;
        }
    }
    end
}

fn push_folded(out: &mut String, c: char, script: WordScript) {
    let mut push1 = |l: char| {
        let m = match script {
            WordScript::Cyrillic => latin_to_cyrillic(l).unwrap_or(l),
            WordScript::Latin => cyrillic_to_latin(l).unwrap_or(l),
            WordScript::Undecided => l,
        };
        out.push(if m == 'ё' { 'е' } else { m });
    };
    if c.is_ascii() || is_basic_cyrillic(c) {
        push1(lower_char(c));
    } else {
        for l in c.to_lowercase() {
            push1(l);
        }
    }
}

/// Folds text for keys and `contains`/`in` comparisons (see the module documentation for
/// the exact steps). Never panics; idempotent.
pub fn fold(s: &str) -> String {
    let (mut out, marks) = fold_pass(s);
    if marks {
        // A repaired or ё→е base letter can compose with a following mark (Latin y + breve
        // is left alone by NFC, Cyrillic у + breve is ў; е + breve is ӗ), which changes the
        // next fold's input. Marks are rare in names, so fold again until nothing changes.
        for _ in 0..8 {
            let (next, _) = fold_pass(&out);
            if next == out {
                break;
            }
            out = next;
        }
    }
    out
}

/// One folding pass; also says whether the output holds combining marks.
fn fold_pass(s: &str) -> (String, bool) {
    let s = prepare(s);
    let s = s.as_ref();
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut saw_mark = false;
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        if is_word_char(c) {
            let end = word_end(s, i);
            let word = &s[i..end];
            let mut votes = Votes::default();
            for w in word.chars() {
                votes.add(w);
            }
            let script = votes.decide();
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            for w in word.chars() {
                if is_apostrophe(w) || w == '"' {
                    out.push(APOSTROPHE);
                } else {
                    saw_mark |= is_mark(w);
                    push_folded(&mut out, w, script);
                }
            }
            i = end;
            continue;
        }
        i += c.len_utf8();
        if c.is_whitespace() || c.is_control() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        if is_dash(c) {
            out.push('-');
        } else if is_apostrophe(c) {
            out.push(APOSTROPHE);
        } else {
            push_folded(&mut out, c, WordScript::Undecided);
        }
    }
    (out, saw_mark)
}

/// NFC and without invisible characters, borrowing when nothing changes.
fn prepare(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    // Everything below U+0300 and the basic Cyrillic block is NFC as it stands (no marks,
    // no singletons), so the common list needs no table look-ups at all.
    let plain = s
        .chars()
        .all(|c| ((c as u32) < 0x300 && c != '\u{00AD}') || is_basic_cyrillic(c));
    if plain {
        return Cow::Borrowed(s);
    }
    let mut s = if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect::<String>())
    };
    if s.chars().any(is_invisible) {
        s = Cow::Owned(s.chars().filter(|&c| !is_invisible(c)).collect());
    }
    s
}

/// Collapses whitespace and trims, keeping everything else as written: for showing a value
/// in one line of a report without changing what the list says.
pub fn display(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for part in s.split(|c: char| c.is_whitespace() || c.is_control()) {
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_table() {
        let cases: &[(&str, &str)] = &[
            ("  Олійник   Олександр ", "олійник олександр"),
            ("ШЕВЧЕНКО", "шевченко"),
            ("Ковалёв", "ковалев"),
            ("КОВАЛЁВ", "ковалев"),
            ("Ковале\u{308}в", "ковалев"),
            ("Мар’яна", "мар'яна"),
            ("Мар\u{2BC}яна", "мар'яна"),
            ("Мар`яна", "мар'яна"),
            ("Мар\u{2B9}яна", "мар'яна"),
            ("Мар\u{2018}яна", "мар'яна"),
            ("Мар\"яна", "мар'яна"),
            ("\"Мар'яна\"", "\"мар'яна\""),
            ("Петренко\u{2013}Коваль", "петренко-коваль"),
            ("Петренко\u{2014}Коваль", "петренко-коваль"),
            ("Петренко\u{2010}Коваль", "петренко-коваль"),
            ("Петренко\u{2011}Коваль", "петренко-коваль"),
            ("Петренко\u{2212}Коваль", "петренко-коваль"),
            ("Ков\u{00AD}аль", "коваль"),
            ("Ков\u{200B}аль", "коваль"),
            ("\u{FEFF}Коваль", "коваль"),
            ("a\u{00A0}\tb\n\nc", "a b c"),
            ("", ""),
            ("   ", ""),
            ("Й", "й"),
            ("И\u{306}ван", "йван"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), *want, "fold({input:?})");
        }
    }

    #[test]
    fn homoglyphs_repaired_both_ways() {
        let cases: &[(&str, &str)] = &[
            // Latin letters typed inside Cyrillic words.
            ("Oлійник", "олійник"),
            ("Kовальчук", "ковальчук"),
            ("Шевчeнко", "шевченко"),
            ("Пoлiщук", "поліщук"),
            ("Bасильович", "васильович"),
            ("ГPИЦEНKO", "гриценко"),
            ("Mазур", "мазур"),
            ("Iван", "іван"),
            ("Лисюk", "лисюк"),
            // Cyrillic letters typed inside Latin words.
            ("Ivanоv", "ivanov"),
            ("Коvalenko", "kovalenko"),
            ("Shevchеnkо", "shevchenko"),
            ("Pоlishchuk", "polishchuk"),
            ("Dіdenko", "didenko"),
            ("Сhornyi", "chornyi"),
            ("Хenia", "xenia"),
            ("Ruslаn", "ruslan"),
            // Each word decides for itself.
            ("Ivanоv Oлег", "ivanov олег"),
            // Nothing to decide by: left alone.
            ("Ао", "ао"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), *want, "fold({input:?})");
        }
    }

    #[test]
    fn fold_is_idempotent_on_the_table() {
        for s in [
            "Oлійник",
            "Bа",
            "ёzz",
            "İstanbul",
            "y\u{306}ж",
            "Ко\"в",
            "\"a\"",
        ] {
            let once = fold(s);
            assert_eq!(fold(&once), once, "fold twice {s:?}");
        }
    }

    #[test]
    fn display_keeps_letters() {
        assert_eq!(display("  Oлійник \t Мар’яна "), "Oлійник Мар’яна");
    }
}
