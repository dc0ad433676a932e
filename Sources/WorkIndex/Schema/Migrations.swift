import GRDB

/// The index schema (INDEX-SPEC.md), created and upgraded by one `DatabaseMigrator`. Append new
/// migrations; never edit a shipped one (existing files have run it already).
enum Migrations {
    /// `meta.schema-version` after the last migration.
    static let schemaVersion = 7

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-index") { db in
            try db.execute(sql: v1)
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('schema-version', ?)", arguments: ["1"])
        }
        migrator.registerMigration("v2-scalars-index") { db in
            try db.execute(sql: v2)
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'schema-version'", arguments: ["2"])
        }
        migrator.registerMigration("v3-deposit-reports") { db in
            try db.execute(sql: v3)
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'schema-version'", arguments: ["3"])
        }
        migrator.registerMigration("v4-search-columns") { db in
            try db.execute(sql: v4)
            try SearchTextRebuild.run(db)
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'schema-version'", arguments: ["4"])
        }
        migrator.registerMigration("v5-page-order-indexes") { db in
            try db.execute(sql: v5)
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'schema-version'", arguments: ["5"])
        }
        migrator.registerMigration("v6-deposit-records-by-age") { db in
            try db.execute(sql: v6)
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'schema-version'", arguments: ["6"])
        }
        migrator.registerMigration("v7-deleted-unread") { db in
            try db.execute(sql: v7)
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'schema-version'", arguments: ["7"])
        }
        return migrator
    }

    private static let v1 = """
        -- One row per DOI: the JSON ready to serve plus the columns filters and sorts use.
        CREATE TABLE works (
            id INTEGER PRIMARY KEY,
            doi TEXT UNIQUE NOT NULL,
            json BLOB NOT NULL,
            version INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            type TEXT, member TEXT, prefix TEXT, publisher TEXT,
            created_ms INTEGER, deposited_ms INTEGER, indexed_ms INTEGER,
            issued_start INTEGER, issued_end INTEGER,
            print_start INTEGER, print_end INTEGER,
            online_start INTEGER, online_end INTEGER,
            posted_start INTEGER, posted_end INTEGER,
            accepted_start INTEGER, accepted_end INTEGER,
            published_year INTEGER, is_referenced_by_count INTEGER, references_count INTEGER,
            deposited_at_ms INTEGER,
            -- Index changes of this row so far: makes change event ids unique (ChangeEvent.id).
            change_count INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX works_by_type ON works(type);
        CREATE INDEX works_by_member ON works(member);
        CREATE INDEX works_by_prefix ON works(prefix);
        CREATE INDEX works_by_issued ON works(issued_start);
        CREATE INDEX works_by_indexed ON works(indexed_ms);
        CREATE INDEX works_by_deposited ON works(deposited_ms);
        CREATE INDEX works_by_created ON works(created_ms);

        -- Filter/facet values (WorkTerms), in extraction order per work (rowid order). A plain rowid
        -- table measured as fast as a WITHOUT ROWID one clustered on (field, value, …), whose
        -- (work_id) index would have to repeat the long text key.
        CREATE TABLE work_terms (
            work_id INTEGER NOT NULL,
            field TEXT NOT NULL,
            value TEXT NOT NULL,
            grp INTEGER NOT NULL,
            num INTEGER
        );
        CREATE INDEX work_terms_by_value ON work_terms(field, value, work_id);
        CREATE INDEX work_terms_by_work ON work_terms(work_id);

        -- The external content of works_fts (WorkSearchText), rowid = works.id. FTS5 needs the old
        -- texts to remove a row's tokens, and this SQLite (3.40) has no contentless_delete.
        CREATE TABLE work_search_text (
            id INTEGER PRIMARY KEY,
            title TEXT, container_title TEXT, author TEXT, editor TEXT, chair TEXT, translator TEXT,
            contributor TEXT, affiliation TEXT, bibliographic TEXT, everything TEXT
        );
        CREATE VIRTUAL TABLE works_fts USING fts5(
            title, container_title, author, editor, chair, translator, contributor, affiliation,
            bibliographic, everything,
            content = 'work_search_text', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        );

        -- Crossmark: notice → target, stored before the target exists.
        CREATE TABLE update_edges (
            notice_doi TEXT NOT NULL,
            target_doi TEXT NOT NULL,
            type TEXT NOT NULL,
            label TEXT,
            updated_ms INTEGER,
            source TEXT,
            PRIMARY KEY (notice_doi, target_doi, type)
        ) WITHOUT ROWID;
        CREATE INDEX update_edges_by_target ON update_edges(target_doi);

        -- The same links claimed from the target's side (unixsd relation claims naming an update
        -- type). Owned by the target's deposits, so a notice re-deposit cannot remove them and
        -- they survive re-rendering the target's updated-by from update_edges.
        CREATE TABLE update_claims (
            target_doi TEXT NOT NULL,
            notice_doi TEXT NOT NULL,
            type TEXT NOT NULL,
            label TEXT,
            updated_ms INTEGER,
            source TEXT,
            PRIMARY KEY (target_doi, notice_doi, type)
        ) WITHOUT ROWID;

        -- Change events waiting for the publisher; written in the same transaction as the change.
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT UNIQUE NOT NULL,
            doi TEXT NOT NULL,
            payload BLOB NOT NULL,
            created_ms INTEGER NOT NULL
        );

        -- The index's DLQ ledger. Unique per record so a redelivered batch does not count twice.
        CREATE TABLE dead_letters (
            id INTEGER PRIMARY KEY,
            topic TEXT NOT NULL,
            "partition" INTEGER NOT NULL,
            "offset" INTEGER NOT NULL,
            record_index INTEGER NOT NULL,
            doi TEXT,
            code TEXT NOT NULL,
            message TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            UNIQUE (topic, "partition", "offset", record_index)
        );
        CREATE INDEX dead_letters_by_code ON dead_letters(code);

        CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE freshness (id INTEGER PRIMARY KEY, latency_ms INTEGER NOT NULL, at_ms INTEGER NOT NULL);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        """

    /// Every scalar column filters, sorts and column facets read, in one covering index. A `works`
    /// row carries its JSON (KBs) before these columns, so reading them from the table touches a
    /// page or two per work: a filtered count with two facets over 80,000 works took ~400 ms.
    /// From this index (~150 bytes per work) it takes ~5 ms. `type` leads: the commonest filter.
    private static let v2 = """
        CREATE INDEX works_by_scalars ON works(
            type, issued_start, deposited_ms, indexed_ms, created_ms, publisher, published_year, member, prefix,
            print_start, online_start, posted_start, accepted_start, is_referenced_by_count, references_count, doi);
        """

    /// Deposit processing reports (DepositLedger) and outbox rows that are not change events.
    private static let v3 = """
        -- NULL or 'change-event': a work-changes event; 'deposit-report': a deposit-reports message.
        ALTER TABLE outbox ADD COLUMN kind TEXT;

        -- Each source record's outcome, once: a redelivered record is not counted again.
        CREATE TABLE deposit_records (
            topic TEXT NOT NULL,
            "partition" INTEGER NOT NULL,
            "offset" INTEGER NOT NULL,
            record_index INTEGER NOT NULL,
            deposit_id TEXT NOT NULL,
            outcome TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            PRIMARY KEY (topic, "partition", "offset", record_index)
        ) WITHOUT ROWID;

        -- The latest submission of each deposit id: its outcome counts so far.
        CREATE TABLE deposit_reports (
            deposit_id TEXT PRIMARY KEY,
            submission INTEGER NOT NULL,
            member TEXT,
            -- The deposit-records header; NULL when the deposit did not say.
            expected INTEGER,
            indexed INTEGER NOT NULL,
            stale INTEGER NOT NULL,
            duplicate INTEGER NOT NULL,
            dead_lettered INTEGER NOT NULL,
            first_ms INTEGER NOT NULL,
            last_ms INTEGER NOT NULL,
            -- When the counts reached expected and the report went to the outbox.
            completed_ms INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX deposit_reports_by_last ON deposit_reports(last_ms);
        """

    /// Search texts without repeats (WorkSearchText): field queries name sets of columns instead
    /// of columns holding the union of others. The rows are rebuilt from the works' JSON.
    private static let v4 = """
        DROP TABLE works_fts;
        DROP TABLE work_search_text;
        CREATE TABLE work_search_text (
            id INTEGER PRIMARY KEY,
            title TEXT, container_title TEXT, author TEXT, editor TEXT, chair TEXT, translator TEXT,
            affiliation TEXT, citation TEXT, other TEXT
        );
        CREATE VIRTUAL TABLE works_fts USING fts5(
            title, container_title, author, editor, chair, translator, affiliation, citation, other,
            content = 'work_search_text', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """

    /// Indexes a page in the default order (deposited, newest first) walks, so a page reads its
    /// 20 rows instead of sorting every match (15,428 journal articles since 2010 took ~3 ms to
    /// sort; page 20 of a cursor over 80,795 journal articles, ~11 ms). A page orders by the sort
    /// column, then DOI, missing values last in both directions: the reader takes the works that
    /// have the value (a range of the index, walked either way) and then those that have none
    /// (`column IS NULL`, an equality, so they come in DOI order).
    ///
    /// The unfiltered order and type (the commonest filter) get one index each. A walk skips the
    /// works that fail the other filters, so these two also hold every column a filter compares:
    /// checked in the index, a filter that matches nothing costs a scan of the index (~16 ms for
    /// 200,000 works) where reading each work's row (its JSON comes first) took ~140 ms. Member
    /// and prefix (the scoped routes) lead narrow ones: their other filters read the rows of that
    /// member's works at worst, as they did before. Other sorts keep sorting their matches (an
    /// order index each would cost the writer as much again). CREATE INDEX fills these from the
    /// existing rows: an index of 200,000 works is upgraded in a few seconds.
    private static let v5 = """
        DROP INDEX works_by_deposited;
        DROP INDEX works_by_member;
        DROP INDEX works_by_prefix;
        CREATE INDEX works_by_deposited_doi ON works(deposited_ms, doi,
            type, member, prefix, issued_start, print_start, online_start, posted_start, accepted_start, created_ms, indexed_ms);
        CREATE INDEX works_by_type_deposited ON works(type, deposited_ms, doi,
            member, prefix, issued_start, print_start, online_start, posted_start, accepted_start, created_ms, indexed_ms);
        CREATE INDEX works_by_member_deposited ON works(member, deposited_ms, doi);
        CREATE INDEX works_by_prefix_deposited ON works(prefix, deposited_ms, doi);
        """

    /// The ledger's records by age, so each batch finds the ones old enough to forget
    /// (`DepositLedger.recordRetentionMs`) without scanning the rest. Appended in time order, it
    /// costs the writer little.
    private static let v6 = """
        CREATE INDEX deposit_records_by_at ON deposit_records(at_ms);
        """

    /// The offsets the broker deleted before a worker read them, one row per range found
    /// (`DeletedUnread`): the `deleted-before-read` counter adds only offsets no row covered yet.
    private static let v7 = """
        CREATE TABLE deleted_unread (
            topic TEXT NOT NULL,
            "partition" INTEGER NOT NULL,
            first_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            found_ms INTEGER NOT NULL,
            PRIMARY KEY (topic, "partition", first_offset, end_offset)
        ) WITHOUT ROWID;
        """
}
