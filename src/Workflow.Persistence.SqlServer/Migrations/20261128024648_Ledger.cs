using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // History lines written before the ledger existed cannot be chained after the fact without the chain
            // vouching for what it never saw: they are kept aside, unverified, outside the ledger (ADR-007).
            migrationBuilder.Sql(@"SELECT * INTO history_before_ledger FROM history;");

            migrationBuilder.DropTable(
                name: "history");

            migrationBuilder.CreateTable(
                name: "ledger",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    instance_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    component = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    element_id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    actor = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    role = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    unit = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    acting_for = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    outcome = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    data = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    prev_hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_checkpoints",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    from_id = table.Column<long>(type: "bigint", nullable: false),
                    to_id = table.Column<long>(type: "bigint", nullable: false),
                    entries = table.Column<long>(type: "bigint", nullable: false),
                    streams = table.Column<long>(type: "bigint", nullable: false),
                    prev_hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_checkpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_heads",
                columns: table => new
                {
                    instance_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false)
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

            // SQL Server: INSTEAD OF triggers refuse UPDATE and DELETE. TRUNCATE fires no trigger there: it needs ALTER permission on the table, which the login of the application must not have.
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_append_only ON ledger INSTEAD OF UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, 'The workflow ledger is append-only: UPDATE and DELETE on ledger are refused.', 1;
END");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_checkpoints_append_only ON ledger_checkpoints INSTEAD OF UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, 'The workflow ledger is append-only: UPDATE and DELETE on ledger_checkpoints are refused.', 1;
END");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_heads_no_delete ON ledger_heads INSTEAD OF DELETE AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, 'The workflow ledger is append-only: DELETE on ledger_heads is refused.', 1;
END");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_heads_forward_only ON ledger_heads AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted i LEFT JOIN deleted d ON d.instance_id = i.instance_id WHERE d.instance_id IS NULL OR i.seq <= d.seq)
        THROW 51000, 'The workflow ledger is append-only: a stream head only moves forward.', 1;
END");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    actor = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    data = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    element_id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    instance_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    kind = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
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
