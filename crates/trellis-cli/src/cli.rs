//! The command-line grammar (clap). Values are parsed by the core's own parsers, so
//! the CLI and the desktop app accept and refuse exactly the same input.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use trellis_core::{
    Aspiration, Driver, EntryKind, GoalStatus, Independence, Leaning, Minutes, NoteKind, Owner,
    Progress, RecordKind, TrackInterest, parse_date,
};

#[derive(Debug, Parser)]
#[command(
    name = "trellis",
    version,
    about = "A private journal for tech leads who mentor engineers",
    long_about = "A private journal for tech leads who mentor engineers.\n\n\
        Mentees are named by id (or its first characters) or by case-insensitive name.\n\
        Dates are YYYY-MM-DD. Every create prints the new id; --json prints the record."
)]
pub struct Cli {
    /// The journal file [default: $TRELLIS_JOURNAL, else the platform data directory,
    /// e.g. ~/.local/share/trellis/journal.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub journal: Option<PathBuf>,

    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the journal (and its folder) if it does not exist
    Init,
    /// Print shell completions (bash, zsh, fish, elvish, powershell) for `trellis`
    ///
    /// e.g. `trellis completions bash > ~/.local/share/bash-completion/completions/trellis`
    /// (the .deb installs them already)
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff), e.g. `trellis manpage | man -l -`
    Manpage,
    /// Add, list, show, edit and archive mentees
    #[command(subcommand)]
    Mentee(MenteeCommand),
    /// Log notes (1:1s, code reviews, observations, feedback)
    #[command(subcommand)]
    Note(NoteCommand),
    /// Log pairing sessions
    #[command(subcommand)]
    Session(SessionCommand),
    /// Log IC-versus-management track conversations
    #[command(subcommand)]
    Track(TrackCommand),
    /// Growth goals and their check-ins
    #[command(subcommand)]
    Goal(GoalCommand),
    /// Action items (follow-ups) for the mentee or the lead
    #[command(subcommand)]
    Action(ActionCommand),
    /// Career ladders: list, show, import, export, edit, undo, use, default, remove
    #[command(subcommand)]
    Framework(FrameworkCommand),
    /// Record a mentee's level in one framework dimension
    Assess(AssessArgs),
    /// A mentee's latest level per framework dimension, with its history
    Skills { mentee: String },
    /// A mentee's entries in date order
    Timeline {
        mentee: String,
        #[arg(long, value_parser = parse_date)]
        since: Option<NaiveDate>,
        #[arg(long, value_parser = parse_date)]
        until: Option<NaiveDate>,
    },
    /// Find what you wrote: entries, goals, action items, assessments and mentees
    Search(SearchArgs),
    /// A mentee's growth summary: shareable entries only, every claim dated and cited
    Summary(SummaryArgs),
    /// Your own mentoring-impact report across all mentees (shareable entries only)
    Impact(ImpactArgs),
    /// Export the whole journal as an open, versioned JSON archive (docs/archive.md),
    /// or as a Markdown vault (a folder per mentee, a file per entry)
    Export {
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "vault",
            conflicts_with = "vault"
        )]
        out: Option<PathBuf>,
        /// Replace FILE if it exists (never the journal, a backup or a database)
        #[arg(long, requires = "out")]
        force: bool,
        /// Write a Markdown vault into this new folder instead
        #[arg(long, value_name = "DIR")]
        vault: Option<PathBuf>,
    },
    /// Import an archive: checked completely first, then merged by id (no duplicates)
    Import {
        file: PathBuf,
        /// Take the archive's version of records this journal has in another version
        /// (an entry's earlier version stays in its history)
        #[arg(long)]
        replace: bool,
    },
    /// Move something to the trash (kept 30 days; a mentee takes their records along)
    Delete {
        #[arg(value_enum)]
        what: DeleteKind,
        /// Its id (or the first characters of it); a mentee also by name
        target: String,
    },
    /// List the trash, restore an item, or empty it
    #[command(subcommand)]
    Trash(TrashCommand),
    /// Back the journal up (checked; into backups/ beside it unless --out)
    Backup {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Restore a backup into the journal; the current journal is set aside first
    Restore {
        file: PathBuf,
        /// Also restore a backup of another journal (the demo's, another computer's):
        /// this journal's contents are replaced by that journal's
        #[arg(long)]
        from_other_journal: bool,
    },
    /// Check the journal's integrity and its search index, and list its backups
    Check {
        /// Build the search index again from the journal (when `check` says it disagrees)
        #[arg(long)]
        repair_index: bool,
    },
    /// Fill a new journal with realistic, deterministic demo data
    Demo(DemoArgs),
    /// The next 1:1 with a mentee: when it falls and what to bring (open action items,
    /// goals due or quiet, experiments, entries worth following up, `agenda`-tagged notes)
    Agenda {
        mentee: String,
        /// md: Markdown to paste into a shared doc (private items left out)
        #[arg(long)]
        format: Option<AgendaFormat>,
        /// With --format md: include private items, marked "(private)"
        #[arg(long)]
        include_private: bool,
    },
    /// What is due today across mentees: 1:1s by cadence, action items, goal targets
    /// within a week (for a timer: see the README)
    Remind {
        /// Print the text of follow-ups from private entries too
        #[arg(long)]
        show_private: bool,
    },
    /// Journal-wide settings: `show`, or `set KEY VALUE` — `default-cadence
    /// weekly|biweekly|monthly|none`, `note-visibility|session-visibility|track-visibility
    /// private|shareable` (a new entry's visibility when none is given)
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// Entry templates: list, show, add, edit, delete (use one with `--template` on
    /// `note|session|track add`)
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Encrypt the journal and its backups with a passphrase (prints a recovery key once)
    ///
    /// The passphrase is asked twice on the terminal, or read from the file named by
    /// TRELLIS_PASSPHRASE_FILE. Close the app first: the journal is converted through a
    /// checked copy that then replaces it.
    Encrypt {
        /// Also write the recovery key to this new file (kept apart from the laptop)
        #[arg(long, value_name = "FILE")]
        recovery_key_file: Option<PathBuf>,
    },
    /// Turn encryption off: the journal and its backups become plain SQLite again
    Decrypt,
    /// Change the passphrase of an encrypted journal (nothing is re-encrypted)
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// Set a new passphrase with the recovery key, when the passphrase is forgotten
    Recover {
        /// A file holding the recovery key (as `encrypt --recovery-key-file` wrote it);
        /// without it, the key is asked on the terminal
        #[arg(long, value_name = "FILE")]
        recovery_key_file: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AgendaFormat {
    Md,
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    Show,
    Set {
        /// default-cadence, note-visibility, session-visibility or track-visibility
        key: String,
        value: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// List the templates (of one kind)
    List {
        /// note, session or track
        #[arg(long)]
        kind: Option<EntryKind>,
    },
    /// Print one template
    Show {
        name: String,
        /// note, session or track (when the name is used by several kinds)
        #[arg(long)]
        kind: Option<EntryKind>,
    },
    /// Add a template; its body from --text or standard input
    Add {
        name: String,
        /// note, session or track
        #[arg(long)]
        kind: EntryKind,
        #[command(flatten)]
        fields: TemplateFieldArgs,
    },
    /// Change a template: only what is given changes
    Edit {
        name: String,
        /// note, session or track (when the name is used by several kinds)
        #[arg(long)]
        kind: Option<EntryKind>,
        /// A new name
        #[arg(long)]
        rename: Option<String>,
        #[command(flatten)]
        fields: TemplateFieldArgs,
    },
    /// Delete a template (entries made from it are not touched)
    Delete {
        name: String,
        /// note, session or track (when the name is used by several kinds)
        #[arg(long)]
        kind: Option<EntryKind>,
    },
}

/// What a template fills (the fields of its kind only).
#[derive(Debug, Args)]
pub struct TemplateFieldArgs {
    /// For a note template: one-on-one, code-review, observation, feedback or other
    #[arg(long)]
    pub subkind: Option<NoteKind>,
    /// The Markdown body; without it, read from standard input when piped
    #[arg(long)]
    pub text: Option<String>,
    /// A session template's topic
    #[arg(long)]
    pub topic: Option<String>,
    #[arg(long)]
    pub went_well: Option<String>,
    #[arg(long)]
    pub to_improve: Option<String>,
    #[arg(long)]
    pub energizers: Option<String>,
    #[arg(long)]
    pub drainers: Option<String>,
    /// A track template's experiment (repeatable)
    #[arg(long = "experiment")]
    pub experiments: Vec<String>,
    #[arg(long = "tag")]
    pub tags: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Asks the current passphrase, then the new one twice (or reads them from the files
    /// named by TRELLIS_PASSPHRASE_FILE and TRELLIS_NEW_PASSPHRASE_FILE)
    Change,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DeleteKind {
    Mentee,
    Entry,
    Goal,
    Action,
}

#[derive(Debug, Subcommand)]
pub enum TrashCommand {
    /// What is in the trash, newest first
    List,
    /// Put an item back exactly as it was
    Restore { id: String },
    /// Delete everything in the trash for good
    Empty,
}

#[derive(Debug, Args)]
pub struct ImpactArgs {
    #[command(flatten)]
    pub document: DocumentArgs,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    pub mentee: String,
    #[command(flatten)]
    pub document: DocumentArgs,
}

/// What every document (summary, impact report) takes: its period, format and file.
#[derive(Debug, Args)]
pub struct DocumentArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    #[arg(long, value_enum, default_value_t = SummaryFormat::Md)]
    pub format: SummaryFormat,
    #[command(flatten)]
    pub target: OutArgs,
}

/// The period of a summary or report: the same defaults as the desktop app's.
#[derive(Debug, Args)]
pub struct PeriodArgs {
    /// First day of the period [default: --months before --until]
    #[arg(long, value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Last day of the period [default: today]
    #[arg(long, value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    /// Without --since: the period's length in calendar months
    #[arg(long, default_value_t = trellis_core::summary::DEFAULT_MONTHS, conflicts_with = "since")]
    pub months: u32,
}

/// Where a document goes.
#[derive(Debug, Args)]
pub struct OutArgs {
    /// Write to this file (atomically, readable by you only) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace FILE if it exists (never the journal, a backup or a database)
    #[arg(long, requires = "out")]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    /// Markdown
    Md,
    /// Self-contained HTML with inline SVG charts and a print stylesheet
    Html,
    /// Typeset PDF with embedded fonts and charts (needs --out)
    Pdf,
    /// The summary model itself (documented in docs/json.md)
    Json,
}

#[derive(Debug, Subcommand)]
pub enum MenteeCommand {
    /// Add a mentee
    Add {
        name: String,
        #[command(flatten)]
        fields: MenteeFields,
    },
    /// List mentees (archived ones with --all)
    List {
        #[arg(long)]
        all: bool,
    },
    /// Show a mentee with counts, goals and open action items
    Show { mentee: String },
    /// Change a mentee's fields; an empty value clears a field
    Edit {
        mentee: String,
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        fields: MenteeFields,
        /// Bring an archived mentee back
        #[arg(long)]
        unarchive: bool,
    },
    /// Archive a mentee (hidden from lists; nothing is deleted)
    Archive { mentee: String },
}

#[derive(Debug, Args)]
pub struct MenteeFields {
    /// Role or title, e.g. "Backend Engineer"
    #[arg(long)]
    pub role: Option<String>,
    /// Level, e.g. "L3"
    #[arg(long)]
    pub level: Option<String>,
    #[arg(long)]
    pub team: Option<String>,
    /// When mentoring began (YYYY-MM-DD)
    #[arg(long, value_parser = parse_optional_date)]
    pub started: Option<ClearableDate>,
    /// undecided, ic or management
    #[arg(long)]
    pub track: Option<TrackInterest>,
    /// How often you hold 1:1s: weekly, biweekly, monthly, none, or default (the
    /// journal's, see `trellis settings`)
    #[arg(long)]
    pub cadence: Option<String>,
    /// A tag (repeatable; on edit, replaces all tags)
    #[arg(long = "tag")]
    pub tags: Vec<String>,
}

/// Fields every kind of entry has.
#[derive(Debug, Args)]
pub struct EntryFields {
    /// The day it happened [default: today]
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Keep it to yourself: never in a summary or shared export
    #[arg(long, conflicts_with = "shareable")]
    pub private: bool,
    /// May appear in summaries
    #[arg(long)]
    pub shareable: bool,
    /// Highlight it in summaries
    #[arg(long)]
    pub star: bool,
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// A linked skill (repeatable)
    #[arg(long = "skill")]
    pub skills: Vec<String>,
    /// The Markdown body; without it, the body is read from standard input when piped
    #[arg(long)]
    pub text: Option<String>,
    /// Start from this template (`trellis template list`): it fills the body and the
    /// fields left empty, and adds its tags
    #[arg(long)]
    pub template: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Add a note
    Add {
        mentee: String,
        /// one-on-one, code-review, observation, feedback or other [default: the
        /// template's, else other]
        #[arg(long)]
        kind: Option<NoteKind>,
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        fields: EntryFields,
    },
}

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Add a pairing session
    Add(Box<SessionArgs>),
}

#[derive(Debug, Args)]
pub struct SessionArgs {
    pub mentee: String,
    #[arg(long, allow_hyphen_values = true)]
    pub minutes: Minutes,
    /// Required unless the template gives one
    #[arg(long)]
    pub topic: Option<String>,
    /// Who drove: mentee, lead or both
    #[arg(long)]
    pub driver: Option<Driver>,
    /// 1 the lead drove .. 5 the mentee led and taught something back
    #[arg(long, allow_hyphen_values = true)]
    pub independence: Option<Independence>,
    #[arg(long)]
    pub went_well: Option<String>,
    #[arg(long)]
    pub to_improve: Option<String>,
    /// A follow-up for the mentee, saved as an action item (repeatable)
    #[arg(long = "follow-up")]
    pub follow_ups: Vec<String>,
    /// A PR, ticket or other link (repeatable)
    #[arg(long = "link")]
    pub links: Vec<String>,
    #[command(flatten)]
    pub fields: EntryFields,
}

#[derive(Debug, Subcommand)]
pub enum TrackCommand {
    /// Add a track conversation
    Add(Box<TrackArgs>),
    /// Record the outcome of an experiment agreed in a track conversation
    Outcome {
        /// The track conversation (its id or the first characters of it)
        entry: String,
        /// The experiment: its text, or its number (1 for the first)
        experiment: String,
        #[arg(long)]
        outcome: String,
        /// When it was settled [default: today]
        #[arg(long, value_parser = parse_due)]
        date: Option<NaiveDate>,
    },
}

#[derive(Debug, Args)]
pub struct TrackArgs {
    pub mentee: String,
    /// -2 strongly IC .. +2 strongly management
    #[arg(long, allow_hyphen_values = true)]
    pub leaning: Leaning,
    /// senior, staff, principal, tech-lead, em, director or undecided
    #[arg(long)]
    pub aspiration: Option<Aspiration>,
    #[arg(long)]
    pub energizers: Option<String>,
    #[arg(long)]
    pub drainers: Option<String>,
    /// An experiment agreed, e.g. "run the next incident review" (repeatable)
    #[arg(long = "experiment")]
    pub experiments: Vec<String>,
    #[command(flatten)]
    pub fields: EntryFields,
}

#[derive(Debug, Subcommand)]
pub enum GoalCommand {
    /// Add a goal (active unless --status says otherwise)
    Add {
        mentee: String,
        title: String,
        #[arg(long)]
        why: Option<String>,
        /// YYYY-MM-DD, or relative: +3m, +6w, next fri
        #[arg(long, value_parser = parse_due, allow_hyphen_values = true)]
        target: Option<NaiveDate>,
        #[arg(long = "skill")]
        skills: Vec<String>,
        #[arg(long)]
        status: Option<GoalStatus>,
    },
    /// Record progress on a goal
    CheckIn {
        goal: String,
        /// 0..100
        #[arg(long, allow_hyphen_values = true)]
        progress: Progress,
        #[arg(long)]
        note: Option<String>,
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// An entry that evidences the goal (repeatable)
        #[arg(long = "evidence")]
        evidence: Vec<String>,
    },
    /// Change a goal's status: proposed, active, achieved or dropped
    Set {
        goal: String,
        #[arg(long)]
        status: GoalStatus,
    },
    /// List a mentee's goals
    List { mentee: String },
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Add an action item
    Add {
        mentee: String,
        text: String,
        /// mentee or lead
        #[arg(long)]
        owner: Option<Owner>,
        /// YYYY-MM-DD, today, tomorrow, +3d, +1w, +2m, or a weekday (fri, next fri)
        #[arg(long, value_parser = parse_due, allow_hyphen_values = true)]
        due: Option<NaiveDate>,
    },
    /// Mark an action item done
    Done { action: String },
    /// List action items, of one mentee or all
    List {
        mentee: Option<String>,
        /// Only the open ones
        #[arg(long)]
        open: bool,
    },
}

/// Career ladders ("frameworks"): the levels a person climbs, forking into IC and people
/// manager branches, and the dimensions assessed at each level.
#[derive(Debug, Subcommand)]
pub enum FrameworkCommand {
    /// The journal's ladders, with how many mentees and assessments use each
    List,
    /// One ladder's levels, branches and dimensions (the default ladder if none is named)
    Show {
        /// Ladder key, name or id [default: the default ladder]
        ladder: Option<String>,
    },
    /// Import a ladder: Trellis framework JSON, Financial Times job-family YAML or Monzo
    /// progression Markdown. The same key updates the ladder already there: levels and
    /// dimensions it drops are retired where assessments cite them, removed otherwise.
    Import {
        /// The ladder file (.json, .yml, .md)
        file: PathBuf,
        /// Show what would be created or changed, and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Import under this key instead of the file's (a second copy of a ladder)
        #[arg(long)]
        key: Option<String>,
    },
    /// Write a ladder as Trellis framework JSON (to stdout without --out)
    Export {
        /// Ladder key, name or id (the default ladder if none)
        ladder: Option<String>,
        /// Write here (mode 0600) instead of to stdout
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace FILE if it exists
        #[arg(long)]
        force: bool,
    },
    /// Edit a ladder as JSON: in $VISUAL or $EDITOR, or from --file; shows what changes
    Edit {
        /// Ladder key, name or id
        ladder: String,
        /// Take the new version from this Trellis framework JSON file
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// Show what would change, and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Put back a ladder's version from before its latest change
    Undo {
        /// Ladder key, name or id
        ladder: String,
    },
    /// Put a mentee on a ladder, at a level (key, name, or rung when only one level holds it)
    Use {
        /// Mentee name or id
        mentee: String,
        /// Ladder key, name or id
        ladder: String,
        /// The level they hold: key, name, or rung when only one level holds it
        #[arg(long)]
        level: Option<String>,
    },
    /// Make a ladder the default for mentees without one (they keep the one they are on)
    Default {
        /// Ladder key, name or id
        ladder: String,
    },
    /// Move a ladder that nothing uses to the trash (restorable for 30 days)
    Remove {
        /// Ladder key, name or id
        ladder: String,
    },
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    pub mentee: String,
    /// Dimension key or name
    #[arg(long)]
    pub dimension: String,
    /// Level key, name, or rung (1 = first) when only one level holds it
    #[arg(long)]
    pub level: String,
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// An entry that evidences the level (repeatable)
    #[arg(long = "evidence")]
    pub evidence: Vec<String>,
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Every word matches as a prefix (`led` finds `ledger`), accents and case \
    do not matter (`perez` finds `Pérez`), \"words in quotes\" match as a phrase, and -word \
    or -\"a phrase\" leaves records out (after `--`, or inside quotes: `trellis search \
    \"rate -flaky\"`). Matches are shown between [ and ]."
)]
pub struct SearchArgs {
    /// What to look for
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Only this mentee's records
    #[arg(long)]
    pub mentee: Option<String>,
    /// Only this kind: note, session, track, goal, action, assessment or mentee (repeatable)
    #[arg(long = "kind", value_parser = clap::builder::ValueParser::new(|s: &str| s.parse::<RecordKind>()))]
    pub kinds: Vec<RecordKind>,
    #[arg(long, value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    #[arg(long, value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    /// Only private entries
    #[arg(long, conflicts_with = "shareable")]
    pub private: bool,
    /// Only shareable entries
    #[arg(long)]
    pub shareable: bool,
    /// At most this many results
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: u32,
    /// The best matches first, instead of the newest
    #[arg(long)]
    pub rank: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[arg(long, default_value_t = 6)]
    pub mentees: u32,
    #[arg(long, default_value_t = 2)]
    pub years: u32,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The last day of the demo history [default: today]
    #[arg(long, value_parser = parse_date)]
    pub end: Option<NaiveDate>,
}

/// A date that an empty value clears (`--started ""`).
#[derive(Debug, Clone, Copy)]
pub struct ClearableDate(pub Option<NaiveDate>);

/// A due date or target as a lead types it, relative to today where they are.
fn parse_due(s: &str) -> Result<NaiveDate, trellis_core::Error> {
    trellis_core::parse_when(s, chrono::Local::now().date_naive())
}

fn parse_optional_date(s: &str) -> Result<ClearableDate, trellis_core::Error> {
    if s.trim().is_empty() {
        Ok(ClearableDate(None))
    } else {
        parse_date(s).map(|d| ClearableDate(Some(d)))
    }
}
