using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Host.Tests.Support;
using static Workflow.Host.Tests.Support.ApiResponses;

namespace Workflow.Host.Tests.Features;

/// <summary>The inbox's filters: due before a time, and the closed tasks one held.</summary>
public class InboxApiTests(WorkflowHostFactory factory) : IClassFixture<WorkflowHostFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement[]> ItemsAsync(HttpClient person, string query) =>
        (await Json(await person.GetAsync("/api/tasks?" + query, Ct), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();

    /// <summary>One task for call-takers, due in two hours.</summary>
    private const string Flow = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:wf="urn:workflow:bpmn:1" id="defs-inbox-due" targetNamespace="urn:test">
          <bpmn:process id="inbox-due" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="t" name="回访" wf:roles="call-taker">
              <bpmn:extensionElements><wf:sla breach="PT2H" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="e" />
            <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="t" />
            <bpmn:sequenceFlow id="f1" sourceRef="t" targetRef="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task DueBefore_KeepsTasksDueEarlier_AndClosed_ShowsTheTasksOneCompleted()
    {
        var admin = await factory.AsAsync("inbox.admin", "admin", "bureau");
        var published = await admin.PostAsync("/api/processes", new StringContent(Flow), Ct);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync(Ct));
        var key = $"J-{Guid.NewGuid():N}";
        var li = await factory.AsAsync("inbox.call", "call-taker", "command");
        await Json(await li.PostAsJsonAsync("/api/instances", new { processId = "inbox-due", businessKey = key }, Ct), HttpStatusCode.Created);
        var task = Assert.Single(await ItemsAsync(li, $"businessKey={key}"));
        var due = task.GetProperty("dueAt").GetDateTimeOffset();

        string At(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(await ItemsAsync(li, $"businessKey={key}&dueBefore={At(due.AddMinutes(1).ToOffset(TimeSpan.FromHours(8)))}"));
        Assert.Empty(await ItemsAsync(li, $"businessKey={key}&dueBefore={At(due.AddMinutes(-1))}"));
        foreach (var bad in new[] { "tomorrow", "2026-11-30T18:00:00" })
        {
            var refused = await Json(await li.GetAsync($"/api/tasks?dueBefore={Uri.EscapeDataString(bad)}", Ct), HttpStatusCode.BadRequest);
            Assert.Equal("invalid-request", refused.GetProperty("title").GetString());
        }

        var id = task.GetProperty("id").GetString();
        await Json(await li.PostAsync($"/api/tasks/{id}/claim", null, Ct), HttpStatusCode.OK);
        await Json(await li.PostAsJsonAsync($"/api/tasks/{id}/complete", new { }, Ct), HttpStatusCode.OK);
        Assert.Empty(await ItemsAsync(li, $"businessKey={key}"));
        var done = Assert.Single(await ItemsAsync(li, $"businessKey={key}&closed=true"));
        Assert.Equal((id, "closed"), (done.GetProperty("id").GetString(), done.GetProperty("state").GetString()));
    }
}
