//! Romanisation: Ukrainian KMU 2010 (Resolution No. 55) and Russian ICAO 9303, per the
//! tables of shared/domain.md §2.

use super::script::Lang;

/// Ukrainian official romanisation (KMU 2010).
// STUB: replaced by the normalisation work (issue 3).
pub fn kmu2010(s: &str) -> String {
    s.to_string()
}

/// Russian passport romanisation (ICAO 9303).
// STUB: replaced by the normalisation work (issue 3).
pub fn icao9303(s: &str) -> String {
    s.to_string()
}

/// Romanises Cyrillic with the table of its language (ICAO for Russian or undecided);
/// Latin text passes through.
pub fn to_latin(s: &str, lang: Option<Lang>) -> String {
    match lang {
        Some(Lang::Ukrainian) => kmu2010(s),
        _ => icao9303(s),
    }
}
