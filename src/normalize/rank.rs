//! Ranks and statuses: Ukrainian, Russian and English rank names to a rank class; status
//! words to military or civilian.

use serde::Serialize;

use super::Sex;

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

/// The class of a rank name in any of the three languages.
// STUB: replaced by the normalisation work (issue 3).
pub fn rank_class(_raw: &str) -> Option<RankClass> {
    None
}

/// The status a status word states.
// STUB: replaced by the normalisation work (issue 3).
pub fn status(_raw: &str) -> Option<Status> {
    None
}

/// The sex a sex-column value states (ч/ж, м/ж, male/female, M/F, ...).
// STUB: replaced by the normalisation work (issue 3).
pub fn sex(_raw: &str) -> Option<Sex> {
    None
}
