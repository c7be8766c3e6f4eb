//! Ranks, statuses and sex words: Ukrainian, Russian and English rank names to a rank class;
//! status words to military or civilian; sex-column values to male or female.
//!
//! All three read a value the same way: fold it ([`text::fold`]), split it into words on
//! every non-alphanumeric character (so "ст. л-т", "штаб-сержант" and "п/п-к" become
//! words), then cover the words left to right with the longest known phrase. Every word
//! must be covered: by a class phrase, a qualifier that does not change the class
//! ("гвардії", "запасу", "медичної служби", "1 рангу") or, for ranks, a modifier that must
//! be followed by a rank ("старший", "головний", "senior"). Unknown words, a modifier with
//! no rank after it, or two phrases of different classes give `None`: the caller reports
//! the raw value rather than guess.
//!
//! Rank policy (domain.md §7.4): прапорщик, старший прапорщик, мічман / мичман and старший
//! мічман / мичман are [`RankClass::Warrant`], a class of their own as in Russian law and
//! GC III Art. 60, so a "privates and NCOs" rule excludes them unless it names them. Police
//! special ranks ("сержант поліції") and cadets ("курсант") are not military ranks and give
//! `None`. "Lance corporal" is a private (the usual gloss of ефрейтор); "corporal" an NCO.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;
use std::thread::LocalKey;

use serde::Serialize;

use super::{Sex, text};

/// The class of a military rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RankClass {
    /// Soldiers and sailors.
    Private,
    /// Sergeants and petty officers.
    Nco,
    /// Praporshchyk / michman.
    Warrant,
    /// Officers.
    Officer,
}

/// Military or civilian.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A member of the armed forces.
    Military,
    /// A civilian.
    Civilian,
}

/// The class of a rank name in any of the three languages, abbreviations included
/// ("ст. сержант", "мл. л-т", "к-н", "Sgt"); qualifiers such as "гвардії", "запасу",
/// "в отставке", "медичної служби" or "1 рангу" are skipped.
pub fn rank_class(raw: &str) -> Option<RankClass> {
    thread_local!(static SEEN: Memo<RankClass> = RefCell::default());
    memo(&SEEN, raw, |r| ranks().classify(r))
}

/// The status a status word states: "військовослужбовець", "военнопленный", "POW" are
/// military; "цивільна особа", "гражданское лицо", "civilian" are civilian.
/// Mercenaries and PMC members ("найманець", "ЧВК") give `None`: their status is for a
/// person to decide.
pub fn status(raw: &str) -> Option<Status> {
    static LEX: OnceLock<Lexicon<Status>> = OnceLock::new();
    thread_local!(static SEEN: Memo<Status> = RefCell::default());
    memo(&SEEN, raw, |r| {
        LEX.get_or_init(|| Lexicon::build(STATUS_WORDS.iter().copied()).0)
            .classify(r)
    })
}

/// The sex a sex-column value states (ч/ж, м/ж, чол./жін., муж./жен., male/female, M/F).
pub fn sex(raw: &str) -> Option<Sex> {
    static LEX: OnceLock<Lexicon<Sex>> = OnceLock::new();
    thread_local!(static SEEN: Memo<Sex> = RefCell::default());
    memo(&SEEN, raw, |r| {
        LEX.get_or_init(|| Lexicon::build(SEX_WORDS.iter().copied()).0)
            .classify(r)
    })
}

/// Answers already given on this thread, by raw text. A column holds few distinct ranks,
/// statuses or sex words, so a million rows cost a million hash look-ups instead of a
/// million folds.
type Memo<T> = RefCell<HashMap<Box<str>, Option<T>>>;

/// Bounds each memo: a column of all-distinct junk must not grow memory without limit.
const MEMO_MAX: usize = 4096;

fn memo<T: Copy + 'static>(
    seen: &'static LocalKey<Memo<T>>,
    raw: &str,
    classify: impl FnOnce(&str) -> Option<T>,
) -> Option<T> {
    if let Some(hit) = seen.with_borrow(|m| m.get(raw).copied()) {
        return hit;
    }
    let v = classify(raw);
    seen.with_borrow_mut(|m| {
        if m.len() >= MEMO_MAX {
            m.clear();
        }
        m.insert(raw.into(), v);
    });
    v
}

/// What a phrase of a lexicon means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Entry<T> {
    /// A phrase that states the value.
    Value(T),
    /// A word that must be followed by a value phrase ("старший").
    Modifier,
    /// A qualifier that changes nothing ("гвардії").
    Ignore,
}

use Entry::{Ignore, Modifier, Value};

/// Phrases (folded words joined by one space) and what they mean.
struct Lexicon<T> {
    phrases: HashMap<String, Entry<T>>,
    /// The most words in any phrase: longer spans are never looked up.
    max_words: usize,
}

impl<T: Copy + PartialEq> Lexicon<T> {
    /// Builds a lexicon, folding and splitting each phrase exactly as values are. Also
    /// returns the phrases that were given twice with different meanings (the first wins),
    /// which the tests require to be none.
    fn build<'a>(entries: impl IntoIterator<Item = (&'a str, Entry<T>)>) -> (Self, Vec<String>) {
        let mut lex = Lexicon {
            phrases: HashMap::new(),
            max_words: 1,
        };
        let mut conflicts = Vec::new();
        for (phrase, entry) in entries {
            let folded = text::fold(phrase);
            let words = split_words(&folded);
            if words.is_empty() {
                conflicts.push(format!("empty phrase {phrase:?}"));
                continue;
            }
            lex.max_words = lex.max_words.max(words.len());
            let key = words.join(" ");
            match lex.phrases.get(&key) {
                Some(old) if *old != entry => conflicts.push(key),
                Some(_) => {}
                None => {
                    lex.phrases.insert(key, entry);
                }
            }
        }
        (lex, conflicts)
    }

    /// The value the whole text states, if every word is accounted for and all value
    /// phrases agree.
    fn classify(&self, raw: &str) -> Option<T> {
        let folded = text::fold(raw);
        let words = split_words(&folded);
        let mut found: Option<T> = None;
        let mut pending_modifier = false;
        let mut key = String::new();
        let mut i = 0;
        while i < words.len() {
            let longest = (1..=self.max_words.min(words.len() - i))
                .rev()
                .find_map(|n| {
                    key.clear();
                    for (k, w) in words[i..i + n].iter().enumerate() {
                        if k > 0 {
                            key.push(' ');
                        }
                        key.push_str(w);
                    }
                    self.phrases.get(key.as_str()).map(|e| (n, *e))
                });
            let (n, entry) = match longest {
                Some(hit) => hit,
                // Numbers qualify ("капітан 1 рангу", "старшина 2 статті").
                None if words[i].bytes().all(|b| b.is_ascii_digit()) => (1, Ignore),
                None => return None,
            };
            match entry {
                Value(v) => {
                    if found.is_some_and(|f| f != v) {
                        return None;
                    }
                    found = Some(v);
                    pending_modifier = false;
                }
                Modifier => pending_modifier = true,
                Ignore => {}
            }
            i += n;
        }
        if pending_modifier {
            return None;
        }
        found
    }
}

/// Splits folded text into its alphanumeric words, also between digits and letters, so
/// that "2nd", "1-го" and "2-ї" read like "2 nd", "1 го" and "2 ї".
fn split_words(s: &str) -> Vec<&str> {
    let mut words = Vec::new();
    for chunk in s.split(|c: char| !c.is_alphanumeric()) {
        let mut start = 0;
        let mut prev_digit = None;
        for (i, c) in chunk.char_indices() {
            let digit = c.is_ascii_digit();
            if prev_digit.is_some_and(|p| p != digit) {
                words.push(&chunk[start..i]);
                start = i;
            }
            prev_digit = Some(digit);
        }
        if start < chunk.len() {
            words.push(&chunk[start..]);
        }
    }
    words
}

/// The rank vocabulary: phrase, tab, kind; `#` starts a comment.
const RANKS_TSV: &str = include_str!("../../data/ranks.tsv");

/// Parses the rank table. Malformed lines are returned as problems (the tests require none)
/// rather than panicking: the table is data, and a bad line must not take the tool down.
fn rank_entries() -> (Vec<(&'static str, Entry<RankClass>)>, Vec<String>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (n, line) in RANKS_TSV.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let entry = match line.split_once('\t') {
            Some((phrase, kind)) => match kind.trim() {
                "private" => Some((phrase, Value(RankClass::Private))),
                "nco" => Some((phrase, Value(RankClass::Nco))),
                "warrant" => Some((phrase, Value(RankClass::Warrant))),
                "officer" => Some((phrase, Value(RankClass::Officer))),
                "modifier" => Some((phrase, Modifier)),
                "ignore" => Some((phrase, Ignore)),
                _ => None,
            },
            None => None,
        };
        match entry {
            Some(e) => entries.push(e),
            None => problems.push(format!("data/ranks.tsv line {}: {line:?}", n + 1)),
        }
    }
    (entries, problems)
}

fn ranks() -> &'static Lexicon<RankClass> {
    static LEX: OnceLock<Lexicon<RankClass>> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::build(rank_entries().0).0)
}

const MIL: Entry<Status> = Value(Status::Military);
const CIV: Entry<Status> = Value(Status::Civilian);

/// Status vocabulary (domain.md §8.1, §8.3).
const STATUS_WORDS: &[(&str, Entry<Status>)] = &[
    ("військовослужбовець", MIL),
    ("військовослужбовиця", MIL),
    ("військовослужбовці", MIL),
    ("в/с", MIL),
    ("в/сл", MIL),
    ("військовий", MIL),
    ("військова", MIL),
    ("військовополонений", MIL),
    ("військовополонена", MIL),
    ("в/п", MIL),
    ("вп", MIL),
    ("полонений", MIL),
    ("мобілізований", MIL),
    ("контрактник", MIL),
    ("за контрактом", MIL),
    ("строковик", MIL),
    ("строкова служба", MIL),
    ("тро", MIL),
    ("военнослужащий", MIL),
    ("военнослужащая", MIL),
    ("военный", MIL),
    ("военнопленный", MIL),
    ("военнопленная", MIL),
    ("пленный", MIL),
    ("мобилизованный", MIL),
    ("по контракту", MIL),
    ("срочник", MIL),
    ("срочная служба", MIL),
    ("military", MIL),
    ("serviceman", MIL),
    ("servicewoman", MIL),
    ("service member", MIL),
    ("servicemember", MIL),
    ("soldier", MIL),
    ("combatant", MIL),
    ("pow", MIL),
    ("prisoner of war", MIL),
    ("mobilised", MIL),
    ("mobilized", MIL),
    ("conscript", MIL),
    ("contract soldier", MIL),
    ("цивільний", CIV),
    ("цивільна", CIV),
    ("цивільні", CIV),
    ("цив", CIV),
    ("цивільна особа", CIV),
    ("мирний житель", CIV),
    ("мирна жителька", CIV),
    ("гражданский", CIV),
    ("гражданская", CIV),
    ("гражданское лицо", CIV),
    ("мирный житель", CIV),
    ("мирная жительница", CIV),
    ("civilian", CIV),
    ("civil", CIV),
    ("non-combatant", CIV),
    ("noncombatant", CIV),
    // Qualifiers: "цивільний заручник", "незаконно утримуваний цивільний", "detained civilian".
    ("особа", Ignore),
    ("лицо", Ignore),
    ("person", Ignore),
    ("заручник", Ignore),
    ("заложник", Ignore),
    ("hostage", Ignore),
    ("незаконно", Ignore),
    ("утримуваний", Ignore),
    ("задержанный", Ignore),
    ("detained", Ignore),
];

const MALE: Entry<Sex> = Value(Sex::Male);
const FEMALE: Entry<Sex> = Value(Sex::Female);

/// Sex vocabulary (domain.md §5.1: стать ч/ж, чол./жін.; пол м/ж, муж./жен.; M/F).
const SEX_WORDS: &[(&str, Entry<Sex>)] = &[
    ("ч", MALE),
    ("чол", MALE),
    ("чоловіча", MALE),
    ("чоловічий", MALE),
    ("чоловік", MALE),
    ("м", MALE),
    ("муж", MALE),
    ("мужской", MALE),
    ("мужчина", MALE),
    ("m", MALE),
    ("male", MALE),
    ("man", MALE),
    ("ж", FEMALE),
    ("жін", FEMALE),
    ("жіноча", FEMALE),
    ("жіночий", FEMALE),
    ("жінка", FEMALE),
    ("жен", FEMALE),
    ("женский", FEMALE),
    ("женщина", FEMALE),
    ("f", FEMALE),
    ("female", FEMALE),
    ("woman", FEMALE),
    ("стать", Ignore),
    ("пол", Ignore),
    ("sex", Ignore),
    ("gender", Ignore),
];

#[cfg(test)]
mod tests {
    use super::*;
    use RankClass::*;

    #[test]
    fn rank_table_is_well_formed_and_consistent() {
        let (entries, problems) = rank_entries();
        assert!(problems.is_empty(), "{problems:?}");
        assert!(entries.len() > 150, "only {} entries", entries.len());
        let (_, conflicts) = Lexicon::build(entries);
        assert!(conflicts.is_empty(), "{conflicts:?}");
        let (_, conflicts) = Lexicon::build(STATUS_WORDS.iter().copied());
        assert!(conflicts.is_empty(), "{conflicts:?}");
        let (_, conflicts) = Lexicon::build(SEX_WORDS.iter().copied());
        assert!(conflicts.is_empty(), "{conflicts:?}");
    }

    #[test]
    fn ranks() {
        let cases: &[(&str, Option<RankClass>)] = &[
            // Ukrainian, current and legacy scale
            ("рекрут", Some(Private)),
            ("солдат", Some(Private)),
            ("Старший солдат", Some(Private)),
            ("рядовий", Some(Private)),
            ("матрос", Some(Private)),
            ("старший матрос", Some(Private)),
            ("молодший сержант", Some(Nco)),
            ("сержант", Some(Nco)),
            ("старший сержант", Some(Nco)),
            ("головний сержант", Some(Nco)),
            ("перший сержант", Some(Nco)),
            ("штаб-сержант", Some(Nco)),
            ("штаб сержант", Some(Nco)),
            ("майстер-сержант", Some(Nco)),
            ("старший майстер-сержант", Some(Nco)),
            ("головний майстер-сержант", Some(Nco)),
            ("старшина", Some(Nco)),
            ("старшина 2 статті", Some(Nco)),
            ("головний корабельний старшина", Some(Nco)),
            ("прапорщик", Some(Warrant)),
            ("старший прапорщик", Some(Warrant)),
            ("мічман", Some(Warrant)),
            ("старший мічман", Some(Warrant)),
            ("молодший лейтенант", Some(Officer)),
            ("лейтенант", Some(Officer)),
            ("старший лейтенант медичної служби", Some(Officer)),
            ("капітан", Some(Officer)),
            ("капітан-лейтенант", Some(Officer)),
            ("капітан 1 рангу", Some(Officer)),
            ("майор запасу", Some(Officer)),
            ("підполковник", Some(Officer)),
            ("бригадний генерал", Some(Officer)),
            ("генерал-майор", Some(Officer)),
            ("контр-адмірал", Some(Officer)),
            ("гвардії старший сержант", Some(Nco)),
            // Russian
            ("рядовой", Some(Private)),
            ("Ефрейтор", Some(Private)),
            ("младший сержант", Some(Nco)),
            ("главный корабельный старшина", Some(Nco)),
            ("старшина 1 статьи", Some(Nco)),
            ("мичман", Some(Warrant)),
            ("старший мичман", Some(Warrant)),
            ("младший лейтенант", Some(Officer)),
            ("капитан 2-го ранга", Some(Officer)),
            ("гвардии капитан", Some(Officer)),
            ("полковник в отставке", Some(Officer)),
            ("подполковник юстиции", Some(Officer)),
            ("генерал армии", Some(Officer)),
            ("маршал Российской Федерации", Some(Officer)),
            // Abbreviations (§7.3)
            ("ст. сержант", Some(Nco)),
            ("ст. с-т", Some(Nco)),
            ("мол. с-т", Some(Nco)),
            ("мл. с-т", Some(Nco)),
            ("гол. с-т", Some(Nco)),
            ("шт. с-т", Some(Nco)),
            ("м-с-т", Some(Nco)),
            ("ст-на", Some(Nco)),
            ("ст. сол.", Some(Private)),
            ("ряд.", Some(Private)),
            ("ефр.", Some(Private)),
            ("пр-к", Some(Warrant)),
            ("ст. пр-к", Some(Warrant)),
            ("мл. лейтенант", Some(Officer)),
            ("мол. л-т", Some(Officer)),
            ("ст. лейт.", Some(Officer)),
            ("ст.л-т", Some(Officer)),
            ("к-н", Some(Officer)),
            ("м-р", Some(Officer)),
            ("п/п-к", Some(Officer)),
            ("підп-к", Some(Officer)),
            ("подп-к", Some(Officer)),
            ("п-к", Some(Officer)),
            ("г-м", Some(Officer)),
            // English and Latin transliterations
            ("Private", Some(Private)),
            ("PRIVATE FIRST CLASS", Some(Private)),
            ("Lance Corporal", Some(Private)),
            ("Corporal", Some(Nco)),
            ("Sergeant", Some(Nco)),
            ("Staff Sergeant", Some(Nco)),
            ("Sergeant First Class", Some(Nco)),
            ("Sergeant Major", Some(Nco)),
            ("Command Sergeant Major", Some(Nco)),
            ("Petty Officer 2nd Class", Some(Nco)),
            ("Chief Petty Officer", Some(Nco)),
            ("Warrant Officer", Some(Warrant)),
            ("Chief Warrant Officer", Some(Warrant)),
            ("Lieutenant", Some(Officer)),
            ("Senior Lieutenant", Some(Officer)),
            ("2nd Lieutenant", Some(Officer)),
            ("2LT", Some(Officer)),
            ("PV2", Some(Private)),
            ("1SG", Some(Nco)),
            ("Sgt.", Some(Nco)),
            ("Captain", Some(Officer)),
            ("Captain 1st Rank", Some(Officer)),
            ("Lieutenant Colonel", Some(Officer)),
            ("Major General", Some(Officer)),
            ("Rear Admiral", Some(Officer)),
            ("starshyi serzhant", Some(Nco)),
            ("mladshiy leytenant", Some(Officer)),
            ("praporshchik", Some(Warrant)),
            // Unknown or not a military rank: reported, never guessed
            ("", None),
            ("старший", None),
            ("senior", None),
            ("officer", None),
            ("курсант", None),
            ("сержант поліції", None),
            ("капітан команди", None),
            ("сержант лейтенант", None),
            ("водій", None),
            ("🎖", None),
        ];
        let failures: Vec<String> = cases
            .iter()
            .filter(|(raw, want)| rank_class(raw) != *want)
            .map(|(raw, want)| format!("{raw:?}: got {:?}, want {want:?}", rank_class(raw)))
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn statuses() {
        use Status::*;
        let cases: &[(&str, Option<Status>)] = &[
            ("військовослужбовець", Some(Military)),
            ("Військовополонений", Some(Military)),
            ("військовий", Some(Military)),
            ("мобілізований", Some(Military)),
            ("в/с", Some(Military)),
            ("военнослужащий", Some(Military)),
            ("Военнопленный", Some(Military)),
            ("военный", Some(Military)),
            ("POW", Some(Military)),
            ("prisoner of war", Some(Military)),
            ("Serviceman", Some(Military)),
            ("military", Some(Military)),
            ("цивільний", Some(Civilian)),
            ("Цивільна особа", Some(Civilian)),
            ("цивільний заручник", Some(Civilian)),
            ("незаконно утримуваний цивільний", Some(Civilian)),
            ("мирний житель", Some(Civilian)),
            ("гражданский", Some(Civilian)),
            ("гражданское лицо", Some(Civilian)),
            ("civilian", Some(Civilian)),
            ("Non-combatant", Some(Civilian)),
            ("detained civilian", Some(Civilian)),
            ("найманець", None),
            ("ЧВК", None),
            ("військовий цивільний", None),
            ("особа", None),
            ("", None),
            ("?", None),
        ];
        for (raw, want) in cases {
            assert_eq!(status(raw), *want, "{raw:?}");
        }
    }

    #[test]
    fn sexes() {
        use Sex::*;
        let cases: &[(&str, Option<Sex>)] = &[
            ("ч", Some(Male)),
            ("Ч.", Some(Male)),
            ("чол", Some(Male)),
            ("чол.", Some(Male)),
            ("чоловіча", Some(Male)),
            ("чоловік", Some(Male)),
            ("м", Some(Male)),
            ("М", Some(Male)),
            ("муж.", Some(Male)),
            ("мужской", Some(Male)),
            ("мужчина", Some(Male)),
            ("M", Some(Male)),
            ("m", Some(Male)),
            ("Male", Some(Male)),
            ("ж", Some(Female)),
            ("Ж", Some(Female)),
            ("жін.", Some(Female)),
            ("жіноча", Some(Female)),
            ("жінка", Some(Female)),
            ("жен", Some(Female)),
            ("женский", Some(Female)),
            ("женщина", Some(Female)),
            ("F", Some(Female)),
            ("female", Some(Female)),
            ("FEMALE", Some(Female)),
            ("м/ж", None),
            ("1", None),
            ("x", None),
            ("", None),
        ];
        for (raw, want) in cases {
            assert_eq!(sex(raw), *want, "{raw:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = (rank_class(&s), status(&s), sex(&s));
        }
    }
}
