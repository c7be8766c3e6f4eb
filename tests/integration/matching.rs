//! Integration tests: matching.
