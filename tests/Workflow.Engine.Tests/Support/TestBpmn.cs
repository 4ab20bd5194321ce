using Workflow.Engine.Import;
using Workflow.Engine.Model;

namespace Workflow.Engine.Tests.Support;

/// <summary>Builds small BPMN files for tests.</summary>
internal static class TestBpmn
{
    public const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:wf="urn:workflow:bpmn:1"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="urn:test">
        """;

    /// <summary>Wraps process content (and optional root declarations) into a definitions document.</summary>
    public static string Wrap(string processBody, string rootElements = "", string processId = "p") =>
        $"""
        {Header}
        {rootElements}
          <bpmn:process id="{processId}" isExecutable="true">
        {processBody}
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static ImportResult Parse(string xml) => new BpmnImporter().Import(xml);

    public static BpmnDocument Document(string xml)
    {
        var result = Parse(xml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Document!;
    }

    public static ProcessDefinition Process(string processBody, string rootElements = "") => Document(Wrap(processBody, rootElements)).Processes[0];

    public static string Flow(string id, string source, string target, string? condition = null) => condition is null
        ? $"""<bpmn:sequenceFlow id="{id}" sourceRef="{source}" targetRef="{target}" />"""
        : $"""<bpmn:sequenceFlow id="{id}" sourceRef="{source}" targetRef="{target}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{System.Security.SecurityElement.Escape(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>""";

    public static string Timer(string duration) =>
        $"""<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{duration}</bpmn:timeDuration></bpmn:timerEventDefinition>""";

    public static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workflow.sln")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        return Path.Combine([dir.FullName, .. parts]);
    }
}
