//! keylint's report: everything between the engine's findings and the bytes a user reads.
//!
//! - [`Report`]: per-file results summed up (`summary`, `reused`), baselines hidden
//!   ([`Baseline`]) or written ([`write_baseline`]), `--fail-on` ([`Report::fails`]).
//! - [`render`]: the `pretty`, `json`, `sarif` and `github` formats, one file each, to any
//!   `Write`.
//! - [`locate_originals`]: findings in built files located in their sources through source maps
//!   (inline, `sourceMappingURL`, sibling `.map`), with the host reading files ([`MapReader`]).
//! - [`find_config`]: `keylint.toml` in a folder or its parents, with the host reading files.
//! - [`scan()`]: the JS API's `scan(code, options)` on Rust types.
//! - [`api`]: the same on JSON values, for the wasm engine and `keylint serve`.
//! - Shared lists: [`PUBLIC_ENV_PREFIXES`], [`BINARY_EXTENSIONS`].
//!
//! Four hosts call it: the CLI, `keylint serve`, the language server and the wasm engine of the
//! npm package. None of them renders a format of its own, so their bytes agree.
#![deny(missing_docs)]

pub mod api;
mod baseline;
mod config;
mod constants;
mod github;
mod json;
mod locate;
mod model;
mod pretty;
mod render;
mod sarif;
mod scan;

pub use baseline::{write as write_baseline, Baseline, BASELINE_VERSION};
pub use config::{find_config, load_config, FoundConfig, CONFIG_NAME};
pub use constants::{has_binary_extension, BINARY_EXTENSIONS, PUBLIC_ENV_PREFIXES};
pub use keylint::{Note, NoteKind};
pub use locate::{locate_originals, locate_with_map, map_file_for, MapReader, NoFiles};
pub use model::{Report, Reuse, RunNotes, Summary, REPORT_VERSION};
pub use render::{render, render_to_string, Format, RenderOptions};
pub use scan::{scan, ConfigInput, JsOptions, Options, Output, DEFAULT_FILENAME};
