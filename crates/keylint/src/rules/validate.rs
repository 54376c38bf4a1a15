//! Offline checks for formats that carry structure: checksums, encodings, embedded claims.
//! A validator that rejects a match means "this is not the thing the rule is about".

use super::Class;
use base64::Engine as _;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Reject,
    Accept,
    /// Accept, but as another class than the rule's (e.g. a JWT's claims say what it is).
    Reclassify(Class),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Validator {
    GithubCrc32,
    NpmCrc32,
    Jwt,
    JwtRole(String),
    AwsKeyId,
    EthPrivateKey,
    Wif,
    Bip39,
    UrlPassword,
}

impl Validator {
    pub(crate) fn parse(name: &str) -> Result<Validator, String> {
        Ok(match name.split_once(':') {
            Some(("jwt-role", role)) if !role.is_empty() => Validator::JwtRole(role.to_string()),
            None => match name {
                "github-crc32" => Validator::GithubCrc32,
                "npm-crc32" => Validator::NpmCrc32,
                "jwt" => Validator::Jwt,
                "aws-key-id" => Validator::AwsKeyId,
                "eth-private-key" => Validator::EthPrivateKey,
                "wif" => Validator::Wif,
                "bip39" => Validator::Bip39,
                "url-password" => Validator::UrlPassword,
                _ => return Err(format!("unknown `validator` {name:?}")),
            },
            _ => return Err(format!("unknown `validator` {name:?}")),
        })
    }

    /// Whether a pass means the value carries a checksum that chance would not satisfy.
    pub(crate) fn is_checksum(&self) -> bool {
        matches!(self, Validator::GithubCrc32 | Validator::NpmCrc32 | Validator::Wif | Validator::Bip39)
    }

    pub(crate) fn check(&self, secret: &str) -> Verdict {
        let ok = match self {
            Validator::GithubCrc32 | Validator::NpmCrc32 => base62_crc32_ok(secret),
            Validator::Jwt => jwt_parts(secret).is_some(),
            Validator::JwtRole(role) => {
                jwt_parts(secret).is_some_and(|(_, payload)| payload.get("role").and_then(|r| r.as_str()) == Some(role))
            }
            Validator::AwsKeyId => aws_key_id_ok(secret),
            Validator::EthPrivateKey => eth_private_key_ok(secret),
            Validator::Wif => wif_ok(secret),
            Validator::Bip39 => bip39_ok(secret),
            Validator::UrlPassword => url_password_ok(secret),
        };
        if ok {
            Verdict::Accept
        } else {
            Verdict::Reject
        }
    }
}

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// GitHub and npm tokens end in 6 base62 chars: the CRC32 of the 30 random chars before them.
fn base62_crc32_ok(token: &str) -> bool {
    let body = token.rsplit('_').next().unwrap_or("");
    if body.len() != 36 || !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let (random, checksum) = body.split_at(30);
    base62_fixed(crc32fast::hash(random.as_bytes()), 6) == checksum
}

pub(crate) fn base62_fixed(mut n: u32, width: usize) -> String {
    let mut digits = vec![b'0'; width];
    for d in digits.iter_mut().rev() {
        *d = BASE62[(n % 62) as usize];
        n /= 62;
    }
    String::from_utf8(digits).expect("base62 digits are ASCII")
}

/// Header and payload of a JWT whose header is a JSON object naming an algorithm.
pub(crate) fn jwt_parts(token: &str) -> Option<(serde_json::Value, serde_json::Value)> {
    let mut parts = token.split('.');
    let (header, payload, _sig) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let decode = |p: &str| -> Option<serde_json::Value> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(p.trim_end_matches('=')).ok()?;
        let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
        v.is_object().then_some(v)
    };
    let header = decode(header)?;
    header.get("alg")?.as_str()?;
    Some((header, decode(payload)?))
}

fn aws_key_id_ok(id: &str) -> bool {
    const PREFIXES: &[&str] = &["AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "AROA", "APKA"];
    id.len() == 20
        && PREFIXES.iter().any(|p| id.starts_with(p))
        // The 16 chars after the prefix are base32 (A–Z, 2–7).
        && id[4..].bytes().all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
}

/// The order of secp256k1: a private key is a scalar in [1, n).
const SECP256K1_ORDER: &str = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

fn eth_private_key_ok(key: &str) -> bool {
    let hex = key.strip_prefix("0x").or_else(|| key.strip_prefix("0X")).unwrap_or(key).to_ascii_lowercase();
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return false;
    }
    let distinct = {
        let mut seen = [false; 256];
        hex.bytes().for_each(|b| seen[b as usize] = true);
        seen.iter().filter(|&&s| s).count()
    };
    // Random keys use nearly all 16 digits; test vectors like 0x0000…01 or abab… do not.
    distinct >= 10 && hex.as_str() < SECP256K1_ORDER && hex.bytes().any(|b| b != b'0')
}

fn wif_ok(key: &str) -> bool {
    match bs58::decode(key).with_check(None).into_vec() {
        // Version byte, 32-byte key, and 0x01 when the public key is compressed.
        Ok(payload) => {
            matches!(payload.first(), Some(0x80 | 0xef))
                && (payload.len() == 33 || (payload.len() == 34 && payload[33] == 0x01))
        }
        Err(_) => false,
    }
}

fn bip39_ok(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    if ![12, 15, 18, 21, 24].contains(&words.len()) {
        return false;
    }
    let normalized = words.join(" ").to_lowercase();
    bip39::Mnemonic::parse_in_normalized(bip39::Language::English, &normalized).is_ok()
}

/// True when a URL's userinfo carries a password that is not a stand-in for one.
fn url_password_ok(url: &str) -> bool {
    let Some(rest) = url.split_once("://").map(|(_, r)| r) else { return false };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let Some((userinfo, host)) = authority.rsplit_once('@') else { return false };
    let Some((_user, password)) = userinfo.split_once(':') else { return false };
    const STAND_INS: &[&str] = &[
        "password",
        "pass",
        "passwd",
        "pwd",
        "secret",
        "pw",
        "user",
        "username",
        "root",
        "admin",
        "test",
        "changeme",
        "postgres",
        "mysql",
        "redis",
        "guest",
        "mongo",
        "mongodb",
        "none",
        "null",
        "undefined",
    ];
    let lower = password.to_ascii_lowercase();
    !host.is_empty()
        && password.len() >= 3
        && !STAND_INS.contains(&lower.as_str())
        && !password.bytes().all(|b| b == b'*' || b == b'x' || b == b'X' || b == b'.')
        && !password.starts_with(['$', '%', '<', '{', '['])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn github_token(random30: &str) -> String {
        format!("ghp_{random30}{}", base62_fixed(crc32fast::hash(random30.as_bytes()), 6))
    }

    #[test]
    fn github_checksum() {
        let good = github_token("Zq8mT3vX1pLw9sKd4RbN7cHy2GfJ5e");
        assert_eq!(Validator::GithubCrc32.check(&good), Verdict::Accept);
        let mut bad = good.clone();
        bad.replace_range(5..6, "A");
        assert_eq!(Validator::GithubCrc32.check(&bad), Verdict::Reject);
    }

    #[test]
    fn jwt_role() {
        let enc = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let token = format!(
            "{}.{}.sig",
            enc(r#"{"alg":"HS256","typ":"JWT"}"#),
            enc(r#"{"role":"service_role","iss":"supabase"}"#)
        );
        assert_eq!(Validator::JwtRole("service_role".into()).check(&token), Verdict::Accept);
        assert_eq!(Validator::JwtRole("anon".into()).check(&token), Verdict::Reject);
        assert_eq!(Validator::Jwt.check("eyJhbGciOi.not-json.x"), Verdict::Reject);
    }

    #[test]
    fn aws_key_id_charset() {
        assert!(aws_key_id_ok("AKIA2E4RT7QW3ZXC5VBN"));
        assert!(!aws_key_id_ok("AKIA0000111122223333")); // 0 and 1 are not base32
        assert!(!aws_key_id_ok("AKIA2E4RT7QW3ZXC5VB"));
    }

    #[test]
    fn eth_keys() {
        assert!(eth_private_key_ok("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));
        assert!(!eth_private_key_ok("0x0000000000000000000000000000000000000000000000000000000000000001"));
        assert!(!eth_private_key_ok("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"));
    }

    #[test]
    fn wif_checksum() {
        // The widely published WIF test vector (a well-known, valueless key).
        assert!(wif_ok("5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"));
        assert!(!wif_ok("5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTK"));
    }

    #[test]
    fn bip39_checksum() {
        // The all-"abandon" vector from BIP39's test suite: valid checksum ending in "about".
        let valid = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
        assert!(bip39_ok(valid));
        assert!(!bip39_ok(&valid.replace("about", "abandon")));
    }

    #[test]
    fn url_passwords() {
        assert!(url_password_ok("postgres://app:n7Qe2pLx9@db.internal:5432/app"));
        assert!(!url_password_ok("postgres://user:password@localhost/db"));
        assert!(!url_password_ok("postgres://user:${DB_PASS}@localhost/db"));
        assert!(!url_password_ok("https://cdn.site.com/a@b"));
    }
}
