using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Host.Tests.Support;
using static Workflow.Host.Tests.Support.ApiResponses;

namespace Workflow.Host.Tests.Features;

/// <summary>The backward trace API and its printable page on the real host and its SQLite file.</summary>
public class TraceApiTests(WorkflowHostFactory factory) : IClassFixture<WorkflowHostFactory>
{
    private Task<HttpClient> Supervisor => factory.AsAsync("feng.super", "supervisor", "inspection");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An incident registered by li.call and dispatched by zhao.dispatch; the business key carries markup to be encoded.</summary>
    private async Task<(string Id, string Key)> DispatchedIncidentAsync()
    {
        var key = $"J-<b>{Guid.NewGuid():N}";
        var li = await factory.AsAsync("li.call", "call-taker", "command");
        var zhao = await factory.AsAsync("zhao.dispatch", "dispatcher", "command");
        var started = await Json(await li.PostAsJsonAsync("/api/instances", new { processId = "police-incident", businessKey = key }, Ct), HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString()!;
        var register = await OpenTaskAsync(id, "Task_Register");
        var data = new
        {
            channel = "110", nature = "dispute", urgency = "2", reporterName = "张三", occurredAt = "2026-01-01T07:40:00+08:00", location = "城关镇解放路 12 号",
            involvedPersons = "张三、李四", summary = "邻里因停车发生口角<script>", means = "口角", consequence = "无人受伤",
        };
        await Json(await li.PostAsJsonAsync($"/api/tasks/{register}/claim", new { }, Ct), HttpStatusCode.OK);
        await Json(await li.PostAsJsonAsync($"/api/tasks/{register}/complete", new { outcome = "dispatch", data }, Ct), HttpStatusCode.OK);
        var dispatch = await OpenTaskAsync(id, "Task_Dispatch");
        await Json(await zhao.PostAsJsonAsync($"/api/tasks/{dispatch}/claim", new { }, Ct), HttpStatusCode.OK);
        await Json(await zhao.PostAsJsonAsync($"/api/tasks/{dispatch}/complete", new { data = new { unit = "chengguan", area = "urban" } }, Ct), HttpStatusCode.OK);
        return (id, key);
    }

    private async Task<string> OpenTaskAsync(string instanceId, string elementId)
    {
        var view = await Json(await (await Supervisor).GetAsync($"/api/instances/{instanceId}", Ct), HttpStatusCode.OK);
        return view.GetProperty("instance").GetProperty("tasks").EnumerateArray()
            .First(t => t.GetProperty("elementId").GetString() == elementId).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Trace_NamesWhoEnteredAndDecidedEachStep_ById_ByBusinessKey_AndFiltered()
    {
        var (id, key) = await DispatchedIncidentAsync();

        var trace = await Json(await (await Supervisor).GetAsync($"/api/instances/{id}/trace", Ct), HttpStatusCode.OK);
        var byKey = await Json(await (await Supervisor).GetAsync($"/api/instances/trace?businessKey={Uri.EscapeDataString(key)}", Ct), HttpStatusCode.OK);
        var field = await Json(await (await Supervisor).GetAsync($"/api/instances/{id}/trace?field=summary", Ct), HttpStatusCode.OK);
        var step = await Json(await (await Supervisor).GetAsync($"/api/instances/{id}/trace?step=Task_Dispatch", Ct), HttpStatusCode.OK);

        Assert.True(trace.GetProperty("verified").GetBoolean(), trace.GetProperty("verification").ToString());
        var steps = trace.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal([("Task_Register", "li.call", "completed"), ("Task_Dispatch", "zhao.dispatch", "completed"), ("Task_Acknowledge", null, "unclaimed")],
            steps.Select(s => (s.GetProperty("elementId").GetString(), s.GetProperty("answerable").GetString(), s.GetProperty("answerableBasis").GetString())));
        Assert.Equal(("call-taker", "dispatch"),
            (steps[0].GetProperty("completedBy").GetProperty("role").GetString(), steps[0].GetProperty("outcome").GetString()));
        Assert.Equal(steps.Count, byKey.GetProperty("steps").GetArrayLength());
        var summary = Assert.Single(field.GetProperty("fields").EnumerateArray()).GetProperty("values")[0];
        Assert.Equal(("Task_Register", "li.call", "邻里因停车发生口角<script>"),
            (summary.GetProperty("step").GetString(), summary.GetProperty("enteredBy").GetProperty("id").GetString(), summary.GetProperty("after").GetString()));
        Assert.Equal("zhao.dispatch", Assert.Single(step.GetProperty("steps").EnumerateArray()).GetProperty("completedBy").GetProperty("id").GetString());
        Assert.Equal(["area", "unit"], step.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Trace_ForAUnitHead_IsTheirUnitsCasesOnly_AndTheUnknownCasesAnswerOtherwise()
    {
        var (id, key) = await DispatchedIncidentAsync(); // dispatched to chengguan
        var own = await factory.AsAsync("qian.head", "unit-head", "chengguan");
        var other = await factory.AsAsync("sun.head", "unit-head", "xindian");
        var unknown = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/instances/{id}/trace", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/cases/{Uri.EscapeDataString(key)}/trace", Ct)).StatusCode);
        var refused = await Json(await other.GetAsync($"/api/instances/{id}/trace", Ct), HttpStatusCode.NotFound);
        var missing = await Json(await other.GetAsync($"/api/instances/{unknown}/trace", Ct), HttpStatusCode.NotFound);
        Assert.Equal(missing.GetProperty("title").GetString(), refused.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/instances/trace?businessKey={Uri.EscapeDataString(key)}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/cases/{id}/trace", Ct)).StatusCode);
    }

    [Fact]
    public async Task Trace_IsAProblem_WhenUnknownOrAskedBadly()
    {
        var officer = await factory.AsAsync("li.call", "call-taker", "command");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/api/instances/{Guid.NewGuid()}/trace", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/cases/{Guid.NewGuid()}/trace", Ct)).StatusCode);
        Assert.Equal("case-not-found", (await Json(await (await Supervisor).GetAsync($"/api/instances/{Guid.NewGuid()}/trace", Ct), HttpStatusCode.NotFound))
            .GetProperty("title").GetString());
        await Json(await (await Supervisor).GetAsync("/api/instances/trace?businessKey=no-such-case", Ct), HttpStatusCode.NotFound);
        Assert.Equal("invalid-request", (await Json(await (await Supervisor).GetAsync("/api/instances/trace", Ct), HttpStatusCode.BadRequest)).GetProperty("title").GetString());
        await Json(await (await Supervisor).GetAsync($"/api/instances/{Guid.NewGuid()}/trace?field=%20", Ct), HttpStatusCode.BadRequest);
        await Json(await (await Supervisor).GetAsync($"/cases/{Guid.NewGuid()}/trace", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TracePage_PrintsEveryStepAndPerson_HtmlEncoded()
    {
        var (id, key) = await DispatchedIncidentAsync();

        var byId = await (await Supervisor).GetAsync($"/cases/{id}/trace", Ct);
        var byKey = await (await Supervisor).GetAsync($"/cases/{Uri.EscapeDataString(key)}/trace?field=summary", Ct);

        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal("text/html", byId.Content.Headers.ContentType?.MediaType);
        var html = await byId.Content.ReadAsStringAsync(Ct);
        Assert.Contains("责任倒查 Backward trace", html, StringComparison.Ordinal);
        Assert.Contains("账本校验通过 Ledger verified", html, StringComparison.Ordinal);
        Assert.Contains("接警登记", html, StringComparison.Ordinal); // the step's name from its definition
        Assert.Contains("<b>li.call</b> (call-taker)", html, StringComparison.Ordinal);
        Assert.Contains("<b>zhao.dispatch</b>", html, StringComparison.Ordinal);
        Assert.Contains("人员 People", html, StringComparison.Ordinal);
        Assert.Contains("<td><b>li.call</b></td><td>李接警</td><td>command</td><td>call-taker</td>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("邻里因停车发生口角&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("J-<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal); // no external assets
        var filtered = await byKey.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, byKey.StatusCode);
        Assert.Contains("<b>li.call</b>", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>zhao.dispatch</b>", filtered, StringComparison.Ordinal);
    }
}
