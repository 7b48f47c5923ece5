//! Commit metadata for attribution: id, author, date, summary.

use git2::{Oid, Repository};

use crate::finding::Commit;

/// Describes commit `id`; a commit that cannot be read is still named by id.
pub(super) fn describe(repo: &Repository, id: Oid, order: usize) -> Commit {
    let mut c = Commit { order, id: id.to_string(), ..Commit::default() };
    if let Ok(commit) = repo.find_commit(id) {
        let author = commit.author();
        c.author = String::from_utf8_lossy(author.name_bytes()).into_owned();
        c.email = String::from_utf8_lossy(author.email_bytes()).into_owned();
        c.date = rfc3339(author.when().seconds(), author.when().offset_minutes());
        c.summary = commit.summary_bytes().map(|s| String::from_utf8_lossy(s).into_owned()).unwrap_or_default();
    }
    c
}

/// `seconds` since the epoch shown in the local time of `offset_minutes`,
/// as RFC 3339 (`2024-05-01T12:30:00+02:00`).
fn rfc3339(seconds: i64, offset_minutes: i32) -> String {
    let local = seconds + i64::from(offset_minutes) * 60;
    let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60,
        off / 60,
        off % 60
    )
}

/// Days since 1970-01-01 to a (year, month, day) in the proleptic Gregorian
/// calendar (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::rfc3339;

    #[test]
    fn formats_author_dates_in_their_offset() {
        assert_eq!(rfc3339(0, 0), "1970-01-01T00:00:00+00:00");
        // 2024-02-29T23:30:00Z seen from UTC+02:00 is the next day.
        assert_eq!(rfc3339(1_709_249_400, 120), "2024-03-01T01:30:00+02:00");
        assert_eq!(rfc3339(1_709_249_400, -330), "2024-02-29T18:00:00-05:30");
    }
}
