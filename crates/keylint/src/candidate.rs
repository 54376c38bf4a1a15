//! What extraction hands to detection: a string the program can build, where it sits, how it
//! was built and the names around it.

use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::Arc;

/// How a value was built, as the report's `form` field says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Form {
    /// A string literal as written.
    Literal,
    /// A template literal whose parts are all known.
    Template,
    /// Concatenated pieces (`"sk_" + "live_…"`, `.concat(…)`).
    Concat,
    /// Decoded base64 (`atob("…")`, `Buffer.from("…", "base64")`).
    Base64,
    /// Character codes (`String.fromCharCode(…)`).
    CharCodes,
    /// An array of pieces joined (`["sk", "live"].join("_")`).
    ArrayJoin,
    /// A value inside a JSON document (a `.json` file or JSON inside a string).
    Json,
    /// A value a bundler inlined for `process.env.X` / `import.meta.env.X`.
    EnvInline,
    /// A value in an HTML page's inline script.
    HtmlScript,
    /// A value in a source map's embedded sources.
    SourceMap,
    /// Read as plain text (no AST: a file that does not parse, or not code).
    Text,
    /// A named value inside a string's text: config lines, a shell command or code shipped
    /// as a string (`"STRIPE_KEY=sk_live_…\nDEBUG=1"`).
    TextInString,
    /// In a comment: line, block, JSDoc, a license banner, an HTML comment.
    Comment,
}

impl Form {
    /// The name the report uses (`"array-join"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Literal => "literal",
            Form::Template => "template",
            Form::Concat => "concat",
            Form::Base64 => "base64",
            Form::CharCodes => "char-codes",
            Form::ArrayJoin => "array-join",
            Form::Json => "json",
            Form::EnvInline => "env-inline",
            Form::HtmlScript => "html-script",
            Form::SourceMap => "source-map",
            Form::Text => "text",
            Form::TextInString => "text-in-string",
            Form::Comment => "comment",
        }
    }

    /// Words for a message: "a string built by concatenation".
    pub fn describe(self) -> &'static str {
        match self {
            Form::Literal => "a string literal",
            Form::Template => "a template literal",
            Form::Concat => "a string built by concatenation",
            Form::Base64 => "a base64-encoded string",
            Form::CharCodes => "a string built from character codes",
            Form::ArrayJoin => "a string joined from an array",
            Form::Json => "a JSON string",
            Form::EnvInline => "an environment variable inlined by the bundler",
            Form::HtmlScript => "an inline script",
            Form::SourceMap => "a source map's embedded source",
            Form::Text => "the file's text",
            Form::TextInString => "text inside a string",
            Form::Comment => "a comment",
        }
    }
}

/// The names around a value in the program. Raw names are kept for the report; `tokens` holds
/// them normalised (lowercase letters and digits only) for rule matching.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// The nearest meaningful name: variable, property key, assignment target, JSX attribute,
    /// header name or env variable.
    pub name: Option<String>,
    /// The function or constructor the value is passed to (`Stripe` for `new Stripe(...)`).
    pub callee: Option<String>,
    /// Keys of the enclosing objects, outermost first.
    pub path: Vec<String>,
    /// Keys of the other properties of the object the value sits in.
    pub siblings: Arc<[String]>,
    /// The URL of the call the value is passed to (`fetch("http://…", { headers })`).
    pub url: Option<String>,
    /// The role of the call the value reaches, when that call tells what it is
    /// (`createHmac(alg, key)`): see the JavaScript stage's `sinks`.
    pub sink: Option<Sink>,
}

impl Context {
    /// A context that only names the value.
    pub fn named(name: impl Into<String>) -> Self {
        Context { name: Some(name.into()), ..Default::default() }
    }

    /// Normalised names that a rule's `context` may match: the value's own name, callee and
    /// enclosing keys. Sibling keys are left out: a neighbour called `secret` says nothing
    /// about this value.
    pub fn own_tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.name.iter().chain(self.callee.iter()).chain(self.path.iter()).map(|s| normalize(s))
    }

    /// All normalised names, siblings included: what `publishable_context` looks at
    /// (a Firebase `apiKey` is recognised by its `authDomain` and `projectId` neighbours).
    pub fn all_tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.own_tokens().chain(self.siblings.iter().map(|s| normalize(s)))
    }

    /// The name to show in a report.
    pub fn display(&self) -> Option<String> {
        match (&self.name, &self.callee) {
            (Some(n), _) => Some(n.clone()),
            (None, Some(c)) => Some(format!("{c}(…)")),
            (None, None) => None,
        }
    }
}

/// Lowercase ASCII letters and digits only: `ALGOLIA_ADMIN_KEY` and `algoliaAdminKey` agree.
pub fn normalize(name: &str) -> String {
    name.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// A string the program can build.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The value, as the program would build it.
    pub value: String,
    /// The bytes of the source that build the value (the literal, the whole concatenation...).
    pub span: Range<usize>,
    /// Where `value` starts verbatim in the source, when it does (a literal without escapes):
    /// findings then point at the secret itself rather than the whole expression.
    pub verbatim_at: Option<usize>,
    /// How the value was built.
    pub form: Form,
    /// The names around it.
    pub context: Context,
    /// Built with a named constant's value: the constant's own declaration is the better place
    /// to report, so detection drops this one when the same secret is found there.
    pub via_const: bool,
}

/// The role a sink gives its argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sink {
    /// The key of an HMAC, a cipher or a signature: whoever has it can sign or decrypt.
    KeyMaterial,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_joins_naming_styles() {
        assert_eq!(normalize("ALGOLIA_ADMIN_KEY"), "algoliaadminkey");
        assert_eq!(normalize("algoliaAdminKey"), "algoliaadminkey");
        assert_eq!(normalize("x-api-key"), "xapikey");
    }

    #[test]
    fn siblings_only_in_all_tokens() {
        let ctx = Context {
            name: Some("apiKey".into()),
            siblings: vec!["authDomain".to_string()].into(),
            ..Default::default()
        };
        assert_eq!(ctx.own_tokens().collect::<Vec<_>>(), ["apikey"]);
        assert_eq!(ctx.all_tokens().collect::<Vec<_>>(), ["apikey", "authdomain"]);
    }
}
