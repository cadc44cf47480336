//! `trellis delete`, `trellis trash list|restore|empty` (the app's commands/trash.rs).

use trellis_core::{Journal, Named, Result};

use crate::cli::{DeleteKind, TrashCommand};
use crate::output::Out;

pub fn delete(j: &mut Journal, what: DeleteKind, target: String, out: Out) -> Result<()> {
    let (record, trashed) = match what {
        DeleteKind::Mentee => {
            let id = j.resolve(Named::Mentee, &target)?;
            (id, j.delete_mentee(&id)?)
        }
        DeleteKind::Entry => {
            let id = j.resolve(Named::Entry, &target)?;
            (id, j.delete_entry(&id)?)
        }
        DeleteKind::Goal => {
            let id = j.resolve(Named::Goal, &target)?;
            (id, j.delete_goal(&id)?)
        }
        DeleteKind::Action => {
            let id = j.resolve(Named::ActionItem, &target)?;
            (id, j.delete_action_item(&id)?)
        }
    };
    out.print(
        &serde_json::json!({ "trashed": record, "trash_id": trashed }),
        |_| println!("Moved to the trash (restore with `trellis trash restore {trashed}`)"),
    )
}

pub fn run(j: &mut Journal, c: TrashCommand, out: Out) -> Result<()> {
    match c {
        TrashCommand::List => {
            let items = j.trash()?;
            out.print(&items, |items| {
                if items.is_empty() {
                    println!("The trash is empty.");
                }
                for t in items {
                    println!(
                        "{}  {:<11} {}  (deleted {})",
                        t.id,
                        t.kind,
                        t.label,
                        t.deleted_at.format("%Y-%m-%d %H:%M")
                    );
                }
            })
        }
        TrashCommand::Restore { id } => {
            let id = j.resolve(Named::TrashItem, &id)?;
            let item = j.restore_from_trash(&id)?;
            out.print(&item, |t| println!("Restored {}", t.label))
        }
        TrashCommand::Empty => {
            let n = j.empty_trash()?;
            out.print(&serde_json::json!({ "emptied": n }), |_| {
                println!("Emptied the trash ({n} items)");
            })
        }
    }
}
