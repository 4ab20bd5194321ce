using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.PostgreSql.Migrations
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

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "due_at",
                table: "task_candidates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state",
                table: "task_candidates",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "unit",
                table: "task_candidates",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            // Candidates of tasks that are open and unassigned today are claimable now: no inbox loses a task.
            migrationBuilder.Sql("UPDATE task_candidates SET state = 'taken'; UPDATE task_candidates c SET state = 'claimable', unit = t.unit, due_at = t.due_at FROM tasks t WHERE t.id = c.task_id AND t.state = 'open' AND t.assignee IS NULL;");

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
