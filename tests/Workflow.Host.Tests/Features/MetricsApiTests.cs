using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Host.Tests.Support;

namespace Workflow.Host.Tests.Features;

/// <summary>/metrics: what a monitoring system scrapes, without an account.</summary>
public class MetricsApiTests(WorkflowHostFactory factory) : IClassFixture<WorkflowHostFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_ShowTimerLagAndCommands_InPrometheusText_WithoutSignIn()
    {
        var admin = await factory.AsAsync("metrics-admin", "admin", "bureau");
        var xml = TimerJobApiTests.TimerFlow("metrics-timer", "PT1S");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/processes", new StringContent(xml), Ct)).StatusCode);
        var started = await (await admin.PostAsJsonAsync("/api/instances", new { processId = "metrics-timer" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = started.GetProperty("id").GetGuid();
        await TimerJobApiTests.WaitUntilCompletedAsync(admin, id);

        using var anonymous = factory.CreateClient();
        var response = await anonymous.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("# TYPE workflow_timer_lag_milliseconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("workflow_timer_lag_milliseconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("workflow_commands_total{", text, StringComparison.Ordinal);
        Assert.Contains("command=\"StartInstance\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("metrics-admin", text, StringComparison.Ordinal);
    }
}
