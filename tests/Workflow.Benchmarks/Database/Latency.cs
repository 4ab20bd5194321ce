using System.Diagnostics;

namespace Workflow.Benchmarks.Database;

/// <summary>Percentiles of a set of latencies, in milliseconds.</summary>
internal sealed record LatencyReport(int Count, double Mean, double P50, double P95, double P99, double Max)
{
    public static LatencyReport From(List<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new LatencyReport(0, 0, 0, 0, 0, 0);
        }
        var sorted = milliseconds.ToArray();
        Array.Sort(sorted);
        return new LatencyReport(sorted.Length, Round(sorted.Average()), Round(At(sorted, 0.50)), Round(At(sorted, 0.95)), Round(At(sorted, 0.99)), Round(sorted[^1]));
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double At(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Round(double v) => Math.Round(v, 3);

    public static double Since(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}

/// <summary>Machine facts that go with every number.</summary>
internal static class MachineLoad
{
    /// <summary>The 1-minute load average from <c>/proc/loadavg</c>, or -1 where there is none.</summary>
    public static double OneMinute()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    public static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
