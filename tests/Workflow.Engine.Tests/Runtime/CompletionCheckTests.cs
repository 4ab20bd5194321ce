using Workflow.Engine.Import;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Runtime;

public class CompletionCheckTests
{
    private sealed class NoSmallAmounts : ICompletionCheck
    {
        public CompletionCheckContext? Seen { get; private set; }

        public IReadOnlyList<CompletionProblem> Check(CompletionCheckContext context)
        {
            Seen = context;
            return context.Data?.GetValueOrDefault("amount") is double d && d < 10
                ? [new CompletionProblem("amount", "too-small", "amount must be at least 10"), new CompletionProblem(null, "second", "and another")]
                : [];
        }
    }

    private sealed class Attach(ICompletionCheck check) : ITaskSpecDefaults
    {
        public TaskSpec Apply(TaskDefaultsContext context) => new()
        {
            ActivityType = context.Declared.ActivityType,
            Outcomes = context.Declared.Outcomes,
            Fields = context.Declared.Fields,
            CompletionCheck = check,
        };
    }

    private static ProcessDefinition Definition(ICompletionCheck check) =>
        new BpmnImporter(new ImportOptions { TaskDefaults = new Attach(check) }).Import(Wrap($"""
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="t" wf:type="pay">
              <bpmn:extensionElements><wf:field id="amount" type="number" required="true" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="e" />
            {Flow("f0", "s", "t")}{Flow("f1", "t", "e")}
            """)).Document!.Processes[0];

    private static TaskCompletion Amount(object? value) => new() { Data = new Dictionary<string, object?> { ["amount"] = value } };

    [Fact]
    public void CompleteTask_RefusesWithEveryProblem_WhenTheAttachedCheckFindsSome()
    {
        var check = new NoSmallAmounts();
        var definition = Definition(check);
        var engine = new WorkflowEngine();
        var instance = engine.Start(definition, new StartRequest { BusinessKey = "K-1" }, out _);

        var result = engine.CompleteTask(definition, instance, instance.Tasks[0].Id, Amount(5));

        Assert.Equal("too-small", result.Error!.Code);
        Assert.Equal(["too-small", "second"], result.Error.Problems.Select(p => p.Code));
        Assert.Contains("amount: amount must be at least 10", result.Error.Message, StringComparison.Ordinal);
        Assert.Single(instance.Tasks);
        Assert.Equal((5d, "K-1", "t"), (check.Seen!.Data!["amount"], check.Seen.Instance.BusinessKey, check.Seen.Node.Id));
        Assert.True(engine.CompleteTask(definition, instance, instance.Tasks[0].Id, Amount(50)).Succeeded);
    }

    [Fact]
    public void CompleteTask_StillAppliesTheEnginesOwnRules_AfterTheCheckPasses()
    {
        var definition = Definition(new NoSmallAmounts());
        var engine = new WorkflowEngine();
        var instance = engine.Start(definition, null, out _);

        var result = engine.CompleteTask(definition, instance, instance.Tasks[0].Id, TaskCompletion.Empty);

        Assert.Equal(EngineErrors.FieldRequired, result.Error!.Code);
        Assert.Empty(result.Error.Problems);
    }

    [Fact]
    public void CompleteTask_IgnoresTheCheck_WhenTheEngineIsToldNotToCheck()
    {
        var check = new NoSmallAmounts();
        var definition = Definition(check);
        var engine = new WorkflowEngine(new EngineOptions { CheckCompletions = false });
        var instance = engine.Start(definition, null, out _);

        Assert.True(engine.CompleteTask(definition, instance, instance.Tasks[0].Id, Amount(5)).Succeeded);
        Assert.Null(check.Seen);
    }
}
