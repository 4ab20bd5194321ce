using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Persistence.Tests.Support;

/// <summary>Small flows with human tasks, roles, units, SLAs and timers for the task-table tests.</summary>
internal static class InboxFlows
{
    /// <summary>
    /// <c>review</c> (unit-head or legal-officer, in the instance's <c>unit</c>, breach after 2 h) with an
    /// interrupting 1 h timer that withdraws it and opens <c>escalated</c> (supervisor, any unit, no SLA).
    /// </summary>
    public static BpmnDocument Review => Document(Wrap($"""
        <bpmn:startEvent id="s" />
        <bpmn:userTask id="review" name="审核" wf:roles="unit-head,legal-officer" wf:unit="unit">
          <bpmn:extensionElements><wf:sla breach="PT2H" /></bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:boundaryEvent id="late" attachedToRef="review">{Timer("PT1H")}</bpmn:boundaryEvent>
        <bpmn:userTask id="escalated" name="督办" wf:roles="supervisor" />
        <bpmn:endEvent id="e" /><bpmn:endEvent id="e2" />
        {Flow("f0", "s", "review")}{Flow("f1", "review", "e")}{Flow("f2", "late", "escalated")}{Flow("f3", "escalated", "e2")}
        """, processId: "review-flow"));

    /// <summary>Version 2 of <see cref="Review"/>: the task is <c>check</c> (复核), for county heads only.</summary>
    public static BpmnDocument ReviewRenamed => Document(Wrap($"""
        <bpmn:startEvent id="s" />
        <bpmn:userTask id="check" name="复核" wf:roles="county-head" wf:unit="unit">
          <bpmn:extensionElements><wf:sla breach="PT2H" /></bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:boundaryEvent id="late" attachedToRef="check">{Timer("PT1H")}</bpmn:boundaryEvent>
        <bpmn:userTask id="escalated" name="督办" wf:roles="supervisor" />
        <bpmn:endEvent id="e" /><bpmn:endEvent id="e2" />
        {Flow("f0", "s", "check")}{Flow("f1", "check", "e")}{Flow("f2", "late", "escalated")}{Flow("f3", "escalated", "e2")}
        """, processId: "review-flow"));

    /// <summary><c>note</c> (unit-head, in the instance's <c>unit</c>, no SLA).</summary>
    public static BpmnDocument Note => Document(Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="note" name="备注" wf:roles="unit-head" wf:unit="unit" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "note")}{Flow("f1", "note", "e")}
        """, processId: "note-flow"));

    /// <summary>
    /// <c>decide</c> (决定, unit-head in the instance's <c>unit</c>) locks <c>summary</c>; then <c>archive</c> (归档, officer).
    /// </summary>
    public static BpmnDocument Decided => Document(Wrap($"""
        <bpmn:startEvent id="s" />
        <bpmn:userTask id="decide" name="决定" wf:roles="unit-head" wf:unit="unit" wf:locks="summary" />
        <bpmn:userTask id="archive" name="归档" wf:roles="officer" />
        <bpmn:endEvent id="e" />
        {Flow("f0", "s", "decide")}{Flow("f1", "decide", "archive")}{Flow("f2", "archive", "e")}
        """, processId: "decided-flow"));

    /// <summary>Starts an instance of a deployed version with the given unit and business key.</summary>
    public static ProcessInstance Start(this WorkflowEngine engine, DeployedDefinition definition, string? unit, string? businessKey = null)
    {
        var instance = engine.Start(definition.Definition, new StartRequest
        {
            Version = definition.Version,
            BusinessKey = businessKey,
            Variables = new Dictionary<string, object?> { ["unit"] = unit },
        }, out var result);
        Assert.True(result.Succeeded, result.Error?.ToString());
        return instance;
    }
}
