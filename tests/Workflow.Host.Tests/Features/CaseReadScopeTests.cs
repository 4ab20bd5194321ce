using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Host.Tests.Support;
using static Workflow.Host.Tests.Support.ApiResponses;

namespace Workflow.Host.Tests.Features;

/// <summary>
/// Who may read a case through <c>GET /api/instances/{id}</c> and <c>?businessKey=</c> (DOMAIN §2): county-wide roles, the
/// people who took part, the unit its tasks belong to, a delegate acting for one of those; nobody else, who gets the
/// answer an unknown instance gets. An incident and the case it called are read together.
/// </summary>
public class CaseReadScopeTests(WorkflowHostFactory factory) : IClassFixture<WorkflowHostFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> CallTaker => factory.AsAsync("li.call", "call-taker", "command");
    private Task<HttpClient> Dispatcher => factory.AsAsync("zhao.dispatch", "dispatcher", "command");
    private Task<HttpClient> DutyOfficer => factory.AsAsync("chen.duty", "duty-officer", "chengguan");
    private Task<HttpClient> Responder => factory.AsAsync("wu.officer", "officer", "chengguan");
    private Task<HttpClient> Supervisor => factory.AsAsync("feng.super", "supervisor", "inspection");
    /// <summary>An officer of another unit who never touched the case.</summary>
    private Task<HttpClient> Outsider => factory.AsAsync("ma.officer", "officer", "xindian");

    private static async Task<HttpStatusCode> StatusAsync(Task<HttpClient> person, string url) => (await (await person).GetAsync(url, Ct)).StatusCode;

    private static async Task<int> FoundAsync(Task<HttpClient> person, string key) =>
        (await Json(await (await person).GetAsync($"/api/instances?businessKey={Uri.EscapeDataString(key)}", Ct), HttpStatusCode.OK)).GetArrayLength();

    /// <summary>An incident registered by li.call and dispatched by zhao.dispatch to chengguan: its Acknowledge task is chengguan's.</summary>
    private async Task<(string Id, string Key)> DispatchedIncidentAsync()
    {
        var key = $"J-{Guid.NewGuid():N}";
        var started = await Json(await (await CallTaker).PostAsJsonAsync("/api/instances", new { processId = "police-incident", businessKey = key }, Ct), HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString()!;
        await DoAsync(CallTaker, id, "Task_Register", new
        {
            outcome = "dispatch",
            data = new
            {
                channel = "110", nature = "public-order", urgency = "2", reporterName = "张三", occurredAt = "2026-01-01T07:40:00+08:00", location = "城关镇解放路 12 号",
                involvedPersons = "张三、李四", summary = "张三殴打李四", means = "拳打", consequence = "李四轻微伤",
            },
        });
        await DoAsync(Dispatcher, id, "Task_Dispatch", new { data = new { unit = "chengguan", area = "urban" } });
        return (id, key);
    }

    private async Task DoAsync(Task<HttpClient> person, string instanceId, string elementId, object completion)
    {
        var view = await Json(await (await Supervisor).GetAsync($"/api/instances/{instanceId}", Ct), HttpStatusCode.OK);
        var task = view.GetProperty("instance").GetProperty("tasks").EnumerateArray()
            .First(t => t.GetProperty("elementId").GetString() == elementId).GetProperty("id").GetString();
        await Json(await (await person).PostAsJsonAsync($"/api/tasks/{task}/claim", new { }, Ct), HttpStatusCode.OK);
        await Json(await (await person).PostAsJsonAsync($"/api/tasks/{task}/complete", completion, Ct), HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetInstance_ReadsTheCase_ForParticipantsTheUnitItsTasksBelongToAndCountyWideRoles()
    {
        var (id, key) = await DispatchedIncidentAsync();
        var url = $"/api/instances/{id}";

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(CallTaker, url));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Dispatcher, url));
        // A colleague of the command centre who never touched it: li.call registered it for their unit (a repeated call is recognised).
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(factory.AsAsync("wang.call", "call-taker", "command"), url));
        Assert.Equal(1, await FoundAsync(factory.AsAsync("wang.call", "call-taker", "command"), key));
        // chengguan's officers never touched it, but its open Acknowledge task is their unit's.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(DutyOfficer, url));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Responder, url));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Supervisor, url));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(factory.AsAsync("xu.county", "county-head", "bureau"), url));
        Assert.Equal(1, await FoundAsync(CallTaker, key));
        Assert.Equal(1, await FoundAsync(Responder, key));
    }

    [Fact]
    public async Task GetInstance_IsTheUnknownInstances404_AndTheSearchLeavesItOut_WhenAnOfficerOfAnotherUnitNeverTouchedIt()
    {
        var (id, key) = await DispatchedIncidentAsync();
        var unknown = Guid.NewGuid();

        var refused = await Json(await (await Outsider).GetAsync($"/api/instances/{id}", Ct), HttpStatusCode.NotFound);
        var missing = await Json(await (await Outsider).GetAsync($"/api/instances/{unknown}", Ct), HttpStatusCode.NotFound);

        // Word for word the answer for an instance that does not exist: the refusal tells nothing about the case.
        Assert.Equal("instance-not-found", refused.GetProperty("title").GetString());
        Assert.Equal(missing.GetProperty("detail").GetString()!.Replace(unknown.ToString(), id, StringComparison.Ordinal), refused.GetProperty("detail").GetString());
        Assert.Equal(missing.GetProperty("type").GetString(), refused.GetProperty("type").GetString());
        Assert.Equal(0, await FoundAsync(Outsider, key));
        // A unit head is unit-scoped too: xindian's does not read chengguan's incident; nor does xindian's duty officer, though
        // duty officers may register walk-ins (the registration was done, and by the command centre).
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(factory.AsAsync("sun.head", "unit-head", "xindian"), $"/api/instances/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(factory.AsAsync("ma.duty", "duty-officer", "xindian"), $"/api/instances/{id}"));
    }

    [Fact]
    public async Task GetInstance_ReadsTheCase_ActingForADelegatorWhoMay_WhileTheGrantIsValid()
    {
        var (id, key) = await DispatchedIncidentAsync();
        await Outsider; // the delegate's account must exist before the grant
        var grant = await Json(await (await Responder).PostAsJsonAsync("/api/delegations",
            new { to = "ma.officer", endsAt = DateTimeOffset.UtcNow.AddDays(1), roles = new[] { "officer" }, reason = "休假" }, Ct), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Outsider, $"/api/instances/{id}?actingFor=wu.officer"));
        Assert.Equal(1, (await Json(await (await Outsider).GetAsync($"/api/instances?businessKey={key}&actingFor=wu.officer", Ct), HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(Outsider, $"/api/instances/{id}"));
        var noGrant = await Json(await (await Outsider).GetAsync($"/api/instances/{id}?actingFor=li.call", Ct), HttpStatusCode.Forbidden);
        Assert.Equal("delegation-invalid", noGrant.GetProperty("title").GetString());

        await Json(await (await Responder).PostAsJsonAsync($"/api/delegations/{grant.GetProperty("id").GetString()}/revoke", new { reason = "提前返岗" }, Ct), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(Outsider, $"/api/instances/{id}?actingFor=wu.officer"));
    }

    /// <summary>An incident fed back as an administrative case: (incident id, business key, called case id).</summary>
    private async Task<(string Incident, string Key, string Case)> CalledCaseAsync()
    {
        var (incident, key) = await DispatchedIncidentAsync();
        var past = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");
        await DoAsync(DutyOfficer, incident, "Task_Acknowledge", new { data = new { responderLead = "吴警官" } });
        await DoAsync(Responder, incident, "Task_Arrive", new { data = new { arrivedAt = past } });
        await DoAsync(Responder, incident, "Task_Feedback", new
        {
            outcome = "submit",
            data = new { disposition = "to-admin-case", confirmedNature = "public-order", parties = "张三、李四", measures = "带回询问", bodyCamRef = "BC-1", isCase = true },
        });
        var view = await Json(await (await Supervisor).GetAsync($"/api/instances?businessKey={key}", Ct), HttpStatusCode.OK);
        var called = view.EnumerateArray().Single(i => i.GetProperty("parentInstanceId").ValueKind == JsonValueKind.String);
        Assert.Equal(incident, called.GetProperty("parentInstanceId").GetString());
        return (incident, key, called.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task GetInstance_ReadsTheIncidentAndTheCaseItCalledTogether()
    {
        var (_, key, calledCase) = await CalledCaseAsync();
        var caseUrl = $"/api/instances/{calledCase}";

        // li.call and zhao.dispatch took part in the incident only; the case follows it.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(CallTaker, caseUrl));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Dispatcher, caseUrl));
        Assert.Equal(2, await FoundAsync(CallTaker, key));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(Outsider, caseUrl));
        Assert.Equal(0, await FoundAsync(Outsider, key));
    }

    [Fact]
    public async Task TracePage_NamesTheIncidentsStepThatCalledTheCase()
    {
        var (incident, _, calledCase) = await CalledCaseAsync();

        var page = await (await (await Supervisor).GetAsync($"/cases/{calledCase}/trace", Ct)).Content.ReadAsStringAsync(Ct);

        // The case's row: called by the incident, from its call activity, named as the flow names it.
        Assert.Contains($"<code>{incident}</code><br>由步骤 from step 行政案件办理 <code>CallActivity_AdminCase</code>", page, StringComparison.Ordinal);
    }
}
