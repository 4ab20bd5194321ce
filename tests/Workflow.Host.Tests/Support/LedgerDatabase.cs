using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Workflow.Engine.Durable;
using Workflow.Engine.Import;
using Workflow.Persistence;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Sqlite;

namespace Workflow.Host.Tests.Support;

/// <summary>A migrated SQLite file with a ledger in it (one deployment, two started instances: 9 entries), deleted afterwards.</summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    private const string Flow = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="urn:test">
          <bpmn:process id="ledger-flow" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
            <bpmn:userTask id="task" name="登记" />
            <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("wf-ledger-");

    private LedgerDatabase()
    {
    }

    /// <summary>The file.</summary>
    public string Path => System.IO.Path.Combine(_folder.FullName, "workflow.db");

    /// <summary>The connection string the command line is given.</summary>
    public string ConnectionString => $"Data Source={Path};Pooling=False";

    /// <summary>Creates, migrates and fills the file.</summary>
    public static async Task<LedgerDatabase> CreateAsync(CancellationToken ct)
    {
        var database = new LedgerDatabase();
        var contexts = new PooledDbContextFactory<WorkflowDbContext>(
            ((DbContextOptionsBuilder<WorkflowDbContext>)new DbContextOptionsBuilder<WorkflowDbContext>().UseWorkflowSqlite(database.ConnectionString)).Options);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
        }
        await Seed(contexts, ct);
        return database;
    }

    /// <summary>Fills a migrated database: a deployment (global stream) and two instances.</summary>
    public static async Task Seed(IDbContextFactory<WorkflowDbContext> contexts, CancellationToken ct)
    {
        var definitions = new EfDefinitionStore(contexts);
        await definitions.DeployAsync(new BpmnImporter().Import(Flow).Document!, ct);
        var runtime = new DurableRuntime(definitions, new EfInstanceStore(contexts, definitions));
        for (var n = 0; n < 2; n++)
        {
            Assert.True((await runtime.StartAsync("ledger-flow", Workflow.Engine.Accountability.Actor.Person("li.call", ["call-taker"]), cancellationToken: ct)).Succeeded);
        }
    }

    /// <summary>Does what an attacker with the file does: drops the append-only triggers, then runs <paramref name="sql"/>.</summary>
    public async Task TamperAsync(string sql, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER tr_ledger_no_update; DROP TRIGGER tr_ledger_no_delete; " + sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A value from the database (ids of ledger entries, for the assertions).</summary>
    public async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // left in the temp folder: harmless
        }
        return ValueTask.CompletedTask;
    }
}
