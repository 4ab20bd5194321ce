using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.PostgreSql.Migrations
{
    /// <summary>
    /// The function a save's revision-checked <c>UPDATE</c> calls on PostgreSQL so that a revision that no longer matches is an
    /// error (SQLSTATE <c>WF409</c>), which rolls back a save sent as one batch (RevisionGuard). No table changes,
    /// so it has no target model of its own (no Designer file): the model is the previous migration's.
    /// </summary>
    [DbContext(typeof(WorkflowDbContext))]
    [Migration("20261128233409_RevisionGuard")]
    public partial class RevisionGuard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"CREATE FUNCTION workflow_expect_one_saved(saved bigint, instance uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF saved <> 1 THEN
        RAISE EXCEPTION 'revision conflict on instance %', instance
            USING ERRCODE = 'WF409', HINT = 'Another command saved this instance first: load it again.';
    END IF;
END $$;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION workflow_expect_one_saved(bigint, uuid);");
        }
    }
}
