using Workflow.Activities.Tests.Support;
using Workflow.Engine.Runtime;

namespace Workflow.Activities.Tests.Flows;

/// <summary>The administrative and criminal case flows, called from the incident, run in memory with the catalogue's checks.</summary>
public class CaseFlowTests
{
    private const string Admin = "police-admin-case";
    private const string Criminal = "police-criminal-case";

    private static FlowDriver AdminCase() =>
        new FlowDriver().ToFeedback().Complete("Task_Feedback", "submit", FlowDriver.ToCase("to-admin-case", "public-order"))
            .Complete("Task_Intake").Complete("Task_IntakeApproval", "approve").Complete("Task_NotifyReporter", "notified");

    private static FlowDriver CriminalCase() =>
        new FlowDriver().ToFeedback().Complete("Task_Feedback", "submit", FlowDriver.ToCase("to-criminal-case", "criminal")).Complete("Task_Intake");

    private static void AssertBothClosed(FlowDriver flow, string caseProcess, string caseEnd)
    {
        Assert.Equal(InstanceStatus.Completed, flow.Case(caseProcess).Status);
        Assert.Equal(InstanceStatus.Completed, flow.Incident.Status);
        Assert.True(flow.Entered(caseProcess, caseEnd));
        Assert.True(flow.Entered("police-incident", "Event_CaseHandled"));
        Assert.Equal(flow.Incident.Id, flow.Case(caseProcess).ParentInstanceId);
    }

    [Fact]
    public void AdminCase_RunsFromIntakeToEvaluation_WhenEveryStepPasses()
    {
        var flow = AdminCase();

        flow.Complete("Task_Investigation", "submit").Complete("Task_LegalReview", "pass").Complete("Task_Approval", "approve")
            .Complete("Task_DecideExecute").Complete("Task_ClosureReview", "close").Complete("Task_Evaluation");

        AssertBothClosed(flow, Admin, "Event_CaseClosed");
        Assert.Equal("fine", flow.Incident.Variables["decision"]);
    }

    [Fact]
    public void AdminCase_IntakeGoesBackToTheOfficer_WhenTheApprovalReturnsIt()
    {
        var flow = new FlowDriver().ToFeedback().Complete("Task_Feedback", "submit", FlowDriver.ToCase("to-admin-case", "public-order"))
            .Complete("Task_Intake").Complete("Task_IntakeApproval", "return");

        Assert.Equal([$"{Admin}/Task_Intake"], flow.Open());
    }

    [Fact]
    public void AdminCase_LoopsThroughCorrection_WhenTheLegalReviewReturnsIt()
    {
        var flow = AdminCase();

        flow.Complete("Task_Investigation", "submit").Complete("Task_LegalReview", "return");
        Assert.Equal([$"{Admin}/Task_Correction"], flow.Open());
        flow.Complete("Task_Correction", "resubmit", ("proposedDecision", "warning")).Complete("Task_LegalReview", "pass").Complete("Task_Approval", "approve");

        // The corrected proposal is what must be decided.
        Assert.False(flow.Submit("Task_DecideExecute").Succeeded);
        flow.Complete("Task_DecideExecute", null, ("decision", "warning")).Complete("Task_ClosureReview", "close").Complete("Task_Evaluation");
        AssertBothClosed(flow, Admin, "Event_CaseClosed");
        Assert.Equal(2, flow.Trace.Count(t => t == $"{Admin}/Task_LegalReview"));
    }

    [Fact]
    public void AdminCase_ReachesTheDecision_WhenTheApproverOverridesAContestedReturn()
    {
        var flow = AdminCase();

        flow.Complete("Task_Investigation", "submit").Complete("Task_LegalReview", "reject").Complete("Task_Correction", "contest");
        Assert.Equal([$"{Admin}/Task_OverrideApproval"], flow.Open());
        flow.Complete("Task_OverrideApproval", "override").Complete("Task_DecideExecute").Complete("Task_ClosureReview", "close").Complete("Task_Evaluation");

        AssertBothClosed(flow, Admin, "Event_CaseClosed");
        Assert.DoesNotContain($"{Admin}/Task_Approval", flow.Trace);
    }

    [Fact]
    public void AdminCase_SendsTheFileBack_WhenTheOverrideApprovalUpholdsTheReturn()
    {
        var flow = AdminCase();

        flow.Complete("Task_Investigation", "submit").Complete("Task_LegalReview", "return").Complete("Task_Correction", "contest")
            .Complete("Task_OverrideApproval", "return");

        Assert.Equal([$"{Admin}/Task_Correction"], flow.Open());
    }

    [Fact]
    public void AdminCase_ReturnsToTheInvestigation_AfterTheExtensionDecision()
    {
        var flow = AdminCase();

        flow.Complete("Task_Investigation", "request-extension");
        Assert.Equal([$"{Admin}/Task_Extension"], flow.Open());
        flow.Complete("Task_Extension", "approve", ("extendBy", "P30D"));

        Assert.Equal([$"{Admin}/Task_Investigation"], flow.Open());
        Assert.Equal(Samples.Now.AddDays(30), flow.Find("Task_Investigation").Task.DueAt);
    }

    [Fact]
    public void AdminCase_ClosureReviewWaitsForTheFileCorrection_WhenItReturnsTheFile()
    {
        var flow = AdminCase();
        flow.Complete("Task_Investigation", "submit").Complete("Task_LegalReview", "pass").Complete("Task_Approval", "approve").Complete("Task_DecideExecute");

        flow.Complete("Task_ClosureReview", "return").Complete("Task_FileCorrection", "resubmit").Complete("Task_ClosureReview", "close").Complete("Task_Evaluation");

        AssertBothClosed(flow, Admin, "Event_CaseClosed");
    }

    [Fact]
    public void AdminCase_RefusesTheIntake_WhenItLinksAnotherIncident()
    {
        var flow = new FlowDriver().ToFeedback().Complete("Task_Feedback", "submit", FlowDriver.ToCase("to-admin-case", "public-order"));

        var refused = flow.Submit("Task_Intake", null, ("parentIncidentId", "J-2026-0999"));

        Assert.Equal("rule", refused.Error!.Code);
        Assert.Equal("parentIncidentId", Assert.Single(refused.Error.Problems).Field);
    }

    [Fact]
    public void CriminalCase_RunsFromFilingToEvaluation_WhenFiled()
    {
        var flow = CriminalCase();

        flow.Complete("Task_FilingDecision", "file").Complete("Task_FilingApproval", "approve");
        Assert.Equal([$"{Criminal}/Task_Investigation", $"{Criminal}/Task_NotifyFiling"], flow.Open());
        flow.Complete("Task_NotifyFiling", "notified").Complete("Task_Investigation").Complete("Task_LegalReview", "pass").Complete("Task_Approval", "approve")
            .Complete("Task_DecideExecute", null, ("decision", "refer-prosecution")).Complete("Task_ClosureReview", "close").Complete("Task_Evaluation");

        AssertBothClosed(flow, Criminal, "Event_CaseClosed");
    }

    [Fact]
    public void CriminalCase_EndsAfterNotifyingTheComplainant_WhenNotFiled()
    {
        var flow = CriminalCase();

        flow.Complete("Task_FilingDecision", "not-file").Complete("Task_NonFilingApproval", "approve");
        // The flow adds the notice number to the catalogue's form of police.notify-reporter.
        var withoutNotice = flow.Submit("Task_NotifyNonFiling", "notified");
        Assert.Contains(withoutNotice.Error!.Problems, p => p.Field == "noticeNo" && p.Code == "field-required");
        flow.Complete("Task_NotifyNonFiling", "notified", ("noticeNo", "城公(刑)不立字〔2026〕0003号"));

        AssertBothClosed(flow, Criminal, "Event_NotFiled");
        Assert.DoesNotContain($"{Criminal}/Task_Investigation", flow.Trace);
    }

    [Fact]
    public void CriminalCase_ReturnsToTheFilingDecision_WhenTheCountyHeadReturnsTheNonFiling()
    {
        var flow = CriminalCase();

        flow.Complete("Task_FilingDecision", "not-file").Complete("Task_NonFilingApproval", "return");

        Assert.Equal([$"{Criminal}/Task_FilingDecision"], flow.Open());
    }

    [Fact]
    public void CriminalCase_ExtendsTheFilingReview_WhenTheExtensionIsApproved()
    {
        var flow = CriminalCase();

        flow.Complete("Task_FilingDecision", "request-extension").Complete("Task_FilingExtension", "approve", ("extendBy", "P7D"));

        Assert.Equal([$"{Criminal}/Task_FilingDecision"], flow.Open());
    }

    [Fact]
    public void CriminalCase_RefusesAnAdministrativeDecision_WhereTheFlowNamesTheCriminalList()
    {
        var flow = CriminalCase();
        flow.Complete("Task_FilingDecision", "file").Complete("Task_FilingApproval", "approve").Complete("Task_NotifyFiling", "notified")
            .Complete("Task_Investigation").Complete("Task_LegalReview", "return");

        var refused = flow.Submit("Task_Correction", "resubmit", ("proposedDecision", "fine"));

        Assert.Contains(refused.Error!.Problems, p => p.Field == "proposedDecision" && p.Code == "code-unknown");
        flow.Complete("Task_Correction", "resubmit", ("proposedDecision", "withdraw-case")).Complete("Task_LegalReview", "pass");
    }
}
