//! Linking two lists (or one with itself): blocking, per-field comparison levels,
//! Fellegi–Sunter scoring with explanations, and one-to-one assignment. Knows nothing of
//! reports.
