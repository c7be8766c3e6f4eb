//! The cross-language skeleton of a name: equal for the Ukrainian, Russian and common Latin
//! spellings of one name; and a similarity on skeletons for scoring.

/// The skeleton key of a name in any script.
// STUB: replaced by the normalisation work (issue 3).
pub fn skeleton(s: &str) -> String {
    super::text::fold(s)
}

/// Similarity of two skeletons in [0, 1].
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(a, b)
}
