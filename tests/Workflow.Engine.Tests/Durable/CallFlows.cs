using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Durable;

/// <summary>A caller and a called process, each in its own file.</summary>
internal static class CallFlows
{
    public static readonly string Child = Wrap($"""
        <bpmn:startEvent id="cs" /><bpmn:userTask id="childTask" /><bpmn:endEvent id="ce" />
        {Flow("c1", "cs", "childTask")}{Flow("c2", "childTask", "ce")}
        """, processId: "child");

    public static readonly string Parent = Wrap($"""
        <bpmn:startEvent id="s" /><bpmn:callActivity id="call" calledElement="child" /><bpmn:userTask id="after" /><bpmn:endEvent id="e" />
        {Flow("f0", "s", "call")}{Flow("f1", "call", "after")}{Flow("f2", "after", "e")}
        """);
}
