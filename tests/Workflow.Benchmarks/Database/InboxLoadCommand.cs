using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Workflow.Engine.Model;
using Workflow.Persistence.Tasks;

namespace Workflow.Benchmarks.Database;

/// <summary>
/// <c>inbox-load --provider sqlite|postgresql --connection CS [--closed N] [--open N] [--queries N] [--reuse] [--json]</c>:
/// fills <c>tasks</c> and <c>task_candidates</c> (and the <c>instances</c> rows their foreign key needs) with
/// bulk inserts, runs ANALYZE, then times <see cref="TaskQueries.FindAsync"/> for random users.
/// </summary>
internal static class InboxLoadCommand
{
    private const string Usage =
        "usage: inbox-load --provider sqlite|postgresql --connection \"<connection string>\" [--closed N] [--open N] [--queries N] [--warmup N] [--seed N] [--reuse] [--json]";

    public const int Units = 28;
    public const int Roles = 10;
    public const int Users = 500;

    private static readonly HashSet<string> Options = ["--provider", "--connection", "--closed", "--open", "--queries", "--warmup", "--seed"];
    private static readonly HashSet<string> Flags = ["--reuse", "--json"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (Args.Parse(args, Options, Flags, out var error) is not { } a)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var provider = DbNode.NormalizeProvider(a.String("--provider"));
        var connection = a.String("--connection");
        var closed = a.Int("--closed", 1_000_000);
        var open = a.Int("--open", 100_000);
        var queries = a.Int("--queries", 2000);
        var warmup = a.Int("--warmup", 200);
        var seed = a.Int("--seed", 42);
        if (provider is null || string.IsNullOrWhiteSpace(connection) || closed < 0 || open <= 0 || queries <= 0 || warmup < 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        await using var node = DbNode.Create(provider, connection, 0);
        await node.MigrateAsync();
        var now = DateTimeOffset.UtcNow;
        var scenario = new PoliceScenario();
        var fillSeconds = 0.0;
        var reused = false;
        var (haveOpen, haveClosed) = await CountAsync(node);
        if (a.Has("--reuse") && haveOpen == open && haveClosed == closed)
        {
            reused = true;
            // The data was laid out around the time of its fill: query "now" as of then, so that due dates keep their spread.
            now = await FillTimeAsync(node) ?? now;
        }
        else
        {
            await node.ResetAsync();
            var watch = Stopwatch.StartNew();
            var data = new InboxData(scenario, closed, open, now, seed);
            if (provider == "postgresql")
            {
                await FillPostgresAsync(node.ConnectionString, data);
            }
            else
            {
                FillSqlite(node.ConnectionString, data);
            }
            await AnalyzeAsync(node);
            fillSeconds = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"filled {data.InstanceCount:N0} instances, {closed + open:N0} tasks, {data.CandidateCount:N0} candidate rows in {fillSeconds:F1} s");
        }

        var random = new Random(seed + 1);
        var samples = new List<double>(queries);
        var overdueSamples = new List<double>();
        long rowsReturned = 0;
        long totals = 0;
        for (var i = 0; i < warmup; i++)
        {
            await node.Queries.FindAsync(RandomQuery(random, now, overdue: i % 5 == 4));
        }
        var loadBefore = MachineLoad.OneMinute();
        for (var i = 0; i < queries; i++)
        {
            var overdue = i % 5 == 4; // one query in five: "my overdue tasks"
            var query = RandomQuery(random, now, overdue);
            var t = Stopwatch.GetTimestamp();
            var page = await node.Queries.FindAsync(query);
            var ms = LatencyReport.Since(t);
            samples.Add(ms);
            if (overdue)
            {
                overdueSamples.Add(ms);
            }
            rowsReturned += page.Items.Count;
            totals += page.Total;
        }
        var loadAfter = MachineLoad.OneMinute();
        var report = new InboxLoadReport(
            provider,
            closed,
            open,
            reused,
            Math.Round(fillSeconds, 1),
            queries,
            LatencyReport.From(samples),
            LatencyReport.From(overdueSamples),
            Math.Round((double)rowsReturned / queries, 1),
            Math.Round((double)totals / queries, 1),
            loadBefore,
            loadAfter,
            Environment.ProcessorCount,
            RuntimeInformation.FrameworkDescription);
        if (a.Has("--json"))
        {
            Console.WriteLine(JsonSerializer.Serialize(report, LoadReportJson.Options));
        }
        else
        {
            Console.WriteLine($"{provider}: {open:N0} open + {closed:N0} closed tasks{(reused ? " (reused)" : $", filled in {fillSeconds:F1} s")}");
            Console.WriteLine($"{queries} inbox queries: p50 {report.Query.P50} ms, p95 {report.Query.P95} ms, p99 {report.Query.P99} ms, max {report.Query.Max} ms " +
                $"(overdue-only: p95 {report.OverdueQuery.P95} ms); {report.AverageRows} rows of {report.AverageTotal} on average; load average {loadBefore} → {loadAfter}");
        }
        return 0;
    }

    /// <summary>A random user: one of 500, 1–2 of the 10 roles, one of the 28 units; due order, 50 rows.</summary>
    private static TaskQuery RandomQuery(Random random, DateTimeOffset now, bool overdue)
    {
        var roles = new HashSet<string>(StringComparer.Ordinal) { InboxData.Role(random.Next(Roles)) };
        if (random.Next(2) == 0)
        {
            roles.Add(InboxData.Role(random.Next(Roles)));
        }
        return new TaskQuery
        {
            UserId = InboxData.User(random.Next(Users)),
            Roles = roles,
            Unit = InboxData.Unit(random.Next(Units)),
            OverdueAt = overdue ? now : null,
            Take = 50,
        };
    }

    private static async Task<(long Open, long Closed)> CountAsync(DbNode node)
    {
        await using var db = await node.Contexts.CreateDbContextAsync();
        var open = await db.Tasks.LongCountAsync(t => t.State == TaskState.Open);
        var closed = await db.Tasks.LongCountAsync(t => t.State == TaskState.Closed);
        return (open, closed);
    }

    /// <summary>The fill stamps its instances' <c>started_at</c> with the fill time.</summary>
    private static async Task<DateTimeOffset?> FillTimeAsync(DbNode node)
    {
        await using var db = await node.Contexts.CreateDbContextAsync();
        return await db.Instances.Where(i => i.BusinessKey == InboxData.MarkerKey).Select(i => (DateTimeOffset?)i.StartedAt).FirstOrDefaultAsync();
    }

    private static async Task AnalyzeAsync(DbNode node)
    {
        await using var db = await node.Contexts.CreateDbContextAsync();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.ExecuteSqlRawAsync(node.Provider == "postgresql" ? "VACUUM ANALYZE instances, tasks, task_candidates" : "ANALYZE");
    }

    private static async Task FillPostgresAsync(string connectionString, InboxData data)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var state = "{}"u8.ToArray();
        await using (var importer = await conn.BeginBinaryImportAsync(
            "COPY instances (id, process_id, version, business_key, status, state, revision, started_at, ended_at, parent_instance_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var i in data.Instances())
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(i.Id, NpgsqlDbType.Uuid);
                await importer.WriteAsync(i.ProcessId, NpgsqlDbType.Varchar);
                await importer.WriteAsync(1, NpgsqlDbType.Integer);
                await importer.WriteAsync(i.BusinessKey, NpgsqlDbType.Varchar);
                await importer.WriteAsync(i.Running ? "running" : "completed", NpgsqlDbType.Varchar);
                await importer.WriteAsync(state, NpgsqlDbType.Bytea);
                await importer.WriteAsync(1L, NpgsqlDbType.Bigint);
                await importer.WriteAsync(i.StartedAt, NpgsqlDbType.TimestampTz);
                if (i.EndedAt is { } ended)
                {
                    await importer.WriteAsync(ended, NpgsqlDbType.TimestampTz);
                }
                else
                {
                    await importer.WriteNullAsync();
                }
                await importer.WriteNullAsync();
            }
            await importer.CompleteAsync();
        }
        await using (var importer = await conn.BeginBinaryImportAsync(
            "COPY tasks (id, instance_id, process_id, element_id, name, state, unit, assignee, business_key, priority, created_at, due_at, closed_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in data.Tasks())
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(t.Id, NpgsqlDbType.Uuid);
                await importer.WriteAsync(t.InstanceId, NpgsqlDbType.Uuid);
                await importer.WriteAsync(t.ProcessId, NpgsqlDbType.Varchar);
                await importer.WriteAsync(t.ElementId, NpgsqlDbType.Varchar);
                await WriteAsync(importer, t.Name);
                await importer.WriteAsync(t.Open ? "open" : "closed", NpgsqlDbType.Varchar);
                await WriteAsync(importer, t.Unit);
                await WriteAsync(importer, t.Assignee);
                await importer.WriteAsync(t.BusinessKey, NpgsqlDbType.Varchar);
                await importer.WriteAsync(0, NpgsqlDbType.Integer);
                await importer.WriteAsync(t.CreatedAt, NpgsqlDbType.TimestampTz);
                await WriteAsync(importer, t.DueAt);
                await WriteAsync(importer, t.ClosedAt);
            }
            await importer.CompleteAsync();
        }
        await using (var importer = await conn.BeginBinaryImportAsync("COPY task_candidates (task_id, role, state, unit, due_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (taskId, role, claimable, unit, due) in data.Candidates())
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(taskId, NpgsqlDbType.Uuid);
                await importer.WriteAsync(role, NpgsqlDbType.Varchar);
                await importer.WriteAsync(claimable ? "claimable" : "taken", NpgsqlDbType.Varchar);
                await WriteAsync(importer, unit);
                await WriteAsync(importer, due);
            }
            await importer.CompleteAsync();
        }
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            await importer.WriteNullAsync();
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Varchar);
        }
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter importer, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            await importer.WriteAsync(v, NpgsqlDbType.TimestampTz);
        }
        else
        {
            await importer.WriteNullAsync();
        }
    }

    /// <summary>One transaction, three prepared statements; GUIDs as upper-case text and times as UTC ticks, as EF Core writes them.</summary>
    private static void FillSqlite(string connectionString, InboxData data)
    {
        using var conn = new SqliteConnection(connectionString);
        conn.Open();
        using (var pragma = conn.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -200000;";
            pragma.ExecuteNonQuery();
        }
        using var tx = conn.BeginTransaction();
        using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO instances (id, process_id, version, business_key, status, state, revision, started_at, ended_at, parent_instance_id) " +
                "VALUES ($id, $process, 1, $key, $status, X'7B7D', 1, $started, $ended, NULL)";
            var id = cmd.Parameters.Add("$id", SqliteType.Text);
            var process = cmd.Parameters.Add("$process", SqliteType.Text);
            var key = cmd.Parameters.Add("$key", SqliteType.Text);
            var status = cmd.Parameters.Add("$status", SqliteType.Text);
            var started = cmd.Parameters.Add("$started", SqliteType.Integer);
            var ended = cmd.Parameters.Add("$ended", SqliteType.Integer);
            cmd.Prepare();
            foreach (var i in data.Instances())
            {
                id.Value = SqliteGuid(i.Id);
                process.Value = i.ProcessId;
                key.Value = i.BusinessKey;
                status.Value = i.Running ? "running" : "completed";
                started.Value = i.StartedAt.UtcTicks;
                ended.Value = i.EndedAt is { } e ? e.UtcTicks : DBNull.Value;
                cmd.ExecuteNonQuery();
            }
        }
        using (var cmd = conn.CreateCommand())
        using (var candidate = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO tasks (id, instance_id, process_id, element_id, name, state, unit, assignee, business_key, priority, created_at, due_at, closed_at) " +
                "VALUES ($id, $instance, $process, $element, $name, $state, $unit, $assignee, $key, 0, $created, $due, $closed)";
            var id = cmd.Parameters.Add("$id", SqliteType.Text);
            var instance = cmd.Parameters.Add("$instance", SqliteType.Text);
            var process = cmd.Parameters.Add("$process", SqliteType.Text);
            var element = cmd.Parameters.Add("$element", SqliteType.Text);
            var name = cmd.Parameters.Add("$name", SqliteType.Text);
            var state = cmd.Parameters.Add("$state", SqliteType.Text);
            var unit = cmd.Parameters.Add("$unit", SqliteType.Text);
            var assignee = cmd.Parameters.Add("$assignee", SqliteType.Text);
            var key = cmd.Parameters.Add("$key", SqliteType.Text);
            var created = cmd.Parameters.Add("$created", SqliteType.Integer);
            var due = cmd.Parameters.Add("$due", SqliteType.Integer);
            var closedAt = cmd.Parameters.Add("$closed", SqliteType.Integer);
            cmd.Prepare();
            foreach (var t in data.Tasks())
            {
                id.Value = SqliteGuid(t.Id);
                instance.Value = SqliteGuid(t.InstanceId);
                process.Value = t.ProcessId;
                element.Value = t.ElementId;
                name.Value = (object?)t.Name ?? DBNull.Value;
                state.Value = t.Open ? "open" : "closed";
                unit.Value = (object?)t.Unit ?? DBNull.Value;
                assignee.Value = (object?)t.Assignee ?? DBNull.Value;
                key.Value = t.BusinessKey;
                created.Value = t.CreatedAt.UtcTicks;
                due.Value = t.DueAt is { } d ? d.UtcTicks : DBNull.Value;
                closedAt.Value = t.ClosedAt is { } c ? c.UtcTicks : DBNull.Value;
                cmd.ExecuteNonQuery();
            }

            candidate.Transaction = tx;
            candidate.CommandText = "INSERT INTO task_candidates (task_id, role, state, unit, due_at) VALUES ($task, $role, $claimable, $unit, $due)";
            var task = candidate.Parameters.Add("$task", SqliteType.Text);
            var role = candidate.Parameters.Add("$role", SqliteType.Text);
            var claimableParameter = candidate.Parameters.Add("$claimable", SqliteType.Text);
            var unitParameter = candidate.Parameters.Add("$unit", SqliteType.Text);
            var dueParameter = candidate.Parameters.Add("$due", SqliteType.Integer);
            candidate.Prepare();
            foreach (var (taskId, r, claimable, u, d) in data.Candidates())
            {
                task.Value = SqliteGuid(taskId);
                role.Value = r;
                claimableParameter.Value = claimable ? "claimable" : "taken";
                unitParameter.Value = (object?)u ?? DBNull.Value;
                dueParameter.Value = d is { } dueAt ? dueAt.UtcTicks : DBNull.Value;
                candidate.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    private static string SqliteGuid(Guid id) => id.ToString().ToUpperInvariant();
}

/// <summary>
/// The generated inbox: every open task belongs to a running instance of its own; closed tasks belong half
/// to those running instances (their earlier steps) and half to completed instances (ten closed tasks each).
/// Deterministic for a seed; enumerated twice (tasks, then their candidates) without being held in memory.
/// </summary>
internal sealed class InboxData
{
    public const string MarkerKey = "INBOX-FILL-MARKER";

    private readonly (string ProcessId, string ElementId, string? Name)[] _elements;
    private readonly int _closed;
    private readonly int _open;
    private readonly int _completedInstances;
    private readonly DateTimeOffset _now;
    private readonly int _seed;
    private readonly Guid[] _instanceIds;

    public InboxData(PoliceScenario scenario, int closed, int open, DateTimeOffset now, int seed)
    {
        _elements = [.. new[] { scenario.Incident, scenario.Case }
            .SelectMany(d => d.Nodes.Where(n => n.Kind == NodeKind.UserTask).Select(n => (d.Id, n.Id, n.Name)))];
        _closed = closed;
        _open = open;
        _completedInstances = Math.Max(1, closed / 2 / 10);
        _now = now;
        _seed = seed;
        var random = new Random(seed);
        _instanceIds = new Guid[open + _completedInstances];
        for (var i = 0; i < _instanceIds.Length; i++)
        {
            _instanceIds[i] = Version7(InstanceStart(i), random);
        }
    }

    public int InstanceCount => _instanceIds.Length;

    /// <summary>Known after <see cref="Tasks"/> has been enumerated once; 1.5 per task on average.</summary>
    public long CandidateCount { get; private set; }

    public static string Role(int i) => $"role-{i + 1:D2}";
    public static string Unit(int i) => $"unit-{i + 1:D3}";
    public static string User(int i) => $"user-{i + 1:D4}";

    public IEnumerable<(Guid Id, string ProcessId, string BusinessKey, bool Running, DateTimeOffset StartedAt, DateTimeOffset? EndedAt)> Instances()
    {
        var random = new Random(_seed + 2);
        for (var i = 0; i < _instanceIds.Length; i++)
        {
            var running = i < _open;
            var started = InstanceStart(i);
            // The first instance carries the fill time, so that a reused database is queried as of then.
            yield return (_instanceIds[i], i % 3 == 0 ? "police-admin-case" : "police-incident", i == 0 ? MarkerKey : $"INC-{i:D7}", running,
                i == 0 ? _now : started, running ? null : started.AddHours(random.Next(1, 24 * 20)));
        }
    }

    public IEnumerable<TaskData> Tasks()
    {
        var random = new Random(_seed + 3);
        var total = _open + _closed;
        for (var n = 0; n < total; n++)
        {
            var open = n < _open;
            int instance;
            if (open)
            {
                instance = n;
            }
            else
            {
                var c = n - _open;
                instance = c % 2 == 0 ? random.Next(_open) : _open + random.Next(_completedInstances);
            }
            var element = _elements[random.Next(_elements.Length)];
            // Open tasks are recent (created in the last 30 days), closed ones spread over the year before.
            var created = open
                ? _now.AddMinutes(-random.Next(1, 30 * 24 * 60))
                : _now.AddMinutes(-random.Next(1, 365 * 24 * 60));
            // Open tasks fall due within ±30 days of now; 10 % have no SLA.
            DateTimeOffset? due = random.Next(10) == 0 ? null
                : open ? _now.AddSeconds(random.Next(-30 * 24 * 3600, 30 * 24 * 3600)) : created.AddHours(random.Next(1, 30 * 24));
            // Every generated row has a unit (none is claimable from any unit), as most user tasks of the police flows do.
            var unit = Unit(random.Next(InboxLoadCommand.Units));
            var assigned = open ? random.Next(4) == 0 : random.Next(10) < 8; // 25 % of open tasks claimed; 80 % of closed ones had been
            yield return new TaskData(
                Version7(created, random),
                _instanceIds[instance],
                element.ProcessId,
                element.ElementId,
                element.Name,
                open,
                unit,
                assigned ? User(random.Next(InboxLoadCommand.Users)) : null,
                $"INC-{instance:D7}",
                created,
                due,
                open ? null : created.AddMinutes(random.Next(1, 7 * 24 * 60)));
        }
    }

    /// <summary>1 or 2 distinct roles per task, drawn from its own seed so that the task ids need not be kept.</summary>
    public IEnumerable<(Guid TaskId, string Role, bool Claimable, string? Unit, DateTimeOffset? DueAt)> Candidates()
    {
        long count = 0;
        var random = new Random(_seed + 4);
        foreach (var task in Tasks())
        {
            var first = random.Next(InboxLoadCommand.Roles);
            // As the store projects them: claimable (with the task's unit and due time) while open and unassigned.
            var claimable = task.Open && task.Assignee is null;
            var (unit, due) = claimable ? (task.Unit, task.DueAt) : (null, null);
            yield return (task.Id, Role(first), claimable, unit, due);
            count++;
            if (random.Next(2) == 0)
            {
                var second = (first + 1 + random.Next(InboxLoadCommand.Roles - 1)) % InboxLoadCommand.Roles;
                yield return (task.Id, Role(second), claimable, unit, due);
                count++;
            }
        }
        CandidateCount = count;
    }

    /// <summary>Running instances started in the last 30 days, completed ones in the year before (a pure function of the index).</summary>
    private DateTimeOffset InstanceStart(int i) =>
        _now.AddMinutes(-(1 + (int)((uint)(i * 2654435761u) % (uint)((i < _open ? 30 : 365) * 24 * 60))));

    /// <summary>
    /// A version 7 GUID (time-ordered, as the engine's <c>Guid.CreateVersion7</c>) with the random part drawn from
    /// <paramref name="random"/>, so that the same seed gives the same ids (the candidates pass enumerates the tasks again).
    /// </summary>
    private static Guid Version7(DateTimeOffset at, Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70); // version 7
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}

internal sealed record TaskData(
    Guid Id,
    Guid InstanceId,
    string ProcessId,
    string ElementId,
    string? Name,
    bool Open,
    string? Unit,
    string? Assignee,
    string BusinessKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? ClosedAt);

internal sealed record InboxLoadReport(
    string Provider,
    int ClosedTasks,
    int OpenTasks,
    bool Reused,
    double FillSeconds,
    int Queries,
    LatencyReport Query,
    LatencyReport OverdueQuery,
    double AverageRows,
    double AverageTotal,
    double LoadAverageBefore,
    double LoadAverageAfter,
    int ProcessorCount,
    string Runtime);
