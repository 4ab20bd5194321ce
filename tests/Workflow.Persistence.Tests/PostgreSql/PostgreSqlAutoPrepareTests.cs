using Npgsql;
using Workflow.Persistence.PostgreSql;

namespace Workflow.Persistence.Tests.PostgreSql;

/// <summary>
/// Npgsql's automatic preparation is on, and the session reset on returning a pooled connection off, by default; a
/// connection string that sets either keeps its own.
/// </summary>
public sealed class PostgreSqlAutoPrepareTests
{
    [Fact]
    public void WithDefaults_AddsBoth_WhenTheConnectionStringIsSilent()
    {
        var result = new NpgsqlConnectionStringBuilder(WorkflowPostgreSqlExtensions.WithDefaults("Host=db;Database=workflow;Username=u;Password=p"));

        Assert.Equal(WorkflowPostgreSqlExtensions.DefaultMaxAutoPrepare, result.MaxAutoPrepare);
        Assert.True(result.NoResetOnClose);
        Assert.Equal("db", result.Host);
        Assert.Equal("p", result.Password);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0, true)]
    [InlineData("Host=db;max auto prepare=7", 7, true)]
    [InlineData("Host=db;MaxAutoPrepare=3", 3, true)]
    [InlineData("Host=db;No Reset On Close=false", 128, false)]
    [InlineData("Host=db;noresetonclose=false;Max Auto Prepare=5", 5, false)]
    public void WithDefaults_KeepsTheConnectionStringsOwnSettings(string connectionString, int autoPrepare, bool noReset)
    {
        var result = new NpgsqlConnectionStringBuilder(WorkflowPostgreSqlExtensions.WithDefaults(connectionString));

        Assert.Equal((autoPrepare, noReset), (result.MaxAutoPrepare, result.NoResetOnClose));
    }
}
