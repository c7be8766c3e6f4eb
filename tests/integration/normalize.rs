//! Integration tests: normalize.
