//! Structural validators: checks a token's own format can prove.
//!
//! A token with a checksum is only reported when the checksum holds, so a
//! look-alike (a truncated token, a hand-typed sample) is not a finding.

use std::str::FromStr;

use anyhow::{Result, bail};
use base64::Engine as _;

/// A validator a rule may name in its `checksum` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checksum {
    /// GitHub classic tokens (`ghp_` ...) and npm tokens (`npm_`): the last 6
    /// characters are the CRC32 of the preceding random part, in base62.
    Crc32Base62,
    /// A JSON Web Token: the first segment must decode to a JSON object with
    /// an `alg` field.
    Jwt,
}

impl FromStr for Checksum {
    type Err = anyhow::Error;

    fn from_str(name: &str) -> Result<Checksum> {
        match name {
            "crc32-base62" => Ok(Checksum::Crc32Base62),
            "jwt" => Ok(Checksum::Jwt),
            other => bail!("unknown checksum {other:?} (known: crc32-base62, jwt)"),
        }
    }
}

impl Checksum {
    /// True if and only if `secret` passes this validator.
    pub fn holds(self, secret: &[u8]) -> bool {
        match self {
            Checksum::Crc32Base62 => crc32_base62_holds(secret),
            Checksum::Jwt => jwt_header_holds(secret),
        }
    }
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The part after the last `_` is `random ++ base62(crc32(random))`, the
/// checksum left-padded with `0` to 6 characters.
fn crc32_base62_holds(secret: &[u8]) -> bool {
    let body = match secret.iter().rposition(|&b| b == b'_') {
        Some(i) => &secret[i + 1..],
        None => secret,
    };
    if body.len() <= 6 {
        return false;
    }
    let (random, check) = body.split_at(body.len() - 6);
    base62_6(crc32(random)).as_slice() == check
}

/// `n` in base62, left-padded with `0` to six characters.
pub(crate) fn base62_6(mut n: u32) -> [u8; 6] {
    let mut out = [b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    out
}

/// CRC-32 (IEEE 802.3, as in zlib).
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

fn jwt_header_holds(secret: &[u8]) -> bool {
    let header = secret.split(|&b| b == b'.').next().unwrap_or_default();
    let Ok(decoded) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(header.trim_ascii_end()) else {
        return false;
    };
    match serde_json::from_slice::<serde_json::Value>(&decoded) {
        Ok(serde_json::Value::Object(map)) => map.get("alg").is_some_and(|a| a.is_string()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_zlib() {
        // zlib.crc32(b"123456789") == 0xCBF43926, the standard check value.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn crc32_base62_accepts_valid_and_rejects_one_changed_character() {
        let random = b"a1B2c3D4e5F6g7H8i9J0kLmNoPqRsT";
        let mut token = b"ghp_".to_vec();
        token.extend_from_slice(random);
        token.extend_from_slice(&base62_6(crc32(random)));
        assert!(Checksum::Crc32Base62.holds(&token));
        token[10] = if token[10] == b'x' { b'y' } else { b'x' };
        assert!(!Checksum::Crc32Base62.holds(&token));
    }

    #[test]
    fn jwt_needs_a_json_header_with_alg() {
        // {"alg":"HS256","typ":"JWT"}
        assert!(Checksum::Jwt.holds(b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.sig"));
        // {"typ":"JWT"} has no alg.
        assert!(!Checksum::Jwt.holds(b"eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.sig"));
        assert!(!Checksum::Jwt.holds(b"eyJnotbase64!!.x.y"));
    }
}
