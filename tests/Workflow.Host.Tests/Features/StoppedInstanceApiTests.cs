using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Host.Tests.Support;
using static Workflow.Host.Tests.Support.ApiResponses;

namespace Workflow.Host.Tests.Features;

/// <summary>GET /api/instances/incidents: the administrator's list of instances an incident stops.</summary>
public class StoppedInstanceApiTests(WorkflowHostFactory factory) : IClassFixture<WorkflowHostFactory>
{
    private Task<HttpClient> Admin => factory.AsAsync("stopped.admin", "admin", "bureau");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Goes on only when x is positive: otherwise no flow matches and an incident stops it at the gateway.</summary>
    private const string Gate = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs-gate" targetNamespace="urn:test">
          <bpmn:process id="stopped-gate" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:exclusiveGateway id="g" />
            <bpmn:endEvent id="e" />
            <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="g" />
            <bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="e"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">x &gt; 0</bpmn:conditionExpression></bpmn:sequenceFlow>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task AStoppedInstance_IsListedWithItsIncident_UntilAnAdministratorEndsIt()
    {
        var admin = await Admin;
        await Json(await admin.PostAsync("/api/processes", new StringContent(Gate), Ct), HttpStatusCode.Created);
        var stopped = await Json(await admin.PostAsJsonAsync("/api/instances", new { processId = "stopped-gate", variables = new { x = 0 } }, Ct), HttpStatusCode.Created);
        var id = stopped.GetProperty("id").GetGuid();
        await Json(await admin.PostAsJsonAsync("/api/instances", new { processId = "stopped-gate", variables = new { x = 1 } }, Ct), HttpStatusCode.Created);

        var list = await Json(await admin.GetAsync("/api/instances/incidents", Ct), HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal((id, "stopped-gate"), (item.GetProperty("instanceId").GetGuid(), item.GetProperty("processId").GetString()));
        var incident = Assert.Single(item.GetProperty("incidents").EnumerateArray());
        Assert.Equal("g", incident.GetProperty("elementId").GetString());

        await Json(await admin.PostAsync($"/api/instances/{id}/cancel", null, Ct), HttpStatusCode.OK);
        Assert.Equal(0, (await Json(await admin.GetAsync("/api/instances/incidents", Ct), HttpStatusCode.OK)).GetProperty("total").GetInt32());

        await Json(await admin.GetAsync("/api/instances/incidents?take=0", Ct), HttpStatusCode.BadRequest);
        var officer = await factory.AsAsync("stopped.officer", "officer", "east");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/instances/incidents", Ct)).StatusCode);
    }
}
