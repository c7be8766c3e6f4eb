//! The errors clerks make, as text transformations: one-letter typos, Latin homoglyphs
//! inside Cyrillic, upper-case surnames, stray spaces, and the Ukrainian → Russian spelling
//! of surnames no dictionary lists (domain.md §4.2).

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// The Russian spelling a Russian clerk gives a Ukrainian surname, by the systematic
/// correspondences of §4.2: -ський → -ский, -ець → -ец, і → и, и → ы in the root, є → е,
/// ї → и, ґ → г, the apostrophe → ь before a soft vowel.
pub fn russify_surname(uk: &str) -> String {
    let mut s = uk.to_string();
    for (from, to) in [
        ("ський", "ский"),
        ("цький", "цкий"),
        ("ська", "ская"),
        ("цька", "цкая"),
    ] {
        if let Some(stem) = s.strip_suffix(from) {
            s = format!("{stem}{to}");
            break;
        }
    }
    if let Some(stem) = s.strip_suffix("ець") {
        s = format!("{stem}ец");
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 4);
    let mut root_y_done = false;
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        match c {
            'і' => out.push('и'),
            'І' => out.push('И'),
            // и → ы is lexical (Лисенко/Лысенко but Литвиненко); taking it in the first
            // syllable only keeps the result plausible and deterministic.
            'и' if !root_y_done && i <= 2 && prev.is_some_and(|p| !is_vowel(p)) => {
                root_y_done = true;
                out.push('ы');
            }
            'є' => out.push('е'),
            'Є' => out.push('Е'),
            'ї' => out.push('и'),
            'Ї' => out.push('И'),
            'ґ' => out.push('г'),
            'Ґ' => out.push('Г'),
            '\'' | '\u{2019}' | '\u{02BC}' => {
                if next.is_some_and(|n| matches!(n, 'я' | 'ю' | 'є' | 'ї' | 'е')) {
                    out.push('ь');
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'а' | 'е' | 'є' | 'и' | 'і' | 'ї' | 'о' | 'у' | 'ю' | 'я' | 'ы' | 'э' | 'ё'
    )
}

const UK_LETTERS: &[char] = &[
    'а', 'б', 'в', 'г', 'д', 'е', 'є', 'ж', 'з', 'и', 'і', 'ї', 'й', 'к', 'л', 'м', 'н', 'о', 'п',
    'р', 'с', 'т', 'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'ь', 'ю', 'я',
];
const RU_LETTERS: &[char] = &[
    'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'й', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т',
    'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'ы', 'ь', 'э', 'ю', 'я',
];

/// The alphabet a typo draws from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alphabet {
    /// Ukrainian Cyrillic.
    Uk,
    /// Russian Cyrillic.
    Ru,
}

/// One edit (substitute, delete, insert or swap two neighbours) away from `s`, never on the
/// first letter (clerks rarely miss it) and never leaving fewer than two letters. Always
/// differs from `s` when `s` has three letters or more.
pub fn typo(s: &str, alphabet: Alphabet, rng: &mut ChaCha8Rng) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    if chars.len() < 3 {
        return s.to_string();
    }
    let letters = match alphabet {
        Alphabet::Uk => UK_LETTERS,
        Alphabet::Ru => RU_LETTERS,
    };
    let upper = chars[1..].iter().all(|c| !c.is_lowercase());
    let fresh = |rng: &mut ChaCha8Rng, not: char| loop {
        let c = letters[rng.random_range(0..letters.len())];
        let c = if upper {
            c.to_uppercase().next().unwrap_or(c)
        } else {
            c
        };
        if c != not {
            break c;
        }
    };
    let i = rng.random_range(1..chars.len());
    match rng.random_range(0..4u8) {
        0 => chars[i] = fresh(rng, chars[i]),
        1 => {
            chars.remove(i);
        }
        2 => {
            let c = fresh(rng, chars[i]);
            chars.insert(i, c);
        }
        _ => {
            let j = if i + 1 < chars.len() { i + 1 } else { i - 1 };
            if chars[i] == chars[j] {
                chars[i] = fresh(rng, chars[i]);
            } else {
                chars.swap(i, j);
            }
        }
    }
    chars.into_iter().collect()
}

/// Cyrillic letters with a Latin twin that looks the same.
const HOMOGLYPHS: [(char, char); 16] = [
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('і', 'i'),
    ('с', 'c'),
    ('р', 'p'),
    ('х', 'x'),
    ('у', 'y'),
    ('А', 'A'),
    ('Е', 'E'),
    ('О', 'O'),
    ('І', 'I'),
    ('С', 'C'),
    ('Р', 'P'),
    ('Х', 'X'),
    ('К', 'K'),
];

/// Replaces one Cyrillic letter that has a Latin look-alike with it; `None` when the text
/// has no such letter.
pub fn homoglyph(s: &str, rng: &mut ChaCha8Rng) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let spots: Vec<usize> = (0..chars.len())
        .filter(|&i| HOMOGLYPHS.iter().any(|(c, _)| *c == chars[i]))
        .collect();
    if spots.is_empty() {
        return None;
    }
    let at = spots[rng.random_range(0..spots.len())];
    Some(
        chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                if i == at {
                    HOMOGLYPHS
                        .iter()
                        .find(|(cy, _)| *cy == c)
                        .map_or(c, |(_, l)| *l)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// Stray spaces: before, after, or doubled inside.
pub fn extra_spaces(s: &str, rng: &mut ChaCha8Rng) -> String {
    match rng.random_range(0..3u8) {
        0 => format!(" {s}"),
        1 => format!("{s}  "),
        _ => {
            let n = s.chars().count();
            let at = rng.random_range(1..n.max(2));
            let mut out: String = s.chars().take(at).collect();
            out.push_str("  ");
            out.extend(s.chars().skip(at));
            out
        }
    }
}

/// True when text holds a Latin letter next to Cyrillic ones.
#[cfg(test)]
pub fn has_mixed_script(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_alphabetic())
        && s.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::rng_for;

    #[test]
    fn russified_surnames_follow_the_correspondences() {
        assert_eq!(russify_surname("Ковальський"), "Ковальский");
        assert_eq!(russify_surname("Кушнір"), "Кушнир");
        assert_eq!(russify_surname("Лисенко"), "Лысенко");
        assert_eq!(russify_surname("Євтушенко"), "Евтушенко");
        assert_eq!(russify_surname("Заїка"), "Заика");
        assert_eq!(russify_surname("Ґонта"), "Гонта");
        assert_eq!(russify_surname("Лук'яненко"), "Лукьяненко");
        assert_eq!(russify_surname("Кравець"), "Кравец");
        assert_eq!(russify_surname("Петрів"), "Петрив");
        assert_eq!(russify_surname("Гордієнко"), "Гордиенко");
    }

    #[test]
    fn typos_make_exactly_one_visible_edit() {
        let mut rng = rng_for(1, 0, 0);
        for _ in 0..500 {
            let t = typo("Шевченко", Alphabet::Uk, &mut rng);
            assert_ne!(t, "Шевченко");
            assert!(t.starts_with('Ш'));
            let d = strsim::levenshtein(&t, "Шевченко");
            let swapped = t.chars().count() == 8 && d == 2;
            assert!(d == 1 || swapped, "{t}");
        }
        assert_eq!(typo("Ян", Alphabet::Uk, &mut rng), "Ян");
    }

    #[test]
    fn homoglyphs_mix_scripts() {
        let mut rng = rng_for(1, 0, 0);
        let h = homoglyph("Коваленко", &mut rng).unwrap_or_default();
        assert!(has_mixed_script(&h), "{h}");
        assert_eq!(h.chars().count(), 9);
        assert_eq!(homoglyph("Шмідт", &mut rng), Some("Шмiдт".into()));
        assert_eq!(homoglyph("Щиль", &mut rng), None);
        assert!(!has_mixed_script("Коваленко"));
    }
}
