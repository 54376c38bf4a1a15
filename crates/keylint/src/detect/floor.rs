//! The generic floor: a value under a name or header that says outright it is a key or token is
//! reported at least as a warning, even when its shape is one generic rules otherwise take for
//! an id or a digest (a UUID API key in `X-Api-Key`, a 64-hex `discordToken`). Names that say
//! what the value is not (`csrfToken`, `nextPageToken`, `txHash`) keep it out.

use crate::candidate::{normalize, Context};

/// Endings of names that say the value is a credential.
const KEY_NAME_ENDINGS: &[&str] =
    &["apikey", "apitoken", "accesstoken", "authtoken", "secretkey", "accesskey", "apisecret", "token"];
/// Words that make such a name something else: anti-forgery, paging and cache-busting tokens,
/// digests and build ids.
const NOT_CREDENTIALS: &[&str] = &[
    "csrf",
    "xsrf",
    "hash",
    "digest",
    "nonce",
    "page",
    "cursor",
    "continuation",
    "sync",
    "cancel",
    "request",
    "integrity",
    "bust",
    "commit",
    "version",
    "build",
    "checksum",
    "etag",
];

/// Whether the value's own name (variable, property, header) says it is a key or token.
pub fn names_a_key(ctx: &Context) -> bool {
    ctx.name.as_deref().map(normalize).is_some_and(|n| {
        KEY_NAME_ENDINGS.iter().any(|e| n.ends_with(e)) && !NOT_CREDENTIALS.iter().any(|w| n.contains(w))
    })
}

/// UUIDs and hex strings of 32 to 128 digits: ids and digests anywhere else, keys under a
/// name that says so.
pub fn is_id_or_digest_shape(v: &str) -> bool {
    let uuid = v.len() == 36
        && v.bytes()
            .enumerate()
            .all(|(i, b)| if [8, 13, 18, 23].contains(&i) { b == b'-' } else { b.is_ascii_hexdigit() });
    uuid || ((32..=128).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_and_what_they_are_not() {
        for name in ["x-api-key", "discordToken", "ACCESS_TOKEN", "X-CMC_PRO_API_KEY", "bot_token"] {
            assert!(names_a_key(&Context::named(name)), "{name}");
        }
        for name in ["csrfToken", "nextPageToken", "txHash", "tokenAddress", "requestToken", "id"] {
            assert!(!names_a_key(&Context::named(name)), "{name}");
        }
    }

    #[test]
    fn ids_and_digests_by_shape() {
        assert!(is_id_or_digest_shape("7a3e9c1f-4b2d-4e8a-9f61-0c5d2b8e7a43"));
        assert!(is_id_or_digest_shape(&"ab12".repeat(16)));
        assert!(!is_id_or_digest_shape(&format!("0x{}", "ab12".repeat(10))), "an address");
        assert!(!is_id_or_digest_shape("abc123"));
    }
}
