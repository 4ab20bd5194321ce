using System.Text;
using System.Text.RegularExpressions;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Simulation;

namespace Workflow.Benchmarks;

/// <summary>
/// <c>trace</c>: drives the police flows down several paths (full case, case alone, non-case with a
/// return, criminal not filed, returns and an override, timers, cancellation) on a virtual clock and prints every listener call
/// and the serialized state of every instance after every command, with GUIDs numbered by first
/// appearance. Diff its output before and after a change to the engine's hot path to show that the
/// behaviour stayed the same.
/// </summary>
internal static partial class TraceCommand
{
    public static int Run()
    {
        var scenario = new PoliceScenario();
        var output = new StringBuilder();
        Scenario(output, scenario, "full case (administrative)", "to-admin-case", overrides: []);
        Scenario(output, scenario, "non-case, review returned once", "dispute-settled",
            overrides: new() { ["Task_ReviewNonCase#1"] = Outcome("return") });
        Scenario(output, scenario, "criminal, not filed", "to-criminal-case",
            overrides: new() { ["Task_FilingDecision#1"] = Outcome("not-file") });
        Scenario(output, scenario, "criminal filed, filing returned, legal review returned then rejected, approval returned", "to-criminal-case",
            overrides: new()
            {
                ["Task_FilingApproval#1"] = Outcome("return"),
                ["Task_LegalReview#1"] = Outcome("return"),
                ["Task_LegalReview#2"] = Outcome("reject"),
                ["Task_Approval#1"] = Outcome("return"),
            });
        Scenario(output, scenario, "administrative, contested return overridden", "to-admin-case",
            overrides: new()
            {
                ["Task_LegalReview#1"] = Outcome("return"),
                ["Task_Correction#1"] = Outcome("contest"),
                ["Task_OverrideApproval#1"] = Outcome("override"),
            });
        Scenario(output, scenario, "timers: acknowledge timeout, investigation overdue", "to-admin-case",
            overrides: [], fireTimersAt: ["Task_Acknowledge#1", "Task_Investigation#1"]);
        Scenario(output, scenario, "cancelled while the case runs", "to-admin-case",
            overrides: [], cancelAt: "Task_LegalReview#1");
        CaseOnly(output, scenario);
        Console.Write(Guids(output.ToString()));
        return 0;
    }

    private static TaskCompletion Outcome(string id) => new() { Outcome = id, Reason = "trace" };

    private static void Scenario(StringBuilder output, PoliceScenario scenario, string title, string disposition,
        Dictionary<string, TaskCompletion> overrides, string[]? fireTimersAt = null, string? cancelAt = null)
    {
        output.Append("## ").AppendLine(title);
        var clock = new VirtualClock(new DateTimeOffset(2026, 1, 1, 8, 30, 0, TimeSpan.Zero));
        var listener = new Recorder(output);
        var runtime = new InMemoryRuntime(new WorkflowEngine(new EngineOptions { Clock = clock, Listener = listener }));
        runtime.Deploy(scenario.Incident);
        runtime.Deploy(scenario.Case);
        runtime.Deploy(scenario.CriminalCase);
        var given = new Dictionary<string, object?>(StringComparer.Ordinal) { ["unit"] = "unit-001", ["parentIncidentId"] = "INC-0001" };
        ProcessInstance root = null!;
        Step(output, "start", () =>
        {
            root = runtime.Start(scenario.Incident.Id, new StartRequest
            {
                BusinessKey = "INC-0001",
                // The bare engine fills only required fields: the disposition the incident routes on is set up front.
                Variables = new Dictionary<string, object?> { ["n"] = 1, ["disposition"] = disposition },
            }, out var r);
            return r;
        }, runtime);
        var visits = new Dictionary<string, int>(StringComparer.Ordinal);
        var timers = new Queue<string>(fireTimersAt ?? []);
        for (var step = 0; step < 200 && !root.IsEnded; step++)
        {
            clock.Now = clock.Now.AddMinutes(1);
            var instance = runtime.Instances.Where(i => !i.IsEnded && i.Tasks.Count > 0).OrderBy(i => i.StartedAt).Last();
            var task = instance.Tasks[0];
            var key = $"{task.ElementId}#{visits.GetValueOrDefault(task.ElementId) + 1}";
            if (cancelAt == key)
            {
                Step(output, "cancel", () => runtime.Cancel(root), runtime);
                break;
            }
            if (timers.Count > 0 && timers.Peek() == key)
            {
                timers.Dequeue();
                var owner = runtime.Instances.First(i => !i.IsEnded && i.Timers.Count > 0);
                var timer = owner.Timers[0];
                clock.Now = timer.Due;
                Step(output, $"fire timer at {key}", () => runtime.FireTimer(owner, timer.Id), runtime);
                continue;
            }
            visits[task.ElementId] = visits.GetValueOrDefault(task.ElementId) + 1;
            var node = runtime.FindDefinition(instance.ProcessId)!.Nodes[task.Node];
            var completion = overrides.GetValueOrDefault(key) ?? AutoCompletion.For(node, given, clock.Now);
            Step(output, $"complete {key} ({completion.Outcome})", () => runtime.CompleteTask(instance, task.Id, completion), runtime);
        }
        // Refusals change nothing: a wrong outcome and a missing field on whatever is open.
        var open = runtime.Instances.FirstOrDefault(i => !i.IsEnded && i.Tasks.Count > 0);
        if (open is not null)
        {
            Step(output, "refused: unknown outcome", () => runtime.CompleteTask(open, open.Tasks[0].Id, new TaskCompletion { Outcome = "nope" }), runtime);
            Step(output, "refused: empty completion", () => runtime.CompleteTask(open, open.Tasks[0].Id, TaskCompletion.Empty), runtime);
        }
        output.Append("root ").AppendLine(root.Status.ToString());
    }

    private static void CaseOnly(StringBuilder output, PoliceScenario scenario)
    {
        output.AppendLine("## case only (engine, no runtime)");
        var clock = new VirtualClock(new DateTimeOffset(2026, 1, 1, 8, 30, 0, TimeSpan.Zero));
        var engine = new WorkflowEngine(new EngineOptions { Clock = clock, Listener = new Recorder(output) });
        output.AppendLine("# start");
        var instance = engine.Start(scenario.Case, new StartRequest { Variables = scenario.CaseStartVariables }, out var r);
        output.Append("  ").AppendLine(State(instance, r));
        while (!instance.IsEnded)
        {
            clock.Now = clock.Now.AddMinutes(1);
            var task = instance.Tasks[0];
            output.Append("# complete ").AppendLine(task.ElementId);
            var result = engine.CompleteTask(scenario.Case, instance, task.Id, scenario.CompletionFor(scenario.Case.Id, task.ElementId));
            output.Append("  ").AppendLine(State(instance, result));
        }
    }

    private static void Step(StringBuilder output, string what, Func<CommandResult> command, InMemoryRuntime runtime)
    {
        output.Append("# ").AppendLine(what);
        var result = command();
        output.Append("  result ").AppendLine(result.Succeeded ? $"ok, {result.Effects.Count} effects" : $"{result.Error!.Code}: {result.Error.Message}");
        foreach (var instance in runtime.Instances.OrderBy(i => i.ProcessId, StringComparer.Ordinal))
        {
            output.Append("  ").AppendLine(State(instance, default));
        }
    }

    private static string State(ProcessInstance instance, CommandResult result)
    {
        var effects = result.Succeeded ? string.Join(",", result.Effects.Select(e => e.GetType().Name)) : "";
        return Encoding.UTF8.GetString(InstanceStateSerializer.Serialize(instance)) + (effects.Length > 0 ? " effects " + effects : "");
    }

    /// <summary>GUIDs are random (version 7): number them by first appearance so two runs compare.</summary>
    private static string Guids(string text)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return GuidPattern().Replace(text, m => "guid#" + (seen.TryGetValue(m.Value, out var n) ? n : seen[m.Value] = seen.Count + 1));
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    private sealed class Recorder(StringBuilder output) : IExecutionListener
    {
        public void NodeEntered(ProcessInstance instance, FlowNode node) => output.Append("  > ").Append(instance.ProcessId).Append(' ').AppendLine(node.Id);
        public void TaskCreated(ProcessInstance instance, WorkItem task) => output.Append("  + task ").Append(task.ElementId).Append(" unit=").AppendLine(task.Unit);
        public void TaskCompleted(ProcessInstance instance, WorkItem task, TaskCompletion completion) => output.Append("  - task ").AppendLine(task.ElementId);
        public void IncidentRaised(ProcessInstance instance, Incident incident) => output.Append("  ! incident ").Append(incident.Code).Append(' ').AppendLine(incident.Message);
        public void InstanceEnded(ProcessInstance instance) => output.Append("  . ended ").Append(instance.ProcessId).Append(' ').AppendLine(instance.Status.ToString());
    }
}
