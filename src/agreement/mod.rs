//! The agreement: its TOML file (parsed and validated, every problem at once), the category
//! rules, and classifying each person against them.
