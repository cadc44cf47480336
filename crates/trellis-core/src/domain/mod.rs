//! The vocabulary of PRODUCT.md as Rust types, and the rules every input must pass
//! before it reaches storage. Validation lives here, once; both adapters rely on it.

mod action;
mod agenda;
mod entry;
mod framework;
mod goal;
mod mentee;
pub mod search;
mod template;
mod today;
mod values;

pub use action::*;
pub use agenda::*;
pub use entry::*;
pub use framework::*;
pub use goal::*;
pub use mentee::*;
pub use search::{
    Fragment, Query, SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX, SearchHit, SearchOptions, SearchOrder,
    Term,
};
pub use template::*;
pub use today::*;
pub use values::*;
