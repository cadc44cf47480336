//! `trellis template list|show|add|edit|delete` (the app's commands/templates.rs).

use trellis_core::{Journal, NewTemplate, Result, Template, TemplateFields};

use super::body;
use crate::cli::{TemplateCommand, TemplateFieldArgs};
use crate::output::Out;

/// The fields given on the command line over `base` (only what was given changes).
fn fields_over(base: TemplateFields, a: &TemplateFieldArgs) -> TemplateFields {
    let over = |given: &Option<String>, old: Option<String>| given.clone().or(old);
    TemplateFields {
        topic: over(&a.topic, base.topic),
        went_well: over(&a.went_well, base.went_well),
        to_improve: over(&a.to_improve, base.to_improve),
        energizers: over(&a.energizers, base.energizers),
        drainers: over(&a.drainers, base.drainers),
        experiments: if a.experiments.is_empty() {
            base.experiments
        } else {
            a.experiments.clone()
        },
        tags: if a.tags.is_empty() {
            base.tags
        } else {
            a.tags.clone()
        },
    }
}

fn print_one(t: &Template) {
    println!(
        "{} ({} template{})",
        t.name,
        t.kind,
        t.subkind.map(|s| format!(", {s}")).unwrap_or_default()
    );
    let f = &t.fields;
    for (label, v) in [
        ("topic", &f.topic),
        ("went well", &f.went_well),
        ("to improve", &f.to_improve),
        ("energizers", &f.energizers),
        ("drainers", &f.drainers),
    ] {
        if let Some(v) = v {
            println!("{label}: {v}");
        }
    }
    for x in &f.experiments {
        println!("experiment: {x}");
    }
    if !f.tags.is_empty() {
        println!("tags: {}", f.tags.join(", "));
    }
    println!("\n{}", t.body);
}

pub fn run(j: &mut Journal, c: TemplateCommand, out: Out) -> Result<()> {
    match c {
        TemplateCommand::List { kind } => out.print(&j.templates(kind)?, |list| {
            if list.is_empty() {
                println!("No templates; add one with `trellis template add NAME --kind note`.");
            }
            for t in list {
                println!(
                    "{:<8} {}{}",
                    t.kind.as_str(),
                    t.name,
                    t.subkind.map(|s| format!(" ({s})")).unwrap_or_default()
                );
            }
        }),
        TemplateCommand::Show { name, kind } => out.print(&j.template(&name, kind)?, print_one),
        TemplateCommand::Add { name, kind, fields } => {
            let t = j.add_template(NewTemplate {
                name,
                kind,
                subkind: fields.subkind,
                body: body(fields.text.clone())?,
                fields: fields_over(TemplateFields::default(), &fields),
            })?;
            let id = t.id;
            out.created(&t, id)
        }
        TemplateCommand::Edit {
            name,
            kind,
            rename,
            fields,
        } => {
            let old = j.template(&name, kind)?;
            let body = match &fields.text {
                Some(t) => t.clone(),
                None => old.body.clone(),
            };
            let t = j.edit_template(
                &old.id,
                NewTemplate {
                    name: rename.unwrap_or(old.name),
                    kind: old.kind,
                    subkind: fields.subkind.or(old.subkind),
                    body,
                    fields: fields_over(old.fields, &fields),
                },
            )?;
            out.print(&t, |t| {
                println!("Saved the {} template “{}”.", t.kind, t.name);
            })
        }
        TemplateCommand::Delete { name, kind } => {
            let t = j.template(&name, kind)?;
            let t = j.delete_template(&t.id)?;
            out.print(&t, |t| {
                println!("Deleted the {} template “{}”.", t.kind, t.name);
            })
        }
    }
}
