using Workflow.Activities.Import;
using Workflow.Engine.Import;
using Workflow.Engine.Model;

namespace Workflow.Activities.Tests.Support;

/// <summary>Small BPMN files, imported with the catalogue as the host does.</summary>
internal static class Bpmn
{
    public static string Wrap(string body, string processId = "p") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:wf="urn:workflow:bpmn:1" id="defs" targetNamespace="urn:test">
          <bpmn:process id="{processId}" isExecutable="true">
            <bpmn:startEvent id="start" />
            {body}
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>start → the given tasks in order → end.</summary>
    public static string Chain(params string[] tasks)
    {
        var ids = new List<string> { "start" };
        ids.AddRange(tasks.Select(t => System.Text.RegularExpressions.Regex.Match(t, "id=\"([^\"]+)\"").Groups[1].Value));
        ids.Add("end");
        var flows = ids.Zip(ids.Skip(1), (a, b) => $"""<bpmn:sequenceFlow id="f_{a}_{b}" sourceRef="{a}" targetRef="{b}" />""");
        return Wrap(string.Join("\n", tasks.Concat(flows)));
    }

    public static ImportResult Import(string xml) => new BpmnImporter(PoliceImport.Options()).Import(xml);

    public static ProcessDefinition Process(string xml)
    {
        var result = Import(xml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Document!.Processes[0];
    }

    public static TaskSpec Task(string xml, string id) => Process(xml).FindNode(id)!.Task;
}
