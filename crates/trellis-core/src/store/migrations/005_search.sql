-- Schema 5: full-text search over everything a lead writes.
--
-- search_index is an FTS5 index that keeps no copy of the text (contentless; rows are
-- deleted by rowid): `title` (names, titles, topics, actions), `body` (everything else
-- written) and `meta` (filter tokens: kind, mentee, visibility; a query's words never
-- reach it). Its rowid is the record's day × 2^22 + order of arrival, so "newest first"
-- is the index's own order and a search stops after the first page.
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body, meta,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- What each index row stands for.
CREATE TABLE search_docs (
    id          INTEGER PRIMARY KEY,
    record_id   TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL
                CHECK (kind IN ('mentee', 'note', 'session', 'track', 'goal', 'action', 'assessment')),
    mentee_id   TEXT NOT NULL,
    date        TEXT NOT NULL CHECK (date(date) IS date),
    visibility  TEXT CHECK (visibility IS NULL OR visibility IN ('private', 'shareable')),
    -- A hash of the indexed text and filters: a record whose words did not change is not
    -- indexed again, and `check` can tell a stale row without a copy of the text.
    hash        INTEGER NOT NULL
) STRICT;

-- Set when something left the journal for good without the index being rewritten yet
-- (the trash or old versions aging out during a save): the next backup rewrites it first.
CREATE TABLE search_forget (
    pending     INTEGER PRIMARY KEY NOT NULL CHECK (pending = 1)
) STRICT;

-- Records whose text changed since the index last saw them. The triggers below fill it
-- in the same statement as the change; Journal::write indexes them before it commits, so
-- the index is never behind a committed write.
CREATE TABLE search_dirty (
    record_id   TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('mentee', 'entry', 'goal', 'action', 'assessment'))
) STRICT, WITHOUT ROWID;

CREATE TRIGGER search_mentee_added AFTER INSERT ON mentees BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.id, 'mentee');
END;
CREATE TRIGGER search_mentee_changed AFTER UPDATE OF name, role, level, team, created_at ON mentees BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.id, 'mentee');
END;
CREATE TRIGGER search_mentee_deleted AFTER DELETE ON mentees BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (old.id, 'mentee');
END;
CREATE TRIGGER search_mentee_tag_added AFTER INSERT ON mentee_tags BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.mentee_id, 'mentee');
END;
CREATE TRIGGER search_mentee_tag_deleted AFTER DELETE ON mentee_tags BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (old.mentee_id, 'mentee');
END;

CREATE TRIGGER search_entry_added AFTER INSERT ON entries BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.id, 'entry');
END;
CREATE TRIGGER search_entry_changed
AFTER UPDATE OF mentee_id, kind, date, title, body, visibility ON entries BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.id, 'entry');
END;
CREATE TRIGGER search_entry_deleted AFTER DELETE ON entries BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (old.id, 'entry');
END;
CREATE TRIGGER search_entry_tag_added AFTER INSERT ON entry_tags BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.entry_id, 'entry');
END;
CREATE TRIGGER search_entry_tag_deleted AFTER DELETE ON entry_tags BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (old.entry_id, 'entry');
END;
CREATE TRIGGER search_entry_skill_added AFTER INSERT ON entry_skills BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.entry_id, 'entry');
END;
CREATE TRIGGER search_entry_skill_deleted AFTER DELETE ON entry_skills BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (old.entry_id, 'entry');
END;
CREATE TRIGGER search_session_added AFTER INSERT ON pairing_sessions BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.entry_id, 'entry');
END;
CREATE TRIGGER search_session_changed
AFTER UPDATE OF topic, went_well, to_improve ON pairing_sessions BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.entry_id, 'entry');
END;
CREATE TRIGGER search_track_added AFTER INSERT ON track_conversations BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.entry_id, 'entry');
END;
CREATE TRIGGER search_track_changed
AFTER UPDATE OF energizers, drainers ON track_conversations BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.entry_id, 'entry');
END;
CREATE TRIGGER search_experiment_added AFTER INSERT ON track_experiments BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.entry_id, 'entry');
END;
CREATE TRIGGER search_experiment_changed AFTER UPDATE ON track_experiments BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.entry_id, 'entry');
END;
CREATE TRIGGER search_experiment_deleted AFTER DELETE ON track_experiments BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (old.entry_id, 'entry');
END;

CREATE TRIGGER search_action_added AFTER INSERT ON action_items BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.id, 'action');
END;
CREATE TRIGGER search_action_changed AFTER UPDATE OF text, mentee_id, created_at ON action_items BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.id, 'action');
END;
CREATE TRIGGER search_action_deleted AFTER DELETE ON action_items BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (old.id, 'action');
END;

CREATE TRIGGER search_goal_added AFTER INSERT ON goals BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.id, 'goal');
END;
CREATE TRIGGER search_goal_changed AFTER UPDATE OF title, why, mentee_id, created_at ON goals BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.id, 'goal');
END;
CREATE TRIGGER search_goal_deleted AFTER DELETE ON goals BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (old.id, 'goal');
END;
CREATE TRIGGER search_goal_skill_added AFTER INSERT ON goal_skills BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.goal_id, 'goal');
END;
CREATE TRIGGER search_goal_skill_deleted AFTER DELETE ON goal_skills BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (old.goal_id, 'goal');
END;
CREATE TRIGGER search_check_in_added AFTER INSERT ON check_ins BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.goal_id, 'goal');
END;
CREATE TRIGGER search_check_in_changed AFTER UPDATE OF note, goal_id ON check_ins BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.goal_id, 'goal');
    INSERT OR IGNORE INTO search_dirty VALUES (old.goal_id, 'goal');
END;
CREATE TRIGGER search_check_in_deleted AFTER DELETE ON check_ins BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (old.goal_id, 'goal');
END;

CREATE TRIGGER search_assessment_added AFTER INSERT ON assessments BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.id, 'assessment');
END;
CREATE TRIGGER search_assessment_changed AFTER UPDATE ON assessments BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (new.id, 'assessment');
END;
CREATE TRIGGER search_assessment_deleted AFTER DELETE ON assessments BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES (old.id, 'assessment');
END;
-- An assessment's headline names its dimension and level.
CREATE TRIGGER search_dimension_renamed AFTER UPDATE OF name ON framework_dimensions BEGIN
    INSERT OR IGNORE INTO search_dirty
        SELECT id, 'assessment' FROM assessments WHERE dimension_key = new.key;
END;
CREATE TRIGGER search_level_renamed AFTER UPDATE OF name ON framework_levels BEGIN
    INSERT OR IGNORE INTO search_dirty
        SELECT id, 'assessment' FROM assessments
        WHERE dimension_key = new.dimension_key AND level_key = new.key;
END;

-- Today's goals due soon, without reading every goal of a large journal.
CREATE INDEX goals_open_by_target ON goals (target)
    WHERE status IN ('active', 'proposed') AND target IS NOT NULL;

-- Today's most urgent follow-ups, in the order Today lists them: the first page is read,
-- not every open item of every mentee.
CREATE INDEX action_items_open_order ON action_items (due IS NULL, due, created_at, id)
    WHERE done_at IS NULL;

-- Everything already in the journal is indexed by the migration's hook.
INSERT OR IGNORE INTO search_dirty
    SELECT id, 'mentee' FROM mentees
    UNION ALL SELECT id, 'entry' FROM entries
    UNION ALL SELECT id, 'goal' FROM goals
    UNION ALL SELECT id, 'action' FROM action_items
    UNION ALL SELECT id, 'assessment' FROM assessments;
