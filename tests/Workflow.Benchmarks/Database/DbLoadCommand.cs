using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;
using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;

namespace Workflow.Benchmarks.Database;

/// <summary>
/// <c>db-load --provider sqlite|postgresql --connection CS [--cases N] [--workers W[,W…]] [--nodes K] [--rate R]
/// [--warmup N] [--reset] [--json]</c>: drives N full police cases (police-incident whose feedback sends it to
/// police-admin-case, 14 task completions, each claimed first by the person who completes it) through
/// <see cref="DurableRuntime"/> against a database, with W
/// concurrent async workers split over K nodes, and reports task completions per second and the latency
/// of the start and complete commands. <c>--ledger off</c> (benchmark only) runs the same commands with a store that
/// appends nothing to the ledger, to measure the ledger's cost.
/// </summary>
internal static class DbLoadCommand
{
    private const string Usage =
        "usage: db-load --provider sqlite|postgresql --connection \"<connection string>\" [--cases N] [--workers W[,W…]] [--nodes K] [--rate R] " +
        "[--warmup N] [--warmup-seconds S] [--sqlite-synchronous full|normal] [--ledger on|off] [--reset] [--json]";

    private const int MaxConflictRetries = 20;

    private static readonly HashSet<string> Options = ["--provider", "--connection", "--cases", "--workers", "--nodes", "--rate", "--warmup", "--warmup-seconds", "--sqlite-synchronous", "--ledger"];
    private static readonly HashSet<string> Flags = ["--reset", "--json"];

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
        var cases = a.Int("--cases", 500);
        // One or more worker counts ("1,4,8,16"): measured one after another after a single warm-up.
        var workerCounts = (a.String("--workers") ?? "4").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        var workers = workerCounts.Length == 0 ? 0 : workerCounts.Max();
        var nodeCount = a.Int("--nodes", 1);
        var rate = a.Double("--rate", 0);
        var warmup = a.Int("--warmup", Math.Max(20, workers * 2));
        var warmupSeconds = a.Double("--warmup-seconds", 20);
        var synchronous = a.String("--sqlite-synchronous")?.ToLowerInvariant();
        var ledgerOption = a.String("--ledger")?.ToLowerInvariant() ?? "on";
        if (provider is null || string.IsNullOrWhiteSpace(connection) || cases <= 0 || workerCounts.Length == 0 || workerCounts.Min() <= 0 || nodeCount <= 0 || rate < 0 || warmup < 0
            || warmupSeconds < 0 || synchronous is not (null or "full" or "normal") || (synchronous is not null && provider != "sqlite")
            || ledgerOption is not ("on" or "off"))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var scenario = new PoliceScenario();
        var nodes = new DbNode[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            nodes[i] = DbNode.Create(provider, connection, i, synchronous, ledger: ledgerOption == "on");
        }
        try
        {
            await nodes[0].MigrateAsync();
            if (a.Has("--reset"))
            {
                await nodes[0].ResetAsync();
            }
            // Deploys new versions only when the files changed (same content hash: the stored version is reused).
            await nodes[0].Definitions.DeployAsync(scenario.IncidentDocument);
            await nodes[0].Definitions.DeployAsync(scenario.CaseDocument);
            await nodes[0].Definitions.DeployAsync(scenario.CriminalCaseDocument);

            var runId = Guid.NewGuid().ToString("N")[..8];
            // Warm-up until the JIT is quiet: the tiered JIT (with its instrumented PGO tier) keeps recompiling EF
            // Core's and Npgsql's hot paths for a minute or more on a busy 2-core machine; measured right after 50
            // cases, a third of the process CPU went to the JIT. So: at least --warmup cases and --warmup-seconds,
            // then until one warm-up round of at least 3 s compiles fewer than 20 methods (at most 180 s in all).
            var warmWatch = Stopwatch.StartNew();
            var warmedUp = 0;
            while (true)
            {
                var round = Stopwatch.StartNew();
                var jitBefore = JitInfo.GetCompiledMethodCount();
                while (round.Elapsed.TotalSeconds < 3)
                {
                    var batch = Math.Max(workers * 2, 10);
                    var warm = new LoadRun(scenario, nodes, $"W{runId}-{warmedUp}", batch, workers, 0);
                    await warm.RunAsync();
                    if (warm.Errors > 0)
                    {
                        Console.Error.WriteLine($"warm-up failed: {warm.FirstError}");
                        return 1;
                    }
                    warmedUp += batch;
                }
                var jitted = JitInfo.GetCompiledMethodCount() - jitBefore;
                if ((warmedUp >= warmup && warmWatch.Elapsed.TotalSeconds >= warmupSeconds && jitted < 20) || warmWatch.Elapsed.TotalSeconds > 180)
                {
                    break;
                }
            }
            var warmupElapsed = warmWatch.Elapsed.TotalSeconds;

            var failed = false;
            foreach (var count in workerCounts)
            {
                failed |= await MeasureAsync(scenario, nodes, $"L{runId}-{count}", provider, cases, count, rate, synchronous, ledgerOption, warmedUp, warmupElapsed, a.Has("--json"));
            }
            return failed ? 1 : 0;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>One measured run; prints its report and returns true when a case failed.</summary>
    private static async Task<bool> MeasureAsync(PoliceScenario scenario, DbNode[] nodes, string keyPrefix, string provider, int cases, int workers,
        double rate, string? synchronous, string ledger, int warmedUp, double warmupElapsed, bool json)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var serverBefore = await ServerCpu.SnapshotAsync(nodes[0]);
        var loadBefore = MachineLoad.OneMinute();
        var cpuBefore = MachineLoad.ProcessCpu();
        var jitAtStart = JitInfo.GetCompiledMethodCount();
        var run = new LoadRun(scenario, nodes, keyPrefix, cases, workers, rate);
        var seconds = await run.RunAsync();
        var cpu = (MachineLoad.ProcessCpu() - cpuBefore).TotalSeconds;
        var jittedDuringRun = JitInfo.GetCompiledMethodCount() - jitAtStart;
        var loadAfter = MachineLoad.OneMinute();
        var serverCpu = ServerCpu.Between(serverBefore, await ServerCpu.SnapshotAsync(nodes[0]));

        var report = new DbLoadReport(
            provider,
            nodes.Length,
            workers,
            rate > 0 ? rate : null,
            cases,
            run.CompletedCases,
            run.Completions,
            Math.Round(seconds, 3),
            Math.Round(run.Completions / seconds, 1),
            synchronous,
            ledger,
            LatencyReport.From(run.CompleteLatencies),
            LatencyReport.From(run.StartLatencies),
            run.Conflicts,
            run.Errors,
            Math.Round(cpu, 3),
            Math.Round(cpu / seconds / Environment.ProcessorCount * 100, 1),
            Math.Round(cpu * 1000 / Math.Max(1, run.Completions), 3),
            serverCpu is { } sc ? Math.Round(sc * 1000 / Math.Max(1, run.Completions), 3) : null,
            warmedUp,
            Math.Round(warmupElapsed, 1),
            jittedDuringRun,
            loadBefore,
            loadAfter,
            Environment.ProcessorCount,
            RuntimeInformation.FrameworkDescription);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, LoadReportJson.Options));
        }
        else
        {
            Console.WriteLine($"{provider}, ledger {ledger}, {nodes.Length} node(s), {workers} worker(s){(rate > 0 ? $", throttled to {rate}/s" : "")}: " +
                $"{report.CompletedCases}/{cases} cases, {report.TaskCompletions} task completions in {report.Seconds:F2} s = {report.CompletionsPerSecond:N0}/s");
            Console.WriteLine($"complete: p50 {report.Complete.P50} ms, p95 {report.Complete.P95} ms, p99 {report.Complete.P99} ms, max {report.Complete.Max} ms; " +
                $"start: p50 {report.Start.P50} ms, p99 {report.Start.P99} ms");
            Console.WriteLine($"conflicts {report.Conflicts}, errors {report.Errors}; load process CPU {report.ProcessCpuSeconds} s " +
                $"({report.ProcessCpuMsPerCompletion} ms per completion, {report.ProcessCpuPercentOfMachine}% of the machine); load average {loadBefore} → {loadAfter}");
        }
        if (run.Errors > 0)
        {
            Console.Error.WriteLine($"first error: {run.FirstError}");
        }
        return run.Errors > 0;
    }

    /// <summary>One measured (or warm-up) run: workers take case numbers from a shared counter until all are taken.</summary>
    private sealed class LoadRun(PoliceScenario scenario, DbNode[] nodes, string keyPrefix, int cases, int workers, double rate)
    {
        private readonly Lock _gate = new();
        private int _nextCase = -1;
        private long _nextSlot = -1;
        private long _startTimestamp;
        private int _conflicts;
        private int _errors;
        private int _completedCases;
        private long _completions;

        public List<double> CompleteLatencies { get; } = new(cases * PoliceScenario.FullCaseCompletions);
        public List<double> StartLatencies { get; } = new(cases);
        public int Conflicts => _conflicts;
        public int Errors => _errors;
        public int CompletedCases => _completedCases;
        public long Completions => Interlocked.Read(ref _completions);
        public string? FirstError { get; private set; }

        /// <summary>Runs all cases; returns the wall-clock seconds.</summary>
        public async Task<double> RunAsync()
        {
            _startTimestamp = Stopwatch.GetTimestamp();
            var tasks = new Task[workers];
            for (var w = 0; w < workers; w++)
            {
                var node = nodes[w % nodes.Length];
                tasks[w] = Task.Run(() => WorkerAsync(node));
            }
            await Task.WhenAll(tasks);
            return Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        }

        private async Task WorkerAsync(DbNode node)
        {
            var completeLatencies = new List<double>(cases * PoliceScenario.FullCaseCompletions / workers + 16);
            var startLatencies = new List<double>(cases / workers + 4);
            int n;
            while ((n = Interlocked.Increment(ref _nextCase)) < cases)
            {
                try
                {
                    if (await RunCaseAsync(node, $"{keyPrefix}-{n:D7}", completeLatencies, startLatencies))
                    {
                        Interlocked.Increment(ref _completedCases);
                    }
                }
                catch (Exception e)
                {
                    Fail($"case {n}: {e.GetType().Name}: {e.Message}");
                }
            }
            lock (_gate)
            {
                CompleteLatencies.AddRange(completeLatencies);
                StartLatencies.AddRange(startLatencies);
            }
        }

        /// <summary>
        /// One full case: start police-incident, then complete the first open task of the instance in hand
        /// (the state each command returns) until the incident has ended. When the incident waits on its
        /// call activity, the called case is loaded from the store; when the case ends, its caller is.
        /// </summary>
        private async Task<bool> RunCaseAsync(DbNode node, string businessKey, List<double> completeLatencies, List<double> startLatencies)
        {
            var runtime = node.Runtime;
            var starter = Actor.Person("load-" + businessKey, ["call-taker"]);
            var t = Stopwatch.GetTimestamp();
            var started = await runtime.StartAsync(scenario.Incident.Id, starter, null, businessKey);
            startLatencies.Add(LatencyReport.Since(t));
            if (!started.Succeeded)
            {
                Fail($"{businessKey} start: {started.Error.Code}: {started.Error.Message}");
                return false;
            }
            var root = started.Value.Id;
            var current = started.Value;
            while (true)
            {
                if (current.Tasks.Count > 0)
                {
                    var task = current.Tasks[0];
                    var completion = scenario.CompletionFor(current.ProcessId, task.ElementId);
                    var actor = scenario.ActorFor(current, task, businessKey);
                    await ThrottleAsync();
                    // Claim before complete (an accountability rule); only the completion's latency is reported.
                    var result = await RetryAsync(() => runtime.ClaimAsync(task.Id, actor), null);
                    if (result.Succeeded)
                    {
                        result = await RetryAsync(() => runtime.CompleteAsync(task.Id, completion, actor), completeLatencies);
                    }
                    if (!result.Succeeded)
                    {
                        Fail($"{businessKey} complete {task.ElementId}: {result.Error.Code}: {result.Error.Message}");
                        return false;
                    }
                    Interlocked.Increment(ref _completions);
                    current = result.Value;
                    continue;
                }
                Guid? next = null;
                if (current.IsEnded)
                {
                    if (current.Id == root)
                    {
                        break;
                    }
                    next = current.ParentInstanceId;
                }
                else
                {
                    foreach (var token in current.Tokens)
                    {
                        if (token.ChildInstance is { } child)
                        {
                            next = child;
                            break;
                        }
                    }
                }
                if (next is not { } id || await node.Instances.LoadAsync(id) is not { } stored)
                {
                    Fail($"{businessKey}: {current.ProcessId} ({current.Status}) has no open task and nothing to go on to");
                    return false;
                }
                current = stored.Instance;
            }
            if (current.Status != InstanceStatus.Completed)
            {
                Fail($"{businessKey}: incident ended {current.Status}");
                return false;
            }
            return true;
        }

        /// <summary>Runs a command again while it meets a concurrency conflict; records the latency of the last try when asked.</summary>
        private async Task<DurableResult<ProcessInstance>> RetryAsync(Func<Task<DurableResult<ProcessInstance>>> command, List<double>? latencies)
        {
            var attempt = 0;
            while (true)
            {
                var t = Stopwatch.GetTimestamp();
                var result = await command();
                var elapsed = LatencyReport.Since(t);
                if (result.Succeeded || result.Error.Code != DurableErrors.ConcurrencyConflict || ++attempt > MaxConflictRetries)
                {
                    latencies?.Add(elapsed);
                    return result;
                }
                Interlocked.Increment(ref _conflicts);
            }
        }

        /// <summary>Open-loop pacing: completion k may not begin before start + k / rate.</summary>
        private async ValueTask ThrottleAsync()
        {
            if (rate <= 0)
            {
                return;
            }
            var slot = Interlocked.Increment(ref _nextSlot);
            var due = _startTimestamp + (long)(slot * Stopwatch.Frequency / rate);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            }
        }

        private void Fail(string message)
        {
            Interlocked.Increment(ref _errors);
            lock (_gate)
            {
                FirstError ??= message;
            }
        }
    }
}

internal sealed record DbLoadReport(
    string Provider,
    int Nodes,
    int Workers,
    double? Rate,
    int Cases,
    int CompletedCases,
    long TaskCompletions,
    double Seconds,
    double CompletionsPerSecond,
    string? SqliteSynchronous,
    string Ledger,
    LatencyReport Complete,
    LatencyReport Start,
    int Conflicts,
    int Errors,
    double ProcessCpuSeconds,
    double ProcessCpuPercentOfMachine,
    double ProcessCpuMsPerCompletion,
    double? ServerCpuMsPerCompletion,
    int WarmupCases,
    double WarmupSeconds,
    long MethodsJittedDuringRun,
    double LoadAverageBefore,
    double LoadAverageAfter,
    int ProcessorCount,
    string Runtime);
