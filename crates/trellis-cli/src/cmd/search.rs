//! `trellis search` (the app's commands/search.rs).

use trellis_core::{Journal, Named, Result, SearchOptions, SearchOrder, Visibility};

use crate::cli::SearchArgs;
use crate::output::Out;

pub fn run(j: &mut Journal, a: SearchArgs, out: Out) -> Result<()> {
    let mentee = a
        .mentee
        .as_deref()
        .map(|m| j.resolve(Named::Mentee, m))
        .transpose()?;
    let options = SearchOptions {
        mentee,
        kinds: a.kinds,
        since: a.since,
        until: a.until,
        visibility: match (a.private, a.shareable) {
            (true, _) => Some(Visibility::Private),
            (_, true) => Some(Visibility::Shareable),
            _ => None,
        },
        limit: Some(a.limit),
        order: if a.rank {
            SearchOrder::Relevance
        } else {
            SearchOrder::Newest
        },
    };
    let hits = j.search(&a.query.join(" "), &options)?;
    out.print(&hits, |hits| {
        if hits.is_empty() {
            println!("Nothing matches.");
        }
        for h in hits {
            let private = match h.visibility {
                Some(Visibility::Private) => "  [private]",
                _ => "",
            };
            println!(
                "{}  {:<10} {}  {}{private}  {}",
                h.date, h.kind, h.mentee_name, h.title, h.id
            );
            let snippet = h.snippet_text();
            if !snippet.is_empty() {
                println!("            {snippet}");
            }
        }
    })
}
