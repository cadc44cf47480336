//! The sentences every format shares, written once. A format passes how it escapes user
//! text and how it cites an entry; the words are the same in Markdown, HTML and PDF.

use super::{
    ActionLine, DriverShare, EntryRef, GoalDueLine, LeaningPoint, TopicCount, hours, percent,
};

pub struct Phrases<'a> {
    pub esc: &'a dyn Fn(&str) -> String,
    pub cite: &'a dyn Fn(&EntryRef) -> String,
}

impl Phrases<'_> {
    /// "Flaky test — 2 sessions, 1 h 30 min (last [E-…, date])"
    pub fn topic(&self, t: &TopicCount) -> String {
        format!(
            "{} — {} session{}, {} (last {})",
            (self.esc)(&t.topic),
            t.sessions,
            if t.sessions == 1 { "" } else { "s" },
            hours(t.minutes),
            (self.cite)(&t.last)
        )
    }

    /// "Who drove: mentee 60%, both 30%, lead 10%"
    pub fn driver_share(&self, d: &DriverShare) -> String {
        let total = d.mentee + d.lead + d.both + d.unrecorded;
        let unrecorded = if d.unrecorded > 0 {
            format!(", not recorded {}%", percent(d.unrecorded, total))
        } else {
            String::new()
        };
        format!(
            "Who drove: mentee {}%, both {}%, lead {}%{unrecorded}",
            percent(d.mentee, total),
            percent(d.both, total),
            percent(d.lead, total)
        )
    }

    /// "2026-03-05 -1, aspires to staff [E-…, date]"
    pub fn leaning(&self, l: &LeaningPoint) -> String {
        let asp = l
            .aspiration
            .map(|a| format!(", aspires to {a}"))
            .unwrap_or_default();
        format!(
            "{} {:+}{asp} {}",
            l.entry.date,
            l.leaning,
            (self.cite)(&l.entry)
        )
    }

    /// "Write the ADR (mentee, due 2026-03-09) — from [E-…, date]"
    pub fn action(&self, a: &ActionLine) -> String {
        let due = a.due.map(|d| format!(", due {d}")).unwrap_or_default();
        let from = a
            .from
            .as_ref()
            .map(|r| format!(" — from {}", (self.cite)(r)))
            .unwrap_or_default();
        format!("{} ({}{due}){from}", (self.esc)(&a.text), a.owner)
    }

    /// "Goal: Lead a design review — 45% by 2026-06-30"
    pub fn goal_due(&self, g: &GoalDueLine) -> String {
        format!(
            "Goal: {} — {}% by {}",
            (self.esc)(&g.title),
            g.progress,
            g.target
        )
    }
}
