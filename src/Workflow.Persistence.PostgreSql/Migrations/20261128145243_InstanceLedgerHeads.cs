using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.PostgreSql.Migrations
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
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ledger_seq",
                table: "instances",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.Sql(@"UPDATE instances i SET ledger_seq = h.seq, ledger_hash = h.hash FROM ledger_heads h WHERE h.instance_id = i.id;");
            // The table's owner switches the head trigger off for the move only.
            migrationBuilder.Sql(@"ALTER TABLE ledger_heads DISABLE TRIGGER tr_ledger_heads_forward_only;");
            migrationBuilder.Sql(@"DELETE FROM ledger_heads h USING instances i WHERE h.instance_id = i.id;");
            migrationBuilder.Sql(@"ALTER TABLE ledger_heads ENABLE TRIGGER tr_ledger_heads_forward_only;");
            migrationBuilder.Sql(@"CREATE FUNCTION instance_ledger_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the workflow ledger is append-only: a stream head only moves forward';
END;
$$;");
            // The WHEN clause keeps the function call off every save that moves the head forward.
            migrationBuilder.Sql(@"CREATE TRIGGER tr_instances_ledger_head_forward_only BEFORE UPDATE OF ledger_seq, ledger_hash ON instances FOR EACH ROW "
                + "WHEN (NEW.ledger_seq < OLD.ledger_seq OR (NEW.ledger_seq = OLD.ledger_seq AND NEW.ledger_hash IS DISTINCT FROM OLD.ledger_hash)) "
                + "EXECUTE FUNCTION instance_ledger_head_forward_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER tr_instances_ledger_head_forward_only ON instances;");
            migrationBuilder.Sql(@"DROP FUNCTION instance_ledger_head_forward_only();");
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
