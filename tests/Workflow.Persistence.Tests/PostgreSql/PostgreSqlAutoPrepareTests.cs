using Npgsql;
using Workflow.Persistence.PostgreSql;

namespace Workflow.Persistence.Tests.PostgreSql;

/// <summary>Npgsql's automatic preparation is on by default, and a connection string that sets its own keeps it.</summary>
public sealed class PostgreSqlAutoPrepareTests
{
    [Fact]
    public void WithAutoPrepare_AddsTheDefault_WhenTheConnectionStringIsSilent()
    {
        var result = new NpgsqlConnectionStringBuilder(WorkflowPostgreSqlExtensions.WithAutoPrepare("Host=db;Database=workflow;Username=u;Password=p"));

        Assert.Equal(WorkflowPostgreSqlExtensions.DefaultMaxAutoPrepare, result.MaxAutoPrepare);
        Assert.Equal("db", result.Host);
        Assert.Equal("p", result.Password);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;max auto prepare=7", 7)]
    [InlineData("Host=db;MaxAutoPrepare=3", 3)]
    public void WithAutoPrepare_KeepsTheConnectionStringsOwnSetting(string connectionString, int expected)
    {
        Assert.Equal(connectionString, WorkflowPostgreSqlExtensions.WithAutoPrepare(connectionString));
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(connectionString).MaxAutoPrepare);
    }
}
