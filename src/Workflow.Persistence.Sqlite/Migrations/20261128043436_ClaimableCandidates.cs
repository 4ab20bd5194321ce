using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClaimableCandidates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_task_candidates_role_task_id",
                table: "task_candidates");

            migrationBuilder.AddColumn<long>(
                name: "due_at",
                table: "task_candidates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state",
                table: "task_candidates",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "unit",
                table: "task_candidates",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            // Candidates of tasks that are open and unassigned today are claimable now: no inbox loses a task.
            migrationBuilder.Sql("UPDATE task_candidates SET state = 'taken'; UPDATE task_candidates SET state = 'claimable', unit = (SELECT t.unit FROM tasks t WHERE t.id = task_candidates.task_id), due_at = (SELECT t.due_at FROM tasks t WHERE t.id = task_candidates.task_id) WHERE task_id IN (SELECT id FROM tasks WHERE state = 'open' AND assignee IS NULL);");

            migrationBuilder.CreateIndex(
                name: "ix_task_candidates_state_role_unit_due_at",
                table: "task_candidates",
                columns: new[] { "state", "role", "unit", "due_at", "task_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_task_candidates_state_role_unit_due_at",
                table: "task_candidates");

            migrationBuilder.DropColumn(
                name: "due_at",
                table: "task_candidates");

            migrationBuilder.DropColumn(
                name: "state",
                table: "task_candidates");

            migrationBuilder.DropColumn(
                name: "unit",
                table: "task_candidates");

            migrationBuilder.CreateIndex(
                name: "ix_task_candidates_role_task_id",
                table: "task_candidates",
                columns: new[] { "role", "task_id" });
        }
    }
}
