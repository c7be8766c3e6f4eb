//! Common Ukrainian surnames with their usual Russian spellings (data/surnames.tsv), for the
//! synthetic-data generator and tests; matching does not key on this list.

use std::sync::LazyLock;

/// The compiled-in surname list.
const DATA: &str = include_str!("../../../data/surnames.tsv");

/// One common surname.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurnameEntry {
    /// Position in the source list (1 = most common); the source gives no frequencies.
    pub rank: u16,
    /// Ukrainian spelling.
    pub uk: &'static str,
    /// Russian spellings a clerk would write, most usual first.
    pub ru: Vec<&'static str>,
}

struct Surnames {
    entries: Vec<SurnameEntry>,
    /// Lines that did not parse; empty for the shipped data.
    #[cfg_attr(not(test), expect(dead_code, reason = "checked by the data tests"))]
    errors: Vec<String>,
}

static SURNAMES: LazyLock<Surnames> = LazyLock::new(|| {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in DATA.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        let [rank, uk, ru] = cols[..] else {
            errors.push(format!("line {}: expected 3 columns", n + 1));
            continue;
        };
        let Ok(rank) = rank.trim().parse::<u16>() else {
            errors.push(format!("line {}: bad rank {rank:?}", n + 1));
            continue;
        };
        let ru: Vec<&'static str> = ru
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if uk.trim().is_empty() || ru.is_empty() {
            errors.push(format!("line {}: empty spelling", n + 1));
            continue;
        }
        entries.push(SurnameEntry {
            rank,
            uk: uk.trim(),
            ru,
        });
    }
    Surnames { entries, errors }
});

/// The common surnames, most common first.
pub fn surnames() -> &'static [SurnameEntry] {
    &SURNAMES.entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_parses_completely() {
        assert_eq!(SURNAMES.errors, Vec::<String>::new());
        assert_eq!(surnames().len(), 129);
        for (i, s) in surnames().iter().enumerate() {
            assert_eq!(usize::from(s.rank), i + 1);
        }
        let s = &surnames()[8];
        assert_eq!((s.uk, s.ru.as_slice()), ("Олійник", &["Олейник"][..]));
        let b = &surnames()[43];
        assert_eq!((b.uk, b.ru.as_slice()), ("Білик", &["Белик", "Билык"][..]));
    }
}
