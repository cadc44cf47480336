//! `trellis goal ...` (the app's commands/goals.rs).

use trellis_core::{Goal, Journal, Named, NewCheckIn, NewGoal, Result};

use super::{entry_ids, today};
use crate::cli::GoalCommand;
use crate::output::Out;

pub fn run(j: &mut Journal, c: GoalCommand, out: Out) -> Result<()> {
    match c {
        GoalCommand::Add {
            mentee,
            title,
            why,
            target,
            skills,
            status,
        } => {
            let m = j.resolve(Named::Mentee, &mentee)?;
            let g = j.add_goal(
                &m,
                NewGoal {
                    title,
                    why,
                    skills,
                    target,
                    status,
                },
            )?;
            out.created(&g, g.id)
        }
        GoalCommand::CheckIn {
            goal,
            progress,
            note,
            date,
            evidence,
        } => {
            let evidence = entry_ids(j, &evidence)?;
            let g = j.check_in(
                &j.resolve(Named::Goal, &goal)?,
                NewCheckIn {
                    date: date.unwrap_or_else(today),
                    progress,
                    note,
                    evidence,
                },
            )?;
            let id = g
                .check_ins
                .iter()
                .max_by_key(|c| c.created_at)
                .map(|c| c.id);
            out.print(&g, |_| {
                if let Some(id) = id {
                    println!("{id}");
                }
            })
        }
        GoalCommand::Set { goal, status } => {
            let g = j.set_goal_status(&j.resolve(Named::Goal, &goal)?, status)?;
            out.print(&g, |g| println!("{}: {}", g.title, g.status))
        }
        GoalCommand::List { mentee } => {
            let goals = j.goals(&j.resolve(Named::Mentee, &mentee)?)?;
            out.print(&goals, |goals| {
                for g in goals {
                    print_goal(g);
                }
            })
        }
    }
}

/// "active     45%  Lead a design review (target 2026-06-30)"
pub fn summary_line(g: &Goal) -> String {
    format!(
        "{:<9} {:>3}%  {}{}",
        g.status,
        g.progress,
        g.title,
        g.target
            .map(|t| format!(" (target {t})"))
            .unwrap_or_default()
    )
}

fn print_goal(g: &Goal) {
    println!("{}  {}", g.id, summary_line(g));
    for c in &g.check_ins {
        println!(
            "    {}  {:>3}%  {}",
            c.date,
            c.progress,
            c.note.as_deref().unwrap_or("")
        );
    }
}
