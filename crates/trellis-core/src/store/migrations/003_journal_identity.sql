-- Schema 3: the journal's identity. Every journal gets an id when it is created (or first
-- migrated here); backups carry it, so they are listed and restored per journal. The demo
-- flag travels with the file, so made-up people are labelled wherever the file goes.
-- The row itself is written by the migration's hook (it needs a fresh UUID v7).
CREATE TABLE journal (
    singleton   INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    id          TEXT NOT NULL,
    demo        INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    created_at  TEXT NOT NULL
) STRICT;
