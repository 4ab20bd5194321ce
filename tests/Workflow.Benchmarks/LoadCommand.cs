using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Workflow.Engine.Runtime;

namespace Workflow.Benchmarks;

/// <summary>
/// <c>load [--cases N] [--warmup N] [--warmup-seconds S] [--json]</c>: runs N full police cases one after another on one
/// thread and reports task completions per second and bytes allocated per completion. Throughput is
/// given per wall-clock second (what one thread achieved) and per CPU second of the process (what one
/// core achieves when the machine is shared with other work).
/// </summary>
internal static class LoadCommand
{
    public static int Run(string[] args)
    {
        var cases = 20_000;
        var warmup = 1_000;
        var warmupSeconds = 3.0;
        var json = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--cases" when i + 1 < args.Length:
                    cases = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--warmup" when i + 1 < args.Length:
                    warmup = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--warmup-seconds" when i + 1 < args.Length:
                    warmupSeconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--json":
                    json = true;
                    break;
                default:
                    Console.Error.WriteLine("usage: load [--cases N] [--warmup N] [--warmup-seconds S] [--json]");
                    return 2;
            }
        }
        if (cases <= 0 || warmup < 0 || warmupSeconds < 0)
        {
            Console.Error.WriteLine("--cases must be positive, --warmup and --warmup-seconds not negative");
            return 2;
        }

        var scenario = new PoliceScenario();
        var engine = new WorkflowEngine(new EngineOptions { Clock = TimeProvider.System });
        // Warm up by count and by time: the tiered JIT promotes hot methods to optimized code on a
        // background thread, which takes far longer than 1,000 cases when the machine is busy.
        var warmupWatch = Stopwatch.StartNew();
        var warmedUp = 0;
        while (warmedUp < warmup || warmupWatch.Elapsed.TotalSeconds < warmupSeconds)
        {
            scenario.RunFullCase(engine);
            warmedUp++;
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        long completions = 0;
        var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        var gcBefore = GC.CollectionCount(0);
        var cpuBefore = ProcessCpu();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            completions += scenario.RunFullCase(engine);
        }
        watch.Stop();
        var cpu = ProcessCpu() - cpuBefore;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        var gen0 = GC.CollectionCount(0) - gcBefore;

        var seconds = watch.Elapsed.TotalSeconds;
        var report = new LoadReport(
            cases,
            completions,
            Math.Round(seconds, 4),
            Math.Round(completions / seconds, 0),
            Math.Round((double)bytes / completions, 1),
            Math.Round(cpu.TotalSeconds, 4),
            Math.Round(completions / cpu.TotalSeconds, 0),
            warmedUp,
            gen0,
            Environment.ProcessorCount,
            RuntimeInformation.FrameworkDescription);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, LoadReportJson.Options));
        }
        else
        {
            Console.WriteLine($"{report.Cases} cases, {report.TaskCompletions} task completions in {report.Seconds:F3} s on one thread");
            Console.WriteLine($"{report.CompletionsPerSecond:N0} completions/s (wall clock), {report.CompletionsPerCpuSecond:N0} per CPU second, {report.AllocatedBytesPerCompletion:N1} B allocated per completion, {gen0} gen0 GCs");
            Console.WriteLine($"{report.ProcessorCount} logical processors, {report.Runtime}");
        }
        return 0;
    }

    /// <summary>CPU time of the whole process (the load thread, plus GC and JIT work it causes).</summary>
    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}

internal sealed record LoadReport(
    int Cases,
    long TaskCompletions,
    double Seconds,
    double CompletionsPerSecond,
    double AllocatedBytesPerCompletion,
    double CpuSeconds,
    double CompletionsPerCpuSecond,
    int WarmupCases,
    int Gen0Collections,
    int ProcessorCount,
    string Runtime);

internal static class LoadReportJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false };
}
