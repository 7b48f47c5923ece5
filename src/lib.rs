//! keyhound: a fast secrets scanner.
//!
//! The pipeline is `source -> engine -> finding -> report`: sources produce
//! blobs of bytes, the engine finds confirmed secrets in them, findings carry
//! where they are, and reports print them. `app` wires the command line to it.

pub mod app;
pub mod cli;
pub mod config;
pub mod engine;
pub mod filter;
pub mod finding;
pub mod hook;
pub mod mask;
pub mod output;
pub mod progress;
pub mod report;
pub mod rules;
pub mod scanner;
pub mod source;
pub mod stats;
