-- Schema 4: derived things keep their source's visibility for their whole life.
--
-- A deleted entry leaves a tombstone: its id and visibility, nothing else. A follow-up, a
-- check-in or an assessment that cited it still knows whether its source was private, so
-- deleting (or trashing) a private session never publishes what came from it. Restoring
-- the entry removes the tombstone. The triggers catch every deletion path, cascades too.
CREATE TABLE entry_tombstones (
    id          TEXT PRIMARY KEY NOT NULL,
    visibility  TEXT NOT NULL CHECK (visibility IN ('private', 'shareable'))
) STRICT, WITHOUT ROWID;

CREATE TRIGGER entries_leave_a_tombstone AFTER DELETE ON entries BEGIN
    INSERT OR REPLACE INTO entry_tombstones (id, visibility) VALUES (old.id, old.visibility);
END;

CREATE TRIGGER entries_lift_their_tombstone AFTER INSERT ON entries BEGIN
    DELETE FROM entry_tombstones WHERE id = new.id;
END;

-- A check-in's own evidence. Schema 3 and older merged it into the goal's evidence, where
-- it stays (which check-in cited what was not recorded then). No foreign key to entries:
-- a link to a deleted entry is kept, and its tombstone says what it was.
CREATE TABLE check_in_evidence (
    check_in_id TEXT NOT NULL REFERENCES check_ins (id) ON DELETE CASCADE,
    entry_id    TEXT NOT NULL,
    PRIMARY KEY (check_in_id, entry_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX check_in_evidence_by_entry ON check_in_evidence (entry_id);

-- Follow-ups and assessment evidence keep pointing at a deleted entry: rebuilt without
-- the ON DELETE SET NULL / CASCADE towards entries.
CREATE TABLE action_items_v4 (
    id          TEXT PRIMARY KEY NOT NULL,
    mentee_id   TEXT NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    entry_id    TEXT,
    text        TEXT NOT NULL,
    owner       TEXT NOT NULL CHECK (owner IN ('mentee', 'lead')),
    due         TEXT CHECK (due IS NULL OR date(due) IS due),
    done_at     TEXT,
    created_at  TEXT NOT NULL
) STRICT;
INSERT INTO action_items_v4 (id, mentee_id, entry_id, text, owner, due, done_at, created_at)
    SELECT id, mentee_id, entry_id, text, owner, due, done_at, created_at FROM action_items;
DROP TABLE action_items;
ALTER TABLE action_items_v4 RENAME TO action_items;
CREATE INDEX action_items_by_mentee ON action_items (mentee_id, done_at, due);
CREATE INDEX action_items_by_entry ON action_items (entry_id);
CREATE INDEX action_items_open ON action_items (due) WHERE done_at IS NULL;

CREATE TABLE assessment_evidence_v4 (
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    entry_id      TEXT NOT NULL,
    PRIMARY KEY (assessment_id, entry_id)
) STRICT, WITHOUT ROWID;
INSERT INTO assessment_evidence_v4 (assessment_id, entry_id)
    SELECT assessment_id, entry_id FROM assessment_evidence;
DROP TABLE assessment_evidence;
ALTER TABLE assessment_evidence_v4 RENAME TO assessment_evidence;
CREATE INDEX assessment_evidence_by_entry ON assessment_evidence (entry_id);
