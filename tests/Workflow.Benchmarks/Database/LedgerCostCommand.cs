using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Workflow.Benchmarks.Database;

/// <summary>
/// <c>ledger-cost --pairs N [db-load options]</c>: the ledger's cost of throughput (issue 4) in one command. Runs
/// <c>db-load</c> N times with the ledger and N times without, each in a process of its own on a fresh database (SQLite:
/// the file is deleted; a server database: <c>--reset</c>), in interleaved pairs whose order alternates (on/off, off/on, …)
/// so that a machine getting slower or faster during the runs weighs on both sides. Prints every run's JSON line to
/// stderr and the summary (each pair's share, the share of the means, the median pair) to stdout.
/// </summary>
internal static class LedgerCostCommand
{
    private const string Usage = "usage: ledger-cost [--pairs N] --provider sqlite|postgresql|sqlserver --connection \"...\" [other db-load options, " +
        "without --ledger, --reset and --json] [--json]";

    public static async Task<int> RunAsync(string[] args)
    {
        var pairs = 6;
        var json = false;
        var load = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--pairs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out pairs) && pairs > 0:
                    i++;
                    break;
                case "--json":
                    json = true;
                    break;
                case "--ledger" or "--reset" or "--pairs":
                    Console.Error.WriteLine($"'{args[i]}' is set by ledger-cost itself (or is missing its value)");
                    Console.Error.WriteLine(Usage);
                    return 2;
                default:
                    load.Add(args[i]);
                    break;
            }
        }
        var provider = DbNode.NormalizeProvider(Value(load, "--provider"));
        var connection = Value(load, "--connection");
        if (provider is null || string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var runs = new List<(JsonNode On, JsonNode Off)>();
        for (var pair = 0; pair < pairs; pair++)
        {
            var order = pair % 2 == 0 ? new[] { "on", "off" } : ["off", "on"];
            var results = new Dictionary<string, JsonNode>();
            foreach (var ledger in order)
            {
                if (await RunOnceAsync(provider, connection, load, ledger) is not { } result)
                {
                    return 1;
                }
                results[ledger] = result;
            }
            runs.Add((results["on"], results["off"]));
        }
        var summary = Summarize(runs);
        Console.WriteLine(json ? summary.ToJsonString() : Describe(summary));
        return 0;
    }

    /// <summary>One <c>db-load</c> run in a process of its own; its JSON line, or null (having said why) when it failed.</summary>
    private static async Task<JsonNode?> RunOnceAsync(string provider, string connection, List<string> load, string ledger)
    {
        if (provider == "sqlite")
        {
            DeleteSqliteFiles(connection);
        }
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        // Under "dotnet run" the process is the app host; under "dotnet Workflow.Benchmarks.dll" it is dotnet, which needs the dll.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LedgerCostCommand).Assembly.Location);
        }
        foreach (var arg in (string[])["db-load", .. load, "--ledger", ledger, "--json", .. provider == "sqlite" ? Array.Empty<string>() : ["--reset"]])
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine($"db-load --ledger {ledger} failed (exit {process.ExitCode}):");
            Console.Error.WriteLine(output);
            return null;
        }
        Console.Error.WriteLine(line);
        return JsonNode.Parse(line);
    }

    private static void DeleteSqliteFiles(string connection)
    {
        var file = new SqliteConnectionStringBuilder(connection).DataSource;
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
    }

    private static JsonObject Summarize(List<(JsonNode On, JsonNode Off)> runs)
    {
        double Rate(JsonNode run) => run["completionsPerSecond"]!.GetValue<double>();
        double Cpu(JsonNode run) => run["processCpuMsPerCompletion"]!.GetValue<double>();
        double? Server(JsonNode run) => run["serverCpuMsPerCompletion"]?.GetValue<double>();
        static double Share(double on, double off) => Math.Round(100 * (1 - on / off), 1);

        var pairShares = runs.Select(r => Share(Rate(r.On), Rate(r.Off))).ToArray();
        var shares = pairShares.Order().ToArray();
        var meanOn = runs.Average(r => Rate(r.On));
        var meanOff = runs.Average(r => Rate(r.Off));
        return new JsonObject
        {
            ["pairs"] = new JsonArray(runs.Select((r, n) => (JsonNode)new JsonObject
            {
                ["with"] = Rate(r.On),
                ["without"] = Rate(r.Off),
                ["share"] = pairShares[n],
                ["cpuMsWith"] = Cpu(r.On),
                ["cpuMsWithout"] = Cpu(r.Off),
                ["serverCpuMsWith"] = Server(r.On),
                ["serverCpuMsWithout"] = Server(r.Off),
                ["p99With"] = r.On["complete"]?["p99"]?.GetValue<double>(),
            }).ToArray()),
            ["meanWith"] = Math.Round(meanOn, 1),
            ["meanWithout"] = Math.Round(meanOff, 1),
            // The issue's measure: throughput with against without, on the means of the runs.
            ["shareOfMeans"] = Share(meanOn, meanOff),
            ["medianPairShare"] = shares.Length % 2 == 1 ? shares[shares.Length / 2] : Math.Round((shares[shares.Length / 2 - 1] + shares[shares.Length / 2]) / 2, 1),
            ["cpuMsWith"] = Math.Round(runs.Average(r => Cpu(r.On)), 3),
            ["cpuMsWithout"] = Math.Round(runs.Average(r => Cpu(r.Off)), 3),
        };
    }

    private static string Describe(JsonObject summary) =>
        string.Join(Environment.NewLine, summary["pairs"]!.AsArray().Select((p, n) =>
                $"pair {n + 1}: {p!["with"]}/s with the ledger, {p["without"]}/s without: {p["share"]} %"))
        + Environment.NewLine
        + $"ledger's share of throughput: {summary["shareOfMeans"]} % ({summary["meanWith"]}/s with, {summary["meanWithout"]}/s without; median pair {summary["medianPairShare"]} %)";

    private static string? Value(List<string> args, string name) => args.IndexOf(name) is var i and >= 0 && i + 1 < args.Count ? args[i + 1] : null;
}
