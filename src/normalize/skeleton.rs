//! The cross-language skeleton of a name: equal for the Ukrainian, Russian and common Latin
//! spellings of one name; and a similarity on skeletons for scoring.
//!
//! # How a skeleton is built
//!
//! One pipeline serves every script, so a Cyrillic name and its Latin spellings meet:
//!
//! 1. [`fold`](super::text::fold) (case, apostrophes, homoglyphs, ё→е).
//! 2. Per word (words are split at anything that is not a letter, digit, combining mark or
//!    apostrophe), romanise to lower-case ASCII: Cyrillic with the KMU 2010 table without its
//!    word-initial forms (г h, и y, х kh, щ shch, є ie, ї i, й i, ю iu, я ia; ь and
//!    apostrophes vanish; ё e, ы y, э e, ъ ie as ICAO has it), Latin letters with diacritics to their usual ASCII
//!    (š sh, ž zh, č ch, ł l, ë e, ß ss, …). Marks vanish; digits and letters of other scripts
//!    stay.
//! 3. Read the ASCII greedily into sound classes, so that each family of spellings gives
//!    one class:
//!    - vowels a · o · u · and one class for i y e j (і и ы й ї е є э ё);
//!    - г ґ х = g h kh gh (Ukrainian h, Russian g, legacy h for х);
//!    - ш щ = sh sch shch sz szcz schtsch; ч = ch tch tsch cz; ц = ts tc tz c;
//!      ж = zh; в = v w; кс = ks x;
//!    - k, s or z before the г/х class merge with it (kh, sh, zh), because KMU writes кг,
//!      сг, зьг as kh, sh, zh while ICAO writes kg, sg, zg; so in a skeleton кг = х,
//!      сг = сх = ш and зг = ж (Згурський meets Журський: the price of consistency); and
//!      ш before ч is one ш (шч = щ).
//! 4. Three rules for the systematic Ukrainian ↔ Russian endings and vowels (domain §4.2):
//!    чо → че (Чорний/Черный, Чорновол/Черновол); a final -ов/-ев with any i-class vowels
//!    before it (-ьов -йов -ев -єв -иев -iev -yov -iov) → -ов, also before a final -а
//!    (Ковальов/Ковалёв/Kovalev/Kovalyov, Медведєв/Medvedev); a final -ая → -а (Ковальська/
//!    Ковальская).
//! 5. Write one code per class (`a b v h d i o u zh z k l m n p r s t f c ch sh`), dropping a
//!    code equal to the one before it (doubled letters, and ii/ie/yi/iy vowel runs), and join
//!    words with one space.
//!
//! # The trade-off
//!
//! Collapsing е/и/і/ы/й into one class is what makes Олійник/Олейник/Oliinyk/Oleynik,
//! Білоус/Белоус/Bilous/Belous, Лисенко/Лысенко/Lysenko/Lisenko and -ський/-ский/-skyi/-sky/
//! -skiy/-ski meet; merging г with х is what lets Honcharenko/Goncharenko and Prykhodko/
//! Prihodko meet. The price is that names differing only in those letters collide
//! (Лесенко/Лисенко, Згурський/Журський); чо→че is limited to ч so that Шостак/Шестак stay
//! apart. Measured on the 129 Ukrainian surnames of domain.md §4.1: 129 distinct skeletons
//! (no collision), and 130 of their 131 usual Russian spellings share the Ukrainian
//! skeleton (the miss is the translated root Алексеенко).
//! The consonant frame and the a/o/u vowels are kept, so suffix families stay apart
//! (Іванов/Іваненко, Петренко/Петрук, Коваль/Коваленко, Петрів/Петров). Blocking on exact
//! skeletons therefore errs towards larger blocks rather than missed pairs; scoring then
//! looks at the folded keys too. Not covered: translated roots (Олексієнко/Алексеенко),
//! French spellings (Chevtchenko: French ch = ш clashes with English ch = ч), German or
//! Polish ch = х (Prychodko), and ьо inside a word against its KMU form (Сьомак → Somak).

use super::text;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tok {
    A,
    B,
    V,
    H,
    D,
    E,
    I,
    O,
    U,
    Zh,
    Z,
    K,
    L,
    M,
    N,
    P,
    R,
    S,
    T,
    F,
    Ts,
    Ch,
    Sh,
    Other(char),
}

impl Tok {
    fn is_vowel(self) -> bool {
        matches!(self, Tok::A | Tok::E | Tok::I | Tok::O | Tok::U)
    }

    fn code(self) -> Code {
        Code::Str(match self {
            Tok::A => "a",
            Tok::B => "b",
            Tok::V => "v",
            Tok::H => "h",
            Tok::D => "d",
            Tok::E | Tok::I => "i",
            Tok::O => "o",
            Tok::U => "u",
            Tok::Zh => "zh",
            Tok::Z => "z",
            Tok::K => "k",
            Tok::L => "l",
            Tok::M => "m",
            Tok::N => "n",
            Tok::P => "p",
            Tok::R => "r",
            Tok::S => "s",
            Tok::T => "t",
            Tok::F => "f",
            Tok::Ts => "c",
            Tok::Ch => "ch",
            Tok::Sh => "sh",
            Tok::Other(c) => return Code::Char(c),
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Code {
    Str(&'static str),
    Char(char),
}

/// The skeleton's romanisation of a lower-case Cyrillic letter (KMU 2010 without the
/// word-initial forms, plus the Russian letters).
fn cyrillic_ascii(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' | 'ы' => "y",
        'і' | 'ї' | 'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ь' => "",
        // ICAO writes ъ as ie; following it keeps a Russian name and its passport form
        // together, and costs nothing elsewhere (ъ comes before е ё ю я, already i-class).
        'ъ' => "ie",
        'ю' => "iu",
        'я' => "ia",
        _ => return None,
    })
}

/// The usual ASCII of a lower-case Latin letter with a diacritic.
fn latin_ascii(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' => "c",
        'č' => "ch",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'į' => "i",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ś' | 'ş' => "s",
        'š' | 'ș' => "sh",
        'ž' | 'ż' => "zh",
        'ź' => "z",
        'ł' => "l",
        'ř' => "r",
        'ť' | 'ţ' => "t",
        'ț' => "ts",
        'ğ' => "g",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        _ => return None,
    })
}

/// The skeleton key of a name in any script. Never panics; ASCII for Cyrillic and Latin
/// names (letters of other scripts and digits are kept as they are).
pub fn skeleton(s: &str) -> String {
    skeleton_folded(&text::fold(s))
}

/// The skeleton of text that is already [`text::fold`]ed (saves folding twice when the
/// caller has the folded key). Unfolded input gives a valid but possibly different key.
pub fn skeleton_folded(key: &str) -> String {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => skeleton_with(key, &mut scratch),
        Err(_) => skeleton_with(key, &mut Scratch::default()),
    })
}

/// Buffers reused across calls, so that a skeleton costs one allocation (its own).
#[derive(Default)]
struct Scratch {
    /// The word romanised to lower-case ASCII; [`OTHER`] stands for the next of `others`.
    ascii: Vec<u8>,
    /// Characters with no ASCII form (other scripts, non-ASCII digits), in order.
    others: Vec<char>,
    toks: Vec<Tok>,
}

/// Placeholder byte in [`Scratch::ascii`] for a character kept as it is.
const OTHER: u8 = 0x80;

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

fn skeleton_with(key: &str, scratch: &mut Scratch) -> String {
    let mut out = String::with_capacity(key.len());
    let mut word_start = 0;
    let mut in_word = false;
    for (i, c) in key.char_indices() {
        let word_char = text::is_alpha(c)
            || c.is_ascii_digit()
            || text::is_apostrophe(c)
            || (!c.is_ascii() && c.is_numeric())
            || text::is_mark(c);
        if word_char && !in_word {
            word_start = i;
            in_word = true;
        } else if !word_char && in_word {
            word(&key[word_start..i], scratch, &mut out);
            in_word = false;
        }
    }
    if in_word {
        word(&key[word_start..], scratch, &mut out);
    }
    out
}

/// Appends the skeleton of one word to `out` (with a separating space).
fn word(w: &str, scratch: &mut Scratch, out: &mut String) {
    let Scratch {
        ascii,
        others,
        toks,
    } = scratch;
    ascii.clear();
    others.clear();
    for c in w.chars() {
        if c.is_ascii() {
            if c == 'x' || c == 'X' {
                // x reads as ks before the digraph rules, so "xz" is k + sz like "ksz".
                ascii.extend(b"ks");
            } else if c.is_ascii_alphanumeric() {
                ascii.push(c.to_ascii_lowercase() as u8);
            }
        } else if text::is_alpha(c) {
            let l = text::lower_char(c);
            if let Some(a) = cyrillic_ascii(l).or_else(|| latin_ascii(l)) {
                ascii.extend(a.as_bytes());
            } else {
                ascii.push(OTHER);
                others.push(l);
            }
        } else if c.is_numeric() {
            ascii.push(OTHER);
            others.push(c);
        }
    }
    toks.clear();
    tokenize(ascii, others, toks);
    // The rules and the merging of doubled letters each shorten the word, and either can
    // leave an ending the other applies to (ҐЯяЯ: -ая twice over). Running both until
    // nothing changes makes the skeleton of a skeleton the skeleton itself.
    loop {
        let len = toks.len();
        rules(toks);
        merge_doubled(toks);
        if toks.len() == len {
            break;
        }
    }
    if toks.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    for (i, &t) in toks.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| toks[p]);
        let next = toks.get(i + 1).copied();
        // Spell a class so that reading the skeleton again gives the same classes: ц is "c"
        // except where c + h, c + z or t + c would read as another digraph.
        match (t, t.code()) {
            (Tok::Ts, _)
                if prev == Some(Tok::T) || matches!(next, Some(Tok::H | Tok::Z | Tok::Zh)) =>
            {
                out.push_str("ts")
            }
            (_, Code::Str(s)) => out.push_str(s),
            (_, Code::Char(c)) => out.push(c),
        }
    }
}

/// Doubled letters and i-class runs (ii, ie, yi) count once.
fn merge_doubled(toks: &mut Vec<Tok>) {
    let mut n = 0;
    for i in 0..toks.len() {
        if n > 0 && toks[i].code() == toks[n - 1].code() {
            continue;
        }
        toks[n] = toks[i];
        n += 1;
    }
    toks.truncate(n);
}

fn starts(rest: &[u8], pat: &str) -> bool {
    rest.starts_with(pat.as_bytes())
}

/// Reads lower-case ASCII (with stray other characters) greedily into sound classes.
fn tokenize(b: &[u8], others: &[char], toks: &mut Vec<Tok>) {
    let mut i = 0;
    let mut other = others.iter();
    while i < b.len() {
        let rest = &b[i..];
        let (tok, n) = match rest[0] {
            b's' => {
                if starts(rest, "schtsch") {
                    (Tok::Sh, 7)
                } else if starts(rest, "shtch") {
                    (Tok::Sh, 5)
                } else if starts(rest, "shch") || starts(rest, "szcz") {
                    (Tok::Sh, 4)
                } else if starts(rest, "sch") {
                    (Tok::Sh, 3)
                } else if starts(rest, "sh") || starts(rest, "sz") {
                    (Tok::Sh, 2)
                } else {
                    (Tok::S, 1)
                }
            }
            b'c' => {
                if starts(rest, "ch") || starts(rest, "cz") {
                    (Tok::Ch, 2)
                } else {
                    (Tok::Ts, 1)
                }
            }
            b't' => {
                if starts(rest, "tsch") {
                    (Tok::Ch, 4)
                } else if starts(rest, "tch") {
                    (Tok::Ch, 3)
                } else if starts(rest, "ts") || starts(rest, "tc") || starts(rest, "tz") {
                    (Tok::Ts, 2)
                } else {
                    (Tok::T, 1)
                }
            }
            b'k' => {
                if starts(rest, "kh") {
                    (Tok::H, 2)
                } else {
                    (Tok::K, 1)
                }
            }
            b'g' => {
                if starts(rest, "gh") {
                    (Tok::H, 2)
                } else {
                    (Tok::H, 1)
                }
            }
            b'z' => {
                if starts(rest, "zh") {
                    (Tok::Zh, 2)
                } else {
                    (Tok::Z, 1)
                }
            }
            b'p' => (Tok::P, 1),
            b'h' => (Tok::H, 1),
            b'w' | b'v' => (Tok::V, 1),
            b'q' => (Tok::K, 1),
            b'a' => (Tok::A, 1),
            b'e' => (Tok::E, 1),
            b'o' => (Tok::O, 1),
            b'u' => (Tok::U, 1),
            b'i' | b'y' | b'j' => (Tok::I, 1),
            b'b' => (Tok::B, 1),
            b'd' => (Tok::D, 1),
            b'f' => (Tok::F, 1),
            b'l' => (Tok::L, 1),
            b'm' => (Tok::M, 1),
            b'n' => (Tok::N, 1),
            b'r' => (Tok::R, 1),
            OTHER => (
                other
                    .next()
                    .map_or(Tok::Other('\u{FFFD}'), |&c| Tok::Other(c)),
                1,
            ),
            c => (Tok::Other(char::from(c)), 1),
        };
        // KMU writes кг, сг as kh, sh and ICAO as kg, sg; merging the pairs lets a Cyrillic
        // name meet both romanisations (and keeps the skeleton a fixed point).
        if tok == Tok::H {
            while toks.last() == Some(&Tok::K) {
                toks.pop();
            }
        }
        match (toks.last(), tok) {
            (Some(Tok::Z), Tok::H) => {
                // KMU writes зг as zgh, ICAO as zg, and зьг (KMU zh) as zg: only one class
                // for all of them keeps every romanisation on its Cyrillic.
                toks.pop();
                toks.push(Tok::Zh);
                i += n;
                continue;
            }
            (Some(Tok::S), Tok::Ch) => {
                // "s" + "cz" would read back as "sch".
                toks.pop();
                toks.push(Tok::Sh);
                i += n;
                continue;
            }
            (Some(Tok::Sh), Tok::Ch) => {
                // шч is щ, and "sh" + "ch" would read back as one щ.
                i += n;
                continue;
            }
            (Some(Tok::S), Tok::H) => {
                toks.pop();
                toks.push(Tok::Sh);
                i += n;
                continue;
            }
            _ => {}
        }
        toks.push(tok);
        i += n;
    }
}

/// The Ukrainian ↔ Russian correspondences that a letter class cannot express.
fn rules(toks: &mut Vec<Tok>) {
    for i in 1..toks.len() {
        if toks[i - 1] == Tok::Ch && toks[i] == Tok::O {
            toks[i] = Tok::E;
        }
    }
    // Final -ая (Russian adjectival feminine) → -а; the i-class run may be any length
    // (-aya, -aia, -aiia), so that the rule gives the same answer on its own output.
    let n = toks.len();
    if n > 3 && toks[n - 1] == Tok::A {
        let mut k = n - 1;
        while k > 0 && matches!(toks[k - 1], Tok::I | Tok::E) {
            k -= 1;
        }
        if k < n - 1 && k >= 2 && toks[k - 1] == Tok::A {
            toks.truncate(k);
        }
    }
    // Final -ов/-ев, maybe before -а, with any i-class vowels before it → -ов.
    let mut end = toks.len();
    if end > 0 && toks[end - 1] == Tok::A {
        end -= 1;
    }
    if end < 2 || toks[end - 1] != Tok::V || !matches!(toks[end - 2], Tok::E | Tok::O) {
        return;
    }
    let mut start = end - 2;
    while start > 0 && matches!(toks[start - 1], Tok::E | Tok::I) {
        start -= 1;
    }
    if start == 0 || toks[start - 1].is_vowel() {
        return;
    }
    toks.splice(start..end - 1, [Tok::O]);
}

/// Similarity of two skeletons in [0, 1]: Jaro-Winkler (prefix scale 0.1, boost above
/// 0.7), identical to `strsim::jaro_winkler`. Works on bytes without allocating when both
/// are ASCII and at most 64 bytes long (every realistic skeleton); 1.0 for two empty
/// strings, 0.0 when only one is empty.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        // Blocking on equal skeletons makes this the commonest pair.
        return 1.0;
    }
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.len() > 64 || y.len() > 64 || !a.is_ascii() || !b.is_ascii() {
        return strsim::jaro_winkler(a, b);
    }
    let j = jaro_bytes(x, y);
    if j > 0.7 {
        let prefix = x.iter().zip(y).take(4).take_while(|(p, q)| p == q).count();
        j + 0.1 * prefix as f64 * (1.0 - j)
    } else {
        j
    }
}

/// Jaro similarity of two byte strings of at most 64 bytes, with bit masks as match flags.
fn jaro_bytes(a: &[u8], b: &[u8]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let (mut a_flags, mut b_flags) = (0u64, 0u64);
    let mut matches = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for (j, &cb) in b.iter().enumerate().take(hi).skip(lo) {
            if ca == cb && b_flags & (1u64 << j) == 0 {
                a_flags |= 1u64 << i;
                b_flags |= 1u64 << j;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut j = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        if a_flags & (1u64 << i) == 0 {
            continue;
        }
        while j < b.len() && b_flags & (1u64 << j) == 0 {
            j += 1;
        }
        if b.get(j) != Some(&ca) {
            transpositions += 1;
        }
        j += 1;
    }
    let m = matches as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (matches - transpositions / 2) as f64 / m) / 3.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_examples() {
        let cases: &[(&str, &str)] = &[
            ("Олійник", "olinik"),
            ("Шевченко", "shivchinko"),
            ("Ковальов", "kovalov"),
            ("Медведєв", "midvidov"),
            ("Чорний", "chirni"),
            ("Кравець", "kravic"),
            ("Ковальська", "kovalska"),
            ("Ковальская", "kovalska"),
            ("Петренко-Коваль", "pitrinko koval"),
            ("Петренко  Коваль", "pitrinko koval"),
            ("Oleksandr", "oliksandr"),
            ("Olexandr", "oliksandr"),
            ("", ""),
            ("-'-", ""),
            ("Ян 2", "ian 2"),
        ];
        for (input, want) in cases {
            assert_eq!(skeleton(input), *want, "skeleton({input:?})");
        }
    }

    #[test]
    fn skeleton_of_a_skeleton_is_itself_when_endings_nest() {
        // Found by the property test: -ая taken off once left another -ая ("hiaia").
        for name in ["ҐЯяЯ", "Гаяяая", "Кая", "Ковалевськаяая", "Аяяя"]
        {
            let k = skeleton(name);
            assert_eq!(skeleton(&k), k, "{name:?}");
        }
        assert_eq!(skeleton("ҐЯяЯ"), "hia");
    }

    #[test]
    fn similarity_matches_strsim() {
        let pairs = [
            ("", ""),
            ("a", ""),
            ("", "a"),
            ("shivchinko", "shivchuk"),
            ("martha", "marhta"),
            ("dixon", "dicksonx"),
            ("abc", "xyz"),
            ("pitrinko", "pitruk"),
            ("aaaa", "aaab"),
        ];
        for (a, b) in pairs {
            let want = strsim::jaro_winkler(a, b);
            assert!(
                (similarity(a, b) - want).abs() < 1e-12,
                "similarity({a:?}, {b:?}) = {} want {want}",
                similarity(a, b)
            );
        }
    }
}
