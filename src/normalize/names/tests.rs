//! Cross-language equivalence, patronymic and near-miss tables for the names module.

use super::*;

/// Every form on one row must give the same id as the first, and that id must exist.
#[test]
fn the_same_name_in_every_script_has_one_id() {
    let rows: &[&[&str]] = &[
        &[
            "Олександр",
            "Александр",
            "Oleksandr",
            "Aleksandr",
            "Olexandr",
            "Alexander",
            "Oleksander",
            "Alexandr",
            "Aliaksandr",
            "ALEXANDER",
            "олександр",
        ],
        &[
            "Андрій",
            "Андрей",
            "Andrii",
            "Andriy",
            "Andrij",
            "Andrei",
            "Andrey",
            "Andrew",
        ],
        &[
            "Сергій",
            "Сергей",
            "Serhii",
            "Serhiy",
            "Sergiy",
            "Serghii",
            "Sergei",
            "Sergey",
        ],
        &[
            "Юрій", "Юрий", "Yurii", "Yuriy", "Iurii", "Yuri", "Yury", "Jurij", "Iouri",
        ],
        &[
            "Володимир",
            "Владимир",
            "Volodymyr",
            "Vladimir",
            "Wolodymyr",
        ],
        &[
            "Дмитро",
            "Дмитрий",
            "Dmytro",
            "Dmitrii",
            "Dmitriy",
            "Dmitry",
        ],
        &[
            "Олексій",
            "Алексей",
            "Oleksii",
            "Oleksiy",
            "Aleksei",
            "Alexey",
        ],
        &[
            "Микола",
            "Николай",
            "Mykola",
            "Nikolai",
            "Nikolay",
            "Nicholas",
        ],
        &[
            "Михайло",
            "Михаил",
            "Mykhailo",
            "Mykhaylo",
            "Mikhail",
            "Michael",
            "Mychajlo",
        ],
        &[
            "Євген",
            "Евгений",
            "Yevhen",
            "Evgenii",
            "Yevgeniy",
            "Ievgen",
            "Eugene",
            "Jewgenij",
        ],
        &[
            "Григорій",
            "Григорий",
            "Hryhorii",
            "Grigorii",
            "Grigoriy",
            "Gregory",
        ],
        &["Ігор", "Игорь", "Ihor", "Igor", "Igor'", "Igor’"],
        &[
            "Петро",
            "Пётр",
            "Петр",
            "Petro",
            "Petr",
            "Pyotr",
            "Peter",
            "Pëtr",
        ],
        &["Федір", "Фёдор", "Федор", "Fedir", "Fedor", "Fyodor"],
        &["Артем", "Артём", "Artem", "Artyom", "Artiom"],
        &["Ілля", "Илья", "Illia", "Ilia", "Il'ya", "Ilya"],
        &[
            "Данило",
            "Даниил",
            "Данила",
            "Danylo",
            "Daniil",
            "Danila",
            "Daniel",
        ],
        &["Йосип", "Иосиф", "Осип", "Yosyp", "Iosif", "Osip", "Joseph"],
        &[
            "Пилип",
            "Філіп",
            "Филипп",
            "Pylyp",
            "Filip",
            "Filipp",
            "Philip",
        ],
        &[
            "Гаврило",
            "Гавриил",
            "Гаврила",
            "Havrylo",
            "Gavriil",
            "Gabriel",
        ],
        &["Опанас", "Панас", "Афанасий", "Opanas", "Afanasii"],
        &["Самійло", "Самуїл", "Самуил", "Samuil", "Samuel"],
        &["Ярема", "Еремей", "Иеремия", "Yarema", "Yeremei"],
        &[
            "В'ячеслав",
            "Вʼячеслав",
            "В’ячеслав",
            "Вячеслав",
            "Viacheslav",
            "Vyacheslav",
        ],
        &["Мар'ян", "Марʼян", "Марьян", "Marian", "Maryan"],
        &["Хома", "Фома", "Khoma", "Foma", "Thomas"],
        &["Трохим", "Трофим", "Trokhym", "Trofim"],
        &["Юхим", "Ефим", "Yukhym", "Yefim", "Efim"],
        &["Єгор", "Егор", "Yehor", "Yegor", "Egor"],
        &[
            "Наталія",
            "Наталья",
            "Наталия",
            "Nataliia",
            "Natalia",
            "Natalya",
            "Nataliya",
            "Natal’ya",
        ],
        &["Анна", "Ганна", "Anna", "Hanna", "Ganna"],
        &[
            "Дарина",
            "Дар'я",
            "Дарʼя",
            "Дарья",
            "Daryna",
            "Daria",
            "Darya",
        ],
        &[
            "Софія",
            "София",
            "Софья",
            "Sofiia",
            "Sofia",
            "Sophia",
            "Sofiya",
        ],
        &[
            "Мар'яна",
            "Марʼяна",
            "Марьяна",
            "Марианна",
            "Mariana",
            "Maryana",
            "Marianna",
        ],
        &["Олена", "Елена", "Olena", "Elena", "Yelena", "Helen"],
        &[
            "Тетяна",
            "Татьяна",
            "Tetiana",
            "Tatiana",
            "Tatyana",
            "Tetyana",
        ],
        &[
            "Юлія", "Юлия", "Yuliia", "Iuliia", "Yulia", "Julia", "Ioulia",
        ],
        &[
            "Катерина",
            "Екатерина",
            "Kateryna",
            "Ekaterina",
            "Yekaterina",
            "Catherine",
        ],
        &["Оксана", "Oksana", "Oxana"],
        &["Надія", "Надежда", "Nadiia", "Nadezhda", "Nadiya"],
        &["Любов", "Любовь", "Liubov", "Lyubov", "Lyubov’"],
        &["Христина", "Кристина", "Khrystyna", "Kristina", "Christina"],
        &[
            "Олександра",
            "Александра",
            "Oleksandra",
            "Aleksandra",
            "Alexandra",
        ],
        &["Жанна", "Zhanna", "Janna", "Jeanne"],
        &["Уляна", "Ульяна", "Uliana", "Ulyana"],
        &[
            "Єлизавета",
            "Елизавета",
            "Yelyzaveta",
            "Elizaveta",
            "Elizabeth",
        ],
        &["Олесь", "Oles", "Oles’"],
        &["Олекса", "Oleksa"],
        &["Ян", "Yan", "Ian", "Jan"],
        &["Яна", "Yana", "Iana"],
        &[
            "Костянтин",
            "Константин",
            "Kostiantyn",
            "Kostyantyn",
            "Konstantin",
            "Constantine",
        ],
        &["Ярослав", "Yaroslav", "Iaroslav", "Jaroslav"],
    ];
    let mut cases = 0;
    for row in rows {
        let want = given_name_id(row[0]);
        assert!(want.is_some(), "{} unknown", row[0]);
        for form in *row {
            assert_eq!(given_name_id(form), want, "{form} vs {}", row[0]);
            cases += 1;
        }
    }
    assert!(cases >= 50);
}

#[test]
fn sex_of_names() {
    let cases = [
        ("Олександр", Sex::Male),
        ("Олександра", Sex::Female),
        ("Ян", Sex::Male),
        ("Яна", Sex::Female),
        ("Valentina", Sex::Female),
        ("Valentin", Sex::Male),
        ("Ганна", Sex::Female),
        ("Illia", Sex::Male),
    ];
    for (name, sex) in cases {
        assert_eq!(given_name_id(name).and_then(sex_of), Some(sex), "{name}");
    }
}

#[test]
fn unknown_and_empty_names_have_no_id() {
    for name in [
        "",
        "   ",
        "Шевченко",
        "Smith",
        "Сашко",
        "Анна-Марія",
        "'",
        "123",
    ] {
        assert_eq!(given_name_id(name), None, "{name:?}");
    }
}

/// Pairs that look alike but are different names (or sexes) and must never meet.
#[test]
fn near_misses_stay_apart() {
    let pairs = [
        ("Олександр", "Олексій"),
        ("Олександр", "Олесь"),
        ("Олександр", "Олекса"),
        ("Олексій", "Олесь"),
        ("Олексій", "Олекса"),
        ("Олесь", "Олекса"),
        ("Oleksandr", "Oleksii"),
        ("Alexander", "Alexei"),
        ("Олександр", "Олександра"),
        ("Alexander", "Alexandra"),
        ("Іван", "Іванна"),
        ("Ян", "Яна"),
        ("Yan", "Yana"),
        ("Євген", "Євгенія"),
        ("Eugene", "Eugenia"),
        ("Валентин", "Валентина"),
        ("Valentin", "Valentina"),
        ("Олег", "Ольга"),
        ("Oleg", "Olga"),
        ("Юліан", "Юлія"),
        ("Julian", "Julia"),
        ("Юліан", "Уляна"),
        ("Мар'ян", "Мар'яна"),
        ("Marian", "Mariana"),
        ("Арсен", "Арсеній"),
        ("Ренат", "Рінат"),
        ("Назар", "Назарій"),
        ("Богдан", "Богдана"),
        ("Ярослав", "Ярослава"),
        ("Еміль", "Емілія"),
        ("Віктор", "Вікторія"),
        ("Валерій", "Валерія"),
        ("Ілля", "Лілія"),
        ("Марко", "Марина"),
        ("Савелій", "Сава"),
    ];
    for (a, b) in pairs {
        let (ia, ib) = (given_name_id(a), given_name_id(b));
        assert!(ia.is_some() && ib.is_some(), "{a} / {b} must be known");
        assert_ne!(ia, ib, "{a} / {b}");
    }
}

#[test]
fn patronymics_in_every_script() {
    let m = Sex::Male;
    let f = Sex::Female;
    let cases = [
        ("Сергійович", "Сергій", m),
        ("Сергеевич", "Сергій", m),
        ("Serhiiovych", "Сергій", m),
        ("Sergeevich", "Сергій", m),
        ("Sergeyevich", "Сергій", m),
        ("Serhiyovych", "Сергій", m),
        ("Сергіївна", "Сергій", f),
        ("Сергеевна", "Сергій", f),
        ("Serhiivna", "Сергій", f),
        ("Sergeevna", "Сергій", f),
        ("Sergeyevna", "Сергій", f),
        ("Олександрович", "Олександр", m),
        ("Александрович", "Олександр", m),
        ("Oleksandrovych", "Олександр", m),
        ("Aleksandrovich", "Олександр", m),
        ("Alexandrovich", "Олександр", m),
        ("Олександрівна", "Олександр", f),
        ("Александровна", "Олександр", f),
        ("Oleksandrivna", "Олександр", f),
        ("Aleksandrovna", "Олександр", f),
        ("ОЛЕКСАНДРІВНА", "Олександр", f),
        ("Олексійович", "Олексій", m),
        ("Алексеевич", "Олексій", m),
        ("Oleksiiovych", "Олексій", m),
        ("Alekseevich", "Олексій", m),
        ("Юрійович", "Юрій", m),
        ("Юрьевич", "Юрій", m),
        ("Iurevich", "Юрій", m),
        ("Yurievich", "Юрій", m),
        ("Yuriyovych", "Юрій", m),
        ("Юріївна", "Юрій", f),
        ("Юрьевна", "Юрій", f),
        ("Миколайович", "Микола", m),
        ("Николаевич", "Микола", m),
        ("Mykolaiovych", "Микола", m),
        ("Nikolaevich", "Микола", m),
        ("Nikolayevich", "Микола", m),
        ("Миколаївна", "Микола", f),
        ("Mykolaivna", "Микола", f),
        ("Mykolayivna", "Микола", f),
        ("Дмитрович", "Дмитро", m),
        ("Дмитриевич", "Дмитро", m),
        ("Dmitrievich", "Дмитро", m),
        ("Dmytrivna", "Дмитро", f),
        ("Григорович", "Григорій", m),
        ("Григорьевич", "Григорій", m),
        ("Grigoryevich", "Григорій", m),
        ("Hryhorivna", "Григорій", f),
        ("Якович", "Яків", m),
        ("Яковлевич", "Яків", m),
        ("Yakovlevich", "Яків", m),
        ("Яківна", "Яків", f),
        ("Львович", "Лев", m),
        ("Львовна", "Лев", f),
        ("Lvovich", "Лев", m),
        ("Ілліч", "Ілля", m),
        ("Ильич", "Ілля", m),
        ("Ильинична", "Ілля", f),
        ("Ilyich", "Ілля", m),
        ("Ilinichna", "Ілля", f),
        ("Кузьмич", "Кузьма", m),
        ("Кузьминична", "Кузьма", f),
        ("Никитич", "Микита", m),
        ("Никитична", "Микита", f),
        ("Микитович", "Микита", m),
        ("Фомич", "Хома", m),
        ("Хомівна", "Хома", f),
        ("Федорович", "Федір", m),
        ("Фёдоровна", "Федір", f),
        ("Fedorovych", "Федір", m),
        ("Васильович", "Василь", m),
        ("Василівна", "Василь", f),
        ("Васильевич", "Василь", m),
        ("Vasylovych", "Василь", m),
        ("Vasilyevich", "Василь", m),
        ("Ігорович", "Ігор", m),
        ("Игоревич", "Ігор", m),
        ("Igorevna", "Ігор", f),
        ("Петрович", "Петро", m),
        ("Petrivna", "Петро", f),
        ("Михайлович", "Михайло", m),
        ("Mikhailovna", "Михайло", f),
        ("Павлович", "Павло", m),
        ("Pavlovna", "Павло", f),
        ("Іванович", "Іван", m),
        ("Ivanovna", "Іван", f),
        ("Ivanivna", "Іван", f),
        ("Андріївна", "Андрій", f),
        ("Andreevna", "Андрій", f),
        ("Andreyevna", "Андрій", f),
        ("Євгенович", "Євген", m),
        ("Евгеньевич", "Євген", m),
        ("Yevhenivna", "Євген", f),
        ("Evgenevich", "Євген", m),
        ("Данилович", "Данило", m),
        ("Даниилович", "Данило", m),
        ("Йосипович", "Йосип", m),
        ("Иосифович", "Йосип", m),
        ("Осипович", "Йосип", m),
        ("Тимофійович", "Тимофій", m),
        ("Тимофеевна", "Тимофій", f),
        ("Вʼячеславович", "В'ячеслав", m),
        ("Вячеславовна", "В'ячеслав", f),
        ("Мар'янович", "Мар'ян", m),
        ("Янович", "Ян", m),
        ("Yanivna", "Ян", f),
    ];
    for (p, father, sex) in cases {
        let want = given_name_id(father).map(|id| (id, sex));
        assert!(want.is_some(), "{father} unknown");
        assert_eq!(patronymic(p), want, "{p}");
    }
}

#[test]
fn patronymic_near_misses_stay_apart() {
    let pairs = [
        ("Сергійович", "Сергіївна"),
        ("Сергійович", "Сергеевна"),
        ("Sergeevich", "Sergeevna"),
        ("Олександрович", "Олексійович"),
        ("Oleksandrovych", "Oleksiiovych"),
        ("Александрович", "Алексеевич"),
        ("Іванович", "Іванівна"),
        ("Янович", "Яківна"),
        ("Валентинович", "Валентинівна"),
        ("Юрійович", "Юліанович"),
        ("Ілліч", "Ільїч"),
    ];
    for (a, b) in pairs {
        let (pa, pb) = (patronymic(a), patronymic(b));
        assert!(pa.is_some(), "{a} must be known");
        assert_ne!(pa, pb, "{a} / {b}");
    }
}

#[test]
fn not_patronymics() {
    for p in [
        "",
        "Шевченко",
        "Бабич",
        "Олександр",
        "Smith",
        "Абдулович",
        "Ivanov",
        "ович",
        "ich",
    ] {
        assert_eq!(patronymic(p), None, "{p:?}");
    }
}

#[test]
fn name_keys_fold_apostrophes_and_yo() {
    let cases = [
        ("Мар'яна", "маряна"),
        ("Марʼяна", "маряна"),
        ("Мар’яна", "маряна"),
        ("Пётр", "петр"),
        ("Pëtr", "petr"),
        ("Il’ya", "ilya"),
        ("ОЛЕГ", "олег"),
    ];
    for (raw, key) in cases {
        assert_eq!(name_key(raw), key, "{raw}");
    }
}

proptest::proptest! {
    #[test]
    fn lookups_never_panic(s in "\\PC{0,24}") {
        let _ = given_name_id(&s);
        let _ = patronymic(&s);
        let _ = split_full_name(&s);
    }
}
