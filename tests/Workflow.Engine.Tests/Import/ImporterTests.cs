using Workflow.Engine.Import;
using Workflow.Engine.Model;
using static Workflow.Engine.Tests.Support.TestBpmn;

namespace Workflow.Engine.Tests.Import;

public class ImporterTests
{
    private static BpmnDiagnostic SingleError(string xml)
    {
        var result = Parse(xml);
        Assert.False(result.IsValid);
        Assert.Null(result.Document);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Import_AcceptsDefaultNamespaceAsCamundaModelerWritesIt_AndKeepsTheDiagram()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d" targetNamespace="t">
              <process id="p" isExecutable="true">
                <startEvent id="s"><outgoing>f</outgoing></startEvent>
                <endEvent id="e"><incoming>f</incoming></endEvent>
                <sequenceFlow id="f" sourceRef="s" targetRef="e" />
              </process>
              <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="pl" bpmnElement="p">
                <bpmndi:BPMNShape id="s_di" bpmnElement="s"><dc:Bounds x="0" y="0" width="36" height="36" /></bpmndi:BPMNShape>
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </definitions>
            """;
        var result = Parse(xml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var process = Assert.Single(result.Document!.Processes);
        Assert.Equal(NodeKind.StartEvent, process.Nodes[process.StartNode].Kind);
        Assert.Contains("BPMNShape", result.Document.Source, StringComparison.Ordinal);
        Assert.Equal(64, result.Document.ContentHash.Length);
    }

    [Fact]
    public void Import_RefusesDtdAndExternalEntities()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&xxe;</bpmn:definitions>
            """;
        Assert.Equal(DiagnosticCodes.XmlDtd, SingleError(xml).Code);
    }

    [Fact]
    public void Import_RefusesTooDeepNesting()
    {
        var deep = string.Concat(Enumerable.Repeat("<a>", 200)) + string.Concat(Enumerable.Repeat("</a>", 200));
        Assert.Equal(DiagnosticCodes.XmlTooDeep, SingleError(deep).Code);
    }

    [Fact]
    public void Import_RefusesTooLargeFiles()
    {
        var importer = new BpmnImporter(new ImportOptions { MaxCharacters = 100 });
        var result = importer.Import(Wrap("<bpmn:startEvent id=\"s\" />"));
        Assert.Equal(DiagnosticCodes.XmlTooLarge, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Import_ReportsMalformedXmlWithItsLine()
    {
        var error = SingleError("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<bpmn:process>\n</bpmn:definitions>");
        Assert.Equal(DiagnosticCodes.Xml, error.Code);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Import_ReportsInvalidBooleanAttribute_InsteadOfThrowing()
    {
        var result = Parse(Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="t" /><bpmn:boundaryEvent id="b" attachedToRef="t" cancelActivity="maybe">{Timer("PT1M")}</bpmn:boundaryEvent>
            <bpmn:endEvent id="e" />{Flow("f1", "s", "t")}{Flow("f2", "t", "e")}{Flow("f3", "b", "e")}
            """));
        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.InvalidAttribute, error.Code);
        Assert.Equal("b", error.ElementId);
    }

    [Fact]
    public void Import_RefusesNonBpmnRoot() => Assert.Equal(DiagnosticCodes.NotBpmn, SingleError("<html><body/></html>").Code);

    [Theory]
    [InlineData("<bpmn:complexGateway id=\"cg\" />", "complexGateway")]
    [InlineData("<bpmn:sendTask id=\"cg\" />", "sendTask")]
    [InlineData("<bpmn:businessRuleTask id=\"cg\" />", "businessRuleTask")]
    [InlineData("<bpmn:transaction id=\"cg\" />", "transaction")]
    [InlineData("<bpmn:adHocSubProcess id=\"cg\" />", "adHocSubProcess")]
    public void Import_RejectsUnsupportedElements_NamingTypeIdAndLine(string element, string type)
    {
        var result = Parse(Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:endEvent id="e" />{Flow("f", "s", "e")}
            {element}
            """));
        var error = result.Errors.First(e => e.Code == DiagnosticCodes.UnsupportedElement);
        Assert.Equal(type, error.ElementType);
        Assert.Equal("cg", error.ElementId);
        Assert.Equal(8, error.Line);
    }

    [Theory]
    [InlineData("signalEventDefinition", "signal")]
    [InlineData("escalationEventDefinition", "escalation")]
    [InlineData("compensateEventDefinition", "compensate")]
    [InlineData("conditionalEventDefinition", "conditional")]
    public void Import_RejectsUnsupportedEventDefinitions(string definition, string name)
    {
        var result = Parse(Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="c"><bpmn:{definition} /></bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
            {Flow("f1", "s", "c")}{Flow("f2", "c", "e")}
            """));
        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.UnsupportedEvent, error.Code);
        Assert.Equal("c", error.ElementId);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ReportsEveryProblemAtOnce()
    {
        var result = Parse(Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:complexGateway id="cg" /><bpmn:userTask id="orphan" /><bpmn:exclusiveGateway id="dead" />
            <bpmn:endEvent id="e" />
            {Flow("f1", "s", "cg")}{Flow("f2", "cg", "e")}{Flow("f3", "s", "nowhere")}{Flow("f4", "orphan", "dead")}
            """));
        var codes = result.Errors.Select(e => (e.Code, e.ElementId)).ToList();
        Assert.Contains((DiagnosticCodes.UnsupportedElement, "cg"), codes);
        Assert.Contains((DiagnosticCodes.FlowDangling, "f3"), codes);
        Assert.Contains((DiagnosticCodes.Unreachable, "orphan"), codes);
        Assert.Contains((DiagnosticCodes.GatewayNoOutgoing, "dead"), codes);
    }

    [Theory]
    [InlineData("${approved}", DiagnosticCodes.ExpressionJuel)]
    [InlineData("#{approved}", DiagnosticCodes.ExpressionJuel)]
    [InlineData("=approved", DiagnosticCodes.ExpressionFeel)]
    [InlineData("approved and not rejected", DiagnosticCodes.ExpressionSyntax)]
    [InlineData("this.variables.approved", DiagnosticCodes.ExpressionForeignApi)]
    [InlineData("   ", DiagnosticCodes.ExpressionEmpty)]
    public void Import_NamesConditionsInAnotherLanguage(string condition, string code)
    {
        var result = Parse(Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="x" default="d" /><bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
            {Flow("f0", "s", "x")}{Flow("c", "x", "a", condition)}{Flow("d", "x", "b")}
            """));
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal("c", error.ElementId);
    }

    [Fact]
    public void Import_NamesPythonConditionLanguage()
    {
        var result = Parse(Wrap("""
            <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="x" default="d" /><bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
            <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="x" />
            <bpmn:sequenceFlow id="c" sourceRef="x" targetRef="a"><bpmn:conditionExpression language="python">x == 1</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="d" sourceRef="x" targetRef="b" />
            """));
        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.ExpressionLanguage, error.Code);
        Assert.Contains("python", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("camunda:class=\"org.x.Delegate\"")]
    [InlineData("camunda:expression=\"${bean.run()}\"")]
    [InlineData("camunda:type=\"external\" camunda:topic=\"t\"")]
    public void Import_RejectsCamundaJavaBindings(string attributes)
    {
        var result = Parse(Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:serviceTask id="svc" {attributes} /><bpmn:endEvent id="e" />{Flow("f1", "s", "svc")}{Flow("f2", "svc", "e")}
            """));
        Assert.Equal(DiagnosticCodes.ServiceImplementation, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Import_ReadsCamundaAssignment()
    {
        var process = Process($"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="t" camunda:candidateGroups="unit-head, legal-officer" camunda:assignee="zhang" camunda:formKey="review" />
            <bpmn:endEvent id="e" />{Flow("f1", "s", "t")}{Flow("f2", "t", "e")}
            """);
        var task = process.FindNode("t")!.Task;
        Assert.Equal(["unit-head", "legal-officer"], task.Roles);
        Assert.Equal("zhang", task.Assignee);
        Assert.Equal("review", task.FormKey);
    }

    [Fact]
    public void Import_ReadsOurExtensionNamespace()
    {
        var process = Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="ack" name="签收" wf:nameEn="Acknowledge" wf:roles="duty-officer" wf:unit="unit" wf:type="acknowledge">
              <bpmn:extensionElements>
                <wf:sla warn="PT60S" escalate="PT3M" breach="PT10M" />
                <wf:separation notSameAs="Task_A Task_B" />
                <wf:outcome id="accept" label="签收" labelEn="Accept" />
                <wf:outcome id="refuse" requiresReason="true" />
                <wf:field id="note" type="text" required="true" label="备注" labelEn="Note" />
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="e" />{Flow("f1", "s", "ack")}{Flow("f2", "ack", "e")}
            """);
        var spec = process.FindNode("ack")!.Task;
        Assert.Equal(["duty-officer"], spec.Roles);
        Assert.Equal("unit", spec.Unit!.Source);
        Assert.Equal("acknowledge", spec.ActivityType);
        Assert.Equal("Acknowledge", spec.NameEn);
        Assert.Equal(TimeSpan.FromMinutes(10), spec.Sla!.Breach!.Value.Time);
        Assert.Equal(["Task_A", "Task_B"], spec.NotSameAs);
        Assert.True(spec.FindOutcome("refuse")!.RequiresReason);
        Assert.Equal("Accept", spec.FindOutcome("accept")!.LabelEn);
        Assert.True(Assert.Single(spec.Fields).Required);
    }

    [Fact]
    public void Import_RejectsParallelJoinOverExclusiveAlternatives()
    {
        var result = Parse(Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="x" default="b" /><bpmn:task id="A" /><bpmn:task id="B" />
            <bpmn:parallelGateway id="join" /><bpmn:endEvent id="e" />
            {Flow("f0", "s", "x")}{Flow("a", "x", "A", "v")}{Flow("b", "x", "B")}{Flow("fa", "A", "join")}{Flow("fb", "B", "join")}{Flow("fe", "join", "e")}
            """));
        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.JoinDeadlock, error.Code);
        Assert.Equal("join", error.ElementId);
    }

    [Fact]
    public void CallGraphCheck_ReportsMissingTargetsAndCycles()
    {
        var caller = Document(Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:callActivity id="c1" calledElement="self" /><bpmn:callActivity id="c2" calledElement="ghost" /><bpmn:endEvent id="e" />
            {Flow("f0", "s", "c1")}{Flow("f1", "c1", "c2")}{Flow("f2", "c2", "e")}
            """, processId: "self"));
        var errors = CallGraphCheck.Check(caller, []);
        Assert.Contains(errors, e => e.Code == DiagnosticCodes.CallCycle && e.ElementId == "c1");
        Assert.Contains(errors, e => e.Code == DiagnosticCodes.CallTargetMissing && e.ElementId == "c2");
    }

    [Fact]
    public void Import_NeverThrows_OnMangledFiles()
    {
        var source = File.ReadAllText(RepoFile("workflows", "police-incident.bpmn"));
        var random = new Random(42);
        for (var i = 0; i < 300; i++)
        {
            var chars = source.ToCharArray();
            for (var k = 0; k < 5; k++)
            {
                chars[random.Next(chars.Length)] = "<>\"/= ax{}$"[random.Next(11)];
            }
            var mangled = new string(chars, 0, random.Next(chars.Length / 2, chars.Length));
            var result = Parse(mangled);
            Assert.True(result.IsValid || result.Errors.Count > 0);
        }
    }

    [Theory]
    [InlineData("PT99999999999999999999H")]
    [InlineData("PT99999999999999999999S")]
    [InlineData("PT999999999H")]
    [InlineData("P9000Y")]
    [InlineData("P999999999W")]
    public void Bug_HugeTimerDurations_AreTimerErrors_NotCrashes(string duration)
    {
        var result = Parse(Wrap($"""
            <bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="wait">{Timer(duration)}</bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
            {Flow("f0", "s", "wait")}{Flow("f1", "wait", "e")}
            """));
        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.Timer, error.Code);
        Assert.Equal("wait", error.ElementId);
    }

    [Fact]
    public void Bug_EmptyFile_HasNoLineZero()
    {
        var error = SingleError("");
        Assert.Equal(DiagnosticCodes.Xml, error.Code);
        Assert.Null(error.Line);
    }

    [Fact]
    public void Import_SkipsNonExecutableProcesses_AndRejectsAFileWithNoneLeft()
    {
        var xml = Wrap($"""<bpmn:startEvent id="s" /><bpmn:endEvent id="e" />{Flow("f", "s", "e")}""").Replace("isExecutable=\"true\"", "isExecutable=\"false\"", StringComparison.Ordinal);
        var result = Parse(xml);
        Assert.Equal(DiagnosticCodes.NoProcess, Assert.Single(result.Errors).Code);
        Assert.Contains(result.Warnings, w => w.Code == DiagnosticCodes.WarnNotExecutable && w.ElementId == "p");
    }
}
