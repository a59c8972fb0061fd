//! The front end: syn's tree turned into a checked model of the type.

pub mod ast;
pub mod attr;
pub mod case;
pub mod check;
pub mod ctxt;
pub mod symbol;
pub mod types;
