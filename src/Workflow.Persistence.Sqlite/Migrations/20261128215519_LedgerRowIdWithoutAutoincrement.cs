using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LedgerRowIdWithoutAutoincrement : Migration
    {
        // Written by hand: SQLite cannot alter a column, and the table rebuild EF would generate drops the append-only
        // triggers with the old table. DROP TABLE fires no trigger (its implicit delete never does); every row is copied with
        // its id, its stream id as stored, its hashes: nothing the chain covers changes (ADR-007).
        private const string Columns =
            "id, instance_id, seq, at, component, kind, element_id, actor, role, unit, acting_for, outcome, data, prev_hash, hash";

        private static string Rebuild(string autoincrement) => $"""
            CREATE TABLE ledger_rebuilt (
                id INTEGER NOT NULL CONSTRAINT pk_ledger PRIMARY KEY{autoincrement},
                instance_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                at INTEGER NOT NULL,
                component TEXT NOT NULL,
                kind TEXT NOT NULL,
                element_id TEXT NULL,
                actor TEXT NULL,
                role TEXT NULL,
                unit TEXT NULL,
                acting_for TEXT NULL,
                outcome TEXT NULL,
                data TEXT NULL,
                prev_hash BLOB NOT NULL,
                hash BLOB NOT NULL
            );
            INSERT INTO ledger_rebuilt ({Columns}) SELECT {Columns} FROM ledger ORDER BY id;
            DROP TABLE ledger;
            ALTER TABLE ledger_rebuilt RENAME TO ledger;
            CREATE UNIQUE INDEX ux_ledger_instance_id_seq ON ledger (instance_id, seq);
            CREATE TRIGGER tr_ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'the workflow ledger is append-only: UPDATE on ledger is refused'); END;
            CREATE TRIGGER tr_ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'the workflow ledger is append-only: DELETE on ledger is refused'); END;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Rebuild(""));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            // AUTOINCREMENT starts from the highest id copied: ids still never go back.
            migrationBuilder.Sql(Rebuild(" AUTOINCREMENT"));
    }
}
