//! Text folding for keys and comparisons: NFC, case, spaces, hyphens, apostrophes,
//! homoglyphs, ё→е. Display text is never folded.

/// Folds text for keys and `contains`/`in` comparisons.
// STUB: replaced by the normalisation work (issue 3).
pub fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
