//! Key material: a string a sink (`js::sinks`) uses as the key of an HMAC, a cipher or a JWT
//! signature is reported by the call, named or not, when no rule reported it already.

use crate::candidate::Candidate;
use crate::candidate::Sink;
use crate::detect::filters;

/// The id of the engine-made finding for key material (`rules/special/key-material.toml`).
pub const KEY_MATERIAL_RULE: &str = "key-material";

/// Whether a value at a key-material sink is a key worth reporting: long enough to be one, one
/// token (no spaces: `"Bitcoin seed"`, the fixed HMAC key of BIP32, is a label), varied enough
/// not to be a word, and not a stand-in.
pub fn is_key_material(value: &str) -> bool {
    let len = value.chars().count();
    (16..=1024).contains(&len)
        && !value.chars().any(char::is_whitespace)
        && filters::entropy(value) >= 3.3
        && !filters::is_placeholder(value)
}

/// Candidates a key-material sink received that no rule reported: `(candidate, place)`, each
/// place once. `reported` holds the places rules already report (a specific rule's finding says
/// more than this one).
pub fn key_material(
    candidates: &[Candidate],
    reported: &[std::ops::Range<usize>],
    source: &str,
) -> Vec<(usize, std::ops::Range<usize>)> {
    let mut out: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for (ci, cand) in candidates.iter().enumerate() {
        if cand.context.sink != Some(Sink::KeyMaterial) || !is_key_material(&cand.value) {
            continue;
        }
        let span = match cand.verbatim_at {
            Some(at) => at..at + cand.value.len(),
            None => source
                .get(cand.span.clone())
                .and_then(|t| t.find(cand.value.as_str()))
                .map_or(cand.span.clone(), |o| cand.span.start + o..cand.span.start + o + cand.value.len()),
        };
        let overlaps = |r: &std::ops::Range<usize>| r.start < span.end && span.start < r.end;
        if reported.iter().any(overlaps) || out.iter().any(|(_, r)| overlaps(r)) {
            continue;
        }
        out.push((ci, span));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_material_is_one_varied_token() {
        assert!(is_key_material("Zq82liYL5Ebo9xR3mW7tKp4Vn6Hs"));
        assert!(!is_key_material("Bitcoin seed"), "a label with a space");
        assert!(!is_key_material("short1A"), "too short");
        assert!(!is_key_material("aaaaaaaaaaaaaaaaaaaaaaaa"), "no entropy");
    }
}
