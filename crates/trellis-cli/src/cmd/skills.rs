//! `trellis framework …`, `trellis assess`, `trellis skills` (the app's
//! commands/skills.rs).

use trellis_core::files::{Target, write_export};
use trellis_core::{
    Error, Framework, Journal, LadderPlan, Level, Named, NewAssessment, Result, ladders,
};

use super::{entry_ids, today};
use crate::cli::{AssessArgs, FrameworkCommand};
use crate::output::Out;

pub fn framework(j: &mut Journal, c: FrameworkCommand, out: Out) -> Result<()> {
    match c {
        FrameworkCommand::List => {
            let all = j.frameworks()?;
            out.print(&all, |all| {
                for u in all {
                    let f = &u.framework;
                    println!(
                        "{:<24} {}{}\n  {}; {} mentee{}, {} assessment{}{}",
                        f.ladder.key,
                        f.ladder.name,
                        if f.is_default { " (default)" } else { "" },
                        f.ladder.shape(),
                        u.mentees,
                        plural(u.mentees),
                        u.assessments,
                        plural(u.assessments),
                        f.source
                            .as_deref()
                            .map(|s| format!("; from {s}"))
                            .unwrap_or_default()
                    );
                }
            })
        }
        FrameworkCommand::Show { ladder } => {
            let f = j.framework(ladder.as_deref())?;
            out.print(&f, show)
        }
        FrameworkCommand::Import { file, dry_run, key } => {
            let read = ladders::read_file(&file)?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let source = read.source(&name);
            let mut ladder = read.ladder;
            if let Some(k) = key {
                ladder.key = k;
                // A copy under another key: never an update of a ladder that has that key.
                if j.plan_ladder(ladder.clone(), None)?.updates.is_some() {
                    return Err(Error::Conflict(format!(
                        "the journal already has a ladder with key '{}'; choose a new key for a copy, or import without --key to update the ladder the file names",
                        ladder.key
                    )));
                }
            }
            let plan = if dry_run {
                j.plan_ladder(ladder, Some(source))?
            } else {
                j.import_ladder(ladder, Some(source))?
            };
            out.print(&plan, |p| print_plan(p, dry_run))
        }
        FrameworkCommand::Export {
            ladder,
            out: file,
            force,
        } => {
            let f = j.framework(ladder.as_deref())?;
            let json = ladders::to_json(&f.ladder);
            match file {
                None => {
                    print!("{json}");
                    Ok(())
                }
                Some(file) => {
                    write_export(
                        &Target {
                            path: &file,
                            journal: j.path(),
                            replace: force,
                        },
                        json.as_bytes(),
                    )?;
                    out.print(&serde_json::json!({ "framework": file }), |_| {
                        println!("{}", file.display());
                    })
                }
            }
        }
        FrameworkCommand::Edit {
            ladder,
            file,
            dry_run,
        } => {
            let f = j.framework(Some(&ladder))?;
            let read = match file {
                Some(path) => ladders::read_file(&path)?,
                None => edit_in_editor(&f.ladder)?,
            };
            let plan = if dry_run {
                j.plan_ladder_over(&f.id, read.ladder)?
            } else {
                j.save_ladder(&f.id, read.ladder, Some(f.updated_at))?
            };
            out.print(&plan, |p| print_plan(p, dry_run))
        }
        FrameworkCommand::Undo { ladder } => {
            let f = j.framework(Some(&ladder))?;
            let back = j.undo_ladder_change(&f.id)?;
            out.print(&back, |b| {
                println!(
                    "{} is back to its version before the latest change",
                    b.ladder.name
                );
            })
        }
        FrameworkCommand::Use {
            mentee,
            ladder,
            level,
        } => {
            let m = j.mentee(&j.resolve(Named::Mentee, &mentee)?)?;
            let placed = j.place_mentee(&m.id, &ladder, level.as_deref())?;
            out.print(&placed, |p| {
                println!(
                    "{} is on {}{}",
                    m.name,
                    p.framework.ladder.name,
                    p.label
                        .as_deref()
                        .map(|l| format!(", at {l}"))
                        .unwrap_or_default()
                );
            })
        }
        FrameworkCommand::Default { ladder } => {
            let f = j.framework(Some(&ladder))?;
            let f = j.set_default_framework(&f.id)?;
            out.print(&f, |f| {
                println!("{} is the default ladder", f.ladder.name);
            })
        }
        FrameworkCommand::Remove { ladder } => {
            let f = j.framework(Some(&ladder))?;
            let trashed = j.delete_framework(&f.id)?;
            out.print(
                &serde_json::json!({ "removed": f.id, "trash_id": trashed }),
                |_| {
                    println!(
                        "moved {} to the trash; `trellis trash restore {trashed}` brings it back",
                        f.ladder.name
                    );
                },
            )
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn show(f: &Framework) {
    let l = &f.ladder;
    println!(
        "{} ({}){}",
        l.name,
        l.key,
        if f.is_default {
            ", the default ladder"
        } else {
            ""
        }
    );
    if !l.description.is_empty() {
        println!("{}", l.description);
    }
    println!("\nLevels ({})", l.shape());
    for x in &l.levels {
        println!(
            "  {}. {:<40} {}{}",
            l.rank(&x.key).unwrap_or(0),
            x.label(),
            x.key,
            if x.retired { " (retired)" } else { "" }
        );
    }
    for d in &l.dimensions {
        println!(
            "\n{} ({}){}",
            d.label(),
            d.key,
            if d.retired { " (retired)" } else { "" }
        );
        if !d.description.is_empty() {
            println!("  {}", d.description.replace('\n', "\n  "));
        }
        for x in &l.levels {
            match d.expectation(&x.key) {
                Some(t) => println!("  {}: {}", x.label(), t.replace('\n', "\n    ")),
                None => println!("  {}: not part of this dimension at this level", x.label()),
            }
        }
    }
}

fn print_plan(p: &LadderPlan, dry_run: bool) {
    let verb = match (p.unchanged, p.updates.is_some(), dry_run) {
        (true, _, _) => "Unchanged:",
        (false, true, true) => "Would update",
        (false, true, false) => "Updated",
        (false, false, true) => "Would create",
        (false, false, false) => "Created",
    };
    println!(
        "{verb} {} ({}){}",
        p.ladder.name,
        p.ladder.key,
        p.source
            .as_deref()
            .map(|s| format!(" from {s}"))
            .unwrap_or_default()
    );
    println!("  {}, {} expectations", p.shape, p.expectations);
    if let Some(b) = p.ladder.branch_point() {
        println!(
            "  forks at {}: {}",
            b.label(),
            p.ladder
                .levels
                .iter()
                .filter(|l| l.branch.is_some())
                .map(Level::label)
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for d in &p.ladder.dimensions {
        let missing: Vec<String> = p
            .ladder
            .levels
            .iter()
            .filter(|l| d.expectation(&l.key).is_none())
            .map(Level::label)
            .collect();
        if !missing.is_empty() && !d.retired {
            println!(
                "  {} is not described at: {}",
                d.label(),
                missing.join(", ")
            );
        }
    }
    if p.updates.is_some() {
        let retired_here = |all: &[String], kept: &[String]| -> Vec<String> {
            all.iter().filter(|k| !kept.contains(k)).cloned().collect()
        };
        for (what, list) in [
            ("new levels", p.added_levels.clone()),
            ("new dimensions", p.added_dimensions.clone()),
            (
                "retired levels",
                retired_here(&p.retired_levels, &p.kept_levels),
            ),
            (
                "retired dimensions",
                retired_here(&p.retired_dimensions, &p.kept_dimensions),
            ),
            (
                "left out but cited, so kept retired",
                [p.kept_levels.clone(), p.kept_dimensions.clone()].concat(),
            ),
            (
                "removed (nothing cited them)",
                [p.removed_levels.clone(), p.removed_dimensions.clone()].concat(),
            ),
        ] {
            if !list.is_empty() {
                println!("  {what}: {}", list.join(", "));
            }
        }
    }
    if dry_run && !p.unchanged {
        println!("Nothing was written (--dry-run).");
    }
}

/// Opens the ladder as JSON in the person's editor and reads back what they saved.
fn edit_in_editor(l: &trellis_core::Ladder) -> Result<ladders::LadderFile> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .map_err(|_| {
            Error::invalid(
                "editor",
                "set VISUAL or EDITOR, or pass --file with the new version",
            )
        })?;
    let dir = tempfile::tempdir().map_err(|source| Error::Io {
        context: "cannot make a folder for the edit".into(),
        source,
    })?;
    // A fixed name: nothing from the ladder decides where the copy is written.
    let path = dir.path().join("ladder.json");
    trellis_core::files::write_private_new(&path, ladders::to_json(l).as_bytes())?;
    // The editor may carry arguments ("code --wait"); the shell splits them.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status()
        .map_err(|source| Error::Io {
            context: format!("cannot start {editor}"),
            source,
        })?;
    if !status.success() {
        return Err(Error::Conflict(format!(
            "{editor} exited with {status}; nothing was changed"
        )));
    }
    ladders::read_file(&path)
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
    let ladder = j.mentee_ladder(&m.id)?;
    let earlier = j.earlier_assessments(&m.id)?;
    out.print(&standings, |standings| {
        println!(
            "Skills of {} on {}{}",
            m.name,
            ladder.framework.ladder.name,
            ladder
                .label
                .as_deref()
                .map(|l| format!(", at {l}"))
                .unwrap_or_default()
        );
        for s in standings {
            let name = if s.retired {
                format!("{} (retired)", s.dimension_name)
            } else {
                s.dimension_name.clone()
            };
            match &s.latest {
                Some(l) => {
                    let path: Vec<String> = s
                        .history
                        .iter()
                        .map(|h| format!("{} {}", h.assessment.date, h.level_name))
                        .collect();
                    println!(
                        "  {:<28} {}/{} {}",
                        name,
                        l.rank,
                        s.levels,
                        path.join(" → ")
                    );
                }
                None => println!("  {name:<28} not assessed yet"),
            }
            for n in &s.next {
                let first = n
                    .expectation
                    .as_deref()
                    .and_then(|t| t.lines().map(str::trim).find(|l| !l.is_empty()))
                    .unwrap_or("not described at this level");
                println!("      next, {}: {}", n.label, first);
            }
            let since = s
                .latest
                .as_ref()
                .map(|l| format!(" since {}", l.assessment.date))
                .unwrap_or_default();
            match s.evidence.len() {
                0 => println!("      no entry names this skill{since}: evidence is thin"),
                n => println!(
                    "      evidence{since}: {n} entr{} (latest {} {})",
                    if n == 1 { "y" } else { "ies" },
                    s.evidence[0].date,
                    s.evidence[0].title
                ),
            }
        }
        if !earlier.is_empty() {
            println!("On earlier ladders:");
            for e in &earlier {
                println!(
                    "  {} {}: {} — {}",
                    e.assessment.date, e.framework_name, e.dimension_name, e.level_name
                );
            }
        }
    })
}
