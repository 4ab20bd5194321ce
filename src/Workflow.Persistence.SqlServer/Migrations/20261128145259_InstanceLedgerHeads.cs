using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.SqlServer.Migrations
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
                type: "varbinary(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ledger_seq",
                table: "instances",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.Sql(@"UPDATE i SET ledger_seq = h.seq, ledger_hash = h.hash FROM instances i JOIN ledger_heads h ON h.instance_id = i.id;");
            migrationBuilder.Sql(@"DISABLE TRIGGER tr_ledger_heads_no_delete ON ledger_heads;");
            migrationBuilder.Sql(@"DELETE h FROM ledger_heads h JOIN instances i ON i.id = h.instance_id;");
            migrationBuilder.Sql(@"ENABLE TRIGGER tr_ledger_heads_no_delete ON ledger_heads;");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_instances_ledger_head_forward_only ON instances AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF (UPDATE(ledger_seq) OR UPDATE(ledger_hash)) AND EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.id = i.id
        WHERE i.ledger_seq < d.ledger_seq OR (i.ledger_seq = d.ledger_seq AND ISNULL(i.ledger_hash, 0x) <> ISNULL(d.ledger_hash, 0x)))
        THROW 51000, 'The workflow ledger is append-only: a stream head only moves forward.', 1;
END");
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
