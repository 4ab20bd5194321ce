using Workflow.Activities.Catalogue;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Simulation;

namespace Workflow.Activities.Tests.Support;

/// <summary>
/// Runs the shipped flows in memory with the catalogue's completion checks on: every task is completed
/// with its activity's sample data (changed where a test says), as an officer would fill the form.
/// </summary>
internal sealed class FlowDriver : IExecutionListener
{
    public FlowDriver()
    {
        Runtime = new InMemoryRuntime(new WorkflowEngine(new EngineOptions { Clock = Clock, Listener = this }));
        foreach (var file in ShippedFlows.Files)
        {
            Runtime.Deploy(ShippedFlows.Document(file));
        }
    }

    public VirtualClock Clock { get; } = new(Samples.Now);
    public InMemoryRuntime Runtime { get; }
    public List<string> Trace { get; } = [];
    public ProcessInstance Incident { get; private set; } = null!;

    public void NodeEntered(ProcessInstance instance, FlowNode node) => Trace.Add($"{instance.ProcessId}/{node.Id}");

    public FlowDriver Start()
    {
        Incident = Runtime.Start("police-incident", new StartRequest { BusinessKey = Samples.Incident }, out var result);
        Assert.True(result.Succeeded, result.Error?.Message);
        return this;
    }

    /// <summary>Every open task, as "process/element".</summary>
    public IReadOnlyList<string> Open() =>
        Runtime.Instances.Where(i => !i.IsEnded).SelectMany(i => i.Tasks.Select(t => $"{i.ProcessId}/{t.ElementId}")).Order().ToList();

    public (ProcessInstance Instance, WorkItem Task) Find(string elementId)
    {
        var found = Runtime.Instances.Where(i => !i.IsEnded).SelectMany(i => i.Tasks.Select(t => (i, t))).Where(x => x.t.ElementId == elementId).ToList();
        Assert.True(found.Count == 1, $"expected one open {elementId}; open: {string.Join(", ", Open())}");
        return found[0];
    }

    /// <summary>Completes a task with the sample of its activity and outcome; a change with a null value removes the field.</summary>
    public FlowDriver Complete(string elementId, string? outcome = null, params (string Key, object? Value)[] changes)
    {
        var result = Submit(elementId, outcome, changes);
        Assert.True(result.Succeeded, $"{elementId}: {result.Error?.Message}");
        return this;
    }

    /// <summary>The coded reason of the next completions that need one, instead of the sample's; null: the sample's.</summary>
    public string? ReasonCode { get; set; }

    public CommandResult Submit(string elementId, string? outcome = null, params (string Key, object? Value)[] changes)
    {
        var (instance, task) = Find(elementId);
        var definition = Runtime.FindDefinition(instance.ProcessId)!;
        var type = definition.Nodes[task.Node].Task.ActivityType!;
        var data = Samples.For(type, outcome);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                data.Remove(key);
            }
            else
            {
                data[key] = value;
            }
        }
        var needsReason = outcome is not null && definition.Nodes[task.Node].Task.FindOutcome(outcome)?.RequiresReason == true;
        return Runtime.CompleteTask(instance, task.Id, new TaskCompletion
        {
            Outcome = outcome,
            ReasonCode = needsReason ? ReasonCode ?? Samples.ReasonCodeFor(type, outcome) : null,
            Reason = needsReason ? Samples.Reason : null,
            Data = data,
        });
    }

    /// <summary>The incident up to its feedback step.</summary>
    public FlowDriver ToFeedback() =>
        Start().Complete("Task_Register", "dispatch").Complete("Task_Dispatch").Complete("Task_Acknowledge").Complete("Task_Arrive");

    public ProcessInstance Case(string processId) => Runtime.Instances.Single(i => i.ProcessId == processId);

    public bool Entered(string processId, string elementId) => Trace.Contains($"{processId}/{elementId}");

    public static (string, object?)[] ToCase(string disposition, string nature) =>
        [("disposition", disposition), ("isCase", true), ("confirmedNature", nature)];

    public static ActivityCatalogue Catalogue => ActivityCatalogue.Default;
}
