-- Schema 6: several ladders per journal, with IC and people-manager branches.
--
-- A ladder (`frameworks`) has levels (`ladder_levels`: the rungs, in order; a level on a
-- branch says `ic` or `manager`) and dimensions (`ladder_dimensions`); what a dimension
-- expects at a level is an expectation (`ladder_expectations`), and a dimension may
-- have none at some levels. Levels and dimensions are retired, not deleted, once
-- something cites them. An assessment names its ladder; a mentee's ladder and the level
-- they hold are in `mentee_ladders` (none: the default ladder, no level).
--
-- The migration's hook converts schema 5's one framework (per-dimension levels) into a
-- ladder, then runs 006_frameworks_move.sql, which moves the assessments over and drops
-- the old tables.
CREATE TABLE frameworks (
    id          TEXT PRIMARY KEY NOT NULL,
    key         TEXT NOT NULL UNIQUE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    source      TEXT,
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    updated_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX frameworks_one_default ON frameworks (is_default) WHERE is_default = 1;

CREATE TABLE ladder_levels (
    framework_id TEXT NOT NULL REFERENCES frameworks (id) ON UPDATE CASCADE ON DELETE CASCADE,
    key          TEXT NOT NULL,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL,
    branch       TEXT CHECK (branch IS NULL OR branch IN ('ic', 'manager')),
    retired      INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    PRIMARY KEY (framework_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE ladder_dimensions (
    framework_id TEXT NOT NULL REFERENCES frameworks (id) ON UPDATE CASCADE ON DELETE CASCADE,
    key          TEXT NOT NULL,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL,
    retired      INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    PRIMARY KEY (framework_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE ladder_expectations (
    framework_id  TEXT NOT NULL,
    dimension_key TEXT NOT NULL,
    level_key     TEXT NOT NULL,
    description   TEXT NOT NULL,
    PRIMARY KEY (framework_id, dimension_key, level_key),
    FOREIGN KEY (framework_id, dimension_key) REFERENCES ladder_dimensions (framework_id, key)
        ON UPDATE CASCADE ON DELETE CASCADE,
    FOREIGN KEY (framework_id, level_key) REFERENCES ladder_levels (framework_id, key)
        ON UPDATE CASCADE ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- Earlier versions of a ladder (JSON), so an edit or a re-import can be undone.
CREATE TABLE framework_revisions (
    framework_id TEXT NOT NULL REFERENCES frameworks (id) ON UPDATE CASCADE ON DELETE CASCADE,
    saved_at     TEXT NOT NULL,
    ladder       TEXT NOT NULL CHECK (json_valid(ladder)),
    PRIMARY KEY (framework_id, saved_at)
) STRICT, WITHOUT ROWID;

CREATE TABLE mentee_ladders (
    mentee_id    TEXT PRIMARY KEY NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    framework_id TEXT NOT NULL REFERENCES frameworks (id) ON UPDATE CASCADE,
    level_key    TEXT,
    FOREIGN KEY (framework_id, level_key) REFERENCES ladder_levels (framework_id, key)
        ON UPDATE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX mentee_ladders_by_framework ON mentee_ladders (framework_id);

CREATE TABLE assessments_v6 (
    id            TEXT PRIMARY KEY NOT NULL,
    mentee_id     TEXT NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    framework_id  TEXT NOT NULL,
    dimension_key TEXT NOT NULL,
    level_key     TEXT NOT NULL,
    date          TEXT NOT NULL CHECK (date(date) IS date),
    note          TEXT,
    created_at    TEXT NOT NULL,
    FOREIGN KEY (framework_id, dimension_key) REFERENCES ladder_dimensions (framework_id, key)
        ON UPDATE CASCADE,
    FOREIGN KEY (framework_id, level_key) REFERENCES ladder_levels (framework_id, key)
        ON UPDATE CASCADE
) STRICT;

-- A removed ladder goes to the trash like anything else (restorable for 30 days).
CREATE TABLE trash_v6 (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL
                CHECK (kind IN ('mentee', 'entry', 'goal', 'action_item', 'framework')),
    record_id   TEXT NOT NULL,
    mentee_id   TEXT,
    label       TEXT NOT NULL,
    payload     TEXT NOT NULL,
    deleted_at  TEXT NOT NULL
) STRICT;
INSERT INTO trash_v6 (id, kind, record_id, mentee_id, label, payload, deleted_at)
    SELECT id, kind, record_id, mentee_id, label, payload, deleted_at FROM trash;
DROP TABLE trash;
ALTER TABLE trash_v6 RENAME TO trash;
CREATE INDEX trash_by_time ON trash (deleted_at);
