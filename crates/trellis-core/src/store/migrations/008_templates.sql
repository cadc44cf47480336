-- Schema 8: templates, a named starting point per entry kind (and note subkind). Trellis's
-- own defaults are written by the migration's hook, with fixed ids.

CREATE TABLE templates (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL COLLATE NOCASE,
    kind        TEXT NOT NULL CHECK (kind IN ('note', 'session', 'track')),
    subkind     TEXT CHECK (subkind IS NULL OR kind = 'note'),
    body        TEXT NOT NULL,
    -- TemplateFields as JSON: checked by the core on the way in and on the way out.
    fields      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (kind, name)
) STRICT, WITHOUT ROWID;
