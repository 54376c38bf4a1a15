//! Offline checks for formats that carry structure: checksums, encodings, embedded claims.
//! A validator that rejects a match means "this is not the thing the rule is about".

use super::Class;
use base64::Engine as _;

/// What a validator says of a match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Not the thing the rule is about: no finding.
    Reject,
    /// The rule's class stands.
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
    GrafanaCrc32,
    SolanaKeypair,
    Macaroon,
    EmbeddedHost,
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
                "grafana-crc32" => Validator::GrafanaCrc32,
                "solana-keypair" => Validator::SolanaKeypair,
                "macaroon" => Validator::Macaroon,
                "embedded-host" => Validator::EmbeddedHost,
                _ => return Err(format!("unknown `validator` {name:?}")),
            },
            _ => return Err(format!("unknown `validator` {name:?}")),
        })
    }

    /// Whether a pass means the value carries a checksum that chance would not satisfy.
    pub(crate) fn is_checksum(&self) -> bool {
        matches!(
            self,
            Validator::GithubCrc32 | Validator::NpmCrc32 | Validator::GrafanaCrc32 | Validator::Wif | Validator::Bip39
        )
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
            Validator::GrafanaCrc32 => grafana_crc32_ok(secret),
            Validator::SolanaKeypair => solana_keypair_ok(secret),
            Validator::Macaroon => macaroon_ok(secret),
            Validator::EmbeddedHost => embedded_host_ok(secret),
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
    // Words as people paste them: any case, separated by spaces or commas.
    let words: Vec<&str> = phrase.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
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

/// Grafana service account tokens, `glsa_<32 base62>_<8 hex>`: the hex is the CRC32 (IEEE) of
/// `glsa_<32 base62>`, written as its four little-endian bytes (Grafana's `satokengen`).
fn grafana_crc32_ok(token: &str) -> bool {
    let Some((body, checksum)) = token.rsplit_once('_') else { return false };
    if !body.starts_with("glsa_") || checksum.len() != 8 || !checksum.bytes().all(|b| b.is_ascii_hexdigit()) {
        return false;
    }
    let le = crc32fast::hash(body.as_bytes()).to_le_bytes();
    let expected: String = le.iter().map(|b| format!("{b:02x}")).collect();
    checksum.eq_ignore_ascii_case(&expected)
}

/// A Solana keypair secret: 64 bytes (ed25519 seed + public key), as base58 or as the JSON byte
/// array of a keypair file. Solana keys carry no checksum, so the length is the structure to
/// check; arrays of a few repeated values are stand-ins.
fn solana_keypair_ok(key: &str) -> bool {
    let key = key.trim();
    let bytes: Vec<u8> = if key.starts_with('[') {
        let Some(inner) = key.strip_prefix('[').and_then(|k| k.strip_suffix(']')) else { return false };
        let parsed: Result<Vec<u8>, _> = inner.split(',').map(|n| n.trim().parse::<u8>()).collect();
        match parsed {
            Ok(v) => v,
            Err(_) => return false,
        }
    } else {
        match bs58::decode(key).into_vec() {
            Ok(v) => v,
            Err(_) => return false,
        }
    };
    let distinct = {
        let mut seen = [false; 256];
        bytes.iter().for_each(|&b| seen[b as usize] = true);
        seen.iter().filter(|&&s| s).count()
    };
    bytes.len() == 64 && distinct >= 16
}

/// A macaroon (LND, PyPI, Fly.io…): hex or base64 (after an optional `pypi-` prefix) that decodes
/// to the v2 binary format, or base64 of the v1 text packets, ending in a 32-byte signature.
fn macaroon_ok(token: &str) -> bool {
    let t = token.strip_prefix("pypi-").unwrap_or(token);
    let bytes = if t.len() % 2 == 0 && t.bytes().all(|b| b.is_ascii_hexdigit()) {
        (0..t.len()).step_by(2).map(|i| u8::from_str_radix(&t[i..i + 2], 16)).collect::<Result<Vec<u8>, _>>().ok()
    } else {
        let e = base64::engine::general_purpose::GeneralPurpose::new(
            &base64::alphabet::URL_SAFE,
            base64::engine::GeneralPurposeConfig::new()
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
        );
        let s = base64::engine::general_purpose::GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            base64::engine::GeneralPurposeConfig::new()
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
        );
        e.decode(t).or_else(|_| s.decode(t)).ok()
    };
    bytes.is_some_and(|b| macaroon_v2_ok(&b) || macaroon_v1_ok(&b))
}

/// Reads one v2 field (`type`, varint length, data); `None` at the end-of-section marker (0).
fn macaroon_field<'a>(b: &'a [u8], pos: &mut usize) -> Option<Option<(u8, &'a [u8])>> {
    let kind = *b.get(*pos)?;
    *pos += 1;
    if kind == 0 {
        return Some(None);
    }
    let (mut len, mut shift) = (0usize, 0u32);
    loop {
        let byte = *b.get(*pos)?;
        *pos += 1;
        len |= usize::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            break;
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
    let data = b.get(*pos..pos.checked_add(len)?)?;
    *pos += len;
    Some(Some((kind, data)))
}

/// Macaroon v2: 0x02, [location], identifier, EOS, caveats (each ending in EOS), EOS, signature.
fn macaroon_v2_ok(b: &[u8]) -> bool {
    const LOCATION: u8 = 1;
    const IDENTIFIER: u8 = 2;
    const VID: u8 = 4;
    const SIGNATURE: u8 = 6;
    if b.first() != Some(&2) {
        return false;
    }
    let mut pos = 1;
    // The macaroon's own section, then caveat sections until an empty one.
    let mut first = true;
    loop {
        let mut fields = Vec::new();
        loop {
            match macaroon_field(b, &mut pos) {
                Some(Some((kind, _))) => fields.push(kind),
                Some(None) => break,
                None => return false,
            }
        }
        if fields.is_empty() {
            if first {
                return false;
            }
            break;
        }
        let ok = match fields.as_slice() {
            [IDENTIFIER] | [LOCATION, IDENTIFIER] => true,
            [IDENTIFIER, VID] | [LOCATION, IDENTIFIER, VID] => !first,
            _ => false,
        };
        if !ok {
            return false;
        }
        first = false;
    }
    matches!(macaroon_field(b, &mut pos), Some(Some((SIGNATURE, sig))) if sig.len() == 32) && pos == b.len()
}

/// Macaroon v1: packets of a 4-hex-digit length and `key value\n`, from `location` to `signature`.
fn macaroon_v1_ok(b: &[u8]) -> bool {
    let mut pos = 0;
    let mut keys = Vec::new();
    while pos < b.len() {
        let Some(len) = b
            .get(pos..pos + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| usize::from_str_radix(h, 16).ok())
        else {
            return false;
        };
        let Some(packet) = b.get(pos + 4..pos + len) else { return false };
        let Some((key, value)) =
            packet.strip_suffix(b"\n").and_then(|p| p.iter().position(|&c| c == b' ').map(|i| p.split_at(i)))
        else {
            return false;
        };
        keys.push((key.to_vec(), value.len() - 1));
        pos += len.max(5);
    }
    keys.first().is_some_and(|(k, _)| k == b"location")
        && keys.iter().any(|(k, _)| k == b"identifier")
        && keys.last().is_some_and(|(k, n)| k == b"signature" && *n == 32)
}

/// Clerk-style publishable keys: `pk_live_`/`pk_test_` then the base64 of the instance's
/// Frontend API host followed by `$` (`clerk.acme.com$`).
fn embedded_host_ok(key: &str) -> bool {
    let Some(encoded) = key.strip_prefix("pk_live_").or_else(|| key.strip_prefix("pk_test_")) else { return false };
    let engine = base64::engine::general_purpose::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let Ok(bytes) = engine.decode(encoded) else { return false };
    let Ok(text) = std::str::from_utf8(&bytes) else { return false };
    let Some(host) = text.strip_suffix('$') else { return false };
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && host.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
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

    #[test]
    fn grafana_checksum() {
        // Built like Grafana's satokengen: CRC32 of "glsa_" + 32 chars, little-endian hex.
        let body = "glsa_Qm7Zr2Lx9Tk4Wp8Nc3Vb6Hd1Jf5Gs0Ya";
        let le = crc32fast::hash(body.as_bytes()).to_le_bytes();
        let good = format!("{body}_{}", le.iter().map(|b| format!("{b:02x}")).collect::<String>());
        assert_eq!(Validator::GrafanaCrc32.check(&good), Verdict::Accept);
        let be = format!("{body}_{:08x}", crc32fast::hash(body.as_bytes()));
        assert_eq!(Validator::GrafanaCrc32.check(&be), Verdict::Reject);
        assert!(!grafana_crc32_ok("glsa_short_0000abcd"));
    }

    #[test]
    fn solana_keypairs() {
        let bytes: Vec<u8> = (0u8..64).map(|i| i.wrapping_mul(37).wrapping_add(11)).collect();
        let b58 = bs58::encode(&bytes).into_string();
        assert!(solana_keypair_ok(&b58));
        let array = format!("[{}]", bytes.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(","));
        assert!(solana_keypair_ok(&array));
        // 32 bytes is a public key (an address), not a keypair.
        assert!(!solana_keypair_ok(&bs58::encode(&bytes[..32]).into_string()));
        assert!(!solana_keypair_ok(&format!("[{}]", vec!["0"; 64].join(","))));
        assert!(!solana_keypair_ok("[1,2,300]"));
    }

    #[test]
    fn macaroons() {
        // v2: version, location "lnd", identifier, EOS, one caveat, EOS, signature.
        let mut m =
            vec![2u8, 1, 3, b'l', b'n', b'd', 2, 4, 9, 8, 7, 6, 0, 2, 5, b't', b'i', b'm', b'e', b'!', 0, 0, 6, 32];
        m.extend([0x5a; 32]);
        let hex: String = m.iter().map(|b| format!("{b:02x}")).collect();
        assert!(macaroon_ok(&hex));
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&m);
        assert!(macaroon_ok(&format!("pypi-{b64}")));
        // Truncated signature, and a wrong version byte.
        assert!(!macaroon_ok(&hex[..hex.len() - 2]));
        assert!(!macaroon_ok(&format!("03{}", &hex[2..])));
        // v1: text packets, location first and a 32-byte signature last.
        let packet = |k: &str, v: &[u8]| {
            let mut p = format!("{:04x}{k} ", 4 + k.len() + 1 + v.len() + 1).into_bytes();
            p.extend(v);
            p.push(b'\n');
            p
        };
        let mut v1 = packet("location", b"https://api.acme.io");
        v1.extend(packet("identifier", b"k3y-1d"));
        v1.extend(packet("signature", &[0x33; 32]));
        assert!(macaroon_ok(&base64::engine::general_purpose::URL_SAFE.encode(&v1)));
        assert!(!macaroon_ok("0201036c6e64"));
    }

    #[test]
    fn embedded_hosts() {
        let enc = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        assert!(embedded_host_ok(&format!("pk_live_{}", enc("clerk.acme-shop.com$"))));
        assert!(embedded_host_ok(&format!(
            "pk_test_{}",
            enc("brave-lynx-42.clerk.accounts.dev$").trim_end_matches('=')
        )));
        assert!(!embedded_host_ok(&format!("pk_live_{}", enc("clerk.acme-shop.com"))));
        assert!(!embedded_host_ok(&format!("pk_test_{}", enc("not a host$"))));
        assert!(!embedded_host_ok("pk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk"));
    }
}
