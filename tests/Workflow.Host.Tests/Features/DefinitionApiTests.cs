using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Host.Tests.Support;

namespace Workflow.Host.Tests.Features;

public class DefinitionApiTests(WorkflowHostFactory factory) : IClassFixture<WorkflowHostFactory>
{
    private Task<HttpClient> Client => factory.AsAsync("gao.admin", "admin", "bureau");

    [Fact]
    public async Task List_ShowsTheShippedPoliceFlowsAsValid()
    {
        var files = await (await Client).GetFromJsonAsync<JsonElement>("/api/definitions", TestContext.Current.CancellationToken);
        var processes = files.EnumerateArray().Where(f => f.GetProperty("valid").GetBoolean())
            .SelectMany(f => f.GetProperty("processes").EnumerateArray()).Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Contains("police-incident", processes);
        Assert.Contains("police-admin-case", processes);
        Assert.Contains("police-criminal-case", processes);
        Assert.DoesNotContain("police-case", processes);
    }

    [Fact]
    public async Task Source_ReturnsTheBpmnWithItsDiagram_Or404Problem()
    {
        var xml = await (await Client).GetStringAsync("/api/definitions/police-incident/xml", TestContext.Current.CancellationToken);
        Assert.Contains("bpmndi:BPMNDiagram", xml, StringComparison.Ordinal);
        var missing = await (await Client).GetAsync("/api/definitions/nope/xml", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Validate_ReportsErrorsWithElementAndLine()
    {
        const string xml = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <bpmn:process id="p"><bpmn:startEvent id="s" /><bpmn:complexGateway id="cg" />
                <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="cg" /></bpmn:process>
            </bpmn:definitions>
            """;
        var response = await (await Client).PostAsync("/api/definitions/validate", new StringContent(xml), TestContext.Current.CancellationToken);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.False(report.GetProperty("valid").GetBoolean());
        var error = report.GetProperty("errors").EnumerateArray().First(e => e.GetProperty("code").GetString() == "WF-UNSUPPORTED-ELEMENT");
        Assert.Equal("cg", error.GetProperty("elementId").GetString());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Validate_EmptyBody_IsA400Problem()
    {
        var response = await (await Client).PostAsync("/api/definitions/validate", new StringContent(""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Simulate_RunsTheIncidentFlowIntoTheCaseFlow()
    {
        var xml = await (await Client).GetStringAsync("/api/definitions/police-incident/xml", TestContext.Current.CancellationToken);
        var response = await (await Client).PostAsync("/api/definitions/simulate?vars=" + Uri.EscapeDataString("{\"disposition\":\"to-criminal-case\"}"), new StringContent(xml), TestContext.Current.CancellationToken);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(result.GetProperty("completed").GetBoolean());
        Assert.Contains("Task_FilingDecision", result.GetProperty("trace").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Simulate_BadVariables_IsA400Problem()
    {
        var response = await (await Client).PostAsync("/api/definitions/simulate?vars=nope", new StringContent("<x/>"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Invalid variables", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task HomePage_IsBilingual()
    {
        var html = await (await Client).GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("警情案件流转", html, StringComparison.Ordinal);
        Assert.Contains("Deployed workflow definitions", html, StringComparison.Ordinal);
        Assert.Contains("police-incident", html, StringComparison.Ordinal);
    }
}
