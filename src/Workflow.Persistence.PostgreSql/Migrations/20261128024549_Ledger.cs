using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workflow.Persistence.PostgreSql.Migrations
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    component = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    element_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    role = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    unit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    acting_for = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    outcome = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    data = table.Column<string>(type: "text", nullable: true),
                    prev_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false)
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
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    from_id = table.Column<long>(type: "bigint", nullable: false),
                    to_id = table.Column<long>(type: "bigint", nullable: false),
                    entries = table.Column<long>(type: "bigint", nullable: false),
                    streams = table.Column<long>(type: "bigint", nullable: false),
                    prev_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_checkpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_heads",
                columns: table => new
                {
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false)
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

            // PostgreSQL: row triggers refuse UPDATE and DELETE, statement triggers refuse TRUNCATE; only an owner who disables or drops them gets past.
            migrationBuilder.Sql(@"CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the workflow ledger is append-only: % on % is refused', TG_OP, TG_TABLE_NAME;
END;
$$;");
            migrationBuilder.Sql(@"CREATE FUNCTION ledger_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'the workflow ledger is append-only: DELETE on % is refused', TG_TABLE_NAME;
    END IF;
    IF NEW.instance_id <> OLD.instance_id OR NEW.seq <= OLD.seq THEN
        RAISE EXCEPTION 'the workflow ledger is append-only: a stream head only moves forward';
    END IF;
    RETURN NEW;
END;
$$;");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_append_only BEFORE UPDATE OR DELETE ON ledger FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_no_truncate BEFORE TRUNCATE ON ledger FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_checkpoints_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoints FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_checkpoints_no_truncate BEFORE TRUNCATE ON ledger_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_heads_forward_only BEFORE UPDATE OR DELETE ON ledger_heads FOR EACH ROW EXECUTE FUNCTION ledger_head_forward_only();");
            migrationBuilder.Sql(@"CREATE TRIGGER tr_ledger_heads_no_truncate BEFORE TRUNCATE ON ledger_heads FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    data = table.Column<string>(type: "text", nullable: true),
                    element_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
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

            migrationBuilder.Sql(@"DROP FUNCTION ledger_refuse_change();");
            migrationBuilder.Sql(@"DROP FUNCTION ledger_head_forward_only();");
        }
    }
}
