using System.Text.Json;
using Workflow.Host.Cli;

namespace Workflow.Host.Tests.Cli;

/// <summary>The validate / simulate / help verbs of the host, driven through <see cref="CommandLine.Run"/>.</summary>
public sealed class CommandLineTests : IDisposable
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="urn:test">
        """;

    private const string ValidXml = Head + """

          <bpmn:process id="valid" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
            <bpmn:userTask id="task" />
            <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
            <bpmn:endEvent id="end" />
            <bpmn:dataObject id="data" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string InvalidXml = Head + """

          <bpmn:process id="invalid" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
            <bpmn:exclusiveGateway id="gw" default="f3" />
            <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="end">
              <bpmn:conditionExpression>${x &gt; 1}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="end" />
            <bpmn:endEvent id="end" />
            <bpmn:complexGateway id="cx" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string WaitsOnMessageXml = Head + """

          <bpmn:message id="msg" name="payment-received" />
          <bpmn:process id="waits" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait">
              <bpmn:messageEventDefinition messageRef="msg" />
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string NoMatchingFlowXml = Head + """

          <bpmn:process id="nomatch" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Gateway_Check" />
            <bpmn:exclusiveGateway id="Gateway_Check" />
            <bpmn:sequenceFlow id="f2" sourceRef="Gateway_Check" targetRef="high">
              <bpmn:conditionExpression>x &gt; 1</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f3" sourceRef="Gateway_Check" targetRef="low">
              <bpmn:conditionExpression>x &lt; 1</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:endEvent id="high" />
            <bpmn:endEvent id="low" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("wf-cli-tests-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Validate_ReturnsZeroAndJsonReport_WhenFileIsValid()
    {
        var file = Write("valid.bpmn", ValidXml);

        var (code, output, _) = Run("validate", file, "--json");

        Assert.Equal(CommandLine.Ok, code);
        using var json = JsonDocument.Parse(output);
        var report = json.RootElement;
        Assert.Equal(["errors", "file", "valid", "warnings"], report.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(file, report.GetProperty("file").GetString());
        Assert.True(report.GetProperty("valid").GetBoolean());
        Assert.Equal(0, report.GetProperty("errors").GetArrayLength());
        var warning = Assert.Single(report.GetProperty("warnings").EnumerateArray());
        Assert.Equal(["code", "elementId", "elementType", "line", "message"], warning.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("WF-W-IGNORED", warning.GetProperty("code").GetString());
        Assert.Equal("dataObject", warning.GetProperty("elementType").GetString());
        Assert.Equal("data", warning.GetProperty("elementId").GetString());
        Assert.Equal(LineOf(ValidXml, "id=\"data\""), warning.GetProperty("line").GetInt32());
    }

    [Fact]
    public void Validate_ReturnsTwoWithLocatedErrors_WhenFileHasComplexGatewayAndJuelCondition()
    {
        var file = Write("invalid.bpmn", InvalidXml);

        var (code, output, _) = Run("validate", file, "--json");

        Assert.Equal(CommandLine.Invalid, code);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var errors = json.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        var complex = Assert.Single(errors, e => e.GetProperty("code").GetString() == "WF-UNSUPPORTED-ELEMENT");
        Assert.Equal("complexGateway", complex.GetProperty("elementType").GetString());
        Assert.Equal("cx", complex.GetProperty("elementId").GetString());
        Assert.Equal(LineOf(InvalidXml, "id=\"cx\""), complex.GetProperty("line").GetInt32());
        Assert.Contains("complex gateway", complex.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        var juel = Assert.Single(errors, e => e.GetProperty("code").GetString() == "WF-EXPR-JUEL");
        Assert.Equal("sequenceFlow", juel.GetProperty("elementType").GetString());
        Assert.Equal("f2", juel.GetProperty("elementId").GetString());
        Assert.Equal(LineOf(InvalidXml, "id=\"f2\""), juel.GetProperty("line").GetInt32());
        Assert.Contains("JUEL", juel.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PrintsJsonArrayWithOneReportPerFile_WhenSeveralFilesGiven()
    {
        var valid = Write("valid.bpmn", ValidXml);
        var invalid = Write("invalid.bpmn", InvalidXml);

        var (code, output, _) = Run("validate", valid, invalid, "--json");

        Assert.Equal(CommandLine.Invalid, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        var reports = json.RootElement.EnumerateArray().ToList();
        Assert.Equal([valid, invalid], reports.Select(r => r.GetProperty("file").GetString()));
        Assert.Equal([true, false], reports.Select(r => r.GetProperty("valid").GetBoolean()));
    }

    [Fact]
    public void Validate_ReturnsZero_WhenEverySeveralFileIsValid()
    {
        var first = Write("first.bpmn", ValidXml);
        var second = Write("second.bpmn", WaitsOnMessageXml);

        var (code, _, _) = Run("validate", first, second);

        Assert.Equal(CommandLine.Ok, code);
    }

    [Fact]
    public void Validate_ReturnsTwoWithReadableError_WhenFileIsMissing()
    {
        var missing = Path.Combine(_folder.FullName, "missing.bpmn");

        var (code, output, error) = Run("validate", missing, "--json");

        Assert.Equal(CommandLine.Invalid, code);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var e = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("WF-FILE", e.GetProperty("code").GetString());
        Assert.Contains("cannot read", e.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("missing.bpmn", e.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReturnsTwoWithXmlError_WhenFileIsNotXml()
    {
        var file = Write("notes.bpmn", "this is not XML at all");

        var (code, output, _) = Run("validate", file, "--json");

        Assert.Equal(CommandLine.Invalid, code);
        using var json = JsonDocument.Parse(output);
        var e = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("WF-XML", e.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Number, e.GetProperty("line").ValueKind);
    }

    [Fact]
    public void Validate_ReturnsTwoWithDtdCode_WhenFileDeclaresExternalEntity()
    {
        var file = Write("dtd.bpmn", """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <x>&e;</x>
            """);

        var (code, output, _) = Run("validate", file, "--json");

        Assert.Equal(CommandLine.Invalid, code);
        using var json = JsonDocument.Parse(output);
        var e = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("WF-XML-DTD", e.GetProperty("code").GetString());
        Assert.DoesNotContain("root:", output, StringComparison.Ordinal); // nothing of /etc/passwd was read
    }

    [Fact]
    public void Validate_ReturnsTwoWithUsage_WhenNoFileGiven()
    {
        var (code, _, error) = Run("validate");

        Assert.Equal(CommandLine.Invalid, code);
        Assert.Contains("usage", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Simulate_ReturnsZeroAndCompletedTrace_WhenShippedIncidentFlowRuns()
    {
        var (code, output, _) = Run("simulate", ShippedWorkflow("police-incident.bpmn"), "--json");

        Assert.Equal(CommandLine.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("completed").GetBoolean());
        Assert.Equal("police-incident", json.RootElement.GetProperty("process").GetString());
        var trace = Trace(json);
        Assert.Equal("Event_Received", trace[0]);
        Assert.Contains("Task_Register", trace);
        Assert.DoesNotContain("CallActivity_AdminCase", trace);
        Assert.Equal("Event_Closed", trace[^1]);
        Assert.Equal(0, json.RootElement.GetProperty("incidents").GetArrayLength());
    }

    [Fact]
    public void Validate_ReturnsZeroWithoutWarnings_WhenEveryShippedWorkflowIsChecked()
    {
        var files = new[] { "police-incident.bpmn", "police-admin-case.bpmn", "police-criminal-case.bpmn" }.Select(ShippedWorkflow).ToArray();

        var (code, output, _) = Run(["validate", .. files, "--json"]);

        Assert.Equal(CommandLine.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetArrayLength());
        Assert.All(json.RootElement.EnumerateArray(), r =>
        {
            Assert.True(r.GetProperty("valid").GetBoolean());
            Assert.Equal(0, r.GetProperty("warnings").GetArrayLength());
        });
    }

    [Fact]
    public void Validate_ReportsTheCatalogue_WhenAUserTaskNamesAnUnknownPoliceType()
    {
        var file = Write("typo.bpmn", ValidXml
            .Replace("id=\"defs\"", "xmlns:wf=\"urn:workflow:bpmn:1\" id=\"defs\"", StringComparison.Ordinal)
            .Replace("<bpmn:userTask id=", "<bpmn:userTask wf:type=\"police.legal-reveiw\" id=", StringComparison.Ordinal));

        var (code, output, _) = Run("validate", file, "--json");

        Assert.Equal(CommandLine.Invalid, code);
        Assert.Contains("WF-UNKNOWN-ACTIVITY-TYPE", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_EntersCaseProcessFromSiblingFile_WhenTheDispositionIsACase()
    {
        var (code, output, _) = Run("simulate", ShippedWorkflow("police-incident.bpmn"), "--json", "--vars", """{"disposition":"to-admin-case"}""");

        Assert.Equal(CommandLine.Ok, code);
        using var json = JsonDocument.Parse(output);
        var trace = Trace(json);
        Assert.Contains("CallActivity_AdminCase", trace);
        Assert.Contains("Task_Intake", trace); // police-admin-case, found in workflows/police-admin-case.bpmn
        Assert.True(json.RootElement.GetProperty("completed").GetBoolean());
    }

    [Fact]
    public void Simulate_ReturnsTwo_WhenVarsAreNotJson()
    {
        var file = Write("valid.bpmn", ValidXml);

        var (code, output, error) = Run("simulate", file, "--vars", "not json");

        Assert.Equal(CommandLine.Invalid, code);
        Assert.Empty(output);
        Assert.Contains("--vars", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_ReturnsTwo_WhenVarsAreNotAnObject()
    {
        var file = Write("valid.bpmn", ValidXml);

        var (code, _, error) = Run("simulate", file, "--vars", "[1, 2]");

        Assert.Equal(CommandLine.Invalid, code);
        Assert.Contains("JSON object", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_ReturnsTwoNamingTheProcesses_WhenProcessIsUnknown()
    {
        var file = Write("valid.bpmn", ValidXml);

        var (code, output, error) = Run("simulate", file, "--process", "nope");

        Assert.Equal(CommandLine.Invalid, code);
        Assert.Empty(output);
        Assert.Contains("'nope'", error, StringComparison.Ordinal);
        Assert.Contains("valid", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_ReturnsTwoWithReport_WhenFileIsInvalid()
    {
        var file = Write("invalid.bpmn", InvalidXml);

        var (code, output, _) = Run("simulate", file, "--json");

        Assert.Equal(CommandLine.Invalid, code);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void Simulate_ReturnsZeroAndListsTheMessage_WhenFlowWaitsOnMessage()
    {
        var file = Write("waits.bpmn", WaitsOnMessageXml);

        var (code, output, _) = Run("simulate", file, "--json");

        Assert.Equal(CommandLine.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("completed").GetBoolean());
        var wait = Assert.Single(json.RootElement.GetProperty("waiting").EnumerateArray());
        Assert.Equal("wait", wait.GetProperty("elementId").GetString());
        Assert.Equal("message", wait.GetProperty("kind").GetString());
        Assert.Equal("payment-received", wait.GetProperty("message").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("incidents").GetArrayLength());
    }

    [Fact]
    public void Simulate_ReturnsThreeWithNoMatchingFlowIncident_WhenNoConditionHoldsAndThereIsNoDefault()
    {
        var file = Write("nomatch.bpmn", NoMatchingFlowXml);

        var (code, output, _) = Run("simulate", file, "--json");

        Assert.Equal(CommandLine.Incident, code);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("completed").GetBoolean());
        var incident = Assert.Single(json.RootElement.GetProperty("incidents").EnumerateArray());
        Assert.Equal("no-matching-flow", incident.GetProperty("code").GetString());
        Assert.Equal("Gateway_Check", incident.GetProperty("elementId").GetString());
    }

    [Fact]
    public void Simulate_ReturnsZero_WhenVarsChooseAFlow()
    {
        var file = Write("nomatch.bpmn", NoMatchingFlowXml);

        var (code, output, _) = Run("simulate", file, "--json", "--vars", """{"x": 2}""");

        Assert.Equal(CommandLine.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["start", "Gateway_Check", "high"], Trace(json));
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    public void Help_ReturnsZeroAndPrintsUsage_WhenAsked(string verb)
    {
        var (code, output, _) = Run(verb);

        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains("Usage", output, StringComparison.Ordinal);
        Assert.Contains("validate", output, StringComparison.Ordinal);
        Assert.Contains("simulate", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>1-based line of the first line containing <paramref name="marker"/>.</summary>
    private static int LineOf(string xml, string marker) =>
        xml.Split('\n').Select((line, i) => (line, i)).First(x => x.line.Contains(marker, StringComparison.Ordinal)).i + 1;

    private static List<string> Trace(JsonDocument json) =>
        json.RootElement.GetProperty("trace").EnumerateArray().Select(e => e.GetString()!).ToList();

    private static string ShippedWorkflow(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflow.sln")))
            {
                return Path.Combine(dir.FullName, "workflows", name);
            }
        }
        Assert.Fail($"repository root (Workflow.sln) not found above {AppContext.BaseDirectory}");
        return "";
    }
}
