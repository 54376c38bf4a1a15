//! Name-aware reading of text: config text, shell snippets and code samples held in a string
//! or written in a comment. Each `NAME=value`, `name: value`, `"name": "value"`,
//! `name = "value"` / `name := "value"`, `export NAME=value`, `-H "Header: value"`,
//! `Authorization: Bearer …`, `-u user:pass` and URL userinfo gives a (name, value, place)
//! pair, which becomes a candidate with the name as its context: `STRIPE_KEY=sk_live_…` in a
//! string is judged as `const STRIPE_KEY = "sk_live_…"` would be.

use crate::candidate::{Candidate, Context, Form};
use regex::Regex;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// A value shorter than this is no key; one longer is data, not a credential (as `text`).
const MIN_VALUE_CHARS: usize = 8;
const MAX_VALUE_CHARS: usize = 512;
/// Strings longer than this are payloads (a bundle inlined in a string), not config text.
const MAX_TEXT_LEN: usize = 1 << 20;
/// Sibling names kept per text: enough to recognise a config, bounded for huge ones.
const MAX_SIBLINGS: usize = 48;

/// A value written with a name in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair<'t> {
    /// The name as written (`STRIPE_KEY`, `Authorization`); for dotted keys the last part.
    pub name: &'t str,
    /// The value without its quotes.
    pub value: &'t str,
    /// Where the value sits in the text.
    pub range: Range<usize>,
}

/// How a pattern's match is named: by its `name` group, or by a fixed name (`-u user:pass`
/// and URL userinfo hold a password; the user part of `-u` is often the key itself).
enum Naming {
    Group,
    Fixed(&'static str),
}

/// Patterns that say a text assigns values to names (the text is config, not prose).
fn assignment_patterns() -> &'static [(Regex, Naming)] {
    static PATTERNS: OnceLock<Vec<(Regex, Naming)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        // Values are matched unbounded and their length checked afterwards (a bounded repeat
        // of a Unicode class compiles to many copies of it; see `text`).
        [
            // `name = "value"`, `name: 'value'`, `"name": "value"`, `name := "value"`,
            // `name => "value"`: a quoted value anywhere (code samples, JSON-ish, TOML, YAML).
            (
                r#"(?-u:\b)(?P<name>[A-Za-z_$][A-Za-z0-9_$.-]{0,63})["']?[ \t]*(?:=|:|=>|:=)[ \t]*["'`](?P<value>[^"'`\s]+)["'`]"#,
                Naming::Group,
            ),
            // `NAME=value`, `name: value`, `export NAME=value` on a line of its own (.env, YAML,
            // INI, properties), also behind a comment's `*`, `//` or `#`, or a YAML `- `. A
            // value never opens with `/`, and a colon is followed by a blank (as YAML wants): neither
            // `https://…` nor `data:…` on its own line is a setting. A comment may close after
            // the value (`/* TOKEN=… */`, `<!-- key: … -->`).
            (
                r#"(?m)^[ \t*/#;!<-]*(?:export[ \t]+|set[ \t]+)?(?P<name>[A-Za-z_][A-Za-z0-9_.-]{0,63})[ \t]*(?:=|:[ \t])[ \t]*(?P<value>[^"'`\s/][^"'`\s]*?)[ \t]*[,;]?[ \t]*(?:\*/|-->)?[ \t]*\r?$"#,
                Naming::Group,
            ),
            // curl's `-H "X-Api-Key: value"`, `--header 'Authorization: Bearer …'`: the
            // header's whole value, as code would hold it in a headers object.
            (
                r#"(?:-H|--header)[ \t]*=?[ \t]*["']?(?P<name>[A-Za-z][A-Za-z0-9_-]{0,63})[ \t]*:[ \t]*(?P<value>[^"'\r\n]+?)[ \t]*(?:["']|\r?$|[ \t]\\?\r?\n)"#,
                Naming::Group,
            ),
            // An `Authorization:` line or key with its scheme (HTTP text, JSON-ish headers).
            (
                r#"(?i)(?P<name>(?:proxy-)?authorization)["']?[ \t]*[:=][ \t]*["']?(?P<value>(?:bearer|basic|token|bot)[ \t]+[A-Za-z0-9._~+/=-]+)"#,
                Naming::Group,
            ),
        ]
        .into_iter()
        .map(|(p, naming)| (Regex::new(p).expect("static regex"), naming))
        .collect()
    })
}

/// Credentials a command passes without a name: curl's `-u user:pass` / `--user=user:pass`
/// (Stripe's docs pass the key as the user).
fn command_patterns() -> &'static [(Regex, Naming)] {
    static PATTERNS: OnceLock<Vec<(Regex, Naming)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        [
            (r#"(?:^|[ \t])(?:-u|--user)[ \t]*=?[ \t]*["']?(?P<value>[^\s:"']+):"#, Naming::Fixed("user")),
            (r#"(?:^|[ \t])(?:-u|--user)[ \t]*=?[ \t]*["']?[^\s:"']+:(?P<value>[^\s"']+)"#, Naming::Fixed("password")),
        ]
        .into_iter()
        .map(|(p, naming)| (Regex::new(p).expect("static regex"), naming))
        .collect()
    })
}

/// `scheme://user:password@host`: read only in text that is config or a command already (a
/// string that is one URL is one value, judged as such).
fn userinfo_pattern() -> &'static [(Regex, Naming)] {
    static PATTERNS: OnceLock<Vec<(Regex, Naming)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = Regex::new(r#"[A-Za-z][A-Za-z0-9+.-]*://[^\s:@/"'`]+:(?P<value>[^\s@/"'`]+)@"#).expect("static regex");
        vec![(re, Naming::Fixed("password"))]
    })
}

/// The named values of `text`, in order of place, each place once. Placeholders
/// (`${VAR}`, `<your-key>`, `{{ key }}`, `$KEY`) are left out; other stand-ins
/// (`xxx`, `changeme`) are detection's to drop, as for code.
pub fn pairs(text: &str) -> Vec<Pair<'_>> {
    if text.len() > MAX_TEXT_LEN || !text.contains(['=', ':']) || is_key_file(text) {
        return Vec::new();
    }
    let mut out = Vec::new();
    collect(text, assignment_patterns(), &mut out);
    collect(text, command_patterns(), &mut out);
    if !out.is_empty() || text.contains('\n') {
        collect(text, userinfo_pattern(), &mut out);
    }
    out.sort_by_key(|p| (p.range.start, p.range.end));
    out.dedup_by(|b, a| a.range == b.range);
    out
}

fn collect<'t>(text: &'t str, patterns: &[(Regex, Naming)], out: &mut Vec<Pair<'t>>) {
    for (re, naming) in patterns {
        for caps in re.captures_iter(text) {
            let value = caps.name("value").expect("group");
            let name = match naming {
                Naming::Group => caps.name("name").expect("group").as_str(),
                Naming::Fixed(name) => name,
            };
            let name = name.rsplit('.').next().unwrap_or(name);
            let chars = value.as_str().chars().count();
            if (MIN_VALUE_CHARS..=MAX_VALUE_CHARS).contains(&chars) && !is_reference(value.as_str()) {
                out.push(Pair { name, value: value.as_str(), range: value.range() });
            }
        }
    }
}

/// A PEM block or a PuTTY key file: its `Name: value` headers (`Private-MAC`, `Proc-Type`)
/// describe the key, which the key rules judge whole.
fn is_key_file(text: &str) -> bool {
    text.contains("-----BEGIN ") || text.contains("PuTTY-User-Key-File-")
}

/// A value that stands for another: a variable, a template slot, a `<your-key>` hole.
fn is_reference(value: &str) -> bool {
    value.starts_with('$')
        || value.contains("${")
        || value.contains("{{")
        || value.contains("%(")
        || (value.starts_with('<') && value.ends_with('>'))
        || (value.starts_with('[') && value.ends_with(']'))
}

/// Pushes the named values of a string's text (config, a command, code shipped as a string),
/// form `text-in-string`. Nothing for a string without names (a string that is one key stays
/// one candidate). The caller pushes them before the string's own candidate for text of
/// several lines (config: the names inside are the better reading) and after it for one line
/// (`"key=AAAA…"` in an `Authorization` header is the header's value): where both readings
/// find the same key at the same place, detection keeps the first. Where the string's value is written verbatim in `source`, each value points
/// at itself; otherwise at its first appearance in the code that builds the string, or at the
/// whole expression.
pub fn expand(cand: &Candidate, source: &str, out: &mut Vec<Candidate>) {
    let found = pairs(&cand.value);
    if found.is_empty() {
        return;
    }
    let siblings: Arc<[String]> = found.iter().take(MAX_SIBLINGS).map(|p| p.name.to_string()).collect();
    let mut path = cand.context.path.clone();
    path.extend(cand.context.name.clone());
    let code = source.get(cand.span.clone()).unwrap_or_default();
    for pair in found {
        let (span, verbatim_at) = match cand.verbatim_at {
            Some(at) => (at + pair.range.start..at + pair.range.end, Some(at + pair.range.start)),
            None => match find_after_name(code, pair.name, pair.value) {
                Some(off) => {
                    let start = cand.span.start + off;
                    (start..start + pair.value.len(), Some(start))
                }
                None => (cand.span.clone(), None),
            },
        };
        out.push(Candidate {
            value: pair.value.to_string(),
            span,
            verbatim_at,
            form: Form::TextInString,
            via_const: cand.via_const,
            context: Context {
                name: Some(pair.name.to_string()),
                callee: cand.context.callee.clone(),
                path: path.clone(),
                siblings: siblings.clone(),
                url: cand.context.url.clone(),
                // A sink received the whole text, not this value inside it.
                sink: None,
            },
        });
    }
}

/// Where `value` is written after `name` in `code` (a literal with escapes: the value itself
/// usually has none).
fn find_after_name(code: &str, name: &str, value: &str) -> Option<usize> {
    let from = code.find(name).map_or(0, |at| at + name.len());
    code[from..].find(value).map(|at| from + at)
}

/// The values of a string's text that [`expand`] would judge: what the prefilter asks about.
pub(crate) fn string_values(value: &str) -> Vec<&str> {
    pairs(value).into_iter().map(|p| p.value).collect()
}

/// Candidates of a comment at `range` of `source` (delimiters included): the whole comment
/// for the rules' own patterns, and its named values. Form `comment`.
pub fn comment_candidates(source: &str, range: Range<usize>, out: &mut Vec<Candidate>) {
    let Some(text) = source.get(range.clone()) else { return };
    if text.len() < MIN_VALUE_CHARS || is_source_map_reference(text) {
        return;
    }
    let found = pairs(text);
    let siblings: Arc<[String]> = found.iter().take(MAX_SIBLINGS).map(|p| p.name.to_string()).collect();
    for pair in found {
        let start = range.start + pair.range.start;
        out.push(Candidate {
            value: pair.value.to_string(),
            span: start..start + pair.value.len(),
            verbatim_at: Some(start),
            form: Form::Comment,
            via_const: false,
            context: Context { name: Some(pair.name.to_string()), siblings: siblings.clone(), ..Default::default() },
        });
    }
    if !may_hold_key(text) {
        return;
    }
    out.push(Candidate {
        value: text.to_string(),
        span: range.clone(),
        verbatim_at: Some(range.start),
        form: Form::Comment,
        via_const: false,
        context: Context::default(),
    });
}

/// `//# sourceMappingURL=…`: a bundler's pointer to its map (often the whole map inline, as
/// base64), no text of the program's; the map is read as a map where it ships.
fn is_source_map_reference(comment: &str) -> bool {
    let body = comment.trim_start_matches(['/', '*']).trim_start();
    ["# sourceMappingURL=", "@ sourceMappingURL=", "# sourceURL=", "@ sourceURL="].iter().any(|p| body.starts_with(p))
}

/// Whether a comment has a word a key could be: 16 or more key characters with a letter and a
/// digit. Prose, JSDoc and license banners (most of a bundle's comments) do not; the rules'
/// patterns need not search them.
fn may_hold_key(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || "_-+/=.:".contains(c)))
        .any(|w| w.len() >= 16 && w.bytes().any(|b| b.is_ascii_digit()) && w.bytes().any(|b| b.is_ascii_alphabetic()))
}

/// The `<!-- … -->` comments of an HTML page (an unclosed one runs to the end).
pub fn html_comment_ranges(page: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = page[at..].find("<!--") {
        let start = at + open;
        let end = page[start + 4..].find("-->").map_or(page.len(), |e| start + 4 + e + 3);
        out.push(start..end);
        at = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(text: &str) -> Vec<(&str, &str)> {
        pairs(text).into_iter().map(|p| (p.name, p.value)).collect()
    }

    #[test]
    fn config_lines_and_quoted_pairs() {
        assert_eq!(
            named("STRIPE_SECRET=sk_live_abcdefgh\nDEBUG=1\nexport API_TOKEN=Zq82liYL5Ebo\n"),
            [("STRIPE_SECRET", "sk_live_abcdefgh"), ("API_TOKEN", "Zq82liYL5Ebo")]
        );
        assert_eq!(named("db:\n  password: Tr4ding!Desk2024,\n"), [("password", "Tr4ding!Desk2024")]);
        assert_eq!(named(r#"{"apiKey": "AIzaSyA-1234567", "n": 1}"#), [("apiKey", "AIzaSyA-1234567")]);
        assert_eq!(named(r#"const apiKey = "abcdefgh12";"#), [("apiKey", "abcdefgh12")]);
        assert_eq!(named(r#"token := "abcdefgh12""#), [("token", "abcdefgh12")]);
        assert_eq!(named("[s3]\naws.secret_key = Zq82liYL5Ebo9xR3mW7t"), [("secret_key", "Zq82liYL5Ebo9xR3mW7t")]);
        assert_eq!(named("/* password: Tr4ding!Desk2024 */"), [("password", "Tr4ding!Desk2024")]);
        assert_eq!(named("<!-- API_TOKEN=Zq82liYL5Ebo9xR3mW7t-->"), [("API_TOKEN", "Zq82liYL5Ebo9xR3mW7t")]);
    }

    #[test]
    fn shell_snippets() {
        let curl = "curl https://api.example.com -H \"Authorization: Bearer abcdefgh12345\" \\\n  --header 'X-Api-Key: k3Jd9qLm2Xv8Rt5W'";
        assert_eq!(named(curl), [("Authorization", "Bearer abcdefgh12345"), ("X-Api-Key", "k3Jd9qLm2Xv8Rt5W")]);
        let user = "curl https://api.stripe.com/v1/charges \\\n  -u sk_live_abcdefgh12:";
        assert_eq!(named(user), [("user", "sk_live_abcdefgh12")]);
        assert_eq!(
            named("x\nDATABASE=postgres://app:Tr4ding!Desk@db:5432/x"),
            [("DATABASE", "postgres://app:Tr4ding!Desk@db:5432/x"), ("password", "Tr4ding!Desk")]
        );
    }

    #[test]
    fn references_and_prose_give_nothing() {
        assert_eq!(named("API_KEY=${STRIPE_KEY}\nTOKEN=<your-api-token>\nSECRET=$SECRET_FROM_CI"), []);
        assert_eq!(named("Password must be at least 12 characters"), []);
        assert_eq!(named("sk_live_abcdefgh12345"), []);
        // A key file's headers describe the key (the key rules read it whole).
        let putty = "PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-MAC: 49cec03cd85ac14e11b9cfac93773bb7";
        assert_eq!(named(putty), []);
        // A URL alone is one value, not config text.
        assert_eq!(named("https://user:Tr4ding!Desk@example.com"), []);
        assert_eq!(named("data:application/json;base64,eyJhcGlLZXkiOiJ9"), []);
    }

    #[test]
    fn only_comments_with_a_key_shaped_word_are_searched_whole() {
        let found = |text: &str| {
            let mut out = Vec::new();
            comment_candidates(text, 0..text.len(), &mut out);
            out.into_iter().map(|c| c.value).collect::<Vec<_>>()
        };
        assert_eq!(found("/*! lib v1.2.3 | (c) 2024 | MIT License */"), Vec::<String>::new());
        assert_eq!(found("// key sk_live_51HqLyjWD"), ["// key sk_live_51HqLyjWD"]);
        assert_eq!(
            found("//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozfQ=="),
            Vec::<String>::new()
        );
    }

    #[test]
    fn html_comments_are_found_unclosed_too() {
        assert_eq!(html_comment_ranges("a<!-- x -->b<!-- y"), [1..11, 12..18]);
    }
}
