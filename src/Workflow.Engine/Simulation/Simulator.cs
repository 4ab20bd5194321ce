using Workflow.Engine.Model;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Simulation;

/// <summary>
/// Runs a process in memory: completes user tasks automatically (first declared outcome, required
/// fields filled with placeholders unless given), fires timers on a virtual clock, decides gateways
/// by their conditions, until the process completes or waits only on messages.
/// </summary>
public sealed class Simulator
{
    private readonly Func<string, ProcessDefinition?> _resolve;
    private readonly int _maxSteps;

    /// <summary>Creates a simulator; <paramref name="resolve"/> finds processes called from other files.</summary>
    public Simulator(Func<string, ProcessDefinition?>? resolve = null, int maxSteps = 10_000)
    {
        _resolve = resolve ?? (_ => null);
        _maxSteps = maxSteps;
    }

    /// <summary>Simulates one process of a document (the first one not called by another when null).</summary>
    public SimulationResult Run(BpmnDocument document, string? processId = null, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var main = processId is null ? MainProcess(document) : document.FindProcess(processId)
            ?? throw new ArgumentException($"process '{processId}' is not in the file", nameof(processId));
        var clock = new VirtualClock(new DateTimeOffset(2026, 1, 1, 8, 30, 0, TimeSpan.Zero));
        var trace = new TraceListener();
        var runtime = new InMemoryRuntime(new WorkflowEngine(new EngineOptions { Clock = clock, Listener = trace, CheckCompletions = false }));
        runtime.Deploy(document);
        DeployCalled(runtime, main, []);
        var root = runtime.Start(main.Id, new StartRequest { Variables = variables, BusinessKey = "simulation" }, out var start);
        var incidents = new List<SimulationIncident>();
        if (!start.Succeeded)
        {
            incidents.Add(new SimulationIncident(main.Id, start.Error!.Code, start.Error.Message));
        }
        var steps = 0;
        while (start.Succeeded && steps < _maxSteps && Step(runtime, clock, variables, incidents))
        {
            steps++;
        }
        if (steps >= _maxSteps)
        {
            incidents.Add(new SimulationIncident(main.Id, "step-limit", $"stopped after {_maxSteps} steps (an endless loop or an unbounded timer cycle?)"));
        }
        var waiting = new List<SimulationWait>();
        Inspect(runtime, waiting, incidents);
        return new SimulationResult
        {
            ProcessId = main.Id,
            Completed = root.Status == InstanceStatus.Completed && runtime.Instances.All(i => i.IsEnded),
            Trace = trace.Elements,
            Waiting = waiting,
            Incidents = incidents,
            Steps = steps,
        };
    }

    /// <summary>The process to simulate when none is named: the first that no other process in the file calls.</summary>
    public static ProcessDefinition MainProcess(BpmnDocument document)
    {
        var called = document.Processes.SelectMany(p => p.Nodes).Where(n => n.Kind == NodeKind.CallActivity).Select(n => n.CalledElement).ToHashSet();
        return document.Processes.FirstOrDefault(p => !called.Contains(p.Id)) ?? document.Processes[0];
    }

    private void DeployCalled(InMemoryRuntime runtime, ProcessDefinition process, HashSet<string> seen)
    {
        if (!seen.Add(process.Id))
        {
            return;
        }
        foreach (var call in process.Nodes.Where(n => n.Kind == NodeKind.CallActivity))
        {
            var target = runtime.FindDefinition(call.CalledElement!) ?? _resolve(call.CalledElement!);
            if (target is not null)
            {
                runtime.Deploy(target);
                DeployCalled(runtime, target, seen);
            }
        }
    }

    private static bool Step(InMemoryRuntime runtime, VirtualClock clock, IReadOnlyDictionary<string, object?>? given, List<SimulationIncident> incidents)
    {
        var active = runtime.Instances.Where(i => !i.IsEnded).OrderBy(i => i.StartedAt).ThenBy(i => i.Id).ToList();
        foreach (var instance in active)
        {
            if (instance.Tasks.Count == 0)
            {
                continue;
            }
            var task = instance.Tasks[0];
            var node = runtime.FindDefinition(instance.ProcessId)!.Nodes[task.Node];
            var result = runtime.CompleteTask(instance, task.Id, AutoCompletion.For(node, given, clock.Now));
            if (!result.Succeeded)
            {
                incidents.Add(new SimulationIncident(task.ElementId, result.Error!.Code, result.Error.Message));
                return false;
            }
            return true;
        }
        if (active.Any(i => i.Incidents.Count > 0))
        {
            return false;
        }
        var next = active.SelectMany(i => i.Timers.Select(t => (Instance: i, Timer: t))).OrderBy(x => x.Timer.Due).FirstOrDefault();
        if (next.Timer is null)
        {
            return false;
        }
        if (next.Timer.Due > clock.Now)
        {
            clock.Now = next.Timer.Due;
        }
        runtime.FireTimer(next.Instance, next.Timer.Id);
        return true;
    }

    private static void Inspect(InMemoryRuntime runtime, List<SimulationWait> waiting, List<SimulationIncident> incidents)
    {
        foreach (var instance in runtime.Instances.Where(i => !i.IsEnded))
        {
            var definition = runtime.FindDefinition(instance.ProcessId)!;
            incidents.AddRange(instance.Incidents.Select(i => new SimulationIncident(i.ElementId, i.Code, i.Message)));
            waiting.AddRange(instance.Subscriptions.Select(s => new SimulationWait(definition.Nodes[s.Node].Id, "message", s.MessageName)));
            waiting.AddRange(instance.Timers.Select(t => new SimulationWait(definition.Nodes[t.Node].Id, "timer", null)));
            waiting.AddRange(instance.Tasks.Select(t => new SimulationWait(t.ElementId, "task", null)));
            foreach (var token in instance.Tokens.Where(t => IsStuck(instance, t)))
            {
                incidents.Add(new SimulationIncident(definition.Nodes[token.Node].Id, "stuck-token", $"token {token.Id} is {token.State} with nothing to wait for"));
            }
        }
    }

    private static bool IsStuck(ProcessInstance instance, Token t) => t.State switch
    {
        TokenState.Incident => false, // already reported as an incident
        TokenState.AtJoin => true,
        TokenState.Ready => true,
        _ => !instance.Tasks.Exists(w => w.TokenId == t.Id) && !instance.Timers.Exists(j => j.TokenId == t.Id)
            && !instance.Subscriptions.Exists(s => s.TokenId == t.Id) && !instance.Scopes.Exists(s => s.OwnerToken == t.Id) && t.ChildInstance is null,
    };

    private sealed class TraceListener : IExecutionListener
    {
        public List<string> Elements { get; } = [];

        public void NodeEntered(ProcessInstance instance, FlowNode node) => Elements.Add(node.Id);
    }
}
