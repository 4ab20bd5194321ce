using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Identity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "delegations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    delegator = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    @delegate = table.Column<string>(name: "delegate", type: "TEXT", maxLength: 100, nullable: false),
                    starts_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ends_at = table.Column<long>(type: "INTEGER", nullable: false),
                    roles = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revoked_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delegations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    roles = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_delegations_delegate",
                table: "delegations",
                column: "delegate");

            migrationBuilder.CreateIndex(
                name: "ix_delegations_delegator_delegate",
                table: "delegations",
                columns: new[] { "delegator", "delegate" });

            migrationBuilder.CreateIndex(
                name: "ix_users_unit",
                table: "users",
                column: "unit");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delegations");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
