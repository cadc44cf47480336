//! Trellis core: the mentoring journal's domain model, its durable SQLite store,
//! and the verbs every face of Trellis (CLI, desktop app) calls. Nothing here knows
//! about Tauri or command-line parsing; adapters parse input, call one verb, map errors.

pub mod archive;
pub mod demo;
pub mod domain;
mod error;
pub mod files;
pub mod keys;
pub mod ladders;
pub mod markdown;
pub mod paths;
pub(crate) mod store;
pub mod summary;

pub use domain::search;
pub use domain::*;
pub use error::{Error, ErrorCode, Result};
pub use store::backup::{
    Backup, Contents, Origin, RestoreFrom, backup_dir, contents, contents_of_file, describe,
    list_backups, verify,
};
pub use store::framework::{LadderPlan, LadderUse};
pub use store::identity::{Identity, of_file as identity_of_file};
pub use store::resolve::Named;
pub use store::revisions::Revision;
pub use store::trash::TrashItem;
pub use store::{Batch, Damage, IndexCheck, Journal, SCHEMA_VERSION};
