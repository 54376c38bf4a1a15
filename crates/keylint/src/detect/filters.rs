//! Values that look like secrets but never are: placeholders, documentation examples, digests.
//! A scanner that reports these is switched off, so they are dropped before any rule speaks.

/// Values published in providers' own docs and tutorials; they grant nothing.
const DOCUMENTATION_VALUES: &[&str] = &[
    "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    "pk_test_TYooMQauvdEDq54NiTphI7jx",
    "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
    "pk_test_6pRNASCoBOKtIshFeQd4XMUh",
    "sk_test_26PHem9AhJZvU623DfE1x4sd",
];

/// Substrings that mark a stand-in rather than a value (compared lowercase).
const PLACEHOLDER_MARKERS: &[&str] = &[
    "example",
    "xxxx",
    "your_",
    "your-",
    "yourapi",
    "yourkey",
    "yoursecret",
    "yourtoken",
    "placeholder",
    "changeme",
    "change_me",
    "replace_me",
    "replaceme",
    "insert_",
    "redacted",
    "dummy",
    "<",
    ">",
    "${",
    "{{",
    "****",
    "....",
    "0123456789",
    "123456789",
    "abcdefghij",
    "fake_",
    "_fake",
];

/// True for values a human wrote to stand in for a secret.
pub fn is_placeholder(value: &str) -> bool {
    if DOCUMENTATION_VALUES.contains(&value) {
        return true;
    }
    let lower = value.to_ascii_lowercase();
    // A long run of one character is a stand-in when it is a good part of the value
    // (`sk_live_000000000000`); X bearer tokens open with twenty `A`s and are real.
    let run = longest_run(value);
    PLACEHOLDER_MARKERS.iter().any(|m| lower.contains(m)) || (run >= 6 && run * 3 >= value.chars().count())
}

/// The longest run of one repeated character.
fn longest_run(value: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    let mut prev = None;
    for c in value.chars() {
        run = if Some(c) == prev { run + 1 } else { 1 };
        prev = Some(c);
        best = best.max(run);
    }
    best
}

/// Shannon entropy in bits per character.
pub fn entropy(value: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut total = 0u32;
    for b in value.bytes() {
        counts[b as usize] += 1;
        total += 1;
    }
    if total == 0 {
        return 0.0;
    }
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / f64::from(total);
            -p * p.log2()
        })
        .sum()
}

/// Shapes a generic (fallback) rule must not take for a secret: digests, UUIDs, identifiers,
/// paths, SRI hashes and `data:` URIs fill frontend bundles and grant nothing.
pub fn is_benign_shape(value: &str) -> bool {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    // SHA-1 (git commits), SHA-256 and SHA-512 digests. 32-hex values are also the shape of
    // many API keys and client secrets, which a secret-like name makes worth reporting.
    let digest = (v.len() == 40 || v.len() >= 64) && v.bytes().all(|b| b.is_ascii_hexdigit());
    // An Ethereum address (a token contract, a wallet's public address): public by nature.
    let address =
        v.len() == 42 && (v.starts_with("0x") || v.starts_with("0X")) && v[2..].bytes().all(|b| b.is_ascii_hexdigit());
    let is_uuid = v.len() == 36
        && v.bytes()
            .enumerate()
            .all(|(i, b)| if [8, 13, 18, 23].contains(&i) { b == b'-' } else { b.is_ascii_hexdigit() });
    let letters_only = v.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_' || b == b'-' || b == b'.');
    let has_digit = v.bytes().any(|b| b.is_ascii_digit());
    let has_symbol = v.bytes().any(|b| !b.is_ascii_alphanumeric());
    digest
        || address
        || is_uuid
        || letters_only
        || (!has_digit && !has_symbol)
        || lower.starts_with("data:")
        || ["sha256-", "sha384-", "sha512-"].iter().any(|p| lower.starts_with(p))
        || v.contains(' ')
        || is_word_slug(v)
        || (v.contains('/') && v.contains('.') && !v.contains('+'))
}

/// `The_parser_expected_to_find_a_token_1007`, `btn-primary-lg`: three or more segments, nearly
/// all plain words. Random tokens have one separator in ~32 chars and letters mixed with digits.
fn is_word_slug(v: &str) -> bool {
    let segments: Vec<&str> = v.split(['_', '-', '.']).filter(|s| !s.is_empty()).collect();
    let wordy = segments
        .iter()
        .filter(|s| {
            s.bytes().all(|b| b.is_ascii_alphabetic()) || (s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        })
        .count();
    segments.len() >= 3 && wordy * 4 >= segments.len() * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert!(is_placeholder("AKIAIOSFODNN7EXAMPLE"));
        assert!(is_placeholder("your-api-key-here"));
        assert!(is_placeholder("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"));
        assert!(is_placeholder("sk_live_000000000000000000000000"));
        assert!(!is_placeholder("AAAAAAAAAAAAAAAAAAAAAFnz2wAAAAAAkT0k3Lq8vZ2m9Xw4rT7yU1oP5sD8fG3hJ6kL0zC4vB7nM2qW5eR8tY1uI4oP7aS0dF3gH6jK9lZ2xC5vB8nM"));
        assert!(is_placeholder("sk_test_4eC39HqLyjWDarjtT1zdp7dc"));
        assert!(!is_placeholder("sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk"));
    }

    #[test]
    fn entropy_orders_randomness() {
        assert!(entropy("aaaaaaaa") < 0.1);
        assert!(entropy("k3Jd9qLm2Xv8Rt5W") > 3.5);
    }

    #[test]
    fn benign_shapes() {
        assert!(is_benign_shape("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        assert!(is_benign_shape("123e4567-e89b-12d3-a456-426614174000"));
        assert!(is_benign_shape("handleSubmitButtonClick"));
        assert!(is_benign_shape("sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC"));
        assert!(is_benign_shape("assets/logo-4f2a9c.png"));
        assert!(is_benign_shape("The_parser_expected_to_find_a_1_to_match_the_0_token_here_1007"));
        assert!(is_benign_shape("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"), "an Ethereum address");
        assert!(!is_benign_shape("q8Zr3LmX_9vT2pK7wN4-bY6sJd"));
        assert!(!is_benign_shape("q8Zr3LmX9vT2pK7wN4bY6sJd"));
    }
}
