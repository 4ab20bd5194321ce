using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflow.Persistence.Sql;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.Sqlite;

/// <summary>
/// On SQLite a batch's statements run one by one, each numbered from <c>@p0</c>, through commands kept per open connection
/// (<see cref="PreparedStatements"/>): the same statement is compiled once, values still land where they belong, and EF
/// Core's interceptors still see every statement.
/// </summary>
public sealed class SqliteStatementTests : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SqliteTestDatabase _database = new();

    [Fact]
    public async Task EqualStatements_ShareOneCommand_AndEachGetsItsOwnValues()
    {
        await using var db = await OpenAsync();
        var connection = db.Database.GetDbConnection();

        var written = await Batch(db, ("a", 1), ("b", 2)).ExecuteAsync(Ct);
        written += await Batch(db, ("c", 3)).ExecuteAsync(Ct);

        Assert.Equal(3, written);
        Assert.Equal(["a:1", "b:2", "c:3"], await RowsAsync(db));
        Assert.Equal(1, PreparedStatements.For(connection).Count);
    }

    [Fact]
    public async Task TheCommands_AreDroppedWhenTheConnectionCloses()
    {
        await using var db = await OpenAsync();
        var connection = db.Database.GetDbConnection();
        await Batch(db, ("a", 1)).ExecuteAsync(Ct);
        var before = PreparedStatements.For(connection);

        await db.Database.CloseConnectionAsync();
        await db.Database.OpenConnectionAsync(Ct);

        Assert.NotSame(before, PreparedStatements.For(connection));
        Assert.Equal(0, PreparedStatements.For(connection).Count);
        Assert.Equal(1, await Batch(db, ("b", 2)).ExecuteAsync(Ct));
    }

    [Fact]
    public async Task ANewText_TakesThePlaceOfTheTextUsedLeastRecently_WhenTheCapacityIsReached()
    {
        await using var db = await OpenAsync();
        var statements = PreparedStatements.For(db.Database.GetDbConnection());
        string Text(int n) => $"SELECT {n}";
        for (var n = 0; n < PreparedStatements.Capacity; n++)
        {
            using var rented = statements.Rent(Text(n));
        }
        using (statements.Rent(Text(0)))
        {
            // Used again: now the most recent, and text 1 the least.
        }

        using (var rented = statements.Rent(Text(PreparedStatements.Capacity)))
        {
            Assert.Equal((long)PreparedStatements.Capacity, await rented.Command.ExecuteScalarAsync(Ct));
        }

        Assert.Equal(PreparedStatements.Capacity, statements.Count);
        Assert.True(statements.Keeps(Text(0)));
        Assert.False(statements.Keeps(Text(1)));
        Assert.True(statements.Keeps(Text(PreparedStatements.Capacity)));
    }

    [Fact]
    public async Task ACommandInARun_IsNeitherDroppedNorRentedTwice()
    {
        await using var db = await OpenAsync();
        var statements = PreparedStatements.For(db.Database.GetDbConnection());
        using var running = statements.Rent("SELECT 'running'");
        using (var again = statements.Rent("SELECT 'running'"))
        {
            Assert.NotSame(running.Command, again.Command);
        }
        for (var n = 0; n < PreparedStatements.Capacity + 3; n++)
        {
            using var rented = statements.Rent($"SELECT {n}");
        }

        Assert.True(statements.Keeps("SELECT 'running'"));
        Assert.Equal("running", await running.Command.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task Batches_MakeTheirParametersThroughACommandOfNoConnection()
    {
        await using var db = await OpenAsync();
        await using var other = await OpenAsync();

        // A command made on the connection would stay listed on it until disposed (see ParameterFactory).
        var factory = ParameterFactory.For(db.Database.GetDbConnection());
        Assert.Null(factory.Connection);
        Assert.Same(factory, ParameterFactory.For(other.Database.GetDbConnection()));
        Assert.Equal(1, await new SqlBatch(db).Sql("INSERT INTO t (name, n) VALUES (").Raw("x").Sql(", ").Raw(1).Sql(")").End().ExecuteAsync(Ct));
    }

    [Fact]
    public async Task StatementsBeyondTheCapacity_StillRun()
    {
        await using var db = await OpenAsync();
        var connection = db.Database.GetDbConnection();
        for (var n = 0; n < PreparedStatements.Capacity + 3; n++)
        {
            // A different text each time (the trailing comment).
            var batch = new SqlBatch((WorkflowDbContext)db).Sql("INSERT INTO t (name, n) VALUES (").Raw($"r{n}").Sql(", ").Raw(n).Sql($") -- {n}").End();
            Assert.Equal(1, await batch.ExecuteAsync(Ct));
        }

        Assert.Equal(PreparedStatements.Capacity, PreparedStatements.For(connection).Count);
        Assert.Equal(PreparedStatements.Capacity + 3, (await RowsAsync(db)).Count);
    }

    [Fact]
    public async Task Interceptors_SeeEveryStatement_AndCanFailOne()
    {
        var counting = new CountingInterceptor();
        await using var db = await OpenAsync(counting);

        await Batch(db, ("a", 1), ("b", 2)).ExecuteAsync(Ct);
        counting.FailOn = "fail";
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Batch(db, ("c", 3), ("fail", 4)).ExecuteAsync(Ct));

        Assert.Equal("intercepted", failure.Message);
        Assert.Equal(4, counting.Executing);
        Assert.Equal(["a:1", "b:2", "c:3"], await RowsAsync(db));
    }

    private async Task<WorkflowDbContext> OpenAsync(params IInterceptor[] interceptors)
    {
        await _database.OpenAsync();
        var db = await _database.ContextsWith(interceptors).CreateDbContextAsync(Ct);
        // Held open, as the SQLite writer holds its connection: the commands live as long as it stays open.
        await db.Database.OpenConnectionAsync(Ct);
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS t (name TEXT NOT NULL, n INTEGER NOT NULL)", Ct);
        return db;
    }

    private static SqlBatch Batch(WorkflowDbContext db, params (string Name, int N)[] rows)
    {
        var batch = new SqlBatch(db);
        foreach (var (name, n) in rows)
        {
            batch.Sql("INSERT INTO t (name, n) VALUES (").Raw(name).Sql(", ").Raw(n).Sql(")").End();
        }
        return batch;
    }

    private static async Task<List<string>> RowsAsync(WorkflowDbContext db)
    {
        var rows = new List<string>();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT name, n FROM t ORDER BY rowid";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add($"{reader.GetString(0)}:{reader.GetInt64(1)}");
        }
        return rows;
    }

    private sealed class CountingInterceptor : DbCommandInterceptor
    {
        public int Executing { get; private set; }
        public string? FailOn { get; set; }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (!command.CommandText.StartsWith("INSERT INTO t", StringComparison.Ordinal))
            {
                return ValueTask.FromResult(result);
            }
            Executing++;
            if (FailOn is { } value && command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, value)))
            {
                throw new InvalidOperationException("intercepted");
            }
            return ValueTask.FromResult(result);
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
