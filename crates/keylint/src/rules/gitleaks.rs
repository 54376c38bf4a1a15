//! gitleaks/betterleaks rule files (`.gitleaks.toml`) read as keylint rules: each `[[rules]]`
//! becomes a custom [`RuleSpec`] that runs on every string keylint builds (so it gains the
//! AST, folding and source maps), and allowlists become [`AllowList`]s the findings pass
//! through. What has no keylint equivalent is reported with its line, never silently dropped.

use super::{Class, Docs, RuleSpec};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A problem in a gitleaks file, naming the file and line (the config turns it into a
/// `ConfigError`: rules come before the config in the data flow).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The file.
    pub origin: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong or not translated.
    pub message: String,
}

/// A translated gitleaks file.
#[derive(Debug, Default)]
pub struct Translation {
    /// The rules that translate.
    pub rules: Vec<RuleSpec>,
    /// Per-rule path conditions (`path` beside a `regex`): rule id → file-path regex.
    pub rule_paths: Vec<(String, Regex)>,
    /// Allowlists, global (`rule: None`) and per rule.
    pub allows: Vec<AllowList>,
    /// Rule ids `[extend] disabledRules` names.
    pub disabled: Vec<String>,
    /// What could not be translated, each naming the file and line.
    pub warnings: Vec<Located>,
}

/// What part of a finding an allowlist's `regexes` are matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllowTarget {
    /// The reported secret (gitleaks' default).
    Secret,
    /// The string the rule ran on: keylint matches rules per string, so gitleaks' `match`
    /// and `line` are both the whole string keylint built.
    Value,
}

/// A gitleaks allowlist: a finding it covers is not reported.
#[derive(Debug, Clone)]
pub struct AllowList {
    /// The rule it belongs to; `None` for a global one.
    pub rule: Option<String>,
    /// `regexes`, matched against `target`.
    pub regexes: Vec<Regex>,
    /// What `regexes` see.
    pub target: AllowTarget,
    /// `paths`: regexes on the file's path.
    pub paths: Vec<Regex>,
    /// `stopwords`, lowercase: a secret containing one is allowed.
    pub stopwords: Vec<String>,
    /// `condition = "AND"`: every kind of check given must match (default: any).
    pub all: bool,
}

impl AllowList {
    /// Whether a finding of `rule` with `secret`, found in string `value` of file `path`, is allowed.
    pub fn allows(&self, rule: &str, secret: &str, value: &str, path: &str) -> bool {
        if self.rule.as_deref().is_some_and(|r| r != rule) {
            return false;
        }
        let target = match self.target {
            AllowTarget::Secret => secret,
            AllowTarget::Value => value,
        };
        let lower = secret.to_ascii_lowercase();
        let checks = [
            (!self.regexes.is_empty()).then(|| self.regexes.iter().any(|re| re.is_match(target))),
            (!self.paths.is_empty()).then(|| self.paths.iter().any(|re| re.is_match(path))),
            (!self.stopwords.is_empty()).then(|| self.stopwords.iter().any(|w| lower.contains(w.as_str()))),
        ];
        let mut given = checks.iter().flatten().peekable();
        if given.peek().is_none() {
            return false;
        }
        if self.all {
            given.all(|&b| b)
        } else {
            given.any(|&b| b)
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct File {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    extend: Option<Spanned<Extend>>,
    #[serde(default)]
    rules: Vec<Spanned<GlRule>>,
    #[serde(default)]
    allowlist: Option<Spanned<GlAllow>>,
    #[serde(default)]
    allowlists: Vec<Spanned<GlAllow>>,
    /// Anything else (`minVersion`, keys of newer versions): reported, not fatal.
    #[serde(flatten)]
    other: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Extend {
    #[serde(default)]
    use_default: bool,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    disabled_rules: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GlRule {
    id: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    regex: Option<Spanned<String>>,
    #[serde(default)]
    secret_group: Option<usize>,
    #[serde(default)]
    entropy: Option<f64>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    path: Option<Spanned<String>>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    allowlist: Option<Spanned<GlAllow>>,
    #[serde(default)]
    allowlists: Vec<Spanned<GlAllow>>,
    #[serde(flatten)]
    other: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct GlAllow {
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    condition: Option<String>,
    #[serde(default)]
    regexes: Vec<Spanned<String>>,
    #[serde(default)]
    regex_target: Option<String>,
    #[serde(default)]
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    commits: Vec<String>,
    #[serde(default)]
    target_rules: Vec<String>,
    #[serde(flatten)]
    other: BTreeMap<String, toml::Value>,
}

/// Whether a config file is a gitleaks/betterleaks one: by name, or by content (`[[rules]]`
/// tables with `regex` keys, which `keylint.toml`'s `[[rule]]` never has).
pub fn is_gitleaks_file(path: &str, text: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    matches!(name, ".gitleaks.toml" | "gitleaks.toml" | ".betterleaks.toml" | "betterleaks.toml")
        || (text.lines().any(|l| l.trim() == "[[rules]]") && text.lines().any(|l| l.trim_start().starts_with("regex")))
}

/// How deep `[extend] path` may chain: a cycle must end in an error, not a stack overflow.
const MAX_EXTEND_DEPTH: usize = 8;

/// Translates a gitleaks file. `read` gives the text of a file `[extend] path` names (resolved
/// against `origin`'s folder); `builtin_ids` are ids a translated rule must not take.
pub fn translate(
    text: &str,
    origin: &str,
    read: &mut dyn FnMut(&str) -> Result<String, String>,
    builtin_ids: &dyn Fn(&str) -> bool,
) -> Result<Translation, Located> {
    let mut out = Translation::default();
    translate_into(text, origin, read, builtin_ids, &mut out, 0)?;
    Ok(out)
}

fn translate_into(
    text: &str,
    origin: &str,
    read: &mut dyn FnMut(&str) -> Result<String, String>,
    builtin_ids: &dyn Fn(&str) -> bool,
    out: &mut Translation,
    depth: usize,
) -> Result<(), Located> {
    let at = |offset: usize| Some(line_of(text, offset));
    let file: File = toml::from_str(text).map_err(|e| Located {
        origin: origin.to_string(),
        line: e.span().map(|s| line_of(text, s.start)),
        message: format!("gitleaks config: {}", e.message()),
    })?;
    let mut warn = |line: Option<usize>, message: String| {
        out.warnings.push(Located { origin: origin.to_string(), line, message });
    };
    for key in file.other.keys() {
        warn(key_line(text, 0, key), format!("`{key}` is not a gitleaks key keylint knows: ignored"));
    }
    let provider = file.title.clone().unwrap_or_else(|| "gitleaks config".to_string());
    let mut disabled = Vec::new();
    if let Some(extend) = &file.extend {
        let line = at(extend.span().start);
        // keylint's own catalogue is always on, so `useDefault` needs nothing: it is the
        // equivalent of gitleaks' default rules.
        let _ = extend.get_ref().use_default;
        if let Some(path) = &extend.get_ref().path {
            if depth >= MAX_EXTEND_DEPTH {
                return Err(Located {
                    origin: origin.to_string(),
                    line,
                    message: format!("[extend] path: more than {MAX_EXTEND_DEPTH} files deep (a cycle?)"),
                });
            }
            let full = relative_to(origin, path);
            let inner = read(&full).map_err(|e| Located { origin: origin.to_string(), line, message: e })?;
            translate_into(&inner, &full, read, builtin_ids, out, depth + 1)?;
        }
        disabled.extend(extend.get_ref().disabled_rules.iter().cloned());
    }
    let mut warn = |line: Option<usize>, message: String| {
        out.warnings.push(Located { origin: origin.to_string(), line, message });
    };
    let mut allows = Vec::new();
    for list in file.allowlist.iter().chain(&file.allowlists) {
        if let Some(a) = allow_list(list, None, text, &mut warn) {
            allows.push(a);
        }
    }
    let mut rules = Vec::new();
    let mut rule_paths = Vec::new();
    for spanned in &file.rules {
        let rule_line = key_line(text, spanned.span().start, "id").or(at(spanned.span().start));
        let r = spanned.get_ref();
        for key in r.other.keys() {
            warn(
                key_line(text, spanned.span().start, key),
                format!("rule `{}`: `{key}` has no keylint equivalent: ignored", r.id),
            );
        }
        let id = kebab(&r.id);
        let id = if builtin_ids(&id) { format!("gitleaks-{id}") } else { id };
        let Some(regex) = &r.regex else {
            warn(
                rule_line,
                format!(
                    "rule `{}` not translated: it has only `path` (it reports files by name); keylint's file \
                     rules take globs, not regexes",
                    r.id
                ),
            );
            continue;
        };
        let regex_line = at(regex.span().start);
        let pattern = match secret_pattern(&go_to_rust(regex.get_ref()), r.secret_group) {
            Ok(p) => p,
            Err(why) => {
                warn(regex_line, format!("rule `{}` not translated: {why}", r.id));
                continue;
            }
        };
        if let Err(e) = super::build_pattern(&pattern) {
            let first = e.to_string().lines().last().unwrap_or("").trim().to_string();
            warn(regex_line, format!("rule `{}` not translated: its regex is not valid for keylint: {first}", r.id));
            continue;
        }
        let keywords: Vec<String> =
            r.keywords.iter().map(|k| k.to_ascii_lowercase()).filter(|k| !k.is_empty()).collect();
        if keywords.is_empty() {
            warn(
                rule_line,
                format!(
                    "rule `{}` not translated: it has no `keywords`, and keylint runs a custom rule only on \
                     strings holding one",
                    r.id
                ),
            );
            continue;
        }
        if let Some(k) = keywords.iter().find(|k| !k.is_ascii()) {
            warn(rule_line, format!("rule `{}` not translated: keyword {k:?} is not ASCII", r.id));
            continue;
        }
        if let Some(path) = &r.path {
            match Regex::new(path.get_ref()) {
                Ok(re) => rule_paths.push((id.clone(), re)),
                Err(_) => {
                    warn(at(path.span().start), format!("rule `{}` not translated: invalid `path` regex", r.id));
                    continue;
                }
            }
        }
        for list in r.allowlist.iter().chain(&r.allowlists) {
            if let Some(a) = allow_list(list, Some(&id), text, &mut warn) {
                allows.push(a);
            }
        }
        let tags: Vec<String> = r.tags.iter().map(|t| t.to_ascii_lowercase()).collect();
        let has = |words: &[&str]| tags.iter().any(|t| words.contains(&t.as_str()));
        let class = if has(&["publishable", "public"]) {
            Class::Publishable
        } else if has(&["test", "low-confidence"]) {
            Class::Test
        } else {
            Class::Secret
        };
        let family = tags
            .iter()
            .find_map(|t| t.strip_prefix("family:").or_else(|| t.strip_prefix("family=")))
            .map(kebab)
            .unwrap_or_else(|| "custom".to_string());
        let description = r.description.clone().unwrap_or_else(|| r.id.clone());
        rules.push(RuleSpec {
            id,
            title: description.clone(),
            provider: provider.clone(),
            family,
            class,
            keywords,
            pattern,
            context: Vec::new(),
            publishable_context: Vec::new(),
            min_entropy: r.entropy.filter(|e| *e > 0.0),
            validator: None,
            fallback: false,
            files: Vec::new(),
            publishable_value: None,
            hosts: Vec::new(),
            docs: Docs {
                what: description,
                why: format!("A rule of the gitleaks config {origin}."),
                fix: "Remove the value from the code that ships and rotate it.".into(),
                url: String::new(),
                impact: None,
            },
            tp: Vec::new(),
            fp: Vec::new(),
        });
    }
    // `[extend] disabledRules` names rules of the base config: drop the translated ones; the
    // others name gitleaks' default rules, which keylint does not have under those ids.
    for d in &disabled {
        let id = kebab(d);
        let before = out.rules.len();
        out.rules.retain(|r| r.id != id && r.id != format!("gitleaks-{id}"));
        if out.rules.len() == before {
            out.disabled.push(id);
        }
    }
    out.rules.extend(rules);
    out.rule_paths.extend(rule_paths);
    out.allows.extend(allows);
    Ok(())
}

fn allow_list(
    list: &Spanned<GlAllow>,
    rule: Option<&str>,
    text: &str,
    warn: &mut dyn FnMut(Option<usize>, String),
) -> Option<AllowList> {
    let at = |offset: usize| Some(line_of(text, offset));
    let line = at(list.span().start);
    let a = list.get_ref();
    let _ = &a.description;
    for key in a.other.keys() {
        warn(key_line(text, list.span().start, key), format!("allowlist: `{key}` has no keylint equivalent: ignored"));
    }
    if !a.commits.is_empty() {
        warn(
            key_line(text, list.span().start, "commits"),
            "allowlist `commits` not applicable: keylint scans files, not git history".into(),
        );
    }
    if !a.target_rules.is_empty() {
        warn(
            key_line(text, list.span().start, "targetRules"),
            "allowlist `targetRules` not translated: the allowlist applies to every rule".into(),
        );
    }
    let target = match a.regex_target.as_deref() {
        None | Some("secret") => AllowTarget::Secret,
        Some("match" | "line") => AllowTarget::Value,
        Some(other) => {
            warn(line, format!("allowlist not translated: unknown regexTarget `{other}`"));
            return None;
        }
    };
    let all = match a.condition.as_deref().map(str::to_ascii_uppercase).as_deref() {
        None | Some("OR") => false,
        Some("AND") => true,
        Some(other) => {
            warn(line, format!("allowlist not translated: unknown condition `{other}`"));
            return None;
        }
    };
    let compile = |list: &[Spanned<String>], warn: &mut dyn FnMut(Option<usize>, String)| -> Option<Vec<Regex>> {
        let mut out = Vec::new();
        for re in list {
            match Regex::new(&go_to_rust(re.get_ref())) {
                Ok(r) => out.push(r),
                Err(_) => {
                    warn(at(re.span().start), format!("allowlist not translated: invalid regex {:?}", re.get_ref()));
                    return None;
                }
            }
        }
        Some(out)
    };
    let regexes = compile(&a.regexes, warn)?;
    let paths = compile(&a.paths, warn)?;
    let list = AllowList {
        rule: rule.map(str::to_string),
        regexes,
        target,
        paths,
        stopwords: a.stopwords.iter().map(|w| w.to_ascii_lowercase()).collect(),
        all,
    };
    if list.regexes.is_empty() && list.paths.is_empty() && list.stopwords.is_empty() {
        if a.commits.is_empty() {
            warn(line, "allowlist has nothing keylint can check: ignored".into());
        }
        return None;
    }
    Some(list)
}

/// The pattern with its secret group named `secret`: group `secret_group` when given, else
/// the only group when there is exactly one (what gitleaks reports), else the whole match.
fn secret_pattern(regex: &str, secret_group: Option<usize>) -> Result<String, String> {
    let groups = capture_groups(regex);
    let wanted = match secret_group {
        Some(0) => None,
        Some(n) if n > groups.len() => {
            return Err(format!("secretGroup {n} but the regex has {} capture groups", groups.len()));
        }
        Some(n) => Some(n),
        None if groups.len() == 1 => Some(1),
        None => None,
    };
    let Some(n) = wanted else { return Ok(regex.to_string()) };
    let (start, len) = groups[n - 1];
    Ok(format!("{}(?P<secret>{}", &regex[..start], &regex[start + len..]))
}

/// A Go RE2 regex in the syntax and meaning of Rust's `regex`: RE2's `\w`, `\d` and `\s` are
/// ASCII (Rust's are Unicode, and their automata grow past the size limit under `(?i)` and
/// `{0,50}`), and RE2 reads a `{` that opens no repetition as a literal (Rust refuses it).
fn go_to_rust(regex: &str) -> String {
    let mut out = String::with_capacity(regex.len() + 16);
    let mut chars = regex.char_indices().peekable();
    let mut in_class = false;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let Some((_, next)) = chars.next() else {
                    out.push(c);
                    break;
                };
                let ascii = match next {
                    'w' => Some("0-9A-Za-z_"),
                    'd' => Some("0-9"),
                    's' => Some("\\t\\n\\x0C\\r "),
                    _ => None,
                };
                match ascii {
                    Some(set) if in_class => out.push_str(set),
                    Some(set) => {
                        out.push('[');
                        out.push_str(set);
                        out.push(']');
                    }
                    None => {
                        out.push(c);
                        out.push(next);
                        // `\p{Greek}`, `\x{263a}`: the braces are the escape's own.
                        if matches!(next, 'p' | 'P' | 'x') && chars.peek().map(|&(_, n)| n) == Some('{') {
                            for (_, b) in chars.by_ref() {
                                out.push(b);
                                if b == '}' {
                                    break;
                                }
                            }
                        }
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // `[^]…]`, `[]…]`: a leading `]` is a literal.
                if chars.peek().map(|&(_, n)| n) == Some('^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek().map(|&(_, n)| n) == Some(']') {
                    out.push_str("\\]");
                    chars.next();
                }
            }
            '[' if regex[i..].starts_with("[:") => {
                let end = regex[i..].find(":]").map_or(1, |e| e + 2);
                out.push_str(&regex[i..i + end]);
                for _ in 1..regex[i..i + end].chars().count() {
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '{' if !in_class && !opens_repetition(&regex[i..]) => out.push_str("\\{"),
            '}' if !in_class && !closes_repetition(&regex[..i]) => out.push_str("\\}"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether `rest` (starting at `{`) is `{n}`, `{n,}` or `{n,m}`.
fn opens_repetition(rest: &str) -> bool {
    rest.find('}').is_some_and(|end| is_repetition_body(&rest[1..end]))
}

/// Whether the `}` after `before` closes a repetition `{…`.
fn closes_repetition(before: &str) -> bool {
    before.rfind('{').is_some_and(|at| is_repetition_body(&before[at + 1..]) && !before[..at].ends_with('\\'))
}

/// `n`, `n,` or `n,m`.
fn is_repetition_body(inner: &str) -> bool {
    let (min, max) = inner.split_once(',').unwrap_or((inner, ""));
    !min.is_empty() && min.bytes().all(|b| b.is_ascii_digit()) && max.bytes().all(|b| b.is_ascii_digit())
}

/// The capturing groups of a regex, in order: each opening's offset and length (`(`,
/// `(?P<name>`, `(?<name>`). Escapes and character classes are skipped.
fn capture_groups(regex: &str) -> Vec<(usize, usize)> {
    let bytes = regex.as_bytes();
    let mut groups = Vec::new();
    let (mut i, mut in_class) = (0, false);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' if !in_class => {
                in_class = true;
                // `[]…]` and `[^]…]`: a leading `]` is a literal.
                if bytes.get(i + 1) == Some(&b'^') {
                    i += 1;
                }
                if bytes.get(i + 1) == Some(&b']') {
                    i += 1;
                }
            }
            b'[' if bytes.get(i + 1) == Some(&b':') => {
                if let Some(end) = regex[i..].find(":]") {
                    i += end + 1;
                }
            }
            b']' if in_class => in_class = false,
            b'(' if !in_class => {
                let rest = &regex[i..];
                if !rest.starts_with("(?") {
                    groups.push((i, 1));
                } else if rest.starts_with("(?P<") || (rest.starts_with("(?<") && !rest.starts_with("(?<=")) {
                    let len = rest.find('>').map_or(1, |e| e + 1);
                    groups.push((i, len));
                }
            }
            _ => {}
        }
        i += 1;
    }
    groups
}

fn kebab(s: &str) -> String {
    let mut id: String =
        s.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    while id.contains("--") {
        id = id.replace("--", "-");
    }
    id.trim_matches('-').to_string()
}

fn relative_to(origin: &str, path: &str) -> String {
    if path.starts_with('/') || origin.rfind(['/', '\\']).is_none() {
        return path.to_string();
    }
    let dir = &origin[..origin.rfind(['/', '\\']).expect("checked")];
    format!("{dir}/{path}")
}

/// The line of `key` at or after `from` (flattened unknown keys carry no span).
fn key_line(text: &str, from: usize, key: &str) -> Option<usize> {
    text.get(from..)?.find(key).map(|at| line_of(text, from + at))
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_group_becomes_the_named_group() {
        assert_eq!(secret_pattern(r"key=(a)([0-9]+)", Some(2)).unwrap(), r"key=(a)(?P<secret>[0-9]+)");
        assert_eq!(secret_pattern(r"[(]x(?:y)(z)", None).unwrap(), r"[(]x(?:y)(?P<secret>z)");
        assert_eq!(secret_pattern(r"(?P<k>a)(b)", Some(1)).unwrap(), r"(?P<secret>a)(b)");
        assert_eq!(secret_pattern(r"(a)(b)", None).unwrap(), r"(a)(b)");
        assert!(secret_pattern(r"(a)", Some(3)).unwrap_err().contains("1 capture groups"));
    }

    #[test]
    fn go_syntax_becomes_rust_syntax() {
        assert_eq!(go_to_rust(r"^\$(?:\d+|{\d+})$"), r"^\$(?:[0-9]+|\{[0-9]+\})$");
        assert_eq!(go_to_rust(r"[\w.-]{0,50}\s"), r"[0-9A-Za-z_.-]{0,50}[\t\n\x0C\r ]");
        assert_eq!(go_to_rust(r"[[:alnum:]]\b\."), r"[[:alnum:]]\b\.");
        assert_eq!(go_to_rust(r"[]{]x{2,}"), r"[\]{]x{2,}");
        for go in [r"^\$(?:\d+|{\d+})$", r"(?i)[\w.-]{0,50}?(?:key)[\s'\x22]{0,3}([a-z0-9]{32})"] {
            assert!(Regex::new(&go_to_rust(go)).is_ok(), "{go}");
        }
        assert!(Regex::new(&go_to_rust(r"\{\{x}}")).unwrap().is_match("{{x}}"));
        assert_eq!(go_to_rust(r"\p{Greek}\x{263a}"), r"\p{Greek}\x{263a}");
    }

    #[test]
    fn allowlist_conditions() {
        let list = |all| AllowList {
            rule: None,
            regexes: vec![Regex::new("^test").unwrap()],
            target: AllowTarget::Secret,
            paths: vec![Regex::new(r"fixtures/").unwrap()],
            stopwords: vec![],
            all,
        };
        assert!(list(false).allows("r", "test123", "", "src/a.js"));
        assert!(!list(true).allows("r", "test123", "", "src/a.js"));
        assert!(list(true).allows("r", "test123", "", "fixtures/a.js"));
        assert!(!list(false).allows("r", "live123", "", "src/a.js"));
    }
}
