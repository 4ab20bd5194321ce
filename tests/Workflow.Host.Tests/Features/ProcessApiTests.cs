using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Host.Tests.Support;
using static Workflow.Host.Tests.Support.ApiResponses;

namespace Workflow.Host.Tests.Features;

/// <summary>/api/processes: an administrator publishes versions, lists them and moves a running case onto a newer one.</summary>
public class ProcessApiTests(WorkflowHostFactory factory) : IClassFixture<WorkflowHostFactory>
{
    private Task<HttpClient> Admin => factory.AsAsync("gao.admin", "admin", "bureau");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A process waiting at one user task (<paramref name="taskId"/>), then ending.</summary>
    internal static string Flow(string processId, string taskId, string taskName = "核查") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs-{processId}" targetNamespace="urn:test">
          <bpmn:process id="{processId}" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="{taskId}" name="{taskName}" />
            <bpmn:endEvent id="e" />
            <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="{taskId}" />
            <bpmn:sequenceFlow id="f1" sourceRef="{taskId}" targetRef="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task<HttpResponseMessage> PublishAsync(string xml, HttpClient? client = null) =>
        await (client ?? await Admin).PostAsync("/api/processes", new StringContent(xml), Ct);

    [Fact]
    public async Task Publish_CreatesTheNextVersion_IdenticalContentChangesNothing_AndTheVersionsNameWhoPublished()
    {
        var v1 = await Json(await PublishAsync(Flow("publish-flow", "t1")), HttpStatusCode.Created);
        var first = Assert.Single(v1.GetProperty("published").EnumerateArray());
        Assert.Equal(("publish-flow", 1, true), (first.GetProperty("processId").GetString(), first.GetProperty("version").GetInt32(), first.GetProperty("created").GetBoolean()));

        var same = await Json(await PublishAsync(Flow("publish-flow", "t1")), HttpStatusCode.OK);
        Assert.False(same.GetProperty("published")[0].GetProperty("created").GetBoolean());

        var v2 = await PublishAsync(Flow("publish-flow", "t1", "复核"));
        Assert.Equal(HttpStatusCode.Created, v2.StatusCode);
        Assert.Equal("/api/processes/publish-flow/versions/2/xml", v2.Headers.Location!.OriginalString);

        var versions = await Json(await (await Admin).GetAsync("/api/processes/publish-flow/versions", Ct), HttpStatusCode.OK);
        Assert.Equal([(1, false, "gao.admin"), (2, true, "gao.admin")], versions.EnumerateArray()
            .Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("latest").GetBoolean(), v.GetProperty("publishedBy").GetString())));
        Assert.Contains("复核", await (await Admin).GetStringAsync("/api/processes/publish-flow/versions/2/xml", Ct), StringComparison.Ordinal);
        Assert.Contains("复核", await (await Admin).GetStringAsync("/api/definitions/publish-flow/xml", Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("复核", await (await Admin).GetStringAsync("/api/processes/publish-flow/versions/1/xml", Ct), StringComparison.Ordinal);

        var processes = await Json(await (await Admin).GetAsync("/api/processes", Ct), HttpStatusCode.OK);
        var listed = Assert.Single(processes.EnumerateArray(), p => p.GetProperty("processId").GetString() == "publish-flow");
        Assert.Equal((2, 2), (listed.GetProperty("latestVersion").GetInt32(), listed.GetProperty("versions").GetInt32()));
        Assert.Contains(processes.EnumerateArray(), p => p.GetProperty("processId").GetString() == "police-incident");
        var home = await (await Admin).GetStringAsync("/", Ct);
        Assert.Contains("<tr><td>publish-flow</td><td></td><td>v2</td><td>2</td>", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunningCase_StaysOnItsVersion_AndAnAdministratorMigratesIt_OrIsToldWhyNot()
    {
        await Json(await PublishAsync(Flow("migrate-flow", "t1")), HttpStatusCode.Created);
        var started = await Json(await (await Admin).PostAsJsonAsync("/api/instances", new { processId = "migrate-flow" }, Ct), HttpStatusCode.Created);
        var id = started.GetProperty("id").GetGuid();
        await Json(await PublishAsync(Flow("migrate-flow", "t1", "复核")), HttpStatusCode.Created);
        await Json(await PublishAsync(Flow("migrate-flow", "t2")), HttpStatusCode.Created);

        var versions = await Json(await (await Admin).GetAsync("/api/processes/migrate-flow/versions", Ct), HttpStatusCode.OK);
        Assert.Equal([1, 0, 0], versions.EnumerateArray().Select(v => v.GetProperty("runningInstances").GetInt32()));

        // Version 3 has no t1: without a mapping the waiting task has nowhere to go.
        var refused = await Json(await (await Admin).PostAsJsonAsync($"/api/instances/{id}/migrate", new { targetVersion = 3 }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal("migration-invalid", refused.GetProperty("title").GetString());
        Assert.Contains("t1", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await Json(await (await Admin).PostAsJsonAsync($"/api/instances/{id}/migrate", new { targetVersion = 2 }, Ct), HttpStatusCode.OK);
        versions = await Json(await (await Admin).GetAsync("/api/processes/migrate-flow/versions", Ct), HttpStatusCode.OK);
        Assert.Equal([0, 1, 0], versions.EnumerateArray().Select(v => v.GetProperty("runningInstances").GetInt32()));

        await Json(await (await Admin).PostAsJsonAsync($"/api/instances/{id}/migrate", new { targetVersion = 3, mapping = new Dictionary<string, string> { ["t1"] = "t2" } }, Ct), HttpStatusCode.OK);
        var view = await Json(await (await Admin).GetAsync($"/api/instances/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal(3, view.GetProperty("instance").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Publish_RefusesInvalidBpmn_AMissingCallTarget_AnEmptyBody_AndAnyoneButAnAdministrator()
    {
        var invalid = await Json(await PublishAsync("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\"><bpmn:process id=\"p\"><bpmn:complexGateway id=\"cg\" /></bpmn:process></bpmn:definitions>"),
            HttpStatusCode.BadRequest);
        Assert.Equal("definition-invalid", invalid.GetProperty("title").GetString());
        Assert.Contains(invalid.GetProperty("errors").EnumerateArray(), e => e.GetProperty("elementId").GetString() == "cg");

        var calling = Flow("calls-missing", "t1").Replace("<bpmn:userTask id=\"t1\" name=\"核查\" />", "<bpmn:callActivity id=\"t1\" calledElement=\"not-deployed\" />", StringComparison.Ordinal);
        var missing = await Json(await PublishAsync(calling), HttpStatusCode.BadRequest);
        Assert.Contains(missing.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "WF-CALL-TARGET-MISSING");

        await Json(await PublishAsync(""), HttpStatusCode.BadRequest);
        var officer = await factory.AsAsync("wang.officer", "officer", "east");
        Assert.Equal(HttpStatusCode.Forbidden, (await PublishAsync(Flow("not-allowed", "t1"), officer)).StatusCode);
        await Json(await (await Admin).GetAsync("/api/processes/not-allowed/versions", Ct), HttpStatusCode.NotFound);
        var noVersion = await Json(await (await Admin).GetAsync("/api/processes/police-incident/versions/99/xml", Ct), HttpStatusCode.NotFound);
        Assert.Equal("version-not-found", noVersion.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Publish_ACalledProcess_IsWhatValidateAndSimulateCallFromThenOn()
    {
        await Json(await PublishAsync(Flow("called-later", "t1")), HttpStatusCode.Created);
        var caller = Flow("caller-flow", "t1").Replace("<bpmn:userTask id=\"t1\" name=\"核查\" />", "<bpmn:callActivity id=\"t1\" calledElement=\"called-later\" />", StringComparison.Ordinal);
        var report = await Json(await (await Admin).PostAsync("/api/definitions/validate", new StringContent(caller), Ct), HttpStatusCode.OK);
        Assert.True(report.GetProperty("valid").GetBoolean(), report.ToString());
        var simulated = await Json(await (await Admin).PostAsync("/api/definitions/simulate", new StringContent(caller), Ct), HttpStatusCode.OK);
        Assert.True(simulated.GetProperty("completed").GetBoolean(), simulated.ToString());
    }
}
