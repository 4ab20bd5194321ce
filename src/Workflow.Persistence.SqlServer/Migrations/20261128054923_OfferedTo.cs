using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class OfferedTo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "offered_to",
                table: "tasks",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_tasks_offered_to",
                table: "tasks",
                column: "offered_to",
                filter: "offered_to IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tasks_offered_to",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "offered_to",
                table: "tasks");
        }
    }
}
