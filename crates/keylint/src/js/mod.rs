//! JavaScript and TypeScript: `tokens` reads the bytes (one tokenizer: strings, templates,
//! regex vs division, comments), `prefilter` plans over those tokens which statements the
//! parser need not see, `comments` gives a script's comments from the same tokens (on the raw
//! text, so the prefilter's blanking cannot hide one), `parse` builds the AST, `extract` walks
//! it into candidates and `fold` evaluates how the code builds each string. Uses the inputs'
//! decoders (JSON and `data:` URLs inside strings) and the shared types; knows nothing about
//! rules (what the prefilter needs from detection is passed in).

pub mod comments;
pub mod env_json;
pub mod extract;
pub mod fold;
pub mod parse;
pub mod prefilter;
pub mod sinks;
pub mod tokens;
