using Workflow.Engine.Import;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Simulation;
using Workflow.Engine.Tests.Support;
using static Workflow.Engine.Tests.Durable.DurableHarness;

namespace Workflow.Engine.Tests.Durable;

public abstract class DurableRuntimePoliceFlowCompliance(IDurableStorage storage) : DurableCompliance(storage)
{
    private static readonly Lazy<BpmnDocument[]> Flows = new(() =>
    [
        Import("police-incident.bpmn"),
        Import("police-admin-case.bpmn"),
        Import("police-criminal-case.bpmn"),
    ]);

    [Theory]
    [InlineData("to-criminal-case", "CallActivity_CriminalCase")]
    [InlineData("to-admin-case", "CallActivity_AdminCase")]
    public async Task PoliceIncident_RunsToCompletion_AcrossIncidentAndCalledCase(string disposition, string callActivity)
    {
        foreach (var document in Flows.Value)
        {
            await H.Definitions.DeployAsync(document, Ct);
        }
        var runtime = H.Runtime();
        // The bare engine fills only required fields; the disposition the gateways route on is given up front, as `simulate --vars` does.
        var given = new Dictionary<string, object?> { ["isCase"] = true, ["disposition"] = disposition };
        var root = await StartAsync(runtime, "police-incident", businessKey: "J-2026-0001", variables: given);
        var known = new List<Guid> { root.Id };

        var steps = 0;
        while (await NextTaskAsync(known) is { } next && steps++ < 100)
        {
            var definition = (await H.Definitions.FindAsync(next.Instance.ProcessId, next.Instance.Version, Ct))!.Definition;
            var completion = AutoCompletion.For(definition.Nodes[next.Task.Node], given, H.Clock.Now);
            // One person per step, holding its roles in its unit: separation of duties holds throughout.
            var actor = await H.EligibleAsync(next.Instance.Id, next.Task, $"officer-{steps}");
            Assert.True((await runtime.ClaimAsync(next.Task.Id, actor, Ct)).Succeeded);
            var result = await runtime.CompleteAsync(next.Task.Id, completion, actor, Ct);
            Assert.True(result.Succeeded, result.Error?.Message);
        }

        Assert.Equal(2, known.Count);
        var incident = await H.LoadAsync(root.Id);
        var @case = await H.LoadAsync(known[1]);
        Assert.Equal(InstanceStatus.Completed, incident.Instance.Status);
        Assert.Equal(InstanceStatus.Completed, @case.Instance.Status);
        Assert.Equal(root.Id, @case.Instance.ParentInstanceId);
        Assert.Equal("J-2026-0001", @case.Instance.BusinessKey);

        var incidentHistory = Kinds(await H.HistoryAsync(root.Id));
        Assert.Equal("started", incidentHistory[0]);
        Assert.Contains("task-completed Task_Register", incidentHistory);
        // The gateways entered before the call activity are listed in its "called" line, the end event in the "ended" line (ADR-007, amendments).
        Assert.Contains($"called {callActivity}", incidentHistory);
        Assert.DoesNotContain($"entered {callActivity}", incidentHistory);
        Assert.Equal("ended", incidentHistory[^1]);
        Assert.Contains("\"entered\":[\"Event_CaseHandled\"]", (await H.HistoryAsync(root.Id))[^1].Data, StringComparison.Ordinal);
        var caseHistory = await H.HistoryAsync(known[1]);
        Assert.Equal("started", caseHistory[0].Kind);
        Assert.Contains(root.Id.ToString(), caseHistory[0].Data, StringComparison.Ordinal);
        Assert.Contains("Event_CaseClosed", caseHistory[^1].Data, StringComparison.Ordinal);
        Assert.Equal("ended", caseHistory[^1].Kind);
        // Every completed task was recorded with the person who completed it.
        Assert.All(caseHistory.Where(l => l.Kind == "task-completed"), l => Assert.StartsWith("officer-", l.Actor, StringComparison.Ordinal));
        // The case's last task ended both instances in one command: same actor on both "ended" lines.
        Assert.Equal(caseHistory[^1].Actor, (await H.HistoryAsync(root.Id))[^1].Actor);
    }

    /// <summary>The first open task of the earliest instance, learning about called instances on the way.</summary>
    private async Task<(ProcessInstance Instance, WorkItem Task)?> NextTaskAsync(List<Guid> known)
    {
        for (var i = 0; i < known.Count; i++)
        {
            var instance = (await H.LoadAsync(known[i])).Instance;
            known.AddRange(instance.Tokens.Select(t => t.ChildInstance).OfType<Guid>().Where(c => !known.Contains(c)));
            if (instance.Tasks.Count > 0)
            {
                return (instance, instance.Tasks[0]);
            }
        }
        return null;
    }

    private static BpmnDocument Import(string file)
    {
        var result = new BpmnImporter().ImportFile(TestBpmn.RepoFile("workflows", file));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Document!;
    }
}
