using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
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

        // The instance's INSERT alone first (a conflict is known before anything else is sent), then one batch with the task,
        // its candidates and the ledger's entries.
        Assert.Equal(2, recording.Texts.Count);
        Assert.StartsWith("INSERT INTO instances", recording.Texts.First(), StringComparison.Ordinal);
        var statements = recording.Texts.Last().Split(";\n");
        Assert.Contains(statements, s => s.StartsWith("INSERT INTO tasks", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.StartsWith("INSERT INTO ledger", StringComparison.Ordinal));
        Assert.All(statements.Prepend(recording.Texts.First()), s =>
        {
            Assert.Contains("$1", s, StringComparison.Ordinal);
            Assert.DoesNotContain("@p", s, StringComparison.Ordinal);
        });
        var stored = (await stores.Instances.LoadAsync(instance.Id, Ct))!;
        Assert.Equal(("J-9", 1L), (stored.Instance.BusinessKey, stored.Revision));
        Assert.Equal(["started", "task-created"], (await stores.Instances.LoadHistoryAsync(instance.Id, Ct)).Select(h => h.Kind));
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
}
