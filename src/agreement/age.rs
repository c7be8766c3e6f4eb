//! Age in completed years at a reference date, and where 29 February birthdays fall in
//! years without one.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Where someone born on 29 February has a birthday in a year without that day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Feb29 {
    /// On 1 March: the age is reached once 28 February is over.
    #[default]
    Mar1,
    /// On 28 February, as Ukrainian and Russian civil-law term rules would count it.
    Feb28,
}

impl Feb29 {
    /// The spelling used in agreement files.
    pub fn name(self) -> &'static str {
        match self {
            Feb29::Mar1 => "mar1",
            Feb29::Feb28 => "feb28",
        }
    }

    /// The other rule.
    pub fn other(self) -> Feb29 {
        match self {
            Feb29::Mar1 => Feb29::Feb28,
            Feb29::Feb28 => Feb29::Mar1,
        }
    }
}

/// True for someone born on 29 February.
pub fn is_feb29(dob: NaiveDate) -> bool {
    dob.month() == 2 && dob.day() == 29
}

/// The birthday of someone born on `dob`, in `year`.
pub fn birthday_in(dob: NaiveDate, year: i32, rule: Feb29) -> Option<NaiveDate> {
    dob.with_year(year).or_else(|| match rule {
        // with_year fails only for 29 February in a common year (or an absurd year).
        Feb29::Mar1 => NaiveDate::from_ymd_opt(year, 3, 1),
        Feb29::Feb28 => NaiveDate::from_ymd_opt(year, 2, 28),
    })
}

/// Age in completed years on `at` of someone born on `dob`. Negative when `at` is before
/// the birth.
pub fn age_at(dob: NaiveDate, at: NaiveDate, rule: Feb29) -> i32 {
    let years = at.year() - dob.year();
    let before_birthday = match birthday_in(dob, at.year(), rule) {
        Some(b) => at < b,
        None => (at.month(), at.day()) < (dob.month(), dob.day()),
    };
    if before_birthday { years - 1 } else { years }
}

/// The youngest and oldest age on `at` of someone born some time in `year`.
pub fn age_range_for_year(year: i32, at: NaiveDate, rule: Feb29) -> Option<(i32, i32)> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
    Some((age_at(last, at, rule), age_at(first, at, rule)))
}

/// The days in `from..=to` on which the age of someone born on `dob` goes up.
pub fn birthdays_between(
    dob: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
    rule: Feb29,
) -> Vec<NaiveDate> {
    (from.year()..=to.year())
        .filter_map(|y| birthday_in(dob, y, rule))
        .filter(|b| (from..=to).contains(b))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn completed_years_turn_on_the_birthday() {
        let dob = d(2007, 6, 2);
        assert_eq!(age_at(dob, d(2025, 6, 1), Feb29::Mar1), 17);
        assert_eq!(age_at(dob, d(2025, 6, 2), Feb29::Mar1), 18);
        assert_eq!(age_at(dob, d(2025, 6, 3), Feb29::Mar1), 18);
    }

    #[test]
    fn feb29_birthday_follows_the_rule_in_common_years() {
        let dob = d(2004, 2, 29);
        assert_eq!(age_at(dob, d(2022, 2, 28), Feb29::Mar1), 17);
        assert_eq!(age_at(dob, d(2022, 3, 1), Feb29::Mar1), 18);
        assert_eq!(age_at(dob, d(2022, 2, 28), Feb29::Feb28), 18);
        assert_eq!(age_at(dob, d(2022, 2, 27), Feb29::Feb28), 17);
        // In a leap year the day exists and both rules agree.
        assert_eq!(age_at(dob, d(2024, 2, 28), Feb29::Feb28), 19);
        assert_eq!(age_at(dob, d(2024, 2, 29), Feb29::Mar1), 20);
    }

    #[test]
    fn year_only_gives_two_ages_except_on_new_years_eve() {
        assert_eq!(
            age_range_for_year(2000, d(2025, 6, 2), Feb29::Mar1),
            Some((24, 25))
        );
        assert_eq!(
            age_range_for_year(2000, d(2025, 12, 31), Feb29::Mar1),
            Some((25, 25))
        );
    }

    #[test]
    fn birthdays_in_a_window() {
        let b = birthdays_between(d(2000, 6, 20), d(2025, 5, 3), d(2025, 7, 2), Feb29::Mar1);
        assert_eq!(b, vec![d(2025, 6, 20)]);
        let none = birthdays_between(d(2000, 9, 1), d(2025, 5, 3), d(2025, 7, 2), Feb29::Mar1);
        assert!(none.is_empty());
    }
}
