using Workflow.Engine.Import;
using Workflow.Engine.Model;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Import;

/// <summary>The accountability attributes of the wf namespace (docs/extension-namespace.md).</summary>
public class AccountabilityExtensionTests
{
    private static string Flow(string processAttributes, string task) => $"""
        {Header}
          <bpmn:process id="p" isExecutable="true" {processAttributes}>
            <bpmn:startEvent id="s" />{task}<bpmn:endEvent id="e" />
            {Support.TestBpmn.Flow("f1", "s", "t")}{Support.TestBpmn.Flow("f2", "t", "e")}
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void Import_ReadsDutyLocksReasonCodesOverridesAndEveryWfAttribute()
    {
        var process = Document(Flow("""wf:requiresParent="police-incident" """, """
            <bpmn:userTask id="t" wf:roles="unit-head" wf:duty="approver" wf:locks="summary  loss" wf:reasonCodes="late other" wf:enforcement="true">
              <bpmn:extensionElements>
                <wf:outcome id="approve" overrides="Task_LegalReview" />
                <wf:outcome id="return" requiresReason="true" reasonCodes="evidence procedure" />
              </bpmn:extensionElements>
            </bpmn:userTask>
            """)).Processes[0];

        var spec = process.FindNode("t")!.Task;
        Assert.Equal("approver", spec.Duty);
        Assert.Equal(["summary", "loss"], spec.Locks);
        Assert.Equal(["late", "other"], spec.ReasonCodes);
        Assert.Equal("Task_LegalReview", spec.FindOutcome("approve")!.Overrides);
        Assert.Equal(["evidence", "procedure"], spec.FindOutcome("return")!.ReasonCodes);
        Assert.Equal(["evidence", "procedure"], spec.ReasonCodesFor(spec.FindOutcome("return")!));
        Assert.Equal(["late", "other"], spec.ReasonCodesFor(spec.FindOutcome("approve")!));
        Assert.True(spec.Flag("enforcement"));
        Assert.False(spec.Flag("requiresParent"));
        Assert.Equal("unit-head", spec.Attributes["roles"]);
        Assert.Equal("police-incident", process.Attributes["requiresParent"]);
        Assert.Equal(DutySeparation.Strict, process.DutySeparation);
    }

    [Fact]
    public void Import_LeavesATaskWithoutAnyDeclarationEmpty()
    {
        var process = Document(Flow("", """<bpmn:userTask id="t" />""")).Processes[0];

        Assert.Same(TaskSpec.Empty, process.FindNode("t")!.Task);
        Assert.Empty(process.Attributes);
    }

    [Theory]
    [InlineData("strict", DutySeparation.Strict)]
    [InlineData("declared", DutySeparation.Declared)]
    public void Import_ReadsDutySeparation(string value, DutySeparation expected) =>
        Assert.Equal(expected, Document(Flow($"""wf:dutySeparation="{value}" """, """<bpmn:userTask id="t" />""")).Processes[0].DutySeparation);

    [Fact]
    public void Import_RejectsAnUnknownDutySeparation()
    {
        var result = Parse(Flow("""wf:dutySeparation="lenient" """, """<bpmn:userTask id="t" />"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.InvalidAttribute, error.Code);
        Assert.Contains("lenient", error.Message, StringComparison.Ordinal);
    }
}
