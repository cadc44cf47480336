//! `trellis action ...` (the app's commands/actions.rs).

use trellis_core::{ActionItem, Journal, Named, NewActionItem, Result};

use crate::cli::ActionCommand;
use crate::output::Out;

pub fn run(j: &mut Journal, c: ActionCommand, out: Out) -> Result<()> {
    match c {
        ActionCommand::Add {
            mentee,
            text,
            owner,
            due,
        } => {
            let m = j.resolve(Named::Mentee, &mentee)?;
            let a = j.add_action_item(&m, NewActionItem { text, owner, due })?;
            out.created(&a, a.id)
        }
        ActionCommand::Done { action } => {
            let a = j.complete_action_item(&j.resolve(Named::ActionItem, &action)?)?;
            out.print(&a, |a| println!("Done: {} ({})", a.text, a.id))
        }
        ActionCommand::List { mentee, open } => {
            let id = mentee.map(|m| j.resolve(Named::Mentee, &m)).transpose()?;
            let list = j.action_items(id.as_ref(), open)?;
            out.print(&list, |list| {
                if list.is_empty() {
                    println!("No action items.");
                }
                for a in list {
                    print_line(a);
                }
            })
        }
    }
}

pub fn print_line(a: &ActionItem) {
    println!(
        "    [{}] {}  {:<6}  {:<10}  {}",
        if a.is_open() { " " } else { "x" },
        a.id,
        a.owner,
        a.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
        a.text
    );
}
