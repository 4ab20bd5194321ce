using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TimerJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "failed_at",
                table: "timers",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_attempt_at",
                table: "timers",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_timers_failed_at",
                table: "timers",
                column: "failed_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_timers_failed_at",
                table: "timers");

            migrationBuilder.DropColumn(
                name: "failed_at",
                table: "timers");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                table: "timers");
        }
    }
}
