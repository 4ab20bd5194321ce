using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // History lines written before the ledger existed cannot be chained after the fact without the chain
            // vouching for what it never saw: they are kept aside, unverified, outside the ledger (ADR-007).
            migrationBuilder.Sql(@"CREATE TABLE history_before_ledger AS SELECT * FROM history;");

            migrationBuilder.DropTable(
                name: "history");

            migrationBuilder.CreateTable(
                name: "ledger",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    component = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    element_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    unit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    acting_for = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    data = table.Column<string>(type: "TEXT", nullable: true),
                    prev_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_checkpoints",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    from_id = table.Column<long>(type: "INTEGER", nullable: false),
                    to_id = table.Column<long>(type: "INTEGER", nullable: false),
                    entries = table.Column<long>(type: "INTEGER", nullable: false),
                    streams = table.Column<long>(type: "INTEGER", nullable: false),
                    prev_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_checkpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_heads",
                columns: table => new
                {
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_heads", x => x.instance_id);
                });

            migrationBuilder.CreateIndex(
                name: "ux_ledger_instance_id_seq",
                table: "ledger",
                columns: new[] { "instance_id", "seq" },
                unique: true);

            // SQLite: RAISE(ABORT) triggers; DELETE without WHERE fires them too (the truncate optimisation is off for tables with triggers).
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'the workflow ledger is append-only: UPDATE on ledger is refused'); END;");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'the workflow ledger is append-only: DELETE on ledger is refused'); END;");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_checkpoints_no_update BEFORE UPDATE ON ledger_checkpoints BEGIN SELECT RAISE(ABORT, 'the workflow ledger is append-only: UPDATE on ledger_checkpoints is refused'); END;");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_checkpoints_no_delete BEFORE DELETE ON ledger_checkpoints BEGIN SELECT RAISE(ABORT, 'the workflow ledger is append-only: DELETE on ledger_checkpoints is refused'); END;");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_heads_forward_only BEFORE UPDATE ON ledger_heads WHEN NEW.instance_id IS NOT OLD.instance_id OR NEW.seq <= OLD.seq BEGIN SELECT RAISE(ABORT, 'the workflow ledger is append-only: a stream head only moves forward'); END;");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_heads_no_delete BEFORE DELETE ON ledger_heads BEGIN SELECT RAISE(ABORT, 'the workflow ledger is append-only: DELETE on ledger_heads is refused'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "history",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: true),
                    element_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_history_instances_instance_id",
                        column: x => x.instance_id,
                        principalTable: "instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_history_instance_id_id",
                table: "history",
                columns: new[] { "instance_id", "id" });

            // Back to plain history: the lines kept aside, then the instances' ledger entries (their hashes are lost).
            migrationBuilder.Sql(@"INSERT INTO history (instance_id, at, kind, element_id, actor, data)
SELECT instance_id, at, kind, element_id, actor, data FROM history_before_ledger ORDER BY id;
INSERT INTO history (instance_id, at, kind, element_id, actor, data)
SELECT instance_id, at, kind, element_id, actor, data FROM ledger WHERE instance_id IN (SELECT id FROM instances) ORDER BY id;
DROP TABLE history_before_ledger;");

            migrationBuilder.DropTable(
                name: "ledger");

            migrationBuilder.DropTable(
                name: "ledger_checkpoints");

            migrationBuilder.DropTable(
                name: "ledger_heads");
        }
    }
}
