//! The first stage: what a file holds, by its kind. Each input turns bytes into candidates
//! (plain text), regions to read (an HTML page's scripts and attributes) or sources to scan (a
//! source map's embedded files); `json` and `data_url` decode the documents found inside
//! strings, for extraction, and `names` reads the named values of text in strings and
//! comments (`KEY=value`, `name: value`, `-H "Header: …"`). Nothing here knows about JavaScript syntax or rules.

pub mod data_url;
pub mod html;
pub mod json;
pub mod names;
pub mod source_map;
pub mod text;
