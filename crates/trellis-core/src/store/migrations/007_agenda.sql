-- Schema 7: the rhythm of 1:1s (a cadence per mentee, the default in settings) and the
-- outcomes of experiments agreed in track conversations. Kept beside the tables they
-- describe, so the records themselves (and the archive's) are unchanged.

CREATE TABLE mentee_cadence (
    mentee_id  TEXT PRIMARY KEY NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    cadence    TEXT NOT NULL CHECK (cadence IN ('weekly', 'biweekly', 'monthly', 'none'))
) STRICT, WITHOUT ROWID;

CREATE TABLE settings (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- An experiment is named by its text (an edit that rewords it detaches the outcome).
CREATE TABLE experiment_outcomes (
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    experiment  TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    closed_on   TEXT NOT NULL,
    PRIMARY KEY (entry_id, experiment)
) STRICT, WITHOUT ROWID;
