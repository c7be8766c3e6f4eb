//! The hidden people behind the lists: names from the built-in dictionaries, heavy-tailed
//! surnames, invented rare surnames, birth dates clustered at the category boundaries,
//! military particulars and health. Each person is a pure function of (seed, index), so any
//! side can regenerate anyone without storing a million people.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::noise::russify_surname;
use super::{REFERENCE_DATE, Settings, rng_for, stream, unit};
use crate::normalize::Sex;
use crate::normalize::names::{self, NameEntry, PatronymicForms};

/// A health state; each language renders it with several phrases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    /// Seriously wounded, written with a term the agreement names.
    SevereWound,
    /// Seriously ill, written with a term the agreement names.
    SevereIll,
    /// Seriously hurt, but written as a diagnosis without any of the agreement's terms
    /// (an amputation, a paralysis): the rule cannot see it, as in real lists.
    SevereUnnamed,
    /// Moderate condition.
    Moderate,
    /// Light wound.
    LightWound,
    /// Satisfactory.
    Satisfactory,
    /// Healthy.
    Healthy,
    /// A chronic disease.
    Chronic,
}

const HEALTH_WEIGHTS: [(Health, f64); 8] = [
    (Health::SevereWound, 0.09),
    (Health::SevereIll, 0.05),
    (Health::SevereUnnamed, 0.02),
    (Health::Moderate, 0.07),
    (Health::LightWound, 0.12),
    (Health::Satisfactory, 0.45),
    (Health::Healthy, 0.15),
    (Health::Chronic, 0.05),
];

/// A military rank: Ukrainian, the Russian rendering a Russian clerk writes, and English.
pub struct Rank {
    /// Ukrainian.
    pub uk: &'static str,
    /// Russian rendering.
    pub ru: &'static str,
    /// English.
    pub en: &'static str,
    weight: f64,
}

const fn rank(uk: &'static str, ru: &'static str, en: &'static str, weight: f64) -> Rank {
    Rank { uk, ru, en, weight }
}

/// Ukrainian ranks (domain.md §7.1) with rough shares among prisoners.
pub const RANKS: [Rank; 16] = [
    rank("солдат", "солдат", "private", 30.0),
    rank("старший солдат", "старший солдат", "senior private", 18.0),
    rank("рядовий", "рядовой", "private", 4.0),
    rank("матрос", "матрос", "seaman", 3.0),
    rank(
        "молодший сержант",
        "младший сержант",
        "junior sergeant",
        10.0,
    ),
    rank("сержант", "сержант", "sergeant", 9.0),
    rank("старший сержант", "старший сержант", "senior sergeant", 7.0),
    rank("головний сержант", "главный сержант", "chief sergeant", 3.0),
    rank("штаб-сержант", "штаб-сержант", "staff sergeant", 2.0),
    rank("прапорщик", "прапорщик", "warrant officer", 2.0),
    rank(
        "молодший лейтенант",
        "младший лейтенант",
        "junior lieutenant",
        3.0,
    ),
    rank("лейтенант", "лейтенант", "lieutenant", 3.0),
    rank(
        "старший лейтенант",
        "старший лейтенант",
        "senior lieutenant",
        2.5,
    ),
    rank("капітан", "капитан", "captain", 1.5),
    rank("майор", "майор", "major", 1.0),
    rank("підполковник", "подполковник", "lieutenant colonel", 0.5),
];

/// Military particulars of a serviceman.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Military {
    /// Index into [`RANKS`].
    pub rank: usize,
    /// The unit as both sides write it (`в/ч А1234`, `72 ОМБр`).
    pub unit: String,
    /// An invented 8-digit service number.
    pub service_number: u32,
}

/// One hidden person.
#[derive(Clone, Debug)]
pub struct Person {
    /// Sex.
    pub sex: Sex,
    /// Surname, Ukrainian spelling (for the person's sex).
    pub surname_uk: String,
    /// Surname, Russian spelling.
    pub surname_ru: String,
    /// Given name.
    pub given: &'static NameEntry,
    /// Patronymic forms.
    pub patronymic: &'static PatronymicForms,
    /// Date of birth.
    pub dob: NaiveDate,
    /// None for a civilian.
    pub military: Option<Military>,
    /// Health.
    pub health: Health,
}

/// Cumulative weights for sampling by binary search.
struct Cdf(Vec<f64>);

impl Cdf {
    fn new(weights: impl IntoIterator<Item = f64>) -> Cdf {
        let mut acc = 0.0;
        Cdf(weights
            .into_iter()
            .map(|w| {
                acc += w;
                acc
            })
            .collect())
    }

    fn sample(&self, rng: &mut ChaCha8Rng) -> usize {
        let total = self.0.last().copied().unwrap_or(0.0);
        let u = rng.random::<f64>() * total;
        self.0.partition_point(|&c| c <= u).min(self.0.len() - 1)
    }
}

/// Zipf weights 1/k^s over k = 1..=n.
fn zipf(n: usize, s: f64) -> impl Iterator<Item = f64> {
    (1..=n).map(move |k| 1.0 / (k as f64).powf(s))
}

struct Pools {
    male: Vec<&'static NameEntry>,
    male_cdf: Cdf,
    female: Vec<&'static NameEntry>,
    female_cdf: Cdf,
    /// Fathers' names with patronymic forms for both sexes.
    fathers: Vec<(&'static PatronymicForms, &'static PatronymicForms)>,
    father_cdf: Cdf,
    surname_cdf: Cdf,
    rank_cdf: Cdf,
    health_cdf: Cdf,
}

static POOLS: LazyLock<Pools> = LazyLock::new(|| {
    let entries = names::entries();
    let usable = |e: &&NameEntry| !e.uk.is_empty();
    let male: Vec<_> = entries
        .iter()
        .filter(|e| e.sex == Sex::Male)
        .filter(usable)
        .collect();
    let female: Vec<_> = entries
        .iter()
        .filter(|e| e.sex == Sex::Female)
        .filter(usable)
        .collect();
    let fathers: Vec<_> = male
        .iter()
        .filter_map(|e| {
            Some((
                names::patronymic_forms(e.id, Sex::Male)?,
                names::patronymic_forms(e.id, Sex::Female)?,
            ))
        })
        .collect();
    Pools {
        male_cdf: Cdf::new(zipf(male.len(), 0.9)),
        female_cdf: Cdf::new(zipf(female.len(), 0.9)),
        father_cdf: Cdf::new(zipf(fathers.len(), 0.9)),
        surname_cdf: Cdf::new(zipf(names::surnames().len(), 0.6)),
        rank_cdf: Cdf::new(RANKS.iter().map(|r| r.weight)),
        health_cdf: Cdf::new(HEALTH_WEIGHTS.iter().map(|h| h.1)),
        male,
        female,
        fathers,
    }
});

/// True when the dictionaries hold enough to generate people (they always do for the
/// shipped data; checked so that a broken data file is an error, not a panic).
pub fn pools_ready() -> bool {
    let p = &*POOLS;
    !p.male.is_empty()
        && !p.female.is_empty()
        && !p.fathers.is_empty()
        && !names::surnames().is_empty()
}

/// First syllables of invented surnames; chosen to carry і, и, є, ї, ґ so that the
/// Ukrainian → Russian correspondences have work to do.
const ONSETS: [&str; 60] = [
    "Ба", "Бі", "Бо", "Ва", "Ви", "Во", "Га", "Гі", "Го", "Ґа", "Да", "Ді", "До", "Єв", "Жу", "За",
    "Зі", "Іл", "Ка", "Ки", "Кі", "Ко", "Ку", "Ла", "Ли", "Лі", "Ма", "Ми", "Мі", "Мо", "На", "Ні",
    "Ор", "Па", "Пи", "Пі", "По", "Ра", "Ри", "Ро", "Са", "Си", "Сі", "Со", "Та", "Ти", "Ті", "Тю",
    "Фе", "Хо", "Ху", "Ца", "Че", "Чу", "Ша", "Ши", "Щу", "Юр", "Яр", "Їж",
];
const MIDDLES: [&str; 30] = [
    "", "б", "в", "г", "д", "л", "лм", "н", "р", "с", "т", "ц", "ш", "вр", "дз", "лип", "риц",
    "сл", "м'як", "ст", "рн", "х", "шн", "ґ", "бр", "кр", "дн", "лз", "рв", "ж",
];
const SUFFIXES: [&str; 14] = [
    "енко",
    "ченко",
    "чук",
    "ук",
    "юк",
    "ський",
    "цький",
    "ишин",
    "ів",
    "ець",
    "ак",
    "ич",
    "ко",
    "ан",
];

/// An invented surname outside every dictionary.
fn rare_surname(rng: &mut ChaCha8Rng) -> String {
    let mut s = String::new();
    s.push_str(ONSETS[rng.random_range(0..ONSETS.len())]);
    s.push_str(MIDDLES[rng.random_range(0..MIDDLES.len())]);
    s.push_str(SUFFIXES[rng.random_range(0..SUFFIXES.len())]);
    s
}

/// The feminine form of a surname, Ukrainian or Russian (§4.2: -ський/-ська, -ий/-а,
/// -ский/-ская, -ов/-ова); invariable surnames pass through.
pub fn feminine(s: &str) -> String {
    const RULES: [(&str, &str); 9] = [
        ("ський", "ська"),
        ("цький", "цька"),
        ("ский", "ская"),
        ("цкий", "цкая"),
        ("ый", "ая"),
        ("ий", "а"),
        ("ов", "ова"),
        ("ев", "ева"),
        ("ёв", "ёва"),
    ];
    for (m, f) in RULES {
        if let Some(stem) = s.strip_suffix(m) {
            return format!("{stem}{f}");
        }
    }
    s.to_string()
}

/// The feminine form of a Russian spelling: Russian -ий adjectives (Осадчий) take -ая.
fn feminine_ru(s: &str) -> String {
    match s.strip_suffix("ий") {
        Some(stem) if !s.ends_with("ский") && !s.ends_with("цкий") => format!("{stem}ая"),
        _ => feminine(s),
    }
}

/// The name parts a namesake or brother copies.
struct BaseName {
    sex: Sex,
    surname_uk: String,
    surname_ru: String,
    given: usize,
    father: usize,
}

fn base_name(settings: &Settings, index: u64, military: bool, rng: &mut ChaCha8Rng) -> BaseName {
    let p = &*POOLS;
    let female_share = if military {
        settings.female_military
    } else {
        settings.female_civilian
    };
    let sex = if rng.random_bool(female_share) {
        Sex::Female
    } else {
        Sex::Male
    };
    let (uk, ru) = if unit(settings.seed, stream::RARE, index) < settings.rare_surnames {
        let uk = rare_surname(rng);
        let ru = russify_surname(&uk);
        (uk, ru)
    } else {
        let e = &names::surnames()[p.surname_cdf.sample(rng)];
        // Clerks write the usual Russian form; one in ten writes a listed alternative.
        let ru = if e.ru.len() > 1 && rng.random_bool(0.1) {
            e.ru[rng.random_range(1..e.ru.len())]
        } else {
            e.ru[0]
        };
        (e.uk.to_string(), ru.to_string())
    };
    let (surname_uk, surname_ru) = match sex {
        Sex::Male => (uk, ru),
        Sex::Female => (feminine(&uk), feminine_ru(&ru)),
    };
    let given = match sex {
        Sex::Male => p.male_cdf.sample(rng),
        Sex::Female => p.female_cdf.sample(rng),
    };
    BaseName {
        sex,
        surname_uk,
        surname_ru,
        given,
        father: p.father_cdf.sample(rng),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(REFERENCE_DATE)
}

/// A uniform date in [from, to].
fn between(rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0);
    from + chrono::Days::new(rng.random_range(0..=span as u64))
}

/// The date someone turns `age` on the reference date (born that many years before).
fn turns_on_reference(age: i32) -> NaiveDate {
    let r = REFERENCE_DATE;
    date(r.year() - age, r.month(), r.day())
}

/// A birth date: clustered around the youth category's edges (turning 18, turning 26 near
/// the reference date), a few 29 Februaries, and a broad spread.
fn birth_date(settings: &Settings, rng: &mut ChaCha8Rng, military: bool) -> NaiveDate {
    let u = rng.random::<f64>();
    if u < settings.boundary_ages {
        // Ages 17–19 or 25–26, half of them within a month of a birthday that changes the
        // category.
        let (edge, lo, hi) = if rng.random_bool(0.5) {
            (18, 17, 19)
        } else {
            (26, 25, 26)
        };
        if rng.random_bool(0.5) {
            let e = turns_on_reference(edge);
            return between(rng, e - chrono::Days::new(30), e + chrono::Days::new(30));
        }
        let from = turns_on_reference(hi + 1) + chrono::Days::new(1);
        return between(rng, from, turns_on_reference(lo));
    }
    if u < settings.boundary_ages + 0.003 {
        let year = [1996, 2000, 2004, 2008][rng.random_range(0..4)];
        return date(year, 2, 29);
    }
    let (lo, hi) = if military { (18, 60) } else { (16, 75) };
    let from = turns_on_reference(hi + 1) + chrono::Days::new(1);
    between(rng, from, turns_on_reference(lo))
}

fn military(rng: &mut ChaCha8Rng) -> Military {
    let rank = POOLS.rank_cdf.sample(rng);
    let unit = if rng.random_bool(0.6) {
        // A few hundred units, so that comrades share one.
        let n = rng.random_range(0..300u32);
        format!("в/ч А{}", 1000 + (n * 7919) % 9000)
    } else {
        format!("{} ОМБр", rng.random_range(10..160u32))
    };
    Military {
        rank,
        unit,
        service_number: rng.random_range(10_000_000..100_000_000),
    }
}

/// Person `index` of the population of `settings.seed`.
pub fn person(settings: &Settings, index: u64) -> Person {
    let p = &*POOLS;
    let mut rng = rng_for(settings.seed, stream::PERSON, index);
    let is_military = !rng.random_bool(settings.civilians);
    let relation = rng.random::<f64>();
    let mut base = base_name(settings, index, is_military, &mut rng);
    let mut dob = birth_date(settings, &mut rng, is_military);
    if index > 0 && relation < settings.namesakes + settings.brothers {
        // Regenerate an earlier person's name (their own relations ignored, so no chain).
        let other = rng.random_range(0..index);
        let mut orng = rng_for(settings.seed, stream::PERSON, other);
        let o_mil = !orng.random_bool(settings.civilians);
        let _ = orng.random::<f64>();
        let o = base_name(settings, other, o_mil, &mut orng);
        if relation < settings.namesakes {
            base = o;
        } else if o.sex == Sex::Male && base.sex == Sex::Male {
            let o_dob = birth_date(settings, &mut orng, o_mil);
            base.surname_uk = o.surname_uk;
            base.surname_ru = o.surname_ru;
            base.father = o.father;
            if base.given == o.given {
                base.given = (base.given + 1) % p.male.len();
            }
            // Brothers are born a few years apart.
            let years = rng.random_range(1..=6u32);
            let shifted = if rng.random_bool(0.5) {
                o_dob.checked_add_months(chrono::Months::new(12 * years))
            } else {
                o_dob.checked_sub_months(chrono::Months::new(12 * years))
            };
            dob = shifted
                .filter(|d| *d <= turns_on_reference(16))
                .unwrap_or(dob);
        }
    }
    let given = match base.sex {
        Sex::Male => p.male[base.given],
        Sex::Female => p.female[base.given],
    };
    let (pm, pf) = p.fathers[base.father];
    let health = HEALTH_WEIGHTS[p.health_cdf.sample(&mut rng)].0;
    Person {
        sex: base.sex,
        surname_uk: base.surname_uk,
        surname_ru: base.surname_ru,
        given,
        patronymic: if base.sex == Sex::Male { pm } else { pf },
        dob,
        military: is_military.then(|| military(&mut rng)),
        health,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feminine_forms() {
        assert_eq!(feminine("Ковальський"), "Ковальська");
        assert_eq!(feminine("Ковальский"), "Ковальская");
        assert_eq!(feminine("Чорний"), "Чорна");
        assert_eq!(feminine_ru("Черный"), "Черная");
        assert_eq!(feminine_ru("Осадчий"), "Осадчая");
        assert_eq!(feminine("Шевченко"), "Шевченко");
        assert_eq!(feminine("Мельник"), "Мельник");
    }

    #[test]
    fn people_are_reproducible_and_varied() {
        let s = Settings::default();
        let a = person(&s, 17);
        let b = person(&s, 17);
        assert_eq!(
            (a.surname_uk.clone(), a.dob, a.given.id),
            (b.surname_uk, b.dob, b.given.id)
        );
        let distinct: std::collections::HashSet<_> =
            (0..200).map(|i| person(&s, i).surname_uk).collect();
        assert!(distinct.len() > 50, "{}", distinct.len());
        assert!(pools_ready());
    }
}
