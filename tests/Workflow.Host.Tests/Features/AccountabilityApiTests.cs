using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Host.Tests.Support;

namespace Workflow.Host.Tests.Features;

/// <summary>Handover and amendments through the API, and the police rules the host registers.</summary>
public class AccountabilityApiTests(WorkflowHostFactory factory) : IClassFixture<WorkflowHostFactory>
{
    private static readonly string[] CallTaker = ["call-taker"];

    private readonly HttpClient _client = factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<(string Instance, string Task)> StartIncidentAsync()
    {
        var started = await Json(await _client.PostAsJsonAsync("/api/instances",
            new { processId = "police-incident", businessKey = $"J-{Guid.NewGuid():N}", user = "li.call", roles = CallTaker }, Ct), HttpStatusCode.Created);
        var task = started.GetProperty("tasks").EnumerateArray().Single().GetProperty("id").GetString()!;
        return (started.GetProperty("id").GetString()!, task);
    }

    [Fact]
    public async Task Handover_OffersAcceptsAndRefusesThroughTheApi()
    {
        var (_, task) = await StartIncidentAsync();
        await Json(await _client.PostAsJsonAsync($"/api/tasks/{task}/claim", new { user = "li.call", roles = CallTaker }, Ct), HttpStatusCode.OK);

        var offered = await Json(await _client.PostAsJsonAsync($"/api/tasks/{task}/offer", new { user = "li.call", roles = CallTaker, to = "wang.call", reason = "换班" }, Ct), HttpStatusCode.OK);
        var open = offered.GetProperty("tasks").EnumerateArray().Single();
        Assert.Equal(("li.call", "wang.call"), (open.GetProperty("assignee").GetString(), open.GetProperty("offeredTo").GetString()));

        var stranger = await _client.PostAsJsonAsync($"/api/tasks/{task}/accept", new { user = "zhao.call", roles = CallTaker }, Ct);
        Assert.Equal("not-offer-recipient", (await Json(stranger, HttpStatusCode.Forbidden)).GetProperty("title").GetString());
        var noReason = await _client.PostAsJsonAsync($"/api/tasks/{task}/decline", new { user = "wang.call", roles = CallTaker }, Ct);
        Assert.Equal("reason-required", (await Json(noReason, HttpStatusCode.BadRequest)).GetProperty("title").GetString());

        var accepted = await Json(await _client.PostAsJsonAsync($"/api/tasks/{task}/accept", new { user = "wang.call", roles = CallTaker }, Ct), HttpStatusCode.OK);
        Assert.Equal("wang.call", accepted.GetProperty("tasks").EnumerateArray().Single().GetProperty("assignee").GetString());
        var withdraw = await _client.PostAsJsonAsync($"/api/tasks/{task}/withdraw", new { user = "wang.call", roles = CallTaker }, Ct);
        Assert.Equal("no-offer", (await Json(withdraw, HttpStatusCode.Conflict)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Amendment_OfAnUnlockedVariable_IsAConflictProblem()
    {
        var (instance, _) = await StartIncidentAsync();

        var refused = await _client.PostAsJsonAsync($"/api/instances/{instance}/amendments",
            new { user = "li.call", roles = CallTaker, changes = new { nature = "criminal" }, reasonCode = "typo", reason = "录入错误" }, Ct);

        var problem = await Json(refused, HttpStatusCode.Conflict);
        Assert.Equal(("amendment-invalid", "amendment"), (problem.GetProperty("title").GetString(), problem.GetProperty("rule").GetString()));
        var unknown = await _client.PostAsJsonAsync($"/api/instances/{instance}/amendments/{Guid.NewGuid()}/approve", new { user = "zhao.head", roles = new[] { "unit-head" } }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Cancel_NeedsAnActingPerson()
    {
        var (instance, _) = await StartIncidentAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.PostAsync($"/api/instances/{instance}/cancel", null, Ct)).StatusCode);
        var cancelled = await Json(await _client.PostAsync($"/api/instances/{instance}/cancel?actor=admin&roles=admin", null, Ct), HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
    }
}
