//! Printing: JSON for machines (`--json`), plain lines for people.

use serde::Serialize;
use trellis_core::Result;

/// How results are printed.
#[derive(Debug, Clone, Copy)]
pub struct Out {
    pub json: bool,
}

impl Out {
    /// Prints `value` as pretty JSON, or runs `human` to print it as text.
    pub fn print<T: Serialize>(&self, value: &T, human: impl FnOnce(&T)) -> Result<()> {
        if self.json {
            let text = serde_json::to_string_pretty(value).map_err(|e| {
                trellis_core::Error::Storage(format!("cannot encode the output: {e}"))
            })?;
            println!("{text}");
        } else {
            human(value);
        }
        Ok(())
    }

    /// A newly created record: its id as text, the record as JSON.
    pub fn created<T: Serialize>(&self, value: &T, id: trellis_core::Id) -> Result<()> {
        self.print(value, |_| println!("{id}"))
    }
}

/// `Some("x")` as "x", `None` as "-".
pub fn or_dash(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("-")
}
