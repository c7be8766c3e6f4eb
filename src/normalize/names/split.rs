//! Splitting a full-name value (ПІБ, ФИО, "Full name") into surname, given name and
//! patronymic: either order, initials, commas, UPPER-CASE surnames, double surnames.
//!
//! Every word of the input ends up in exactly one part, with its original text; words are
//! only re-joined with single spaces (a lone dash is glued to its neighbours: "Шевченко -
//! Бойко" → "Шевченко-Бойко"). With four or more words, the given name and patronymic take
//! at most two words (an "огли"/"кизи" patronymic counts as one) and every other word belongs
//! to the surname, which covers double-barrelled surnames written with a space.

use super::patronymic::suffix_sex;
use super::{given_name_id, name_key, patronymic};

/// The order of the parts in a full name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NameOrder {
    /// Surname, given name, patronymic: the Ukrainian and Russian official order.
    #[default]
    SurnameFirst,
    /// Given name, patronymic, surname.
    GivenFirst,
}

/// A full name split into its parts, each with its original text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FullNameParts {
    /// Surname (all its words, for a double surname written with a space).
    pub surname: Option<String>,
    /// Given name (or its initial, e.g. "О.").
    pub given_name: Option<String>,
    /// Patronymic (or its initial), including a separate "огли"/"кизи" word.
    pub patronymic: Option<String>,
    /// The order the value was read in.
    pub order: NameOrder,
    /// True when nothing in the value decided the order and the default (surname first)
    /// was assumed: the split deserves a second look.
    pub order_guessed: bool,
    /// True when the given name or the patronymic is only an initial.
    pub initials: bool,
}

/// Words that follow the father's name in Azerbaijani and other Turkic patronymics.
const TURKIC: &[&str] = &[
    "огли", "оглы", "кизи", "кызы", "гизи", "oglu", "ogly", "ogli", "kyzy", "kizi", "qizi", "gizi",
];

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}'
    )
}

fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// "О.", "П", "Yu.": one or two letters, nothing else but dots; two letters need the dot.
fn is_initial(s: &str) -> bool {
    let n = letters(s);
    (1..=2).contains(&n)
        && s.chars().all(|c| c.is_alphabetic() || c == '.')
        && (n == 1 || s.ends_with('.'))
}

/// Splits glued initials ("О.П.", "О.П.Шевченко") after each dot, only when every piece
/// but the last is an initial; anything else stays one word.
fn push_word<'a>(w: &'a str, out: &mut Vec<&'a str>) {
    if w.trim_end_matches('.').contains('.') {
        let pieces: Vec<&str> = w.split_inclusive('.').collect();
        let (last, init) = pieces.split_last().unwrap_or((&w, &[]));
        if init.iter().all(|p| is_initial(p)) && !last.is_empty() {
            out.extend(init);
            out.push(last);
            return;
        }
    }
    out.push(w);
}

/// The words of a value, dashes glued to their neighbours and Turkic patronymic words joined
/// to the father's name before them.
fn words(s: &str) -> Vec<String> {
    let mut raw: Vec<&str> = Vec::new();
    for w in s.split_whitespace() {
        push_word(w, &mut raw);
    }
    let mut out: Vec<String> = Vec::new();
    let mut glue = false;
    for w in raw {
        let dash = w.chars().all(is_dash);
        match out.last_mut() {
            Some(last) if glue || dash => last.push_str(w),
            Some(last) if TURKIC.contains(&name_key(w).as_str()) => {
                last.push(' ');
                last.push_str(w);
            }
            _ => out.push(w.to_string()),
        }
        glue = dash;
    }
    out
}

/// What a word looks like.
#[derive(Clone, Copy, Default)]
struct Info {
    initial: bool,
    upper: bool,
    given: bool,
    /// A patronymic of a known father's name (or with an "огли"/"кизи" word).
    patr: bool,
    /// At least a patronymic ending (-ович, -івна, -ovna...).
    patr_like: bool,
}

fn info(w: &str) -> Info {
    if is_initial(w) {
        return Info {
            initial: true,
            ..Info::default()
        };
    }
    let turkic = w.contains(' ');
    let patr = turkic || patronymic(w).is_some();
    Info {
        initial: false,
        upper: letters(w) >= 2
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase),
        given: !turkic && given_name_id(w).is_some(),
        patr,
        patr_like: patr || suffix_sex(&name_key(w)).is_some(),
    }
}

fn join(ws: &[String]) -> Option<String> {
    (!ws.is_empty()).then(|| ws.join(" "))
}

/// Splits a full name. Cyrillic is read surname first unless the value says otherwise:
/// initials at the start ("О.П. Шевченко"), an UPPER-CASE surname among mixed-case words
/// ("Alexander OLIINYK"), a patronymic in second position ("Олександр Петрович Шевченко"),
/// or a known given name first while the next word is not one ("Oleksandr Shevchenko").
/// Text before a comma is the surname ("Шевченко, Олександр"). Nothing is ever dropped.
pub fn split_full_name(full: &str) -> FullNameParts {
    if let Some((before, after)) = full.split_once(',') {
        let sur = words(before);
        let rest = words(&after.replace(',', " "));
        if !sur.is_empty() {
            return FullNameParts {
                surname: join(&sur),
                given_name: rest.first().cloned(),
                patronymic: join(rest.get(1..).unwrap_or_default()),
                order: NameOrder::SurnameFirst,
                order_guessed: false,
                initials: rest.iter().take(2).any(|w| is_initial(w)),
            };
        }
    }
    let ws = words(&full.replace(',', " "));
    let n = ws.len();
    if n <= 1 {
        return FullNameParts {
            surname: ws.into_iter().next(),
            order_guessed: n == 1,
            ..FullNameParts::default()
        };
    }
    let inf: Vec<Info> = ws.iter().map(|w| info(w)).collect();
    let cyrillic = full.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    let (order, upper_run, guessed) = decide(&inf);
    let surname_len = match upper_run {
        Some(run) => run,
        None => {
            // The given name always takes a word; the next one is the patronymic when it
            // looks like one, and by default in Cyrillic, where ПІБ has three parts.
            let second = match order {
                NameOrder::SurnameFirst => inf[n - 1],
                NameOrder::GivenFirst => inf[1],
            };
            let has_patr = n >= 3 && (second.initial || second.patr_like || (cyrillic && n == 3));
            let initials = match order {
                NameOrder::SurnameFirst => inf.iter().rev().take_while(|i| i.initial).count(),
                NameOrder::GivenFirst => inf.iter().take_while(|i| i.initial).count(),
            };
            n - (1 + usize::from(has_patr)).max(initials)
        }
    }
    .clamp(1, n - 1);
    let (surname, names) = match order {
        NameOrder::SurnameFirst => (&ws[..surname_len], &ws[surname_len..]),
        NameOrder::GivenFirst => (&ws[n - surname_len..], &ws[..n - surname_len]),
    };
    FullNameParts {
        surname: join(surname),
        given_name: names.first().cloned(),
        patronymic: join(names.get(1..).unwrap_or_default()),
        order,
        order_guessed: guessed,
        initials: names.iter().take(2).any(|w| is_initial(w)),
    }
}

/// The order, the length of an UPPER-CASE surname run when that decided it, and whether the
/// order was only assumed.
fn decide(inf: &[Info]) -> (NameOrder, Option<usize>, bool) {
    use NameOrder::{GivenFirst, SurnameFirst};
    let n = inf.len();
    let (first, last) = (inf[0], inf[n - 1]);
    if first.initial {
        return (GivenFirst, None, false);
    }
    if last.initial {
        return (SurnameFirst, None, false);
    }
    let cased = inf.iter().filter(|i| !i.initial);
    if cased.clone().any(|i| i.upper) && cased.clone().any(|i| !i.upper) {
        if first.upper {
            return (
                SurnameFirst,
                Some(inf.iter().take_while(|i| i.upper).count()),
                false,
            );
        }
        if last.upper {
            let run = inf.iter().rev().take_while(|i| i.upper).count();
            return (GivenFirst, Some(run), false);
        }
    }
    if n >= 3 {
        let second = inf[1];
        for (p_last, p_second) in [(last.patr, second.patr), (last.patr_like, second.patr_like)] {
            match (p_last, p_second) {
                (true, false) => return (SurnameFirst, None, false),
                (false, true) => return (GivenFirst, None, false),
                (true, true) if second.given && !first.given => {
                    return (SurnameFirst, None, false);
                }
                (true, true) if first.given && !second.given => {
                    return (GivenFirst, None, false);
                }
                _ => {}
            }
        }
    }
    match (first.given, inf[1].given) {
        (false, true) => (SurnameFirst, None, false),
        (true, false) => (GivenFirst, None, false),
        _ => (SurnameFirst, None, true),
    }
}

#[cfg(test)]
mod tests {
    use super::NameOrder::{GivenFirst, SurnameFirst};
    use super::*;

    /// Input, then surname, given name, patronymic ("" for none), then the order.
    type Case = (&'static str, [&'static str; 3], NameOrder);

    #[test]
    fn splits_every_form() {
        let cases: &[Case] = &[
            (
                "Шевченко Олександр Петрович",
                ["Шевченко", "Олександр", "Петрович"],
                SurnameFirst,
            ),
            (
                "Олександр Петрович Шевченко",
                ["Шевченко", "Олександр", "Петрович"],
                GivenFirst,
            ),
            (
                "Иванов Сергей Юрьевич",
                ["Иванов", "Сергей", "Юрьевич"],
                SurnameFirst,
            ),
            (
                "Сергей Юрьевич Иванов",
                ["Иванов", "Сергей", "Юрьевич"],
                GivenFirst,
            ),
            (
                "Oleksandr Shevchenko",
                ["Shevchenko", "Oleksandr", ""],
                GivenFirst,
            ),
            (
                "Shevchenko Oleksandr",
                ["Shevchenko", "Oleksandr", ""],
                SurnameFirst,
            ),
            (
                "Alexander OLIINYK",
                ["OLIINYK", "Alexander", ""],
                GivenFirst,
            ),
            (
                "OLIINYK Oleksandr",
                ["OLIINYK", "Oleksandr", ""],
                SurnameFirst,
            ),
            (
                "OLIINYK OLEKSANDR",
                ["OLIINYK", "OLEKSANDR", ""],
                SurnameFirst,
            ),
            (
                "ШЕВЧЕНКО Олександр Петрович",
                ["ШЕВЧЕНКО", "Олександр", "Петрович"],
                SurnameFirst,
            ),
            (
                "Oleksandr Petrovych SHEVCHENKO",
                ["SHEVCHENKO", "Oleksandr", "Petrovych"],
                GivenFirst,
            ),
            (
                "Shevchenko Oleksandr Petrovych",
                ["Shevchenko", "Oleksandr", "Petrovych"],
                SurnameFirst,
            ),
            (
                "Oleksandr Petrovych Shevchenko",
                ["Shevchenko", "Oleksandr", "Petrovych"],
                GivenFirst,
            ),
            ("Шевченко О.П.", ["Шевченко", "О.", "П."], SurnameFirst),
            ("Шевченко О. П.", ["Шевченко", "О.", "П."], SurnameFirst),
            ("О.П. Шевченко", ["Шевченко", "О.", "П."], GivenFirst),
            ("О.П.Шевченко", ["Шевченко", "О.", "П."], GivenFirst),
            ("О. Шевченко", ["Шевченко", "О.", ""], GivenFirst),
            ("Шевченко О.", ["Шевченко", "О.", ""], SurnameFirst),
            (
                "Шевченко Олександр П.",
                ["Шевченко", "Олександр", "П."],
                SurnameFirst,
            ),
            ("Shevchenko O.", ["Shevchenko", "O.", ""], SurnameFirst),
            (
                "Шевченко-Бойко Олександр Петрович",
                ["Шевченко-Бойко", "Олександр", "Петрович"],
                SurnameFirst,
            ),
            (
                "Шевченко - Бойко Олександр",
                ["Шевченко-Бойко", "Олександр", ""],
                SurnameFirst,
            ),
            (
                "Ковальчук Бойко Олександр Петрович",
                ["Ковальчук Бойко", "Олександр", "Петрович"],
                SurnameFirst,
            ),
            (
                "Олександр Петрович Ковальчук Бойко",
                ["Ковальчук Бойко", "Олександр", "Петрович"],
                GivenFirst,
            ),
            (
                "  Шевченко   Олександр    Петрович ",
                ["Шевченко", "Олександр", "Петрович"],
                SurnameFirst,
            ),
            (
                "Шевченко, Олександр",
                ["Шевченко", "Олександр", ""],
                SurnameFirst,
            ),
            (
                "Шевченко, Олександр Петрович",
                ["Шевченко", "Олександр", "Петрович"],
                SurnameFirst,
            ),
            ("Shevchenko, O.P.", ["Shevchenko", "O.", "P."], SurnameFirst),
            (
                "Шевченко Олександр",
                ["Шевченко", "Олександр", ""],
                SurnameFirst,
            ),
            (
                "Олександр Шевченко",
                ["Шевченко", "Олександр", ""],
                GivenFirst,
            ),
            (
                "Мамедов Ахмед Алі огли",
                ["Мамедов", "Ахмед", "Алі огли"],
                SurnameFirst,
            ),
            (
                "Алієва Айгюн Рашид кизи",
                ["Алієва", "Айгюн", "Рашид кизи"],
                SurnameFirst,
            ),
            (
                "Петрович Іван Олександрович",
                ["Петрович", "Іван", "Олександрович"],
                SurnameFirst,
            ),
            (
                "Іван Петрович Кашкевич",
                ["Кашкевич", "Іван", "Петрович"],
                GivenFirst,
            ),
            (
                "Кашкевич Іван Абдулович",
                ["Кашкевич", "Іван", "Абдулович"],
                SurnameFirst,
            ),
            (
                "Oleksandr Shevchenko Bondarenko",
                ["Shevchenko Bondarenko", "Oleksandr", ""],
                GivenFirst,
            ),
            ("Шевченко", ["Шевченко", "", ""], SurnameFirst),
            ("", ["", "", ""], SurnameFirst),
            (
                "Олександр П. Шевченко",
                ["Шевченко", "Олександр", "П."],
                GivenFirst,
            ),
            ("SHEVCHENKO O.P.", ["SHEVCHENKO", "O.", "P."], SurnameFirst),
            (
                "Олександр ШЕВЧЕНКО",
                ["ШЕВЧЕНКО", "Олександр", ""],
                GivenFirst,
            ),
            (
                "SHEVCHENKO OLEKSANDR PETROVYCH",
                ["SHEVCHENKO", "OLEKSANDR", "PETROVYCH"],
                SurnameFirst,
            ),
            (
                "SHEVCHENKO BOIKO Oleksandr",
                ["SHEVCHENKO BOIKO", "Oleksandr", ""],
                SurnameFirst,
            ),
            ("Yu. Shevchenko", ["Shevchenko", "Yu.", ""], GivenFirst),
        ];
        let part = |p: &str| (!p.is_empty()).then(|| p.to_string());
        for &(input, [s, g, p], order) in cases {
            let got = split_full_name(input);
            assert_eq!(
                (got.surname, got.given_name, got.patronymic, got.order),
                (part(s), part(g), part(p), order),
                "{input:?}"
            );
        }
    }

    #[test]
    fn flags_initials_and_guesses() {
        let cases = [
            ("Шевченко О.П.", true, false),
            ("Шевченко Олександр Петрович", false, false),
            ("Alexander OLIINYK", false, false),
            // Two unknown words: the order is only assumed.
            ("Kowalczyk Zbigniew", false, true),
            ("Роман Олександр", false, true),
        ];
        for (input, initials, guessed) in cases {
            let got = split_full_name(input);
            assert_eq!(
                (got.initials, got.order_guessed),
                (initials, guessed),
                "{input:?}"
            );
        }
    }

    /// The letters of a value, sorted: what a split must preserve.
    fn letters_of<'a>(parts: impl IntoIterator<Item = &'a str>) -> Vec<char> {
        let mut v: Vec<char> = parts
            .into_iter()
            .flat_map(str::chars)
            .filter(|c| c.is_alphabetic())
            .collect();
        v.sort_unstable();
        v
    }

    proptest::proptest! {
        #[test]
        fn any_value_keeps_every_letter(
            ws in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Шевченко", "Олександр", "Петрович", "О.П.", "О.", "П", "-", "–", ",",
                    "OLIINYK", "Oleksandr", "огли", "кизи", "Алі", "Yu.", "Сергеевна", "Бабич",
                    "Кашкевич", "A.B.Smith", ".", "..", "Ян", "x",
                ]),
                0..7,
            ),
            tail in "\\PC{0,12}",
        ) {
            let input = format!("{} {tail}", ws.join(" "));
            let got = split_full_name(&input);
            let out = [&got.surname, &got.given_name, &got.patronymic];
            proptest::prop_assert_eq!(
                letters_of(out.into_iter().flatten().map(String::as_str)),
                letters_of([input.as_str()])
            );
        }
    }

    #[test]
    fn never_drops_or_invents_a_word() {
        let inputs = [
            "Шевченко Олександр Петрович молодший",
            "A B C D E F",
            "Ковальчук Бойко Олександр Петрович Іванович",
            "O.P. SHEVCHENKO BOIKO",
            "Шевченко, Олександр, Петрович",
            "- Шевченко",
        ];
        for input in inputs {
            let got = split_full_name(input);
            let mut out: Vec<String> = [got.surname, got.given_name, got.patronymic]
                .into_iter()
                .flatten()
                .collect();
            out.sort();
            let joined: String = out.concat().chars().filter(|c| c.is_alphabetic()).collect();
            let mut a: Vec<char> = joined.chars().collect();
            let mut b: Vec<char> = input.chars().filter(|c| c.is_alphabetic()).collect();
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{input:?}");
        }
    }
}
