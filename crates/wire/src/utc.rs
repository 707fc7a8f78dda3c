//! Timestamps on the wire: UTC in RFC 3339 with the `Z` offset
//! (`2026-12-02T05:59:17.637301Z`), as the OpenAPI document declares them
//! (`format: date-time`). The server keeps them as UTC without an offset; these
//! helpers add it when sending and accept any offset (converted to UTC) when
//! reading, and, from older servers, a timestamp without one (taken as UTC).
//!
//! Use on a field: `#[serde(with = "crate::utc")]`, or `crate::utc::option`
//! for an `Option`.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// The timestamp as sent: RFC 3339, UTC, with `Z`.
pub fn format(value: &NaiveDateTime) -> String {
    DateTime::<Utc>::from_naive_utc_and_offset(*value, Utc)
        .to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Reads an RFC 3339 timestamp (any offset, converted to UTC), or one without
/// an offset (taken as UTC).
pub fn parse(text: &str) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.naive_utc())
        .ok()
        .or_else(|| text.parse::<NaiveDateTime>().ok())
}

pub fn serialize<S: Serializer>(value: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format(value))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    parse(&text).ok_or_else(|| {
        serde::de::Error::custom(format_args!(
            "`{text}` is not an RFC 3339 timestamp (e.g. 2026-12-02T05:59:17Z)"
        ))
    })
}

/// The same for an optional timestamp (`null` when absent).
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<NaiveDateTime>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => super::serialize(v, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(d)?;
        text.map(|text| {
            parse(&text).ok_or_else(|| {
                serde::de::Error::custom(format_args!(
                    "`{text}` is not an RFC 3339 timestamp (e.g. 2026-12-02T05:59:17Z)"
                ))
            })
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Stamped {
        #[serde(with = "crate::utc")]
        at: NaiveDateTime,
        #[serde(with = "crate::utc::option", default)]
        until: Option<NaiveDateTime>,
    }

    fn at(text: &str) -> NaiveDateTime {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn sends_utc_with_z_and_reads_it_back() {
        let value = Stamped {
            at: at("2026-12-02T05:59:17.637301210"),
            until: None,
        };
        let json = serde_json::to_string(&value).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"at":"2026-12-02T05:59:17.637301210Z","until":null}"#
        );
        assert_eq!(serde_json::from_str::<Stamped>(&json).ok(), Some(value));
        let whole = Stamped {
            at: at("2026-12-02T05:59:17"),
            until: Some(at("2026-12-03T00:00:00")),
        };
        let json = serde_json::to_string(&whole).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"at":"2026-12-02T05:59:17Z","until":"2026-12-03T00:00:00Z"}"#
        );
    }

    #[test]
    fn reads_other_offsets_as_utc_and_old_timestamps_without_one() {
        let read: Stamped = serde_json::from_str(
            r#"{"at":"2026-12-02T06:59:17+01:00","until":"2026-12-02T05:59:17"}"#,
        )
        .map_err(|e| e.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read.at, at("2026-12-02T05:59:17"));
        assert_eq!(read.until, Some(at("2026-12-02T05:59:17")));
        assert!(serde_json::from_str::<Stamped>(r#"{"at":"yesterday"}"#).is_err());
    }
}
