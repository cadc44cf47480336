-- Schema 1: the whole vocabulary of PRODUCT.md.
-- Ids are UUID v7 text; dates are 'YYYY-MM-DD'; timestamps are RFC 3339 UTC text.
-- 'TRLS': marks the file as a Trellis journal, so foreign SQLite files are refused.
PRAGMA application_id = 1414679635;

CREATE TABLE mentees (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role        TEXT,
    level       TEXT,
    team        TEXT,
    started     TEXT CHECK (started IS NULL OR date(started) IS started),
    track       TEXT NOT NULL CHECK (track IN ('undecided', 'ic', 'management')),
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE mentee_tags (
    mentee_id   TEXT NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (mentee_id, tag)
) STRICT, WITHOUT ROWID;

CREATE TABLE entries (
    id          TEXT PRIMARY KEY NOT NULL,
    mentee_id   TEXT NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('note', 'session', 'track')),
    date        TEXT NOT NULL CHECK (date(date) IS date),
    title       TEXT,
    body        TEXT NOT NULL,
    visibility  TEXT NOT NULL CHECK (visibility IN ('private', 'shareable')),
    starred     INTEGER NOT NULL CHECK (starred IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX entries_by_mentee_date ON entries (mentee_id, date, created_at);
CREATE INDEX entries_by_date ON entries (date, created_at);

CREATE TABLE entry_tags (
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (entry_id, tag)
) STRICT, WITHOUT ROWID;

CREATE TABLE entry_skills (
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    skill       TEXT NOT NULL,
    PRIMARY KEY (entry_id, skill)
) STRICT, WITHOUT ROWID;

CREATE TABLE notes (
    entry_id    TEXT PRIMARY KEY NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    subkind     TEXT NOT NULL
                CHECK (subkind IN ('one-on-one', 'code-review', 'observation', 'feedback', 'other'))
) STRICT;

CREATE TABLE pairing_sessions (
    entry_id     TEXT PRIMARY KEY NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    minutes      INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    topic        TEXT NOT NULL,
    driver       TEXT CHECK (driver IS NULL OR driver IN ('mentee', 'lead', 'both')),
    independence INTEGER CHECK (independence IS NULL OR independence BETWEEN 1 AND 5),
    went_well    TEXT,
    to_improve   TEXT
) STRICT;

CREATE TABLE session_links (
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    url         TEXT NOT NULL,
    PRIMARY KEY (entry_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE track_conversations (
    entry_id    TEXT PRIMARY KEY NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    leaning     INTEGER NOT NULL CHECK (leaning BETWEEN -2 AND 2),
    aspiration  TEXT CHECK (aspiration IS NULL OR aspiration IN
                ('senior', 'staff', 'principal', 'tech-lead', 'em', 'director', 'undecided')),
    energizers  TEXT,
    drainers    TEXT
) STRICT;

CREATE TABLE track_experiments (
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (entry_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE action_items (
    id          TEXT PRIMARY KEY NOT NULL,
    mentee_id   TEXT NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    entry_id    TEXT REFERENCES entries (id) ON DELETE SET NULL,
    text        TEXT NOT NULL,
    owner       TEXT NOT NULL CHECK (owner IN ('mentee', 'lead')),
    due         TEXT CHECK (due IS NULL OR date(due) IS due),
    done_at     TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX action_items_by_mentee ON action_items (mentee_id, done_at, due);
CREATE INDEX action_items_by_entry ON action_items (entry_id);
CREATE INDEX action_items_open ON action_items (due) WHERE done_at IS NULL;

CREATE TABLE goals (
    id          TEXT PRIMARY KEY NOT NULL,
    mentee_id   TEXT NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    why         TEXT,
    target      TEXT CHECK (target IS NULL OR date(target) IS target),
    status      TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'achieved', 'dropped')),
    progress    INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX goals_by_mentee ON goals (mentee_id, status);

CREATE TABLE goal_skills (
    goal_id     TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    skill       TEXT NOT NULL,
    PRIMARY KEY (goal_id, skill)
) STRICT, WITHOUT ROWID;

CREATE TABLE goal_evidence (
    goal_id     TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    PRIMARY KEY (goal_id, entry_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE check_ins (
    id          TEXT PRIMARY KEY NOT NULL,
    goal_id     TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    date        TEXT NOT NULL CHECK (date(date) IS date),
    progress    INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    note        TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX check_ins_by_goal ON check_ins (goal_id, date);

CREATE TABLE framework (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL
) STRICT;

CREATE TABLE framework_dimensions (
    key         TEXT PRIMARY KEY NOT NULL,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL
) STRICT;

CREATE TABLE framework_levels (
    dimension_key TEXT NOT NULL REFERENCES framework_dimensions (key)
                  ON UPDATE CASCADE ON DELETE CASCADE,
    key           TEXT NOT NULL,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL,
    PRIMARY KEY (dimension_key, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE assessments (
    id            TEXT PRIMARY KEY NOT NULL,
    mentee_id     TEXT NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    dimension_key TEXT NOT NULL,
    level_key     TEXT NOT NULL,
    date          TEXT NOT NULL CHECK (date(date) IS date),
    note          TEXT,
    created_at    TEXT NOT NULL,
    FOREIGN KEY (dimension_key, level_key) REFERENCES framework_levels (dimension_key, key)
        ON UPDATE CASCADE
) STRICT;
CREATE INDEX assessments_by_mentee ON assessments (mentee_id, dimension_key, date);

CREATE TABLE assessment_evidence (
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    entry_id      TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    PRIMARY KEY (assessment_id, entry_id)
) STRICT, WITHOUT ROWID;
