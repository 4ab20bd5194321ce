using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.Sqlite.Migrations
{
    /// <summary>
    /// An instance's ledger stream keeps its head in the instance's row, which every save updates anyway (ADR-010,
    /// amendment 7): the heads of instance streams move out of <c>ledger_heads</c>, which keeps those of the other streams.
    /// The database lets a head in an instance row move forward only, as it does in <c>ledger_heads</c>.
    /// </summary>
    public partial class InstanceLedgerHeads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "ledger_hash",
                table: "instances",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ledger_seq",
                table: "instances",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.Sql(@"UPDATE instances SET ledger_seq = (SELECT h.seq FROM ledger_heads h WHERE h.instance_id = instances.id), ledger_hash = (SELECT h.hash FROM ledger_heads h WHERE h.instance_id = instances.id) WHERE id IN (SELECT instance_id FROM ledger_heads);");
            // SQLite cannot switch a trigger off: the migration drops and re-creates it around the move.
            migrationBuilder.Sql(@"DROP TRIGGER tr_ledger_heads_no_delete;");
            migrationBuilder.Sql(@"DELETE FROM ledger_heads WHERE instance_id IN (SELECT id FROM instances);");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_heads_no_delete BEFORE DELETE ON ledger_heads BEGIN SELECT RAISE(ABORT, 'the workflow ledger is append-only: DELETE on ledger_heads is refused'); END;");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_instances_ledger_head_forward_only BEFORE UPDATE OF ledger_seq, ledger_hash ON instances WHEN NEW.ledger_seq < OLD.ledger_seq OR (NEW.ledger_seq = OLD.ledger_seq AND NEW.ledger_hash IS NOT OLD.ledger_hash) BEGIN SELECT RAISE(ABORT, 'the workflow ledger is append-only: a stream head only moves forward'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER tr_instances_ledger_head_forward_only;");
            migrationBuilder.Sql(@"INSERT INTO ledger_heads (instance_id, seq, hash) SELECT id, ledger_seq, ledger_hash FROM instances WHERE ledger_seq > 0;");

            migrationBuilder.DropColumn(
                name: "ledger_hash",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "ledger_seq",
                table: "instances");
        }
    }
}
