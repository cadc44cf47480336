//! Action items: follow-ups owned by the mentee or the lead, open until done.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::values::*;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ActionItem {
    pub id: Id,
    pub mentee_id: Id,
    /// The entry this came from, when it was a follow-up of one.
    pub entry_id: Option<Id>,
    pub text: String,
    pub owner: Owner,
    pub due: Option<NaiveDate>,
    /// When it was marked done; `None` while open.
    pub done_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl ActionItem {
    pub fn is_open(&self) -> bool {
        self.done_at.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewActionItem {
    pub text: String,
    pub owner: Option<Owner>,
    pub due: Option<NaiveDate>,
}

impl NewActionItem {
    pub fn into_action(
        self,
        id: Id,
        mentee_id: Id,
        entry_id: Option<Id>,
        now: DateTime<Utc>,
    ) -> Result<ActionItem> {
        let text = optional_text("action item", &self.text)?
            .ok_or_else(|| Error::invalid("action item", "must not be empty"))?;
        Ok(ActionItem {
            id,
            mentee_id,
            entry_id,
            text,
            owner: self.owner.unwrap_or(Owner::Mentee),
            due: self.due,
            done_at: None,
            created_at: now,
        })
    }
}
