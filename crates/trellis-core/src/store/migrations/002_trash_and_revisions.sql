-- Schema 2: a trash for deleted things (kept 30 days) and revisions of edited entries
-- (kept 90 days). Each holds a JSON snapshot written by the core, so a restore puts back
-- exactly what was there.
CREATE TABLE trash (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('mentee', 'entry', 'goal', 'action_item')),
    record_id   TEXT NOT NULL,
    mentee_id   TEXT,
    label       TEXT NOT NULL,
    payload     TEXT NOT NULL,
    deleted_at  TEXT NOT NULL
) STRICT;
CREATE INDEX trash_by_time ON trash (deleted_at);

CREATE TABLE revisions (
    id          TEXT PRIMARY KEY NOT NULL,
    entry_id    TEXT NOT NULL,
    payload     TEXT NOT NULL,
    replaced_at TEXT NOT NULL
) STRICT;
CREATE INDEX revisions_by_entry ON revisions (entry_id, replaced_at);
