-- Schema 6, second half (run by the hook once the one ladder exists): assessments move
-- to the new table with their ladder, and the schema 5 framework tables go.
INSERT INTO assessments_v6 (id, mentee_id, framework_id, dimension_key, level_key, date, note, created_at)
    SELECT id, mentee_id, (SELECT id FROM frameworks WHERE is_default = 1),
           dimension_key, level_key, date, note, created_at
    FROM assessments;

CREATE TABLE assessment_evidence_v6 (
    assessment_id TEXT NOT NULL REFERENCES assessments_v6 (id) ON DELETE CASCADE,
    entry_id      TEXT NOT NULL,
    PRIMARY KEY (assessment_id, entry_id)
) STRICT, WITHOUT ROWID;
INSERT INTO assessment_evidence_v6 (assessment_id, entry_id)
    SELECT assessment_id, entry_id FROM assessment_evidence;

DROP TABLE assessment_evidence;
DROP TABLE assessments;
DROP TABLE framework_levels;
DROP TABLE framework_dimensions;
DROP TABLE framework;

ALTER TABLE assessments_v6 RENAME TO assessments;
ALTER TABLE assessment_evidence_v6 RENAME TO assessment_evidence;
CREATE INDEX assessments_by_mentee ON assessments (mentee_id, dimension_key, date);
CREATE INDEX assessments_by_framework ON assessments (framework_id, dimension_key, level_key);
CREATE INDEX assessment_evidence_by_entry ON assessment_evidence (entry_id);

-- The search triggers of schema 5 went with the old tables.
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
CREATE TRIGGER search_dimension_renamed AFTER UPDATE OF name ON ladder_dimensions
WHEN old.name IS NOT new.name BEGIN
    INSERT OR IGNORE INTO search_dirty
        SELECT id, 'assessment' FROM assessments
        WHERE framework_id = new.framework_id AND dimension_key = new.key;
END;
CREATE TRIGGER search_level_renamed AFTER UPDATE OF name ON ladder_levels
WHEN old.name IS NOT new.name BEGIN
    INSERT OR IGNORE INTO search_dirty
        SELECT id, 'assessment' FROM assessments
        WHERE framework_id = new.framework_id AND level_key = new.key;
END;
