using Workflow.Activities.Tests.Support;
using Workflow.Engine.Runtime;

namespace Workflow.Activities.Tests.Flows;

/// <summary>police-incident run in memory with the catalogue's checks, along its paths.</summary>
public class IncidentFlowTests
{
    [Fact]
    public void Incident_ClosesAsNonCase_WhenTheReviewApprovesTheFeedback()
    {
        var flow = new FlowDriver().ToFeedback();
        Assert.Equal("chengguan", flow.Find("Task_Feedback").Task.Unit);

        flow.Complete("Task_Feedback", "submit").Complete("Task_ReviewNonCase", "approve");

        Assert.Equal(InstanceStatus.Completed, flow.Incident.Status);
        Assert.True(flow.Entered("police-incident", "Event_Closed"));
        Assert.Single(flow.Runtime.Instances);
    }

    [Fact]
    public void Incident_GoesBackToTheHandler_WhenTheReviewReturnsIt()
    {
        var flow = new FlowDriver().ToFeedback();

        flow.Complete("Task_Feedback", "submit", ("bodyCamRef", "BC-0")).Complete("Task_ReviewNonCase", "return");
        Assert.Equal(["police-incident/Task_Feedback"], flow.Open());
        flow.Complete("Task_Feedback", "submit", ("bodyCamRef", "BC-2026-0001")).Complete("Task_ReviewNonCase", "approve");

        Assert.Equal(InstanceStatus.Completed, flow.Incident.Status);
        Assert.Equal(2, flow.Trace.Count(t => t == "police-incident/Task_ReviewNonCase"));
        Assert.Equal("BC-2026-0001", flow.Incident.Variables["bodyCamRef"]);
    }

    [Fact]
    public void Incident_EndsWithoutDispatch_WhenRegisteredAsADuplicate()
    {
        var flow = new FlowDriver().Start();

        flow.Complete("Task_Register", "duplicate");

        Assert.Equal(InstanceStatus.Completed, flow.Incident.Status);
        Assert.True(flow.Entered("police-incident", "Event_NotDispatched"));
        // The coded reason is not a variable: the task-completed history line keeps it with the outcome.
        Assert.DoesNotContain("reasonCode", flow.Incident.Variables.Keys);
    }

    [Fact]
    public void Feedback_IsRefusedAndStaysOpen_WhenTheBodyCamReferenceIsMissing()
    {
        var flow = new FlowDriver().ToFeedback();

        var refused = flow.Submit("Task_Feedback", "submit", ("bodyCamRef", null), ("isCase", "no"));

        Assert.False(refused.Succeeded);
        Assert.Equal(["field-required", "field-type"], refused.Error!.Problems.Select(p => p.Code).Order(StringComparer.Ordinal));
        Assert.Contains(refused.Error.Problems, p => p.Field == "bodyCamRef" && p.Translations["zh-CN"].Contains("执法记录仪", StringComparison.Ordinal));
        Assert.Equal(["police-incident/Task_Feedback"], flow.Open());
    }

    [Fact]
    public void Feedback_ComesBackAfterTheExtensionDecision_WhenTheHandlerAsksForMoreTime()
    {
        var flow = new FlowDriver().ToFeedback();

        flow.Complete("Task_Feedback", "request-extension");
        Assert.Equal(["police-incident/Task_Extension"], flow.Open());
        flow.Complete("Task_Extension", "approve", ("extendBy", "PT12H"));
        flow.Complete("Task_Feedback", "submit").Complete("Task_ReviewNonCase", "approve");

        Assert.Equal(InstanceStatus.Completed, flow.Incident.Status);
    }

    [Fact]
    public void Handover_MovesTheIncidentToTheReceivingUnit_WhenAccepted()
    {
        var flow = new FlowDriver().ToFeedback();

        flow.Complete("Task_Feedback", "submit", ("disposition", "transferred"), ("transferTo", "xindian"));
        Assert.Equal("xindian", flow.Find("Task_Handover").Task.Unit);
        flow.Complete("Task_Handover", "accept");

        Assert.Equal("xindian", flow.Find("Task_Acknowledge").Task.Unit);
        Assert.Equal("xindian", flow.Incident.Variables["unit"]);
    }

    [Fact]
    public void Handover_LeavesTheIncidentWithTheSender_WhenRefused()
    {
        var flow = new FlowDriver().ToFeedback();

        flow.Complete("Task_Feedback", "submit", ("disposition", "transferred"), ("transferTo", "xindian")).Complete("Task_Handover", "refuse");

        Assert.Equal("chengguan", flow.Find("Task_Feedback").Task.Unit);
    }

    [Fact]
    public void Acknowledge_EscalatesToTheUnitHead_WhenNotTakenWithinThreeMinutes()
    {
        var flow = new FlowDriver().Start().Complete("Task_Register", "dispatch").Complete("Task_Dispatch");
        var (incident, _) = flow.Find("Task_Acknowledge");

        flow.Clock.Now += TimeSpan.FromMinutes(3);
        var timer = Assert.Single(incident.Timers);
        Assert.True(flow.Runtime.FireTimer(incident, timer.Id).Succeeded);

        Assert.Equal(["police-incident/Task_Acknowledge", "police-incident/Task_EscalateAck"], flow.Open());
        flow.Complete("Task_EscalateAck").Complete("Task_Acknowledge");
        Assert.Equal(["police-incident/Task_Arrive"], flow.Open());
    }
}
