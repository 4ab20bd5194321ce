using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Host.Tests.Support;

namespace Workflow.Host.Tests.Features;

/// <summary>Handover and amendments through the API, and the police rules the host registers.</summary>
public class AccountabilityApiTests(WorkflowHostFactory factory) : IClassFixture<WorkflowHostFactory>
{
    private readonly HttpClient _anonymous = factory.CreateClient();

    private Task<HttpClient> CallTakerAsync(string user) => factory.AsAsync(user, "call-taker", "command");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

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
