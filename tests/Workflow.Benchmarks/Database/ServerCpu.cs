using System.Globalization;
using Npgsql;

namespace Workflow.Benchmarks.Database;

/// <summary>
/// CPU time of the PostgreSQL backends serving the load nodes (found by application name in
/// <c>pg_stat_activity</c>, read from <c>/proc</c>): only meaningful when the server runs on this machine.
/// </summary>
internal static class ServerCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Seconds of CPU per backend pid, or null when the server is not local or not PostgreSQL.</summary>
    public static async Task<Dictionary<int, double>?> SnapshotAsync(DbNode node)
    {
        if (node.Provider != "postgresql" || !OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(node.ConnectionString) { ApplicationName = "workflow-db-load-probe", Pooling = false }.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'workflow-db-load-node%'", conn);
            var result = new Dictionary<int, double>();
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var pid = reader.GetInt32(0);
                if (Read(pid) is { } seconds)
                {
                    result[pid] = seconds;
                }
            }
            return result;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    /// <summary>CPU seconds the backends used between two snapshots (a backend new in <paramref name="after"/> counts from zero).</summary>
    public static double? Between(Dictionary<int, double>? before, Dictionary<int, double>? after)
    {
        if (before is null || after is null || after.Count == 0)
        {
            return null;
        }
        return after.Sum(kv => kv.Value - before.GetValueOrDefault(kv.Key));
    }

    private static double? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after "pid (comm) ".
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
