//! `trellis framework show`, `trellis assess`, `trellis skills` (the app's
//! commands/skills.rs).

use trellis_core::{Journal, Named, NewAssessment, Result};

use super::{entry_ids, today};
use crate::cli::{AssessArgs, FrameworkCommand};
use crate::output::Out;

pub fn framework(j: &mut Journal, c: FrameworkCommand, out: Out) -> Result<()> {
    match c {
        FrameworkCommand::Show => {
            let f = j.framework()?;
            out.print(&f, |f| {
                println!("{}", f.name);
                for d in &f.dimensions {
                    println!("\n{} ({})\n  {}", d.name, d.key, d.description);
                    for (i, l) in d.levels.iter().enumerate() {
                        println!("  {}. {:<11} {}", i + 1, l.name, l.description);
                    }
                }
            })
        }
    }
}

pub fn assess(j: &mut Journal, a: AssessArgs, out: Out) -> Result<()> {
    let m = j.resolve(Named::Mentee, &a.mentee)?;
    let evidence = entry_ids(j, &a.evidence)?;
    let assessment = j.assess(
        &m,
        NewAssessment {
            dimension: a.dimension,
            level: a.level,
            date: a.date.unwrap_or_else(today),
            note: a.note,
            evidence,
        },
    )?;
    out.created(&assessment, assessment.id)
}

pub fn skills(j: &mut Journal, mentee: &str, out: Out) -> Result<()> {
    let m = j.mentee(&j.resolve(Named::Mentee, mentee)?)?;
    let standings = j.skills(&m.id)?;
    out.print(&standings, |standings| {
        println!("Skills of {}", m.name);
        for s in standings {
            match &s.latest {
                Some(l) => {
                    let path: Vec<String> = s
                        .history
                        .iter()
                        .map(|h| format!("{} {}", h.assessment.date, h.level_name))
                        .collect();
                    println!(
                        "  {:<28} {}/{} {:<11} {}",
                        s.dimension_name,
                        l.rank,
                        s.levels,
                        l.level_name,
                        path.join(" → ")
                    );
                }
                None => println!("  {:<28} not assessed yet", s.dimension_name),
            }
        }
    })
}
