using System.Globalization;
using System.Text.Json;

namespace Workflow.Benchmarks.Database;

/// <summary>
/// <c>memory --provider sqlite|postgresql --connection CS [--cases N] [--json]</c>: what a waiting case costs in the
/// memory of a Host node. Starts N police incidents through one node's <see cref="Engine.Durable.DurableRuntime"/> and
/// completes their first task, so each waits at a human task with a timer armed; then compares the managed heap
/// (after full, compacting collections) with what it was after a warm-up of the same work.
/// </summary>
internal static class MemoryCommand
{
    private const string Usage = "usage: memory --provider sqlite|postgresql --connection \"<connection string>\" [--cases N] [--reset] [--json]";

    private static readonly HashSet<string> Options = ["--provider", "--connection", "--cases"];
    private static readonly HashSet<string> Flags = ["--reset", "--json"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (Args.Parse(args, Options, Flags, out var error) is not { } a
            || DbNode.NormalizeProvider(a.String("--provider")) is not { } provider || a.String("--connection") is not { Length: > 0 } connection
            || a.Int("--cases", 10_000) is var cases && cases <= 0)
        {
            Console.Error.WriteLine(error ?? Usage);
            return 2;
        }
        var scenario = new PoliceScenario();
        await using var node = DbNode.Create(provider, connection, 0);
        await node.MigrateAsync();
        if (a.Has("--reset"))
        {
            await node.ResetAsync();
        }
        await node.Definitions.DeployAsync(scenario.IncidentDocument);
        await node.Definitions.DeployAsync(scenario.CaseDocument);

        // The same work once first, so that caches, pools, JIT and EF's query cache are all filled before the baseline.
        await StartWaitingCasesAsync(node, scenario, Math.Min(cases, 500), "warm");
        var before = Heap();
        await StartWaitingCasesAsync(node, scenario, cases, "mem");
        var after = Heap();

        var perCase = (after - before) / (double)cases;
        var result = new { provider, cases, heapBeforeBytes = before, heapAfterBytes = after, bytesPerWaitingCase = Math.Round(perCase, 1) };
        Console.WriteLine(a.Has("--json")
            ? JsonSerializer.Serialize(result)
            : string.Create(CultureInfo.InvariantCulture,
                $"{provider}: {cases} waiting cases; managed heap {before / 1024.0 / 1024:F1} MB → {after / 1024.0 / 1024:F1} MB = {perCase:F1} bytes per waiting case"));
        return 0;
    }

    private static readonly Engine.Accountability.Actor Actor = Engine.Accountability.Actor.Person("memory", ["call-taker"]);

    private static async Task StartWaitingCasesAsync(DbNode node, PoliceScenario scenario, int cases, string prefix)
    {
        for (var n = 0; n < cases; n++)
        {
            var started = await node.Runtime.StartAsync(scenario.Incident.Id, Actor, businessKey: $"{prefix}-{n}");
            if (!started.Succeeded)
            {
                throw new InvalidOperationException($"{started.Error.Code}: {started.Error.Message}");
            }
            var task = started.Value.Tasks[0];
            var actor = scenario.ActorFor(started.Value, task, $"{prefix}-{n}");
            var claimed = await node.Runtime.ClaimAsync(task.Id, actor);
            if (!claimed.Succeeded)
            {
                throw new InvalidOperationException($"{claimed.Error.Code}: {claimed.Error.Message}");
            }
            var completed = await node.Runtime.CompleteAsync(task.Id, scenario.CompletionFor(started.Value.ProcessId, task.ElementId), actor);
            if (!completed.Succeeded)
            {
                throw new InvalidOperationException($"{completed.Error.Code}: {completed.Error.Message}");
            }
        }
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
