//! JavaScript read as bytes: one tokenizer, and the prefilter that plans over its tokens.

pub mod prefilter;
pub mod tokens;
