//! `--env-file`: values of server-only variables that reached the output. The most precise
//! check there is: no pattern guesses, the user says what the secrets are.

use crate::candidate::Candidate;
use crate::js::extract::PUBLIC_ENV_PREFIXES;
use std::ops::Range;

/// A server-only variable from an env file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerValue {
    /// The variable's name (`STRIPE_SECRET_KEY`).
    pub name: String,
    /// Its value: reported wherever it appears in a scanned file.
    pub value: String,
}

/// Names that configure a runtime rather than hold a secret.
const NOT_SECRET_NAMES: &[&str] = &[
    "NODE_ENV",
    "PORT",
    "HOST",
    "HOSTNAME",
    "TZ",
    "LANG",
    "LOG_LEVEL",
    "DEBUG",
    "CI",
    "PATH",
    "HOME",
    "USER",
    "SHELL",
];

/// The server-only, secret-looking values of a dotenv text (`KEY=value`, `export KEY="v"`,
/// comments and blank lines ignored).
pub fn parse_env_file(text: &str) -> Vec<ServerValue> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            let line = line.strip_prefix("export ").unwrap_or(line);
            if line.starts_with('#') {
                return None;
            }
            let (name, value) = line.split_once('=')?;
            let name = name.trim();
            let value = value.trim();
            // A quoted value runs to its closing quote; an unquoted one to a ` #` comment.
            let value = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
                _ => value.split(" #").next().unwrap_or(value).trim(),
            };
            let public = PUBLIC_ENV_PREFIXES.iter().any(|p| name.starts_with(p));
            let worth_it = value.len() >= 8
                && super::filters::entropy(value) >= 2.5
                && !value.bytes().all(|b| b.is_ascii_digit())
                && !matches!(value.to_ascii_lowercase().as_str(), "true" | "false" | "production" | "development");
            (!public && worth_it && !NOT_SECRET_NAMES.contains(&name) && !name.is_empty())
                .then(|| ServerValue { name: name.to_string(), value: value.to_string() })
        })
        .collect()
}

/// Where each server value appears in the candidates (folded strings included), as
/// (value index, candidate index, span in the source).
pub fn find(source: &str, candidates: &[Candidate], values: &[ServerValue]) -> Vec<(usize, usize, Range<usize>)> {
    let mut out = Vec::new();
    for (vi, v) in values.iter().enumerate() {
        for (ci, c) in candidates.iter().enumerate() {
            let Some(at) = c.value.find(&v.value) else { continue };
            let span = match c.verbatim_at {
                Some(base) => base + at..base + at + v.value.len(),
                None => source
                    .get(c.span.clone())
                    .and_then(|t| t.find(&v.value))
                    .map_or(c.span.clone(), |o| c.span.start + o..c.span.start + o + v.value.len()),
            };
            out.push((vi, ci, span));
        }
    }
    out.sort_by_key(|(vi, _, span)| (*vi, span.start, span.end));
    out.dedup_by(|b, a| a.0 == b.0 && a.2 == b.2);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_server_only_values() {
        let text = "# comment\nVITE_PUBLIC_KEY=pk_live_abcdefghijk\nSTRIPE_SECRET=\"sk_live_9f8e7d6c5b4a\"\nNODE_ENV=production\nPORT=3000\nexport DB_PASS='n7Qe2pLx9Wz' # prod\nEMPTY=\n";
        let got: Vec<_> = parse_env_file(text).into_iter().map(|v| (v.name, v.value)).collect();
        assert_eq!(
            got,
            [
                ("STRIPE_SECRET".to_string(), "sk_live_9f8e7d6c5b4a".to_string()),
                ("DB_PASS".into(), "n7Qe2pLx9Wz".into())
            ]
        );
    }
}
