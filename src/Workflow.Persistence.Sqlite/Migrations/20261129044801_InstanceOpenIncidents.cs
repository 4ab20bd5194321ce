using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InstanceOpenIncidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "open_incidents",
                table: "instances",
                type: "INTEGER",
                nullable: true);

            // Ended instances have no open incident; running ones are counted from their state by IncidentCounts.BackfillAsync
            // at the host's start (null until then), which SQL cannot read.
            migrationBuilder.Sql("UPDATE instances SET open_incidents = 0 WHERE status <> 'running'");

            migrationBuilder.CreateIndex(
                name: "ix_instances_open_incidents",
                table: "instances",
                column: "open_incidents",
                filter: "open_incidents > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_instances_open_incidents",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "open_incidents",
                table: "instances");
        }
    }
}
