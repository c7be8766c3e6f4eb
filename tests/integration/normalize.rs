//! Integration tests: normalize (text folding, script detection, romanisation, skeletons).

use powrec::normalize::NameKey;
use powrec::normalize::script::{Lang, Script, detect};
use powrec::normalize::skeleton::{similarity, skeleton};
use powrec::normalize::text::fold;
use powrec::normalize::translit::{icao9303, kmu2010};
use proptest::prelude::*;

/// Every official example of KMU 2010 as listed in domain.md §2.2.
const KMU_OFFICIAL: &[(&str, &str)] = &[
    ("Алушта", "Alushta"),
    ("Андрій", "Andrii"),
    ("Борщагівка", "Borshchahivka"),
    ("Борисенко", "Borysenko"),
    ("Вінниця", "Vinnytsia"),
    ("Володимир", "Volodymyr"),
    ("Гадяч", "Hadiach"),
    ("Богдан", "Bohdan"),
    ("Згурський", "Zghurskyi"),
    ("Ґалаґан", "Galagan"),
    ("Ґорґани", "Gorgany"),
    ("Донецьк", "Donetsk"),
    ("Дмитро", "Dmytro"),
    ("Рівне", "Rivne"),
    ("Олег", "Oleh"),
    ("Есмань", "Esman"),
    ("Єнакієве", "Yenakiieve"),
    ("Гаєвич", "Haievych"),
    ("Короп'є", "Koropie"),
    ("Житомир", "Zhytomyr"),
    ("Жанна", "Zhanna"),
    ("Жежелів", "Zhezheliv"),
    ("Закарпаття", "Zakarpattia"),
    ("Казимирчук", "Kazymyrchuk"),
    ("Медвин", "Medvyn"),
    ("Михайленко", "Mykhailenko"),
    ("Іванків", "Ivankiv"),
    ("Іващенко", "Ivashchenko"),
    ("Їжакевич", "Yizhakevych"),
    ("Кадиївка", "Kadyivka"),
    ("Мар'їне", "Marine"),
    ("Йосипівка", "Yosypivka"),
    ("Стрий", "Stryi"),
    ("Олексій", "Oleksii"),
    ("Київ", "Kyiv"),
    ("Коваленко", "Kovalenko"),
    ("Лебедин", "Lebedyn"),
    ("Леонід", "Leonid"),
    ("Миколаїв", "Mykolaiv"),
    ("Маринич", "Marynych"),
    ("Ніжин", "Nizhyn"),
    ("Наталія", "Nataliia"),
    ("Одеса", "Odesa"),
    ("Онищенко", "Onyshchenko"),
    ("Полтава", "Poltava"),
    ("Петро", "Petro"),
    ("Решетилівка", "Reshetylivka"),
    ("Рибчинський", "Rybchynskyi"),
    ("Суми", "Sumy"),
    ("Соломія", "Solomiia"),
    ("Тернопіль", "Ternopil"),
    ("Троць", "Trots"),
    ("Ужгород", "Uzhhorod"),
    ("Уляна", "Uliana"),
    ("Фастів", "Fastiv"),
    ("Філіпчук", "Filipchuk"),
    ("Харків", "Kharkiv"),
    ("Христина", "Khrystyna"),
    ("Біла Церква", "Bila Tserkva"),
    ("Стеценко", "Stetsenko"),
    ("Чернівці", "Chernivtsi"),
    ("Шевченко", "Shevchenko"),
    ("Шостка", "Shostka"),
    ("Кишеньки", "Kyshenky"),
    ("Щербухи", "Shcherbukhy"),
    ("Гоща", "Hoshcha"),
    ("Гаращенко", "Harashchenko"),
    ("Юрій", "Yurii"),
    ("Корюківка", "Koriukivka"),
    ("Яготин", "Yahotyn"),
    ("Ярошенко", "Yaroshenko"),
    ("Костянтин", "Kostiantyn"),
    ("Знам'янка", "Znamianka"),
    ("Феодосія", "Feodosiia"),
    ("Згорани", "Zghorany"),
    ("Розгон", "Rozghon"),
];

#[test]
fn kmu2010_gives_every_official_example() {
    for (cyr, lat) in KMU_OFFICIAL {
        assert_eq!(kmu2010(cyr), *lat, "kmu2010({cyr:?})");
    }
}

#[test]
fn kmu2010_all_caps_and_apostrophe_variants() {
    let cases: &[(&str, &str)] = &[
        ("ЩЕРБАК", "SHCHERBAK"),
        ("ШЕВЧЕНКО ЮРІЙ", "SHEVCHENKO YURII"),
        ("ЗГУРСЬКИЙ", "ZGHURSKYI"),
        ("ЄНАКІЄВЕ", "YENAKIIEVE"),
        ("Знам’янка", "Znamianka"),
        ("Знамʼянка", "Znamianka"),
        ("Знам`янка", "Znamianka"),
        ("Знамʹянка", "Znamianka"),
        ("Знам\"янка", "Znamianka"),
        ("Ганна-Ярослава Їжак", "Hanna-Yaroslava Yizhak"),
        ("Олексій O'Brien", "Oleksii O'Brien"),
    ];
    for (cyr, lat) in cases {
        assert_eq!(kmu2010(cyr), *lat, "kmu2010({cyr:?})");
    }
}

#[test]
fn icao9303_examples() {
    let cases: &[(&str, &str)] = &[
        ("Юлия", "Iuliia"),
        ("ЮЛИЯ", "IULIIA"),
        ("Яна", "Iana"),
        ("ЯНА", "IANA"),
        ("Андрей", "Andrei"),
        ("АНДРЕЙ", "ANDREI"),
        ("Ян Разъездной", "Ian Razieezdnoi"),
        ("Фёдор", "Fedor"),
        ("Щеглова", "Shcheglova"),
        ("Хрущёв", "Khrushchev"),
        ("Цой", "Tsoi"),
        ("Эдуард", "Eduard"),
        ("Рыбаков", "Rybakov"),
        ("Игорь", "Igor"),
        ("Григорий", "Grigorii"),
        ("Євген Ґонта Їжак Іван", "Ievgen Gonta Izhak Ivan"),
        ("Под'ячев", "Podiachev"),
        ("Smith", "Smith"),
    ];
    for (cyr, lat) in cases {
        assert_eq!(icao9303(cyr), *lat, "icao9303({cyr:?})");
    }
}

#[test]
fn fold_apostrophes_and_dashes() {
    let variants = [
        "Мар'яна",
        "Мар’яна",
        "Марʼяна",
        "Мар`яна",
        "Марʹяна",
        "Мар‘яна",
        "Мар\"яна",
    ];
    for v in variants {
        assert_eq!(fold(v), "мар'яна", "fold({v:?})");
    }
    for d in ["‐", "‑", "–", "—", "−", "-"] {
        let s = format!("Петренко{d}Коваль");
        assert_eq!(fold(&s), "петренко-коваль", "fold({s:?})");
    }
}

#[test]
fn fold_repairs_homoglyphs_both_ways() {
    let cases: &[(&str, &str)] = &[
        ("Oлiйник", "олійник"),
        ("Гордiєнко", "гордієнко"),
        ("ПETPEHKO", "петренко"),
        ("Cидоренко", "сидоренко"),
        ("Kovalеnkо", "kovalenko"),
        ("Нryhorii", "hryhorii"),
        ("Ѕerhii", "serhii"),
        ("Іvan", "ivan"),
    ];
    for (input, want) in cases {
        assert_eq!(fold(input), *want, "fold({input:?})");
    }
}

#[test]
fn detect_script_and_language() {
    let cases: &[(&str, Script, Option<Lang>)] = &[
        ("Поліщук", Script::Cyrillic, Some(Lang::Ukrainian)),
        ("Лук'яненко", Script::Cyrillic, Some(Lang::Ukrainian)),
        ("Полищук", Script::Cyrillic, None),
        ("Лысенко", Script::Cyrillic, Some(Lang::Russian)),
        ("Ковалёв", Script::Cyrillic, Some(Lang::Russian)),
        ("Polishchuk", Script::Latin, None),
        ("Polishchuk Поліщук", Script::Mixed, Some(Lang::Ukrainian)),
        ("1990", Script::None, None),
    ];
    for (input, script, lang) in cases {
        assert_eq!(detect(input), (*script, *lang), "detect({input:?})");
    }
}

/// Spellings of one surname (Ukrainian, Russian, KMU, ICAO, legacy Latin) that must share
/// a skeleton. Mined from domain.md §4.1, §4.2 and §2.6.
const SAME_SURNAME: &[&[&str]] = &[
    &["Мельник", "Melnyk", "Melnik", "Mel'nik"],
    &["Шевченко", "Shevchenko", "Schewtschenko", "Szewczenko"],
    &["Бойко", "Boiko", "Boyko", "Bojko"],
    &["Коваленко", "Kovalenko", "Kowalenko"],
    &["Ткаченко", "Tkachenko", "Tkatschenko"],
    &["Ковальчук", "Kovalchuk", "Kowaltschuk", "Kovalczuk"],
    &["Кравченко", "Kravchenko", "Krawczenko"],
    &[
        "Олійник",
        "Олейник",
        "Oliinyk",
        "Oleinik",
        "Oleynik",
        "Oliynyk",
        "Olijnyk",
    ],
    &[
        "Поліщук",
        "Полищук",
        "Polishchuk",
        "Polischuk",
        "Polyshchuk",
    ],
    &["Бондар", "Бондарь", "Bondar"],
    &["Лисенко", "Лысенко", "Lysenko", "Lisenko"],
    &["Клименко", "Klymenko", "Klimenko"],
    &["Кузьменко", "Kuzmenko", "Kuz'menko"],
    &["Гончаренко", "Honcharenko", "Goncharenko"],
    &["Сидоренко", "Sydorenko", "Sidorenko"],
    &["Харченко", "Kharchenko", "Harchenko"],
    &["Приходько", "Prykhodko", "Prikhodko", "Prihodko"],
    &[
        "Кравець",
        "Кравец",
        "Kravets",
        "Kravetc",
        "Kravetz",
        "Kravec",
    ],
    &["Гаврилюк", "Havryliuk", "Gavriliuk", "Gavrilyuk"],
    &[
        "Мартинюк",
        "Мартынюк",
        "Martyniuk",
        "Martynyuk",
        "Martinyuk",
    ],
    &["Кушнір", "Кушнир", "Kushnir", "Kuschnir"],
    &["Зінченко", "Зинченко", "Zinchenko"],
    &["Головко", "Holovko", "Golovko"],
    &["Гуменюк", "Humeniuk", "Gumeniuk", "Humenyuk"],
    &["Яковенко", "Yakovenko", "Iakovenko", "Jakovenko"],
    &[
        "Гордієнко",
        "Гордиенко",
        "Hordiienko",
        "Gordienko",
        "Hordienko",
    ],
    &["Дмитренко", "Dmytrenko", "Dmitrenko"],
    &["Дяченко", "Дьяченко", "Diachenko", "Dyachenko", "Djachenko"],
    &[
        "Мірошниченко",
        "Мирошниченко",
        "Miroshnychenko",
        "Miroshnichenko",
    ],
    &[
        "Сергієнко",
        "Сергиенко",
        "Serhiienko",
        "Sergienko",
        "Serhienko",
    ],
    &["Матвієнко", "Матвиенко", "Matviienko", "Matvienko"],
    &[
        "Олексієнко",
        "Олексиенко",
        "Oleksiienko",
        "Oleksienko",
        "Olexienko",
    ],
    &["Кириленко", "Kyrylenko", "Kirilenko"],
    &["Гриценко", "Hrytsenko", "Gritsenko", "Grytsenko"],
    &["Грищенко", "Hryshchenko", "Grishchenko", "Grischenko"],
    &["Тищенко", "Tyshchenko", "Tishchenko"],
    &[
        "Лук'яненко",
        "Лукьяненко",
        "Lukianenko",
        "Lukyanenko",
        "Lukjanenko",
    ],
    &["Дем'яненко", "Демьяненко", "Demianenko", "Demyanenko"],
    &[
        "Чорний",
        "Черный",
        "Чёрный",
        "Chornyi",
        "Chernyi",
        "Cherny",
        "Chornyy",
    ],
    &["Чорновол", "Черновол", "Chornovol", "Chernovol"],
    &["Білий", "Белый", "Bilyi", "Belyi", "Bily"],
    &["Білоус", "Белоус", "Bilous", "Belous"],
    &["Білоконь", "Белоконь", "Bilokon", "Belokon"],
    &[
        "Ковальов",
        "Ковалёв",
        "Ковалев",
        "Kovalov",
        "Kovalev",
        "Kovalyov",
        "Kovaliov",
    ],
    &[
        "Соловйов",
        "Соловьёв",
        "Соловьев",
        "Soloviov",
        "Solovev",
        "Solovyov",
        "Soloviev",
    ],
    &["Сірко", "Сирко", "Sirko", "Syrko"],
    &["Заїка", "Заика", "Zaika"],
    &[
        "Євтушенко",
        "Евтушенко",
        "Yevtushenko",
        "Evtushenko",
        "Ievtushenko",
        "Jewtuschenko",
    ],
    &["Єременко", "Еременко", "Ерёменко", "Yeremenko", "Eremenko"],
    &["Осадчий", "Osadchyi", "Osadchii", "Osadchiy", "Osadchy"],
    &["Швець", "Швец", "Shvets", "Shvetc"],
    &["Стрілець", "Стрелец", "Strilets", "Strelets"],
    &[
        "Ковальський",
        "Ковальский",
        "Kovalskyi",
        "Kovalskii",
        "Kovalsky",
        "Kovalskiy",
        "Kovalski",
        "Kowalski",
    ],
    &[
        "Вишневський",
        "Вишневский",
        "Vyshnevskyi",
        "Vishnevskii",
        "Vishnevsky",
        "Wyszniewski",
    ],
    &[
        "Савицький",
        "Савицкий",
        "Savytskyi",
        "Savitskii",
        "Savitsky",
    ],
    &["Висоцький", "Высоцкий", "Vysotskyi", "Vysotskii", "Wysocki"],
    &["Рибак", "Рыбак", "Rybak", "Ribak"],
    &["Рибалко", "Рыбалко", "Rybalko"],
    &["Пасічник", "Пасечник", "Pasichnyk", "Pasechnik"],
    &["Колісник", "Колесник", "Kolisnyk", "Kolesnik"],
    &["Діденко", "Диденко", "Didenko", "Dydenko"],
    &["Ігнатенко", "Игнатенко", "Ihnatenko", "Ignatenko"],
    &["Ісаєнко", "Исаенко", "Isaienko", "Isaenko", "Isayenko"],
    &["Петрів", "Петрив", "Petriv"],
    &["Гаврилів", "Гаврилив", "Havryliv", "Gavriliv"],
    &["Ґалаґан", "Галаган", "Galagan", "Halahan"],
    &["Ґонта", "Гонта", "Gonta", "Honta"],
    &["Медведєв", "Медведев", "Medvediev", "Medvedev"],
    &["Кузнєцов", "Кузнецов", "Kuznietsov", "Kuznetsov"],
    &["Білик", "Белик", "Билык", "Bilyk", "Belik"],
    &["Мірошник", "Мирошник", "Miroshnyk", "Miroshnik"],
    &[
        "Ковальська",
        "Ковальская",
        "Kovalska",
        "Kovalskaya",
        "Kovalskaia",
    ],
    &["Юрченко", "Iurchenko", "Yurchenko", "Jurchenko"],
    &["Ярошенко", "Iaroshenko", "Yaroshenko", "Jaroschenko"],
    &["Тимошенко", "Tymoshenko", "Timoshenko"],
    &["Литвиненко", "Lytvynenko", "Litvinenko", "Lytwynenko"],
    &["Стельмах", "Stelmakh", "Stelmah"],
    &["Пилипенко", "Pylypenko", "Pilipenko"],
    &["Нечипоренко", "Nechyporenko", "Nechiporenko"],
    &["Максименко", "Maksymenko", "Maksimenko", "Maximenko"],
    &["Щербак", "Shcherbak", "Scherbak", "Szczerbak"],
    &["Жук", "Zhuk", "Żuk"],
    &["Захарченко", "Zakharchenko", "Zaharchenko"],
    &[
        "Корольов",
        "Королёв",
        "Королев",
        "Korolov",
        "Korolev",
        "Korolyov",
    ],
    &["Воробйов", "Воробьёв", "Vorobiov", "Vorobyov", "Vorobev"],
    &["Семенюк", "Semeniuk", "Semenyuk"],
    &["Гнатюк", "Hnatiuk", "Gnatiuk", "Hnatyuk"],
    &["Данилюк", "Danyliuk", "Daniliuk", "Danylyuk"],
    &["ОЛІЙНИК", "oliinyk", "OLEINIK"],
];

#[test]
fn surname_spellings_share_a_skeleton() {
    assert!(SAME_SURNAME.len() >= 50);
    let mut failures = Vec::new();
    for set in SAME_SURNAME {
        let first = skeleton(set[0]);
        for s in &set[1..] {
            let k = skeleton(s);
            if k != first {
                failures.push(format!("{} -> {first:?} but {s} -> {k:?}", set[0]));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Different surnames that must keep different skeletons.
const NEAR_MISSES: &[(&str, &str)] = &[
    ("Іванов", "Іваненко"),
    ("Петренко", "Петрук"),
    ("Коваль", "Коваленко"),
    ("Бойко", "Бойченко"),
    ("Шевченко", "Шевчук"),
    ("Кравченко", "Кравчук"),
    ("Мельник", "Мельничук"),
    ("Бондар", "Бондаренко"),
    ("Ткаченко", "Ткачук"),
    ("Савченко", "Савчук"),
    ("Гончар", "Гончаренко"),
    ("Павленко", "Павлюк"),
    ("Литвин", "Литвиненко"),
    ("Мороз", "Морозов"),
    ("Петрів", "Петров"),
    ("Ковалів", "Ковальов"),
    ("Кравець", "Кравченко"),
    ("Сидоренко", "Сидорчук"),
    ("Тимошенко", "Тимченко"),
    ("Руденко", "Рудько"),
    ("Кузьменко", "Кузьмич"),
    ("Гордієнко", "Гордійчук"),
    ("Марченко", "Мартиненко"),
    ("Козак", "Казак"),
    ("Лисенко", "Лисюк"),
    ("Білик", "Білий"),
    ("Іваненко", "Іщенко"),
    ("Шостак", "Шестак"),
    ("Ковальський", "Ковальчук"),
    ("Shevchenko", "Shevchuk"),
    ("Kovalenko", "Kovalchuk"),
    ("Данилюк", "Данильченко"),
    ("Гриценко", "Грищенко"),
    ("Кравець", "Кравчук"),
];

#[test]
fn near_misses_stay_apart() {
    assert!(NEAR_MISSES.len() >= 20);
    for (a, b) in NEAR_MISSES {
        assert_ne!(skeleton(a), skeleton(b), "{a} vs {b}");
    }
}

#[test]
fn similarity_scores_variants_above_unrelated_names() {
    let close = similarity(&skeleton("Шевченко"), &skeleton("Shevchenco"));
    let far = similarity(&skeleton("Шевченко"), &skeleton("Бондар"));
    assert!(close > 0.9, "close = {close}");
    assert!(far < 0.6, "far = {far}");
    assert_eq!(similarity("kovalov", "kovalov"), 1.0);
}

#[test]
fn name_key_has_all_three_forms() {
    let k = NameKey::new(" Oлiйник ");
    assert_eq!(k.key(), "олійник");
    assert_eq!(k.latin(), "oliinyk");
    assert_eq!(k.skeleton(), "olinik");
    let r = NameKey::new("Лысенко");
    assert_eq!(r.latin(), "lysenko");
    assert_eq!(r.skeleton(), NameKey::new("Lysenko").skeleton());
}

/// The Ukrainian column of domain.md §4.1 (129 common surnames): a skeleton must not be so
/// coarse that any two of them collide.
const COMMON_SURNAMES: &[&str] = &[
    "Мельник",
    "Шевченко",
    "Бойко",
    "Коваленко",
    "Бондаренко",
    "Ткаченко",
    "Ковальчук",
    "Кравченко",
    "Олійник",
    "Шевчук",
    "Коваль",
    "Поліщук",
    "Бондар",
    "Ткачук",
    "Марченко",
    "Мороз",
    "Лисенко",
    "Руденко",
    "Савченко",
    "Петренко",
    "Клименко",
    "Павленко",
    "Кравчук",
    "Кузьменко",
    "Левченко",
    "Гончаренко",
    "Сидоренко",
    "Карпенко",
    "Савчук",
    "Харченко",
    "Приходько",
    "Кравець",
    "Гаврилюк",
    "Мельничук",
    "Пономаренко",
    "Литвиненко",
    "Юрченко",
    "Іваненко",
    "Вакуленко",
    "Тимошенко",
    "Мартинюк",
    "Кушнір",
    "Мазур",
    "Білик",
    "Панченко",
    "Зінченко",
    "Головко",
    "Гуменюк",
    "Вовк",
    "Яковенко",
    "Остапенко",
    "Романенко",
    "Гордієнко",
    "Тарасенко",
    "Костенко",
    "Захарченко",
    "Дмитренко",
    "Дяченко",
    "Мірошниченко",
    "Сергієнко",
    "Андрієнко",
    "Матвієнко",
    "Олексієнко",
    "Костюк",
    "Кириленко",
    "Ярошенко",
    "Федоренко",
    "Гриценко",
    "Грищенко",
    "Тищенко",
    "Лук'яненко",
    "Дем'яненко",
    "Чорний",
    "Чорновол",
    "Білий",
    "Білоус",
    "Білоконь",
    "Ковальов",
    "Соловйов",
    "Сірко",
    "Заїка",
    "Євтушенко",
    "Єременко",
    "Осадчий",
    "Стельмах",
    "Кучер",
    "Нестеренко",
    "Швець",
    "Стрілець",
    "Ковальський",
    "Вишневський",
    "Савицький",
    "Висоцький",
    "Рибак",
    "Рибалко",
    "Лисюк",
    "Пасічник",
    "Колісник",
    "Діденко",
    "Ігнатенко",
    "Ільченко",
    "Ісаєнко",
    "Петрів",
    "Гаврилів",
    "Кулик",
    "Гребенюк",
    "Дорошенко",
    "Ковтун",
    "Пилипенко",
    "Гнатюк",
    "Ляшенко",
    "Семенюк",
    "Данилюк",
    "Шаповал",
    "Бондарчук",
    "Кириченко",
    "Василенко",
    "Власенко",
    "Нечипоренко",
    "Федорчук",
    "Ярмоленко",
    "Вдовиченко",
    "Скиба",
    "Жук",
    "Бабич",
    "Лазаренко",
    "Мірошник",
    "Ґалаґан",
    "Ґонта",
];

#[test]
fn common_surnames_keep_distinct_skeletons() {
    let mut seen = std::collections::HashMap::new();
    for s in COMMON_SURNAMES {
        if let Some(other) = seen.insert(skeleton(s), *s) {
            panic!("{s} and {other} share the skeleton {:?}", skeleton(s));
        }
    }
    assert_eq!(seen.len(), COMMON_SURNAMES.len());
}

fn ukrainian_word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[А-ЩЮЯЄІЇҐ][а-щьюяєіїґ]{0,5}('[яюєї])?[а-щьюяєіїґ]{1,5}",
        "[А-ЩЮЯЄІЇҐ][А-ЩЬЮЯЄІЇҐ]{0,5}('[ЯЮЄЇ])?[А-ЩЬЮЯЄІЇҐ]{1,5}",
        "[а-щюяєіїґ][а-щьюяєіїґ]{1,8}",
    ]
}

fn ukrainian_name() -> impl Strategy<Value = String> {
    (
        ukrainian_word(),
        prop::option::of(("[ -]", ukrainian_word())),
    )
        .prop_map(|(a, b)| match b {
            Some((sep, w)) => format!("{a}{sep}{w}"),
            None => a,
        })
}

proptest! {
    #[test]
    fn kmu2010_agrees_with_uklatn(name in ukrainian_name()) {
        prop_assert_eq!(kmu2010(&name), uklatn::encode(&name, uklatn::Table::Kmu55));
    }

    #[test]
    fn ukrainian_and_its_kmu_romanisation_share_a_skeleton(name in ukrainian_name()) {
        prop_assert_eq!(skeleton(&name), skeleton(&kmu2010(&name)));
    }

    #[test]
    fn russian_and_its_icao_romanisation_share_a_skeleton(
        name in "[А-ЯЁ][а-яё]{1,10}"
    ) {
        prop_assert_eq!(skeleton(&name), skeleton(&icao9303(&name)));
    }

    #[test]
    fn fold_is_idempotent(s in any::<String>()) {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once);
    }

    #[test]
    fn fold_is_idempotent_on_mixed_scripts(
        s in "[a-zA-ZёЁа-яА-ЯіїєґІЇЄҐëïјѕ'’ʼ`\"\u{301}\u{306}\u{308} -]{0,16}"
    ) {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once);
    }

    #[test]
    fn skeleton_never_panics_and_is_stable(s in any::<String>()) {
        let k = skeleton(&s);
        prop_assert_eq!(skeleton(&s), k.clone());
        let _ = similarity(&k, &skeleton("shevchenko"));
    }

    #[test]
    fn skeleton_is_idempotent_on_names(
        s in "[А-ЩЬЮЯЄІЇҐа-щьюяєіїґ'ыэъ]{1,12}|[A-Za-z']{1,12}"
    ) {
        let k = skeleton(&s);
        prop_assert!(k.is_ascii(), "{:?}", k);
        prop_assert_eq!(skeleton(&k), k);
    }

    #[test]
    fn similarity_is_jaro_winkler_in_unit_range(a in "[a-z]{0,20}", b in "[a-z]{0,20}") {
        let s = similarity(&a, &b);
        prop_assert!((0.0..=1.0).contains(&s));
        prop_assert!((s - strsim::jaro_winkler(&a, &b)).abs() < 1e-12);
    }

    #[test]
    fn transliteration_never_panics(s in any::<String>()) {
        let _ = kmu2010(&s);
        let _ = icao9303(&s);
        let _ = detect(&s);
    }
}

mod inspect_shows_normalised_values {
    use crate::harness::{fixture, powrec};
    use serde_json::Value;

    fn inspect_json(path: &str, extra: &[&str]) -> Value {
        let out = powrec()
            .args(["inspect", path, "--format", "json", "--limit", "50"])
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    #[test]
    fn latin_spellings_of_one_person_get_one_name_id_and_one_date() {
        let v = inspect_json(fixture("mediator-latin.csv").to_str().unwrap(), &[]);
        let recs = v["records"].as_array().unwrap();
        // Row 1 "OLIINYK Oleksandr", row 2 "Oleynik Alexander": the same person.
        let (a, b) = (&recs[0]["normalized"], &recs[1]["normalized"]);
        assert_eq!(a["given_id"], b["given_id"]);
        assert!(a["given_id"].is_number());
        assert_eq!(a["surname"]["skeleton"], b["surname"]["skeleton"]);
        assert_eq!(
            a["dob"],
            serde_json::json!({"kind": "full", "date": "1999-03-14"})
        );
        assert_eq!(a["dob"], b["dob"]);
        assert_eq!(a["rank"], "private");
        // The US-order column is recognised from its unambiguous dates.
        assert!(
            v["date_order"].as_str().unwrap().starts_with("Mdy"),
            "{}",
            v["date_order"]
        );
    }

    #[test]
    fn values_that_cannot_be_read_are_listed_with_their_row() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("odd.csv");
        std::fs::write(
            &p,
            "Прізвище;Ім'я;Дата народження;Військове звання\n\
             Шевченко;Петро;31.02.2000;солдат\n\
             Коваль;Іван;05.03.1999;генералісимус всесвіту\n\
             Бойко;Олег;00.00.0000;сержант\n",
        )
        .unwrap();
        let v = inspect_json(p.to_str().unwrap(), &[]);
        assert_eq!(v["counts"]["records"], 3, "records are kept");
        assert_eq!(v["counts"]["unparsed"], 3);
        let un: Vec<(u64, String, String)> = v["unparsed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| {
                (
                    u["row"].as_u64().unwrap(),
                    u["field"].as_str().unwrap().to_string(),
                    u["raw"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            un,
            vec![
                (1, "dob".into(), "31.02.2000".into()),
                (2, "rank".into(), "генералісимус всесвіту".into()),
                (3, "dob".into(), "00.00.0000".into()),
            ]
        );
        let text = String::from_utf8(
            powrec()
                .args(["inspect", p.to_str().unwrap()])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        assert!(text.contains("values that could not be read (3)"), "{text}");
        assert!(text.contains("row 1 dob: \"31.02.2000\""), "{text}");
    }
}
