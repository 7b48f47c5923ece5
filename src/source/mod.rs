//! Sources: where bytes come from. Each source turns its input into blobs
//! (bytes plus an `Origin`) and hands them to the scanner; the engine never
//! knows which source it is reading.

pub mod fs;
pub mod git;
pub mod stdin;
