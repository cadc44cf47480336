//! Value types shared by the whole domain: ids, dates, bounded numbers, enums spelled
//! as PRODUCT.md spells them, and the text rules (trimmed, non-empty, size limits).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Every record's id: a UUID v7, so ids sort by creation time.
pub type Id = uuid::Uuid;

pub fn new_id() -> Id {
    uuid::Uuid::now_v7()
}

/// Largest Markdown body we accept. Bigger text belongs in a linked document.
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// Names, titles, topics and other one-line fields.
pub const MAX_LINE_CHARS: usize = 500;
/// Longer free text that is not a body: "went well", a check-in note, an action item.
pub const MAX_TEXT_CHARS: usize = 20_000;
pub const MAX_TAG_CHARS: usize = 60;

/// Parses a calendar date written `YYYY-MM-DD`; rejects dates that do not exist.
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    let t = s.trim();
    let shaped = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(Error::invalid(
            "date",
            format!("'{s}' is not a date; write it as YYYY-MM-DD"),
        ));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            "date",
            format!("'{s}' is not a real calendar date (YYYY-MM-DD)"),
        )
    })
}

/// The furthest a relative date may reach: ten years.
const MAX_RELATIVE_DAYS: i64 = 3660;

/// A date as a person types it for a due date, relative to `today` (the lead's day):
/// `YYYY-MM-DD`; `today`, `tomorrow`; `+3d`, `+1w`, `+2m` (days, weeks, calendar months);
/// a weekday (`fri`, `friday`, `next fri`): the first such day after today. Case and
/// surrounding spaces do not matter. Anything else is one clear error naming the forms.
pub fn parse_when(s: &str, today: NaiveDate) -> Result<NaiveDate> {
    use chrono::{Datelike, Days, Months, Weekday};
    let refuse = || {
        Error::invalid(
            "date",
            format!(
                "'{s}' is not a date; write YYYY-MM-DD, today, tomorrow, +3d, +1w, +2m, or a weekday such as fri or next fri"
            ),
        )
    };
    let t = s.trim().to_ascii_lowercase();
    if t.len() == 10 && t.as_bytes().get(4) == Some(&b'-') {
        return parse_date(&t);
    }
    match t.as_str() {
        "today" => return Ok(today),
        "tomorrow" => return today.checked_add_days(Days::new(1)).ok_or_else(refuse),
        _ => {}
    }
    if let Some(rest) = t.strip_prefix('+') {
        let unit = rest.chars().last().ok_or_else(refuse)?;
        let n: i64 = rest[..rest.len() - unit.len_utf8()]
            .parse()
            .map_err(|_| refuse())?;
        if n < 0 {
            return Err(refuse());
        }
        // Ten years ahead at most, in the unit given (120 months are ten years).
        let (days, within) = match unit {
            'd' => (n, n <= MAX_RELATIVE_DAYS),
            'w' => (
                n.saturating_mul(7),
                n.saturating_mul(7) <= MAX_RELATIVE_DAYS,
            ),
            'm' => (n.saturating_mul(31), n <= 120),
            _ => return Err(refuse()),
        };
        if !within {
            return Err(Error::invalid(
                "date",
                format!("'{s}' reaches too far; a relative date is at most ten years ahead"),
            ));
        }
        return if unit == 'm' {
            today.checked_add_months(Months::new(u32::try_from(n).map_err(|_| refuse())?))
        } else {
            today.checked_add_days(Days::new(days.unsigned_abs()))
        }
        .ok_or_else(refuse);
    }
    let day = t.strip_prefix("next ").unwrap_or(&t).trim();
    let weekday = match day {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return Err(refuse()),
    };
    let ahead = (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead == 0 { 7 } else { ahead };
    today
        .checked_add_days(Days::new(u64::from(ahead)))
        .ok_or_else(refuse)
}

/// A required one-line text: trimmed, non-empty, no control characters, bounded.
pub fn required_line(field: &'static str, s: &str) -> Result<String> {
    optional_line(field, s)?.ok_or_else(|| Error::invalid(field, "must not be empty".to_string()))
}

/// An optional one-line text: trimmed; empty means absent.
pub fn optional_line(field: &'static str, s: &str) -> Result<Option<String>> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            "must be a single line without control characters",
        ));
    }
    check_chars(field, t, MAX_LINE_CHARS)?;
    Ok(Some(t.to_string()))
}

/// Optional multi-line text (not a body): trimmed, empty means absent, bounded.
pub fn optional_text(field: &'static str, s: &str) -> Result<Option<String>> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    check_chars(field, t, MAX_TEXT_CHARS)?;
    Ok(Some(t.to_string()))
}

pub fn normalize_opt_line(field: &'static str, s: Option<String>) -> Result<Option<String>> {
    match s {
        Some(s) => optional_line(field, &s),
        None => Ok(None),
    }
}

pub fn normalize_opt_text(field: &'static str, s: Option<String>) -> Result<Option<String>> {
    match s {
        Some(s) => optional_text(field, &s),
        None => Ok(None),
    }
}

fn check_chars(field: &'static str, t: &str, max: usize) -> Result<()> {
    let n = t.chars().count();
    if n > max {
        return Err(Error::invalid(
            field,
            format!("is {n} characters long; the limit is {max}"),
        ));
    }
    Ok(())
}

/// A Markdown body. Kept as written apart from trailing white space; bounded in size.
pub fn normalize_body(s: &str) -> Result<String> {
    let t = s.trim_end();
    if t.len() > MAX_BODY_BYTES {
        return Err(Error::invalid(
            "body",
            format!(
                "is {} KiB; the limit is {} KiB. Split it into several entries or link to a document",
                t.len().div_ceil(1024),
                MAX_BODY_BYTES / 1024
            ),
        ));
    }
    Ok(t.to_string())
}

/// Tags and skill names: trimmed, lower case, no commas or control characters,
/// sorted and without duplicates (so what is stored is canonical).
pub fn normalize_labels(field: &'static str, labels: Vec<String>) -> Result<Vec<String>> {
    let mut out = labels
        .iter()
        .map(|l| normalize_label(field, l))
        .collect::<Result<Vec<_>>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

/// One tag, skill or key: trimmed, lower case, no commas or control characters, bounded.
pub fn normalize_label(field: &'static str, label: &str) -> Result<String> {
    let t = label.trim().to_lowercase();
    if t.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if t.chars().any(|c| c.is_control() || c == ',') {
        return Err(Error::invalid(
            field,
            format!(
                "'{}' may not hold commas or control characters",
                t.escape_debug()
            ),
        ));
    }
    check_chars(field, &t, MAX_TAG_CHARS)?;
    Ok(t)
}

/// Serde support for `Option<Option<T>>` patch fields: absent = leave as is, `null` =
/// clear, a value = set. (Plain serde reads `null` as absent.)
pub mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn deserialize<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        Option::<T>::deserialize(d).map(Some)
    }

    pub fn serialize<S, T>(v: &Option<Option<T>>, s: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        T: Serialize,
    {
        match v {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }
}

/// Defines an enum whose values are spelled exactly as PRODUCT.md spells them, with
/// parsing that lists the accepted spellings when it fails.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal { $($variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum $name {
            $(#[serde(rename = $s)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $s),+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($s => Ok($name::$variant),)+
                    _ => Err(Error::invalid(
                        $field,
                        format!("'{}' is not one of: {}", s, [$($s),+].join(", ")),
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }
    };
}

string_enum!(
    /// Where a mentee leans between the individual-contributor and management tracks.
    TrackInterest, "track" {
        Undecided => "undecided",
        Ic => "ic",
        Management => "management",
    }
);

string_enum!(
    /// Whether an entry may ever leave the app (in a summary or export for others).
    Visibility, "visibility" {
        Private => "private",
        Shareable => "shareable",
    }
);

string_enum!(
    EntryKind, "kind" {
        Note => "note",
        Session => "session",
        Track => "track",
    }
);

impl EntryKind {
    /// PRODUCT.md's default, until the journal's settings say otherwise: pairing sessions
    /// are meant to be shared; notes and track conversations are not.
    pub fn default_visibility(self) -> Visibility {
        match self {
            EntryKind::Session => Visibility::Shareable,
            EntryKind::Note | EntryKind::Track => Visibility::Private,
        }
    }
}

string_enum!(
    /// What a search hit is: a mentee, an entry of one of the three kinds, a goal (with
    /// its check-ins), an action item or an assessment.
    RecordKind, "kind" {
        Mentee => "mentee",
        Note => "note",
        Session => "session",
        Track => "track",
        Goal => "goal",
        Action => "action",
        Assessment => "assessment",
    }
);

string_enum!(
    NoteKind, "note kind" {
        OneOnOne => "one-on-one",
        CodeReview => "code-review",
        Observation => "observation",
        Feedback => "feedback",
        Other => "other",
    }
);

string_enum!(
    /// Who had the keyboard in a pairing session.
    Driver, "driver" {
        Mentee => "mentee",
        Lead => "lead",
        Both => "both",
    }
);

string_enum!(
    Aspiration, "aspiration" {
        Senior => "senior",
        Staff => "staff",
        Principal => "principal",
        TechLead => "tech-lead",
        Em => "em",
        Director => "director",
        Undecided => "undecided",
    }
);

string_enum!(
    /// Who owns an action item.
    Owner, "owner" {
        Mentee => "mentee",
        Lead => "lead",
    }
);

string_enum!(
    /// How often a lead means to hold a 1:1 with a mentee (`biweekly`: every two weeks).
    Cadence, "cadence" {
        Weekly => "weekly",
        Biweekly => "biweekly",
        Monthly => "monthly",
        None => "none",
    }
);

impl Cadence {
    /// The cadence of a mentee who has none of their own, until settings say otherwise.
    pub const DEFAULT: Cadence = Cadence::Biweekly;

    /// When the next 1:1 falls after one held on `last`; `None` for no cadence.
    pub fn next_after(self, last: NaiveDate) -> Option<NaiveDate> {
        use chrono::{Days, Months};
        match self {
            Cadence::Weekly => last.checked_add_days(Days::new(7)),
            Cadence::Biweekly => last.checked_add_days(Days::new(14)),
            Cadence::Monthly => last.checked_add_months(Months::new(1)),
            Cadence::None => None,
        }
    }

    /// In words: "weekly", "every two weeks", "monthly", "no set rhythm".
    pub fn words(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::Biweekly => "every two weeks",
            Cadence::Monthly => "monthly",
            Cadence::None => "no set rhythm",
        }
    }
}

string_enum!(
    GoalStatus, "status" {
        Proposed => "proposed",
        Active => "active",
        Achieved => "achieved",
        Dropped => "dropped",
    }
);

/// Defines an integer newtype that can only hold values in a documented range.
macro_rules! bounded {
    ($(#[$meta:meta])* $name:ident($t:ty), $field:literal, $min:literal..=$max:literal, $hint:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(try_from = "i64", into = "i64")]
        pub struct $name($t);

        impl $name {
            pub const MIN: $t = $min;
            pub const MAX: $t = $max;

            pub fn new(v: i64) -> Result<Self> {
                if (($min as i64)..=($max as i64)).contains(&v) {
                    Ok($name(v as $t))
                } else {
                    Err(Error::invalid(
                        $field,
                        format!("{} is out of range; use {}..{} ({})", v, $min, $max, $hint),
                    ))
                }
            }

            pub fn get(self) -> $t {
                self.0
            }
        }

        impl TryFrom<i64> for $name {
            type Error = Error;
            fn try_from(v: i64) -> Result<Self> {
                $name::new(v)
            }
        }

        impl From<$name> for i64 {
            fn from(v: $name) -> i64 {
                v.0 as i64
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                let v: i64 = s.trim().parse().map_err(|_| {
                    Error::invalid($field, format!("'{}' is not a whole number ({}..{})", s, $min, $max))
                })?;
                $name::new(v)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
    };
}

bounded!(
    /// How independently the mentee worked in a pairing session: 1 the lead drove,
    /// 2 step-by-step guidance, 3 hints at key points, 4 the lead mostly observed,
    /// 5 the mentee led and taught something back.
    Independence(u8), "independence", 1..=5, "1 = the lead drove, 5 = the mentee led"
);

bounded!(
    /// -2 strongly individual contributor .. +2 strongly management.
    Leaning(i8), "leaning", -2..=2, "-2 = strongly IC, +2 = strongly management"
);

bounded!(
    /// Goal progress in percent.
    Progress(u8), "progress", 0..=100, "percent"
);

bounded!(
    /// Length of a pairing session.
    Minutes(u32), "minutes", 1..=1440, "a session lasts at most a day"
);

impl Independence {
    /// The scale's wording, for people.
    pub fn describe(self) -> &'static str {
        match self.0 {
            1 => "the lead drove, the mentee watched",
            2 => "the mentee drove with step-by-step guidance",
            3 => "the mentee drove, hints at key points",
            4 => "the mentee drove, the lead mostly observed",
            _ => "the mentee led and taught something back",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_dates_read_the_way_a_lead_types_them() {
        let mon = parse_date("2026-11-23").expect("a Monday");
        let when = |s: &str| parse_when(s, mon).map(|d| d.to_string());
        assert_eq!(when("today").expect("ok"), "2026-11-23");
        assert_eq!(when(" Tomorrow ").expect("ok"), "2026-11-24");
        assert_eq!(when("+1w").expect("ok"), "2026-11-30");
        assert_eq!(when("+10d").expect("ok"), "2026-12-03");
        assert_eq!(when("+1m").expect("ok"), "2026-12-23");
        assert_eq!(when("fri").expect("ok"), "2026-11-27");
        assert_eq!(when("next fri").expect("ok"), "2026-11-27");
        assert_eq!(
            when("monday").expect("ok"),
            "2026-11-30",
            "never today itself"
        );
        assert_eq!(when("2027-01-05").expect("ok"), "2027-01-05");
        assert_eq!(when("+120m").expect("ten years"), "2036-11-23");
        assert!(
            when("+-1d")
                .expect_err("negative")
                .to_string()
                .contains("is not a date")
        );
        for bad in [
            "",
            "+",
            "+w",
            "+-1d",
            "+1y",
            "next",
            "someday",
            "2027-02-30",
            "+99999d",
            "+200m",
        ] {
            let err = when(bad).expect_err("refused");
            assert!(err.to_string().contains("date"), "{bad}: {err}");
        }
    }
    use proptest::prelude::*;

    #[test]
    fn dates_must_be_real_and_shaped() {
        assert!(parse_date("2026-02-28").is_ok());
        assert!(parse_date("2024-02-29").is_ok(), "2024 is a leap year");
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-1-5",
            "26-01-05",
            "yesterday",
            "",
        ] {
            let err = parse_date(bad).expect_err(bad).to_string();
            assert!(err.contains("date"), "message should name the field: {err}");
        }
    }

    #[test]
    fn enums_list_their_spellings_on_error() {
        let err = "boss"
            .parse::<Driver>()
            .expect_err("this input must be refused")
            .to_string();
        assert!(err.contains("mentee, lead, both"), "{err}");
        assert_eq!(
            "Tech-Lead".parse::<Aspiration>().ok(),
            Some(Aspiration::TechLead)
        );
    }

    #[test]
    fn body_limit_names_the_limit() {
        let big = "x".repeat(MAX_BODY_BYTES + 1);
        let err = normalize_body(&big)
            .expect_err("this input must be refused")
            .to_string();
        assert!(err.contains("256 KiB"), "{err}");
        assert!(normalize_body(&"x".repeat(MAX_BODY_BYTES)).is_ok());
    }

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(required_line("name", "  Ada  ").ok(), Some("Ada".into()));
        assert!(required_line("name", "   ").is_err());
        assert!(required_line("name", "a\nb").is_err());
    }

    proptest! {
        #[test]
        fn any_real_date_round_trips(days in 0i64..200_000) {
            let d = NaiveDate::from_ymd_opt(1900, 1, 1).expect("a real date") + chrono::Duration::days(days);
            prop_assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string())?, d);
        }

        #[test]
        fn independence_accepts_exactly_one_to_five(v in -1000i64..1000) {
            prop_assert_eq!(Independence::new(v).is_ok(), (1..=5).contains(&v));
        }

        #[test]
        fn leaning_accepts_exactly_minus_two_to_two(v in -1000i64..1000) {
            prop_assert_eq!(Leaning::new(v).is_ok(), (-2..=2).contains(&v));
        }

        #[test]
        fn progress_accepts_exactly_zero_to_hundred(v in -1000i64..1000) {
            prop_assert_eq!(Progress::new(v).is_ok(), (0..=100).contains(&v));
        }

        #[test]
        fn labels_are_canonical(labels in proptest::collection::vec("[a-zA-Z ]{1,10}", 0..8)) {
            let labels: Vec<String> = labels.into_iter().filter(|l| !l.trim().is_empty()).collect();
            let once = normalize_labels("tag", labels)?;
            let twice = normalize_labels("tag", once.clone())?;
            prop_assert_eq!(&once, &twice);
            prop_assert!(once.windows(2).all(|w| w[0] < w[1]));
        }

        #[test]
        fn normalized_lines_have_no_outer_space(s in "\\PC{0,40}") {
            if let Some(t) = optional_line("title", &s)? {
                prop_assert_eq!(t.trim(), t.as_str());
                prop_assert!(!t.is_empty());
            }
        }
    }
}
