using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Storage;
using Workflow.Host.Tests.Support;
using static Workflow.Host.Tests.Support.ApiResponses;

namespace Workflow.Host.Tests.Features;

public class TimerJobApiTests(WorkflowHostFactory factory) : IClassFixture<WorkflowHostFactory>
{
    private Task<HttpClient> Admin => factory.AsAsync("admin-1", "admin", "bureau");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A process that waits on one timer.</summary>
    internal static string TimerFlow(string processId, string duration) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          id="defs-{processId}" targetNamespace="urn:test">
          <bpmn:process id="{processId}" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:intermediateCatchEvent id="wait">
              <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{duration}</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="e" />
            <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="wait" />
            <bpmn:sequenceFlow id="f1" sourceRef="wait" targetRef="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>Publishes <see cref="TimerFlow"/> as the administrator.</summary>
    private async Task DeployAsync(string processId, string duration) =>
        await Json(await (await Admin).PostAsync("/api/processes", new StringContent(TimerFlow(processId, duration)), Ct), HttpStatusCode.Created);

    /// <summary>
    /// Waits, with a deadline rather than a fixed sleep, until the host's executor (polling every 200 ms here,
    /// <see cref="WorkflowHostFactory"/>) has fired the instance's timer and it completed; asserts that it did.
    /// </summary>
    internal static async Task WaitUntilCompletedAsync(HttpClient client, Guid instanceId)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        string? status;
        do
        {
            await Task.Delay(100, Ct);
            var view = await client.GetFromJsonAsync<JsonElement>($"/api/instances/{instanceId}", Ct);
            status = view.GetProperty("instance").GetProperty("status").GetString();
        }
        while (status != "completed" && DateTimeOffset.UtcNow < deadline);
        Assert.Equal("completed", status);
    }

    private async Task<JsonElement> StartAsync(string processId) =>
        await Json(await (await Admin).PostAsJsonAsync("/api/instances", new { processId }, Ct), HttpStatusCode.Created);

    private async Task<JsonElement[]> FailedAsync() =>
        (await Json(await (await Admin).GetAsync("/api/timer-jobs/failed", Ct), HttpStatusCode.OK)).EnumerateArray().ToArray();

    [Fact]
    public async Task FailedTimerJob_IsListed_AndAnAdministratorRetriesIt_WithProblemsForUnknownAndNotFailed()
    {
        await DeployAsync("timer-job-incident", "PT1H");
        var started = await StartAsync("timer-job-incident");
        var instanceId = started.GetProperty("id").GetGuid();
        var timerId = started.GetProperty("timers")[0].GetProperty("id").GetGuid();
        // Another node's executor gave the timer up: claimed as if it were due, then failed for good.
        var jobs = factory.Services.GetRequiredService<ITimerJobStore>();
        var claimed = await jobs.ClaimDueAsync("node-elsewhere", DateTimeOffset.UtcNow.AddHours(2), TimeSpan.FromMinutes(1), 100, Ct);
        Assert.True(await jobs.GiveUpAsync(Assert.Single(claimed, l => l.TimerId == timerId), "timer-failed: IOException: disk full", DateTimeOffset.UtcNow, Ct));

        var failed = Assert.Single(await FailedAsync(), j => j.GetProperty("timerId").GetGuid() == timerId);
        Assert.Equal(instanceId, failed.GetProperty("instanceId").GetGuid());
        Assert.Equal(("timer-job-incident", "wait", 1), (failed.GetProperty("processId").GetString(), failed.GetProperty("elementId").GetString(), failed.GetProperty("attempts").GetInt32()));
        Assert.Contains("disk full", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.True(failed.TryGetProperty("due", out _) && failed.TryGetProperty("failedAt", out _));

        var retried = await Json(await (await Admin).PostAsync($"/api/timer-jobs/{timerId}/retry", null, Ct), HttpStatusCode.OK);
        Assert.Equal(timerId, retried.GetProperty("timerId").GetGuid());
        Assert.DoesNotContain(await FailedAsync(), j => j.GetProperty("timerId").GetGuid() == timerId);

        var again = await Json(await (await Admin).PostAsync($"/api/timer-jobs/{timerId}/retry", null, Ct), HttpStatusCode.Conflict);
        Assert.Equal("timer-job-not-failed", again.GetProperty("title").GetString());
        var unknown = await Json(await (await Admin).PostAsync($"/api/timer-jobs/{Guid.NewGuid()}/retry", null, Ct), HttpStatusCode.NotFound);
        Assert.Equal("timer-job-not-found", unknown.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await (await Admin).GetAsync("/api/timer-jobs/failed?take=0", Ct)).StatusCode);

        var view = await Json(await (await Admin).GetAsync($"/api/instances/{instanceId}", Ct), HttpStatusCode.OK);
        var line = Assert.Single(view.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "timer-retried");
        Assert.Equal(("wait", "admin-1"), (line.GetProperty("elementId").GetString(), line.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task DueTimer_IsFiredByTheHostsExecutor()
    {
        await DeployAsync("timer-job-fires", "PT1S");
        var instanceId = (await StartAsync("timer-job-fires")).GetProperty("id").GetGuid();
        await WaitUntilCompletedAsync(await Admin, instanceId);
    }
}
