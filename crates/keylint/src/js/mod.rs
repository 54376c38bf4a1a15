//! JavaScript and TypeScript: `parse` builds the AST, `extract` walks it into candidates and
//! `fold` evaluates how the code builds each string; `comments` finds the comments on the raw
//! text (independent of the prefilter's blanking). Uses the inputs' decoders (JSON and
//! `data:` URLs inside strings) and the shared types; knows nothing about rules.

pub mod comments;
pub mod extract;
pub mod fold;
pub mod parse;
