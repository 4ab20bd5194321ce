using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Host.Tests.Support;

namespace Workflow.Host.Tests.Features;

public class CaseApiTests(WorkflowHostFactory factory) : IClassFixture<WorkflowHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<JsonElement> Inbox(string user, string roles, string? unit = null) =>
        await Json(await _client.GetAsync($"/api/tasks?user={user}&roles={roles}{(unit is null ? "" : "&unit=" + unit)}", Ct), HttpStatusCode.OK);

    private static string TaskId(JsonElement page, string elementId) =>
        page.GetProperty("items").EnumerateArray().First(t => t.GetProperty("elementId").GetString() == elementId).GetProperty("id").GetString()!;

    [Fact]
    public async Task IncidentRunsThroughInboxClaimAndComplete_AndRefusalsAreProblems()
    {
        var key = $"J-{Guid.NewGuid():N}";
        var started = await Json(await _client.PostAsJsonAsync("/api/instances",
            new { processId = "police-incident", businessKey = key, user = "li.call", roles = new[] { "call-taker" } }, Ct), HttpStatusCode.Created);
        var instanceId = started.GetProperty("id").GetString();

        var register = TaskId(await Inbox("li.call", "call-taker"), "Task_Register");
        var anonymous = await _client.PostAsJsonAsync($"/api/tasks/{register}/claim", new { }, Ct);
        Assert.Equal("actor-required", (await Json(anonymous, HttpStatusCode.Unauthorized)).GetProperty("title").GetString());
        var notCandidate = await _client.PostAsJsonAsync($"/api/tasks/{register}/claim", new { user = "zhao.dispatch", roles = new[] { "dispatcher" } }, Ct);
        var refusal = await Json(notCandidate, HttpStatusCode.Forbidden);
        Assert.Equal(("not-candidate", "eligibility"), (refusal.GetProperty("title").GetString(), refusal.GetProperty("rule").GetString()));
        var callTaker = new[] { "call-taker" };
        await Json(await _client.PostAsJsonAsync($"/api/tasks/{register}/claim", new { user = "li.call", roles = callTaker }, Ct), HttpStatusCode.OK);
        var taken = await _client.PostAsJsonAsync($"/api/tasks/{register}/claim", new { user = "wang.call", roles = callTaker }, Ct);
        Assert.Equal("task-claimed", (await Json(taken, HttpStatusCode.Conflict)).GetProperty("title").GetString());

        var noReason = await _client.PostAsJsonAsync($"/api/tasks/{register}/complete", new { user = "li.call", roles = callTaker, outcome = "invalid" }, Ct);
        Assert.Equal("reason-required", (await Json(noReason, HttpStatusCode.BadRequest)).GetProperty("title").GetString());

        // The catalogue's form (police.register-incident): every refused field at once, in Chinese and English.
        var partial = new { channel = "110", nature = "dispute", urgency = "2" };
        var incomplete = await Json(await _client.PostAsJsonAsync($"/api/tasks/{register}/complete",
            new { user = "li.call", roles = callTaker, outcome = "dispatch", data = partial }, Ct), HttpStatusCode.BadRequest);
        var problems = incomplete.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(["consequence", "involvedPersons", "location", "means", "occurredAt", "reporterName", "summary"],
            problems.Select(p => p.GetProperty("field").GetString()).Order(StringComparer.Ordinal));
        Assert.All(problems, p => Assert.Equal("field-required", p.GetProperty("code").GetString()));
        Assert.Contains(problems, p => p.GetProperty("messageZh").GetString() == "请填写“发生地点”");

        var data = new
        {
            channel = "110", nature = "dispute", urgency = "2", reporterName = "张三", occurredAt = "2026-01-01T07:40:00+08:00", location = "城关镇解放路 12 号",
            involvedPersons = "张三、李四", summary = "邻里因停车发生口角", means = "口角", consequence = "无人受伤",
        };
        await Json(await _client.PostAsJsonAsync($"/api/tasks/{register}/complete", new { user = "li.call", roles = callTaker, outcome = "dispatch", data }, Ct), HttpStatusCode.OK);
        var again = await _client.PostAsJsonAsync($"/api/tasks/{register}/complete", new { user = "li.call", roles = callTaker, outcome = "dispatch", data }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        var dispatch = TaskId(await Inbox("zhao.dispatch", "dispatcher"), "Task_Dispatch");
        var dispatcher = new { user = "zhao.dispatch", roles = new[] { "dispatcher" }, data = new { unit = "chengguan", area = "urban" } };
        var unclaimed = await _client.PostAsJsonAsync($"/api/tasks/{dispatch}/complete", dispatcher, Ct);
        Assert.Equal("task-not-claimed", (await Json(unclaimed, HttpStatusCode.Conflict)).GetProperty("title").GetString());
        await Json(await _client.PostAsJsonAsync($"/api/tasks/{dispatch}/claim", dispatcher, Ct), HttpStatusCode.OK);
        await Json(await _client.PostAsJsonAsync($"/api/tasks/{dispatch}/complete", dispatcher, Ct), HttpStatusCode.OK);

        Assert.Empty((await Inbox("chen.duty", "duty-officer", "xindian")).GetProperty("items").EnumerateArray());
        var ack = TaskId(await Inbox("chen.duty", "duty-officer", "chengguan"), "Task_Acknowledge");
        Assert.NotNull(ack);

        var view = await Json(await _client.GetAsync($"/api/instances/{instanceId}", Ct), HttpStatusCode.OK);
        var completed = view.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("kind").GetString() == "task-completed").ToList();
        Assert.Equal(2, completed.Count);
        // Role, unit and acting-for reach the database with the ledger's columns; the actor and the data are stored already.
        Assert.Equal("li.call", completed[0].GetProperty("actor").GetString());
        Assert.Contains("\"outcome\":\"dispatch\"", completed[0].GetProperty("data").GetString(), StringComparison.Ordinal);
        var byKey = await Json(await _client.GetAsync($"/api/instances?businessKey={key}", Ct), HttpStatusCode.OK);
        Assert.Single(byKey.EnumerateArray());
    }

    [Fact]
    public async Task UnknownProcessAndInstance_Are404Problems()
    {
        var start = await _client.PostAsJsonAsync("/api/instances", new { processId = "nope", user = "li.call" }, Ct);
        Assert.Equal("process-not-found", (await Json(start, HttpStatusCode.NotFound)).GetProperty("title").GetString());
        var get = await _client.GetAsync($"/api/instances/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        var inbox = await _client.GetAsync("/api/tasks", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, inbox.StatusCode);
    }
}
