using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.PostgreSql;

/// <summary>
/// How a save reaches PostgreSQL: statements with positional parameters numbered from <c>$1</c> in each, sent as one batch
/// that Npgsql passes on without parsing, and still seen by EF Core's interceptors.
/// </summary>
public sealed class PostgreSqlBatchTests(PostgresDatabaseFixture database) : StoreTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<ITestDatabase> OpenAsync() => database.OpenAsync();

    [Fact]
    public async Task Save_SendsItsStatementsAsOneBatch_WithPositionalParametersNumberedPerStatement()
    {
        var recording = new RecordingInterceptor();
        var stores = await CreateStoresAsync(recording);
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1", businessKey: "J-9");
        recording.Texts.Clear();

        await SaveAsync(stores.Instances, instance, 0,
            new HistoryEntry(instance.Id, Clock.Now, "started", null, "li.officer", null),
            new HistoryEntry(instance.Id, Clock.Now, "task-created", "review", "li.officer", null));

        // One batch, one round trip, its own transaction: the instance's INSERT, the task, its candidates and the ledger's
        // entries; no BEGIN or COMMIT of its own.
        var statements = Assert.Single(recording.Texts).Split(";\n");
        Assert.StartsWith("INSERT INTO instances", statements[0], StringComparison.Ordinal);
        Assert.Contains(statements, s => s.StartsWith("INSERT INTO tasks", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.StartsWith("INSERT INTO ledger", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s is "BEGIN" or "COMMIT");
        Assert.All(statements, s =>
        {
            Assert.Contains("$1", s, StringComparison.Ordinal);
            Assert.DoesNotContain("@p", s, StringComparison.Ordinal);
        });
        var stored = (await stores.Instances.LoadAsync(instance.Id, Ct))!;
        Assert.Equal(("J-9", 1L), (stored.Instance.BusinessKey, stored.Revision));
        Assert.Equal(["started", "task-created"], (await stores.Instances.LoadHistoryAsync(instance.Id, Ct)).Select(h => h.Kind));
    }

    [Fact]
    public async Task Update_IsOneBatch_WhoseRevisionCheckFailsTheBatch_WhenAnotherCommandSavedFirst()
    {
        var recording = new RecordingInterceptor();
        var stores = await CreateStoresAsync(recording);
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0);
        var loaded = (await stores.Instances.LoadAsync(instance.Id, Ct))!;
        var stale = (await stores.Instances.LoadAsync(instance.Id, Ct))!;
        recording.Texts.Clear();

        Assert.True(Engine.ClaimTask(definition.Definition, loaded.Instance, instance.Tasks[0].Id, "alice").Succeeded);
        Assert.True((await stores.Instances.SaveAsync([new InstanceChange(loaded.Instance, 1) { Loaded = loaded.Projection }],
            [new HistoryEntry(instance.Id, Clock.Now, "task-claimed", "review", "alice", null)], Ct)).Saved);
        var statements = Assert.Single(recording.Texts).Split(";\n");
        Assert.StartsWith("WITH saved AS (UPDATE instances SET revision = revision + 1", statements[0], StringComparison.Ordinal);
        Assert.Matches(@"WHERE id = \$\d+ AND revision = \$\d+ RETURNING 1\) SELECT workflow_expect_one_saved\(count\(\*\), \$\d+\) FROM saved$", statements[0]);
        Assert.Contains(statements, s => s.StartsWith("UPDATE tasks", StringComparison.Ordinal));

        // The same revision again: the guard fails the batch, which rolls back, and the save is a conflict on the instance.
        Assert.True(Engine.ClaimTask(definition.Definition, stale.Instance, instance.Tasks[0].Id, "bob").Succeeded);
        var conflict = await stores.Instances.SaveAsync([new InstanceChange(stale.Instance, 1) { Loaded = stale.Projection }],
            [new HistoryEntry(instance.Id, Clock.Now, "task-claimed", "review", "bob", null)], Ct);

        Assert.Equal((false, instance.Id), (conflict.Saved, conflict.Conflict));
        var stored = (await stores.Instances.LoadAsync(instance.Id, Ct))!;
        Assert.Equal((2L, "alice"), (stored.Revision, stored.Instance.Tasks[0].Assignee));
        Assert.Equal(["task-claimed"], (await stores.Instances.LoadHistoryAsync(instance.Id, Ct)).Select(h => h.Kind));
    }

    [Fact]
    public async Task LedgerRows_WithAndWithoutValues_SendTheSameParameterTypes_SoThatOnePreparedStatementServesBoth()
    {
        var recording = new ParameterTypes();
        var stores = await CreateStoresAsync(recording);
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0);
        var full = new HistoryEntry(instance.Id, Clock.Now, "task-claimed", "review", "alice", "{}") { Role = "clerk", Unit = "U1", ActingFor = "bob", Outcome = "ok" };
        var empty = new HistoryEntry(instance.Id, Clock.Now, "task-unclaimed", null, null, null);

        foreach (var (entry, revision) in new[] { (full, 1L), (empty, 2L) })
        {
            var loaded = (await stores.Instances.LoadAsync(instance.Id, Ct))!;
            Assert.True(entry == full
                ? Engine.ClaimTask(definition.Definition, loaded.Instance, instance.Tasks[0].Id, "alice").Succeeded
                : Engine.UnclaimTask(definition.Definition, loaded.Instance, instance.Tasks[0].Id).Succeeded);
            Assert.True((await stores.Instances.SaveAsync([new InstanceChange(loaded.Instance, revision) { Loaded = loaded.Projection }], [entry], Ct)).Saved);
        }

        // Npgsql runs its prepared statement only with parameters of the types it was prepared for; an untyped null would
        // send the INSERT unprepared, to be parsed and planned again.
        var inserts = recording.Seen.Where(s => s.Text.StartsWith("INSERT INTO ledger", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, inserts.Count);
        Assert.Single(inserts.Select(s => s.Text).Distinct());
        Assert.Equal(inserts[0].Types, inserts[1].Types);
        Assert.DoesNotContain(NpgsqlTypes.NpgsqlDbType.Unknown, inserts[1].Types);
    }

    [Fact]
    public async Task AConflict_LeavesNoConnectionInsideATransaction()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");
        await SaveAsync(stores.Instances, instance, 0);
        var stale = (await stores.Instances.LoadAsync(instance.Id, Ct))!;
        Assert.True(Engine.ClaimTask(definition.Definition, instance, instance.Tasks[0].Id, "alice").Succeeded);
        await SaveAsync(stores.Instances, instance, 1);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.False((await stores.Instances.SaveAsync([new InstanceChange(stale.Instance, 1) { Loaded = stale.Projection }], [], Ct)).Saved);
        }

        // The failed batch left no transaction open.
        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        var inTransaction = await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'").SingleAsync(Ct);
        Assert.Equal(0, inTransaction);
        Assert.True(Engine.CompleteTask(definition.Definition, instance, instance.Tasks[0].Id, TaskCompletion.Empty).Succeeded);
        await SaveAsync(stores.Instances, instance, 2);
        Assert.Equal(3L, (await db.Instances.SingleAsync(Ct)).Revision);
    }

    [Fact]
    public async Task AnInterceptorFailingTheBatch_LeavesNothingSaved()
    {
        var stores = await CreateStoresAsync(new FailingBatch());
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var instance = Engine.Start(definition, unit: "U1");

        await Assert.ThrowsAsync<InvalidOperationException>(() => stores.Instances.SaveAsync([new InstanceChange(instance, 0)], [], Ct));

        Assert.Null(await stores.Instances.LoadAsync(instance.Id, Ct));
    }

    /// <summary>Fails the batch that writes the tasks, after the instance's row was written in the same transaction.</summary>
    private sealed class FailingBatch : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("INSERT INTO tasks", StringComparison.Ordinal) ? throw new InvalidOperationException("simulated failure") : ValueTask.FromResult(result);
    }

    /// <summary>Each statement of every batch with the types of its parameters, as Npgsql resolves them.</summary>
    private sealed class ParameterTypes : DbCommandInterceptor
    {
        public List<(string Text, NpgsqlTypes.NpgsqlDbType[] Types)> Seen { get; } = [];

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            var parameters = command.Parameters.Cast<Npgsql.NpgsqlParameter>().ToList();
            var taken = 0;
            foreach (var text in command.CommandText.Split(";\n"))
            {
                var count = System.Text.RegularExpressions.Regex.Matches(text, @"\$(\d+)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
                lock (Seen)
                {
                    Seen.Add((text, parameters.Skip(taken).Take(count).Select(p => p.NpgsqlDbType).ToArray()));
                }
                taken += count;
            }
            return ValueTask.FromResult(result);
        }
    }
}
