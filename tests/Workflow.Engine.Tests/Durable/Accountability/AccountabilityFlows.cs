using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Durable.Accountability;

/// <summary>Small flows with declared roles, units, duties, separation, reasons, overrides and locks.</summary>
internal static class AccountabilityFlows
{
    /// <summary>
    /// Handle (officer or auxiliary of the case's unit, handler) → Review (legal officer, reviewer, not the handler; may
    /// return with a coded reason) → Approve (unit head, approver; approving overrules a return; locks the summary) →
    /// Archive (officer or unit head; may re-enter the summary) → end.
    /// </summary>
    public static string Case(string? dutySeparation = null) => $"""
        {Header}
          <bpmn:process id="p" isExecutable="true"{(dutySeparation is null ? "" : $" wf:dutySeparation=\"{dutySeparation}\"")}>
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="Handle" wf:roles="officer,auxiliary" wf:unit="unit" wf:duty="handler">
              <bpmn:extensionElements><wf:field id="summary" type="text" /><wf:field id="loss" type="number" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:userTask id="Review" wf:roles="legal-officer" wf:duty="reviewer">
              <bpmn:extensionElements>
                <wf:separation notSameAs="Handle" />
                <wf:outcome id="pass" />
                <wf:outcome id="return" requiresReason="true" reasonCodes="evidence procedure" />
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:userTask id="Approve" wf:roles="unit-head" wf:unit="unit" wf:duty="approver" wf:locks="summary loss">
              <bpmn:extensionElements>
                <wf:outcome id="approve" overrides="Review" reasonCodes="public-interest" />
                <wf:outcome id="reject" requiresReason="true" />
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:userTask id="Archive" wf:roles="officer,unit-head">
              <bpmn:extensionElements><wf:field id="summary" type="text" /><wf:field id="shelf" type="string" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="e" />
            {Flow("f0", "s", "Handle")}{Flow("f1", "Handle", "Review")}{Flow("f2", "Review", "Approve")}{Flow("f3", "Approve", "Archive")}{Flow("f4", "Archive", "e")}
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A and B open at once; B must be done by someone other than whoever completes A.</summary>
    public static readonly string ParallelSteps = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:parallelGateway id="split" /><bpmn:parallelGateway id="join" /><bpmn:endEvent id="e" />
        <bpmn:userTask id="A" />
        <bpmn:userTask id="B"><bpmn:extensionElements><wf:separation notSameAs="A" /></bpmn:extensionElements></bpmn:userTask>
        {Flow("f0", "s", "split")}{Flow("f1", "split", "A")}{Flow("f2", "split", "B")}{Flow("f3", "A", "join")}{Flow("f4", "B", "join")}{Flow("f5", "join", "e")}
        """);

    /// <summary>The caller: Handle, then the called review process, then Close.</summary>
    public static readonly string Caller = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="Handle" wf:duty="handler" />
        <bpmn:callActivity id="call" calledElement="review" /><bpmn:userTask id="Close" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "Handle")}{Flow("f1", "Handle", "call")}{Flow("f2", "call", "Close")}{Flow("f3", "Close", "e")}
        """);

    /// <summary>Called by <see cref="Caller"/>: a review that the caller's handler may not do.</summary>
    public static readonly string Called = Wrap($"""
        <bpmn:startEvent id="cs" />
        <bpmn:userTask id="Review"><bpmn:extensionElements><wf:separation notSameAs="Handle" /></bpmn:extensionElements></bpmn:userTask>
        <bpmn:endEvent id="ce" />{Flow("c0", "cs", "Review")}{Flow("c1", "Review", "ce")}
        """, processId: "review");

    /// <summary>The variables <see cref="Case"/> starts with.</summary>
    public static Dictionary<string, object?> InUnit(string unit = "east") => new() { ["unit"] = unit };
}
