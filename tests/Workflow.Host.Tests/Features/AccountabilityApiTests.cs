using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Tests.Support;
using static Workflow.Host.Tests.Support.ApiResponses;

namespace Workflow.Host.Tests.Features;

/// <summary>Handover and amendments through the API, and the police rules the host registers.</summary>
public class AccountabilityApiTests(WorkflowHostFactory factory) : IClassFixture<WorkflowHostFactory>
{
    private readonly HttpClient _anonymous = factory.CreateClient();

    private Task<HttpClient> CallTakerAsync(string user) => factory.AsAsync(user, "call-taker", "command");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Instance, string Task)> StartIncidentAsync()
    {
        var li = await CallTakerAsync("li.call");
        var started = await Json(await li.PostAsJsonAsync("/api/instances",
            new { processId = "police-incident", businessKey = $"J-{Guid.NewGuid():N}" }, Ct), HttpStatusCode.Created);
        var task = started.GetProperty("tasks").EnumerateArray().Single().GetProperty("id").GetString()!;
        return (started.GetProperty("id").GetString()!, task);
    }

    [Fact]
    public async Task Handover_OffersAcceptsAndRefusesThroughTheApi()
    {
        var (_, task) = await StartIncidentAsync();
        var (li, wang, zhao) = (await CallTakerAsync("li.call"), await CallTakerAsync("wang.call"), await CallTakerAsync("zhao.call"));
        await Json(await li.PostAsJsonAsync($"/api/tasks/{task}/claim", new { }, Ct), HttpStatusCode.OK);

        var offered = await Json(await li.PostAsJsonAsync($"/api/tasks/{task}/offer", new { to = "wang.call", reason = "换班" }, Ct), HttpStatusCode.OK);
        var open = offered.GetProperty("tasks").EnumerateArray().Single();
        Assert.Equal(("li.call", "wang.call"), (open.GetProperty("assignee").GetString(), open.GetProperty("offeredTo").GetString()));

        // The recipient finds the offer in their inbox.
        var inbox = await Json(await wang.GetAsync("/api/tasks", Ct), HttpStatusCode.OK);
        Assert.Equal("wang.call", inbox.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetString() == task).GetProperty("offeredTo").GetString());
        var stranger = await zhao.PostAsJsonAsync($"/api/tasks/{task}/accept", new { }, Ct);
        Assert.Equal("not-offer-recipient", (await Json(stranger, HttpStatusCode.Forbidden)).GetProperty("title").GetString());
        var noReason = await wang.PostAsJsonAsync($"/api/tasks/{task}/decline", new { }, Ct);
        Assert.Equal("reason-required", (await Json(noReason, HttpStatusCode.BadRequest)).GetProperty("title").GetString());

        var accepted = await Json(await wang.PostAsJsonAsync($"/api/tasks/{task}/accept", new { }, Ct), HttpStatusCode.OK);
        Assert.Equal("wang.call", accepted.GetProperty("tasks").EnumerateArray().Single().GetProperty("assignee").GetString());
        var withdraw = await wang.PostAsJsonAsync($"/api/tasks/{task}/withdraw", new { }, Ct);
        Assert.Equal("no-offer", (await Json(withdraw, HttpStatusCode.Conflict)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Amendment_OfAnUnlockedVariable_IsAConflictProblem()
    {
        var (instance, _) = await StartIncidentAsync();

        var refused = await (await CallTakerAsync("li.call")).PostAsJsonAsync($"/api/instances/{instance}/amendments",
            new { changes = new { nature = "criminal" }, reasonCode = "typo", reason = "录入错误" }, Ct);

        var problem = await Json(refused, HttpStatusCode.Conflict);
        Assert.Equal(("amendment-invalid", "amendment"), (problem.GetProperty("title").GetString(), problem.GetProperty("rule").GetString()));
        var head = await factory.AsAsync("zhao.head", "unit-head", "chengguan");
        var unknown = await head.PostAsJsonAsync($"/api/instances/{instance}/amendments/{Guid.NewGuid()}/approve", new { }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>Decide (unit head of the instance's unit) locks the summary; nothing follows.</summary>
    private const string Decided = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:wf="urn:workflow:bpmn:1" id="d" targetNamespace="urn:test">
          <bpmn:process id="decided-check" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="Decide" name="决定" wf:roles="unit-head" wf:unit="unit" wf:locks="summary" />
            <bpmn:endEvent id="e" />
            <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="Decide" />
            <bpmn:sequenceFlow id="f1" sourceRef="Decide" targetRef="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task PendingAmendment_IsInTheReviewersInbox_AndIsApprovedNotClaimed()
    {
        var imported = factory.Services.GetRequiredService<Workflow.Engine.Import.BpmnImporter>().Import(Decided);
        Assert.True(imported.IsValid, string.Join("; ", imported.Errors));
        await factory.Services.GetRequiredService<Workflow.Engine.Storage.IDefinitionStore>().DeployAsync(imported.Document!, Ct);
        var (gao, zhao) = (await factory.AsAsync("gao.head", "unit-head", "chengguan"), await factory.AsAsync("zhao.head", "unit-head", "chengguan"));
        var started = await Json(await gao.PostAsJsonAsync("/api/instances", new { processId = "decided-check", variables = new { unit = "chengguan" } }, Ct), HttpStatusCode.Created);
        var instance = started.GetProperty("id").GetString();
        var decide = started.GetProperty("tasks").EnumerateArray().Single().GetProperty("id").GetString();
        await Json(await gao.PostAsJsonAsync($"/api/tasks/{decide}/claim", new { }, Ct), HttpStatusCode.OK);
        await Json(await gao.PostAsJsonAsync($"/api/tasks/{decide}/complete", new { data = new { summary = "盗窃电动车" } }, Ct), HttpStatusCode.OK);

        var proposed = await Json(await gao.PostAsJsonAsync($"/api/instances/{instance}/amendments",
            new { changes = new { summary = "盗窃自行车" }, reasonCode = "typo", reason = "录入错误" }, Ct), HttpStatusCode.OK);
        var amendment = proposed.GetProperty("amendmentId").GetString();

        var item = (await Json(await zhao.GetAsync("/api/tasks", Ct), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("id").GetString() == amendment);
        Assert.Equal(("amendment", instance, "Decide"), (item.GetProperty("kind").GetString(), item.GetProperty("instanceId").GetString(), item.GetProperty("elementId").GetString()));
        var claimed = await Json(await zhao.PostAsJsonAsync($"/api/tasks/{amendment}/claim", new { }, Ct), HttpStatusCode.Conflict);
        Assert.Equal("amendment-review-only", claimed.GetProperty("title").GetString());

        await Json(await zhao.PostAsJsonAsync($"/api/instances/{instance}/amendments/{amendment}/approve", new { }, Ct), HttpStatusCode.OK);
        Assert.DoesNotContain((await Json(await zhao.GetAsync("/api/tasks", Ct), HttpStatusCode.OK)).GetProperty("items").EnumerateArray(),
            t => t.GetProperty("id").GetString() == amendment);
    }

    [Fact]
    public async Task Cancel_NeedsASignedInAdministrator()
    {
        var (instance, _) = await StartIncidentAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.PostAsync($"/api/instances/{instance}/cancel", null, Ct)).StatusCode);
        var officer = await (await CallTakerAsync("li.call")).PostAsync($"/api/instances/{instance}/cancel", null, Ct);
        Assert.Equal("role-required", (await Json(officer, HttpStatusCode.Forbidden)).GetProperty("title").GetString());
        var admin = await factory.AsAsync("admin", "admin", "bureau");
        var cancelled = await Json(await admin.PostAsync($"/api/instances/{instance}/cancel", null, Ct), HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
    }
}
