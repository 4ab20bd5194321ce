using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Host.Tests.Support;
using static Workflow.Host.Tests.Support.ApiResponses;

namespace Workflow.Host.Tests.Features;

public class CaseApiTests(WorkflowHostFactory factory) : IClassFixture<WorkflowHostFactory>
{
    private readonly HttpClient _anonymous = factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> Inbox(HttpClient person) => await Json(await person.GetAsync("/api/tasks", Ct), HttpStatusCode.OK);

    private static string TaskId(JsonElement page, string elementId) =>
        page.GetProperty("items").EnumerateArray().First(t => t.GetProperty("elementId").GetString() == elementId).GetProperty("id").GetString()!;

    [Fact]
    public async Task IncidentRunsThroughInboxClaimAndComplete_AndRefusalsAreProblems()
    {
        var key = $"J-{Guid.NewGuid():N}";
        var li = await factory.AsAsync("li.call", "call-taker", "command");
        var zhao = await factory.AsAsync("zhao.dispatch", "dispatcher", "command");
        var wang = await factory.AsAsync("wang.call", "call-taker", "command");
        var started = await Json(await li.PostAsJsonAsync("/api/instances", new { processId = "police-incident", businessKey = key }, Ct), HttpStatusCode.Created);
        var instanceId = started.GetProperty("id").GetString();

        var register = TaskId(await Inbox(li), "Task_Register");
        var anonymous = await _anonymous.PostAsJsonAsync($"/api/tasks/{register}/claim", new { }, Ct);
        Assert.Equal("sign-in-required", (await Json(anonymous, HttpStatusCode.Unauthorized)).GetProperty("title").GetString());
        var notCandidate = await zhao.PostAsJsonAsync($"/api/tasks/{register}/claim", new { }, Ct);
        var refusal = await Json(notCandidate, HttpStatusCode.Forbidden);
        Assert.Equal(("not-candidate", "eligibility"), (refusal.GetProperty("title").GetString(), refusal.GetProperty("rule").GetString()));
        // No body at all is the same as an empty one: the actor comes from the sign-in, not from the request.
        await Json(await li.PostAsync($"/api/tasks/{register}/claim", null, Ct), HttpStatusCode.OK);
        var taken = await wang.PostAsJsonAsync($"/api/tasks/{register}/claim", new { }, Ct);
        Assert.Equal("task-claimed", (await Json(taken, HttpStatusCode.Conflict)).GetProperty("title").GetString());

        var noReason = await li.PostAsJsonAsync($"/api/tasks/{register}/complete", new { outcome = "invalid" }, Ct);
        Assert.Equal("reason-required", (await Json(noReason, HttpStatusCode.BadRequest)).GetProperty("title").GetString());

        // The catalogue's form (police.register-incident): every refused field at once, in Chinese and English.
        var partial = new { channel = "110", nature = "dispute", urgency = "2" };
        var incomplete = await Json(await li.PostAsJsonAsync($"/api/tasks/{register}/complete",
            new { outcome = "dispatch", data = partial }, Ct), HttpStatusCode.BadRequest);
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
        // A body that names somebody else changes nothing: the person is the signed-in one.
        await Json(await li.PostAsJsonAsync($"/api/tasks/{register}/complete", new { user = "zhao.dispatch", outcome = "dispatch", data }, Ct), HttpStatusCode.OK);
        var again = await li.PostAsJsonAsync($"/api/tasks/{register}/complete", new { outcome = "dispatch", data }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        var dispatch = TaskId(await Inbox(zhao), "Task_Dispatch");
        var dispatcher = new { data = new { unit = "chengguan", area = "urban" } };
        var unclaimed = await zhao.PostAsJsonAsync($"/api/tasks/{dispatch}/complete", dispatcher, Ct);
        Assert.Equal("task-not-claimed", (await Json(unclaimed, HttpStatusCode.Conflict)).GetProperty("title").GetString());
        await Json(await zhao.PostAsJsonAsync($"/api/tasks/{dispatch}/claim", new { }, Ct), HttpStatusCode.OK);
        await Json(await zhao.PostAsJsonAsync($"/api/tasks/{dispatch}/complete", dispatcher, Ct), HttpStatusCode.OK);

        Assert.Empty((await Inbox(await factory.AsAsync("ma.duty", "duty-officer", "xindian"))).GetProperty("items").EnumerateArray());
        var ack = TaskId(await Inbox(await factory.AsAsync("chen.duty", "duty-officer", "chengguan")), "Task_Acknowledge");
        Assert.NotNull(ack);

        var view = await Json(await li.GetAsync($"/api/instances/{instanceId}", Ct), HttpStatusCode.OK);
        var completed = view.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("kind").GetString() == "task-completed").ToList();
        Assert.Equal(2, completed.Count);
        // Role, unit and acting-for reach the database with the ledger's columns; the actor and the data are stored already.
        Assert.Equal("li.call", completed[0].GetProperty("actor").GetString());
        Assert.Contains("\"outcome\":\"dispatch\"", completed[0].GetProperty("data").GetString(), StringComparison.Ordinal);
        var byKey = await Json(await li.GetAsync($"/api/instances?businessKey={key}", Ct), HttpStatusCode.OK);
        Assert.Single(byKey.EnumerateArray());
    }

    [Fact]
    public async Task UnknownProcessAndInstance_Are404Problems()
    {
        var li = await factory.AsAsync("li.call", "call-taker", "command");
        var start = await li.PostAsJsonAsync("/api/instances", new { processId = "nope" }, Ct);
        Assert.Equal("process-not-found", (await Json(start, HttpStatusCode.NotFound)).GetProperty("title").GetString());
        var get = await li.GetAsync($"/api/instances/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        var inbox = await li.GetAsync("/api/tasks?take=0", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, inbox.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.GetAsync("/api/tasks", Ct)).StatusCode);
    }
}
