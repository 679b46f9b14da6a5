//! Dates in press: today's date (UTC), and the conversion of the model's [`Date`] to the
//! `time` crate's, which does the calendar arithmetic and the feeds' date formats.

use krasa_model::Date;
use time::{Month, OffsetDateTime};

/// The model's date as a `time` date (none for a date the calendar does not have, which the
/// model's constructors never make).
pub fn to_time(d: Date) -> Option<time::Date> {
    let month = Month::try_from(d.month).ok()?;
    time::Date::from_calendar_date(i32::from(d.year), month, d.day).ok()
}

/// A `time` date as the model's (none outside the years 1000 to 9999).
pub fn from_time(d: time::Date) -> Option<Date> {
    Date::new(u16::try_from(d.year()).ok()?, u8::from(d.month()), d.day())
}

/// Today in UTC.
pub fn today() -> Date {
    from_time(OffsetDateTime::now_utc().date()).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// The date `days` days before `d`.
pub fn days_before(d: Date, days: i64) -> Option<Date> {
    let earlier = to_time(d)?.checked_sub(time::Duration::days(days))?;
    from_time(earlier)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_convert_both_ways_and_count_days() {
        let d = Date::new(2026, 5, 8).unwrap();
        assert_eq!(to_time(d).and_then(from_time), Some(d));
        assert_eq!(days_before(d, 0), Some(d));
        assert_eq!(days_before(d, 8), Date::new(2026, 4, 30));
        assert_eq!(
            days_before(Date::new(2000, 3, 1).unwrap(), 1),
            Date::new(2000, 2, 29)
        );
        assert_eq!(days_before(Date::new(1000, 1, 1).unwrap(), 1), None);
        let bad = Date {
            year: 2026,
            month: 2,
            day: 30,
        };
        assert_eq!(to_time(bad), None);
        assert!(today().year >= 2026);
    }
}
