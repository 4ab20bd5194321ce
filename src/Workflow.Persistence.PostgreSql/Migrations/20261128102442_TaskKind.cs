using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class TaskKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "tasks",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                // Every row before amendments reached the inbox is a task of its flow.
                defaultValue: "task");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "kind",
                table: "tasks");
        }
    }
}
