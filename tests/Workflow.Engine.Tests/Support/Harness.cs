using Workflow.Engine.Activities;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Simulation;

namespace Workflow.Engine.Tests.Support;

/// <summary>An in-memory runtime on a virtual clock, with a trace of entered elements.</summary>
internal sealed class Harness : IExecutionListener
{
    public Harness(ActivityRegistry? activities = null, params BpmnDocument[] documents)
    {
        Runtime = new InMemoryRuntime(new WorkflowEngine(new EngineOptions { Clock = Clock, Listener = this, Activities = activities ?? new ActivityRegistry() }));
        foreach (var d in documents)
        {
            Runtime.Deploy(d);
        }
    }

    public VirtualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    public InMemoryRuntime Runtime { get; }
    public List<string> Trace { get; } = [];

    public static Harness For(ProcessDefinition definition, ActivityRegistry? activities = null)
    {
        var h = new Harness(activities);
        h.Runtime.Deploy(definition);
        return h;
    }

    public void NodeEntered(ProcessInstance instance, FlowNode node) => Trace.Add(node.Id);

    public ProcessInstance Start(string processId = "p", object? variables = null, string? businessKey = null)
    {
        var vars = variables is null ? null : Vars(variables);
        var instance = Runtime.Start(processId, new StartRequest { Variables = vars, BusinessKey = businessKey }, out var result);
        Assert.True(result.Succeeded, result.Error?.Message);
        return instance;
    }

    public static Dictionary<string, object?> Vars(object anonymous) =>
        anonymous as Dictionary<string, object?> ?? anonymous.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(anonymous));

    public WorkItem Task(ProcessInstance instance, string elementId) =>
        AllInstances().SelectMany(i => i.Tasks).Single(t => t.ElementId == elementId);

    public IEnumerable<ProcessInstance> AllInstances() => Runtime.Instances;

    public void Complete(ProcessInstance instance, string elementId, string? outcome = null, object? data = null, string? reason = null, string? reasonCode = null)
    {
        var task = Task(instance, elementId);
        var owner = AllInstances().Single(i => i.Tasks.Contains(task));
        var completion = new TaskCompletion { Outcome = outcome, ReasonCode = reasonCode, Reason = reason, Data = data is null ? null : Vars(data) };
        var result = Runtime.CompleteTask(owner, task.Id, completion);
        Assert.True(result.Succeeded, result.Error?.Message);
    }

    /// <summary>Moves the clock and fires every due timer, earliest first.</summary>
    public void Advance(TimeSpan by)
    {
        Clock.Now += by;
        while (true)
        {
            var due = AllInstances().Where(i => !i.IsEnded).SelectMany(i => i.Timers.Select(t => (i, t))).Where(x => x.t.Due <= Clock.Now)
                .OrderBy(x => x.t.Due).FirstOrDefault();
            if (due.t is null)
            {
                return;
            }
            Assert.True(Runtime.FireTimer(due.i, due.t.Id).Succeeded);
        }
    }

    public static string[] OpenTasks(ProcessInstance instance) => instance.Tasks.Select(t => t.ElementId).Order().ToArray();
}
