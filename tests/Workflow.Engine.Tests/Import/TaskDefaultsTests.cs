using Workflow.Engine.Import;
using Workflow.Engine.Model;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Import;

public class TaskDefaultsTests
{
    private sealed class Recorder(Func<TaskDefaultsContext, TaskSpec> apply) : ITaskSpecDefaults
    {
        public List<string> Seen { get; } = [];

        public TaskSpec Apply(TaskDefaultsContext context)
        {
            Seen.Add(context.Node.Id);
            return apply(context);
        }
    }

    private static readonly string Body = $"""
        <bpmn:startEvent id="s" />
        <bpmn:userTask id="typed" wf:type="review" wf:roles="clerk" />
        <bpmn:userTask id="plain" />
        <bpmn:serviceTask id="service" wf:type="noop" />
        <bpmn:endEvent id="e" />
        {Flow("f0", "s", "typed")}{Flow("f1", "typed", "plain")}{Flow("f2", "plain", "service")}{Flow("f3", "service", "e")}
        """;

    [Fact]
    public void Import_AppliesTheProviderToTypedHumanTasksOnly_WithTheWholeProcessInView()
    {
        var provider = new Recorder(c => new TaskSpec
        {
            ActivityType = c.Declared.ActivityType,
            Roles = [.. c.Declared.Roles, "reviewer"],
            NotSameAs = c.ProcessNodes.Where(n => n.Id != c.Node.Id && n.Kind == NodeKind.UserTask).Select(n => n.Id).ToList(),
        });

        var result = new BpmnImporter(new ImportOptions { TaskDefaults = provider }).Import(Wrap(Body));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(["typed"], provider.Seen);
        var typed = result.Document!.Processes[0].FindNode("typed")!.Task;
        Assert.Equal(["clerk", "reviewer"], typed.Roles);
        Assert.Equal(["plain"], typed.NotSameAs);
    }

    [Fact]
    public void Import_RejectsTheFile_WhenTheProviderReportsAnError()
    {
        var provider = new Recorder(c =>
        {
            c.Error(DiagnosticCodes.UnknownActivityType, "unknown type");
            c.Warning(DiagnosticCodes.WarnTaskDefaults, "just so you know");
            return c.Declared;
        });

        var result = new BpmnImporter(new ImportOptions { TaskDefaults = provider }).Import(Wrap(Body));

        var error = Assert.Single(result.Errors);
        Assert.Equal((DiagnosticCodes.UnknownActivityType, "typed", "userTask"), (error.Code, error.ElementId, error.ElementType));
        Assert.Contains(result.Warnings, w => w.Code == DiagnosticCodes.WarnTaskDefaults && w.ElementId == "typed");
    }
}
