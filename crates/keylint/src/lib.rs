//! keylint's engine: finds hardcoded secrets in JavaScript and TypeScript the way an engine
//! reads them. No I/O and no printing: the CLI, the wasm package and the language server call
//! [`scan`] and present its [`ScanResult`] their own way.
//!
//! # The flow
//!
//! Data flows one way, and each stage is a folder that imports only from the stages before it
//! and from the shared types ([`Candidate`], [`LineIndex`]):
//!
//! 1. `input/`: what kind of file it is and what it holds. Plain text (`text`), the scripts
//!    and attributes of an HTML page (`html`), JSON documents and `data:` URLs found inside
//!    strings (`json`, `data_url`), named values in text inside strings and comments
//!    (`names`), and the embedded sources of a source map (`source_map`),
//!    which the pipeline scans as the files they were.
//! 2. `js/`: JavaScript and TypeScript. `parse` builds the AST (with a depth limit), `extract`
//!    walks it into candidates with the names around each value, `fold` evaluates how code
//!    builds a string (concatenation, templates, `atob`, `String.fromCharCode`, joins),
//!    `comments` gives a script's comments. The prefilter (`prefilter/`, a planner over the
//!    tokens of `tokens`, the one JavaScript tokenizer, which blanks blocks no rule could
//!    report) spares the parser most of a bundle; what it needs from detection is passed in.
//! 3. `rules/`: the catalogue, compiled once ([`RuleSet`]).
//! 4. `detect/`: runs the rules over candidates and classifies each match (`filters` drops
//!    placeholders and documentation values; `env` finds `--env-file` values).
//! 5. `finding/`: what users see ([`Finding`]), redaction and fingerprints, inline ignores, and
//!    `original`, which maps a finding in a built file back through its source map.
//! 6. `pipeline/`: [`scan`], which runs the stages in order for one file (`read` chooses how
//!    to read it) and applies the user's [`Policy`].
//!
//! A [`Config`] is the engine's settings ([`EngineSettings`]: rules, depth limit, prefilter,
//! server values) plus the user's policy ([`Policy`]: disabled rules, severities, allow lists,
//! inline ignores, whether to show secrets), read from `keylint.toml` by [`Config::from_toml`].
#![deny(missing_docs)]

mod candidate;
mod config;
mod detect;
pub mod finding;
mod hosts;
mod input;
mod js;
mod line_index;
mod note;
mod pipeline;
pub mod rules;

pub use candidate::{Candidate, Context, Form};
pub use config::{Allow, Config, ConfigError, ConfigFile, EngineSettings, Policy, DEFAULT_PREFILTER_MIN_BYTES};
pub use finding::{Finding, OriginalLocation, ScanResult};
pub use js::extract::PUBLIC_ENV_PREFIXES;
pub use js::parse::DEFAULT_MAX_DEPTH;
pub use line_index::{LineIndex, Position};
pub use note::{Note, NoteKind};
pub use pipeline::{scan, source_tree};
pub use rules::{Class, Rule, RuleSet, RuleSpec, Severity};

/// Server-only values from an env file (`--env-file`), reported wherever they reach the output.
pub mod env {
    pub use crate::detect::env::{parse_env_file, ServerValue};
}

/// Where a finding in a built file came from, through the file's source map.
pub mod original {
    pub use crate::finding::original::{add_original_locations, map_reference, MapReference};
}

/// The engine's inside, for its own tests (`tests/extract.rs` snapshots what the reader makes
/// of each fixture). Not part of the API: it changes with the engine.
#[doc(hidden)]
pub mod internals {
    pub use crate::pipeline::{read_candidates, ReadSource};
}
