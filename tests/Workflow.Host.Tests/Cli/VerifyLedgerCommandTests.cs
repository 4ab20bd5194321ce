using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Workflow.Host.Cli;
using Workflow.Host.Tests.Support;
using Workflow.Persistence;
using Workflow.Persistence.PostgreSql;

namespace Workflow.Host.Tests.Cli;

/// <summary><c>verify-ledger</c> on a real SQLite file (and PostgreSQL when configured), through <see cref="CommandLine.Run"/>.</summary>
public sealed class VerifyLedgerCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CommandLine.Run(["verify-ledger", .. args], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task VerifyLedger_Exits0_WhenTheLedgerIsIntact()
    {
        await using var database = await LedgerDatabase.CreateAsync(Ct);

        var (exit, output, error) = Run($"--ConnectionStrings:Workflow={database.ConnectionString}");

        Assert.True(exit == CommandLine.Ok, output + error);
        Assert.StartsWith("ledger intact: 5 entries in 3 streams, 0 checkpoints verified", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyLedger_Exits1AndNamesTheFirstBadEntry_WhenAnEntryWasEdited()
    {
        await using var database = await LedgerDatabase.CreateAsync(Ct);
        var edited = await database.ScalarAsync("SELECT id FROM ledger WHERE instance_id <> '00000000-0000-0000-0000-000000000000' ORDER BY id LIMIT 1 OFFSET 1", Ct);
        await database.TamperAsync($"UPDATE ledger SET actor = 'someone.else' WHERE id = {edited}", Ct);

        var (exit, output, _) = Run($"--ConnectionStrings:Workflow={database.ConnectionString}");
        var (jsonExit, json, _) = Run("--json", $"--ConnectionStrings:Workflow={database.ConnectionString}");

        Assert.Equal(CommandLine.Tampered, exit);
        Assert.Contains("LEDGER TAMPERED: 1 problem(s)", output, StringComparison.Ordinal);
        Assert.Contains($"first bad entry: Ledger entry {edited} ", output, StringComparison.Ordinal);
        Assert.Equal(CommandLine.Tampered, jsonExit);
        var report = JsonDocument.Parse(json).RootElement;
        Assert.False(report.GetProperty("ok").GetBoolean());
        Assert.Equal(("altered", edited), (report.GetProperty("firstProblem").GetProperty("code").GetString(), report.GetProperty("firstProblem").GetProperty("entryId").GetInt64()));
    }

    [Fact]
    public async Task VerifyLedger_ReportsTheCutOffEnd_WhenTheLastEntryWasDeleted()
    {
        await using var database = await LedgerDatabase.CreateAsync(Ct);
        await database.TamperAsync("DELETE FROM ledger WHERE id = (SELECT MAX(id) FROM ledger)", Ct);

        var (exit, json, _) = Run("--json", $"--ConnectionStrings:Workflow={database.ConnectionString}");

        Assert.Equal(CommandLine.Tampered, exit);
        Assert.Equal("truncated", JsonDocument.Parse(json).RootElement.GetProperty("firstProblem").GetProperty("code").GetString());
    }

    [Fact]
    public async Task VerifyLedger_WritesACheckpoint_WhenAskedAndTheLedgerIsIntact()
    {
        await using var database = await LedgerDatabase.CreateAsync(Ct);

        var (exit, output, _) = Run("--checkpoint", $"--ConnectionStrings:Workflow={database.ConnectionString}");
        var (again, json, _) = Run("--json", $"--ConnectionStrings:Workflow={database.ConnectionString}");

        Assert.Equal(CommandLine.Ok, exit);
        Assert.Contains("checkpoint 1: ledger ids 1–5, 5 entries, hash ", output, StringComparison.Ordinal);
        Assert.Equal(CommandLine.Ok, again);
        Assert.Equal(1, JsonDocument.Parse(json).RootElement.GetProperty("checkpoints").GetInt64());
    }

    [Fact]
    public async Task VerifyLedger_Exits2_OnBadArgumentsOrADatabaseThatIsNotAWorkflowDatabase()
    {
        var folder = Directory.CreateTempSubdirectory("wf-ledger-empty-");
        try
        {
            var (badArgument, _, usage) = Run("ledger.db");
            var (empty, _, notMigrated) = Run($"--ConnectionStrings:Workflow=Data Source={Path.Combine(folder.FullName, "empty.db")};Pooling=False");
            var (unreachable, _, cannotRead) = Run("--Workflow:Database:Provider=postgresql",
                "--ConnectionStrings:Workflow=Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2");

            Assert.Equal((CommandLine.Invalid, CommandLine.Invalid, CommandLine.Invalid), (badArgument, empty, unreachable));
            Assert.StartsWith("usage: verify-ledger", usage, StringComparison.Ordinal);
            Assert.Contains("not a migrated Workflow database", notMigrated, StringComparison.Ordinal);
            Assert.Contains("the postgresql database could not be read", cannotRead, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task VerifyLedger_ReadsTheConfiguredPostgreSqlDatabase()
    {
        var server = Environment.GetEnvironmentVariable("WORKFLOW_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                "CI=true but WORKFLOW_POSTGRES is not set: the PostgreSQL tests must run in CI.");
            Assert.Skip("PostgreSQL not configured: set WORKFLOW_POSTGRES (CI does)");
        }
        var name = $"workflow_cli_{Guid.NewGuid():N}"[..29];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(Ct);
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        try
        {
            var contexts = new PooledDbContextFactory<WorkflowDbContext>(
            ((DbContextOptionsBuilder<WorkflowDbContext>)new DbContextOptionsBuilder<WorkflowDbContext>().UseWorkflowPostgreSql(connectionString)).Options);
            await using (var db = await contexts.CreateDbContextAsync(Ct))
            {
                await db.Database.MigrateAsync(Ct);
            }
            await LedgerDatabase.Seed(contexts, Ct);

            var intact = Run("--Workflow:Database:Provider=postgresql", $"--ConnectionStrings:Workflow={connectionString}");
            await using (var db = await contexts.CreateDbContextAsync(Ct))
            {
                await db.Database.ExecuteSqlRawAsync(
                    "ALTER TABLE ledger DISABLE TRIGGER USER; DELETE FROM ledger WHERE id = 2; ALTER TABLE ledger ENABLE TRIGGER USER;", Ct);
            }
            var tampered = Run("--json", "--Workflow:Database:Provider=postgresql", $"--ConnectionStrings:Workflow={connectionString}");

            Assert.True(intact.Exit == CommandLine.Ok, intact.Output + intact.Error);
            Assert.Equal(CommandLine.Tampered, tampered.Exit);
            var first = JsonDocument.Parse(tampered.Output).RootElement.GetProperty("firstProblem");
            Assert.Equal(("missing", 3L), (first.GetProperty("code").GetString(), first.GetProperty("entryId").GetInt64()));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync(Ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(Ct);
        }
    }
}
