//! Reading a file into candidates, by what kind of file it is. All spans are byte offsets in
//! the whole file, whatever part of it (an inline script, a BOM-less body) was parsed.

use crate::candidate::{Candidate, Form};
use crate::config::EngineSettings;
use crate::input::html::{self, RegionKind, Script};
use crate::input::{data_url, json, names, text};
use crate::js::extract;
use crate::js::parse::{self, Language, ParseFailure};
use crate::js::prefilter::{self, HotNames};
use crate::line_index::LineIndex;
use foldhash::{HashMap, HashMapExt};

/// What the prefilter needs from detection, given by the pipeline: reading comes before
/// detection and does not import it.
pub trait CouldDetect {
    /// A test for the values of `code`: whether one could give a detection somewhere in it
    /// (context gates relaxed to "the rule's words occur in `code`").
    fn in_code<'s>(&'s self, code: &str) -> Box<dyn FnMut(&str) -> bool + 's>;
}

/// The candidates of a file, by its kind; `notes` gets what the user should know about how it
/// was read, `skipped` the bytes the prefilter spared the parser.
pub fn candidates(
    source: &str,
    path: &str,
    config: &EngineSettings,
    detector: &dyn CouldDetect,
    index: &LineIndex,
    notes: &mut Vec<crate::note::Note>,
    skipped: &mut usize,
) -> Vec<Candidate> {
    // A byte-order mark is not part of the program.
    let base = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &source[base..];
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") {
        return html_candidates(body, base, path, config, index, notes);
    }
    match Language::from_path(path) {
        Some(lang) => {
            let mut found = match prefiltered_candidates(body, lang, config, detector, skipped) {
                Ok(found) => shifted(found, base),
                Err(max_depth) => code_candidates(body, base, lang, path, max_depth, index, notes),
            };
            // From the raw text, whatever the prefilter blanked: the same comments either way.
            found.extend(comment_candidates(body, base, lang));
            found
        }
        None => {
            // JSON values of `NAME={…}` lines first: where both readings find a key, the
            // first (with the JSON's keys around it) is kept.
            let mut found = crate::js::env_json::candidates(body, config.max_depth);
            found.extend(text::candidates(body));
            shifted(found, base)
        }
    }
}

/// Candidates of code at `offset` in the file: through its AST, or as text (with a note) when
/// it does not parse.
fn code_candidates(
    code: &str,
    offset: usize,
    lang: Language,
    path: &str,
    max_depth: usize,
    index: &LineIndex,
    notes: &mut Vec<crate::note::Note>,
) -> Vec<Candidate> {
    let read = |program: &_, recovered: &[usize]| {
        let mut found = extract::extract(program, code);
        // What the parser recovered from, it may have dropped: around each such error, its line
        // is also read as text (detection keeps the AST's reading where both find a key).
        for line in recovered_lines(code, recovered) {
            found.extend(shifted(text::candidates(&code[line.clone()]), line.start));
        }
        found
    };
    match parse::with_program(code, lang, max_depth, read) {
        Ok(mut found) => {
            if lang == Language::Json {
                // Every string of a JSON document is data with its key path as context.
                found.iter_mut().filter(|c| c.form == Form::Literal).for_each(|c| c.form = Form::Json);
            }
            shifted(found, offset)
        }
        Err(failure) => {
            notes.push(fallback_note(path, &failure, index, offset));
            shifted(text::candidates(code), offset)
        }
    }
}

/// Candidates of a script parsed with its cold blocks blanked (see `prefilter`), when the
/// prefilter applies and the parse confirms the lexer; `Err` sends the caller to a full parse,
/// with the depth limit it should check (none when the depth was measured here). Only plain
/// JavaScript (what bundles are): TypeScript's `<T>` and JSX defeat a byte lexer, and inline
/// scripts take context from their page.
fn prefiltered_candidates(
    code: &str,
    lang: Language,
    config: &EngineSettings,
    detector: &dyn CouldDetect,
    skipped: &mut usize,
) -> Result<Vec<Candidate>, usize> {
    if config.prefilter.is_none_or(|min| code.len() < min)
        || lang != Language::JavaScript
        || !config.server_values.is_empty()
    {
        return Err(config.max_depth);
    }
    // A file too deep for the parser is read as text whatever the prefilter would skip (the
    // full parse measures again, for its note).
    if parse::estimate_depth(code.as_bytes()) > config.max_depth {
        return Err(config.max_depth);
    }
    blanked_candidates(code, lang, detector, skipped).ok_or(usize::MAX)
}

/// The prefilter's plan, the parse of the blanked code and its extraction; `None` when the
/// lexer or the parser cannot vouch for the result.
fn blanked_candidates(
    code: &str,
    lang: Language,
    detector: &dyn CouldDetect,
    skipped: &mut usize,
) -> Option<Vec<Candidate>> {
    let mut could_detect = detector.in_code(code);
    // Bundles repeat their strings (names, messages, keys): judge each once.
    let mut judged: HashMap<String, bool> = HashMap::new();
    let sinks_here = crate::js::sinks::file_may_call_a_sink(code);
    let mut is_hot = |value: &str| {
        if sinks_here && crate::js::sinks::is_sink_argument(value) {
            return true;
        }
        if value.len() < extract::MIN_VALUE_LEN {
            return false;
        }
        if let Some(&verdict) = judged.get(value) {
            return verdict;
        }
        let mut hot = |value: &str| {
            could_detect(value)
                || json::string_values(value).iter().any(|v| could_detect(v))
                || names::string_values(value).iter().any(|v| could_detect(v))
        };
        let verdict = hot(value)
            || data_url::text(value).is_some_and(|text| hot(&text))
            || (sinks_here && crate::detect::key_material::is_key_material(value));
        judged.insert(value.to_string(), verdict);
        verdict
    };
    let mut plan = prefilter::plan(code, &mut is_hot, &HotNames::new([]), &HotNames::new([]), None)?;
    if plan.blanks.is_empty() {
        return None;
    }
    // Constants fold wherever they are used, and a use in a nested scope can disqualify one:
    // the lexer noted every top-level name declared with something that could fold (a
    // superset of the constants). A second pass keeps every block and statement that mentions
    // one; for a name the lexer also saw bound in a nested scope (not a constant), it keeps
    // just those bindings, so that the parse sees what disqualifies it.
    let (bound, names): (Vec<String>, Vec<String>) = std::mem::take(&mut plan.const_candidates)
        .into_iter()
        .partition(|n| plan.bound_in_nested.contains(n.as_bytes()));
    if !names.is_empty() || !bound.is_empty() {
        let names = HotNames::new(names.iter().map(String::as_str));
        let bound = HotNames::new(bound.iter().map(String::as_str));
        plan = prefilter::plan(code, &mut is_hot, &names, &bound, Some(&plan.verdicts))?;
        if plan.blanks.is_empty() {
            return None;
        }
    }
    // What the lexer needed is not needed by the parse: free it before the AST is built.
    drop(judged);
    plan.verdicts = Vec::new();
    let blanked = plan.apply(code);
    // Blanking only removes nesting: the depth checked above bounds this parse too.
    let found = parse::with_program(&blanked, lang, usize::MAX, |program, recovered| {
        // The lexer and the parser must agree on every literal left: then they agreed on
        // where each blanked block began and ended. A recovered error is the full parse's.
        if !recovered.is_empty() || prefilter::parsed_literal_starts(program) != plan.literal_starts {
            return None;
        }
        // Every use of a constant outside a member access was kept hot by the second plan.
        Some(extract::extract(program, &blanked))
    })
    .ok()??;
    *skipped += plan.blanked_bytes();
    Some(found)
}

/// The comments of a script at `offset` in the file (JSON has none), form `comment`.
fn comment_candidates(code: &str, offset: usize, lang: Language) -> Vec<Candidate> {
    let mut out = Vec::new();
    if lang != Language::Json {
        for range in crate::js::comments::ranges(code) {
            names::comment_candidates(code, range, &mut out);
        }
    }
    shifted(out, offset)
}

/// Around each offset in `errors`: its line (byte ranges, without the line end), cut to a
/// window on a long minified line, where the rest of the line is the AST's to judge.
fn recovered_lines(code: &str, errors: &[usize]) -> Vec<std::ops::Range<usize>> {
    // What the parser drops starts at the error; a name before it gives its context.
    const BEFORE: usize = 256;
    const AFTER: usize = 4096;
    let floor = crate::line_index::floor_char_boundary;
    let mut lines: Vec<std::ops::Range<usize>> = errors
        .iter()
        .map(|&at| {
            let at = floor(code, at.min(code.len()));
            let from = floor(code, at.saturating_sub(BEFORE));
            let to = floor(code, (at + AFTER).min(code.len()));
            let start = code[from..at].rfind(['\n', '\r']).map_or(from, |i| from + i + 1);
            let end = code[at..to].find(['\n', '\r']).map_or(to, |i| at + i);
            start..end
        })
        .collect();
    lines.sort_by_key(|l| l.start);
    lines.dedup();
    lines
}

/// Inline scripts, JSON payloads, handlers and attribute values, then the page as text (for
/// keys in text nodes or comments); detection keeps the structured reading where both agree.
fn html_candidates(
    page: &str,
    base: usize,
    path: &str,
    config: &EngineSettings,
    index: &LineIndex,
    notes: &mut Vec<crate::note::Note>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for region in html::regions(page) {
        let offset = base + region.offset;
        match region.kind {
            RegionKind::Code(script) => {
                let lang = match script {
                    Script::JavaScript => Language::JavaScript,
                    Script::Json => Language::Json,
                };
                let mut found = code_candidates(region.text, offset, lang, path, config.max_depth, index, notes);
                found.extend(comment_candidates(region.text, offset, lang));
                for c in &mut found {
                    if matches!(c.form, Form::Literal | Form::Template | Form::Text) && lang != Language::Json {
                        c.form = Form::HtmlScript;
                    }
                    if c.context.name.is_none() && c.context.callee.is_none() {
                        c.context = region.context.clone();
                    }
                }
                out.extend(found);
            }
            RegionKind::Value => {
                let value = decode_entities(region.text);
                let verbatim_at = (value == region.text).then_some(offset);
                out.push(Candidate {
                    value,
                    span: offset..offset + region.text.len(),
                    verbatim_at,
                    form: Form::Literal,
                    context: region.context,
                    via_const: false,
                });
            }
        }
    }
    for range in names::html_comment_ranges(page) {
        let mut comments = Vec::new();
        names::comment_candidates(page, range, &mut comments);
        out.extend(shifted(comments, base));
    }
    out.extend(shifted(text::candidates(page), base));
    out
}

/// The few entities that appear inside attribute values holding keys or URLs.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
}

fn shifted(mut candidates: Vec<Candidate>, by: usize) -> Vec<Candidate> {
    if by > 0 {
        for c in &mut candidates {
            c.span = c.span.start + by..c.span.end + by;
            c.verbatim_at = c.verbatim_at.map(|v| v + by);
        }
    }
    candidates
}

fn fallback_note(path: &str, failure: &ParseFailure, index: &LineIndex, offset: usize) -> crate::note::Note {
    use crate::note::{Note, NoteKind};
    match failure {
        ParseFailure::Syntax { offset: at, message } => {
            let p = index.position(at + offset);
            let mut note = Note::new(NoteKind::SyntaxErrorTextFallback, path, message.as_str());
            (note.line, note.column) = (Some(p.line), Some(p.column));
            note
        }
        ParseFailure::Internal { message } => Note::new(NoteKind::ParserFailedTextFallback, path, message.as_str()),
        ParseFailure::TooDeep { depth, limit } => {
            Note::new(NoteKind::TooDeepTextFallback, path, format!("nesting about {depth} levels deep (limit {limit})"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::recovered_lines;

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one range each, as the function returns them
    fn recovered_errors_are_read_around_them_on_their_line() {
        let code = "a = 1;\nb = \"x\" \"y\";\nc = 3;";
        assert_eq!(recovered_lines(code, &[11, 12]), [7..19], "one line, once");
        // On a long minified line, a window: the rest of the line is the AST's.
        let long = format!("{}ERR{}", "x".repeat(10_000), "y".repeat(10_000));
        assert_eq!(recovered_lines(&long, &[10_000]), [10_000 - 256..10_000 + 4096]);
        // Offsets past the end or inside a character do not panic.
        assert_eq!(recovered_lines("é", &[1, 99]), [0..2]);
    }
}
