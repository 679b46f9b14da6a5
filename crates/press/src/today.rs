//! Today's date (UTC) without a date-time dependency.

use krasa_model::Date;

/// Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
pub fn from_days(days: i64) -> Option<Date> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    Date::new(u16::try_from(y).ok()?, m as u8, d as u8)
}

/// Days since 1970-01-01 of a civil date (the inverse of [`from_days`]).
pub fn days_from_civil(d: Date) -> i64 {
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(d.month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    from_days(secs.div_euclid(86_400)).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(from_days(0), Date::new(1970, 1, 1));
        assert_eq!(from_days(20_581), Date::new(2026, 5, 8));
        assert_eq!(from_days(11_016), Date::new(2000, 2, 29));
        for days in [0, 11_016, 20_581, 20_604, -1, 100_000] {
            let d = from_days(days).unwrap();
            assert_eq!(days_from_civil(d), days, "{d}");
        }
    }
}
