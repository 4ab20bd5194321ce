using Workflow.Activities.Case;
using Workflow.Activities.Catalogue;
using Workflow.Activities.Tests.Support;
using Workflow.Activities.Validation;

namespace Workflow.Activities.Tests.Validation;

/// <summary>The rules across fields of the case steps (DOMAIN §3 steps 6–13).</summary>
public class CaseActivityTests
{
    private static readonly HashSet<string> UnitHead = [PoliceRoles.UnitHead];
    private static readonly HashSet<string> CountyHead = [PoliceRoles.CountyHead];

    private static IReadOnlyList<ValidationProblem> Validate(CompletionRequest request) => CompletionValidator.Default.Validate(request);

    private static Dictionary<string, object?> With(string key, string? outcome, params (string Key, object? Value)[] changes)
    {
        var data = Samples.For(key, outcome);
        foreach (var (k, v) in changes)
        {
            if (v is null)
            {
                data.Remove(k);
            }
            else
            {
                data[k] = v;
            }
        }
        return data;
    }

    [Fact]
    public void Intake_RefusesTheLink_WhenACalledCaseNamesAnotherIncident()
    {
        var other = With(Intake.Type, null, ("parentIncidentId", "J-2026-0999"));

        Assert.Contains(Validate(Samples.Request(Intake.Type, null, other, calledByParent: true)), p => p.Field == "parentIncidentId" && p.Code == ProblemCodes.Rule);
        Assert.Empty(Validate(Samples.Request(Intake.Type, null, calledByParent: true)));
        Assert.Empty(Validate(Samples.Request(Intake.Type, null, other, calledByParent: false)));
    }

    [Fact]
    public void Intake_RefusesTheCase_WhenItHasNoParentIncident()
    {
        var problems = Validate(Samples.Request(Intake.Type, null, With(Intake.Type, null, ("parentIncidentId", null))));

        Assert.Contains(problems, p => p.Field == "parentIncidentId" && p.Code == ProblemCodes.FieldRequired);
    }

    [Theory]
    [InlineData("fine", "fineAmount")]
    [InlineData("detention", "detentionDays")]
    public void AdminInvestigation_RequiresThePenaltysMeasure_WhenAFineOrDetentionIsProposed(string decision, string field)
    {
        var data = With(AdminInvestigation.Type, "submit", ("proposedDecision", decision), ("fineAmount", null));

        Assert.Contains(Validate(Samples.Request(AdminInvestigation.Type, "submit", data)), p => p.Field == field && p.Code == ProblemCodes.FieldRequired);
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(21d)]
    public void AdminInvestigation_RefusesDetentionDays_WhenNotAWholeNumberUpToTwenty(double days)
    {
        var data = With(AdminInvestigation.Type, "submit", ("proposedDecision", "detention"), ("detentionDays", days));

        Assert.Contains(Validate(Samples.Request(AdminInvestigation.Type, "submit", data)), p => p.Field == "detentionDays" && p.Code == ProblemCodes.OutOfRange);
    }

    [Theory]
    [InlineData(AdminInvestigation.Type)]
    [InlineData(FilingDecision.Type)]
    public void RequestExtension_IsRefusedAsRetroactive_WhenTheDeadlineHasPassed(string key)
    {
        Assert.Contains(Validate(Samples.Request(key, "request-extension", dueAt: Samples.Now.AddDays(-1))), p => p.Code == ProblemCodes.Retroactive);
        Assert.Empty(Validate(Samples.Request(key, "request-extension", dueAt: Samples.Now.AddDays(1))));
    }

    [Fact]
    public void FilingDecision_RequiresTheOffence_WhenFilingIsProposed()
    {
        var data = With(FilingDecision.Type, "file", ("chargeName", null));

        Assert.Contains(Validate(Samples.Request(FilingDecision.Type, "file", data)), p => p.Field == "chargeName" && p.Code == ProblemCodes.FieldRequired);
        Assert.Empty(Validate(Samples.Request(FilingDecision.Type, "not-file")));
    }

    [Fact]
    public void LegalReview_RefusesARejection_WhenTheReasonCodeIsNotADefect()
    {
        Assert.Contains(Validate(Samples.Request(LegalReview.Type, "reject", reasonCode: "new-evidence")), p => p.Code == ProblemCodes.ReasonCodeUnknown);
    }

    [Theory]
    [InlineData("detention", null, false)]
    [InlineData("licence-revocation", null, false)]
    [InlineData("fine", 800d, false)]
    [InlineData("fine", 500d, true)]
    [InlineData("warning", null, true)]
    [InlineData("refer-prosecution", null, false)]
    public void Approval_RequiresACountyHead_WhenTheDecisionIsBeyondAUnitHead(string decision, double? fine, bool unitHeadMay)
    {
        var variables = new Dictionary<string, object?> { ["proposedDecision"] = decision, ["fineAmount"] = fine };

        var byUnitHead = Validate(Samples.Request(Approval.Type, "approve", variables: variables, roles: UnitHead));
        var byCountyHead = Validate(Samples.Request(Approval.Type, "approve", variables: variables, roles: CountyHead));
        var rolesUnknown = Validate(Samples.Request(Approval.Type, "approve", variables: variables));

        Assert.Equal(unitHeadMay, !byUnitHead.Any(p => p.Code == ProblemCodes.RoleInsufficient));
        Assert.Empty(byCountyHead);
        Assert.Empty(rolesUnknown);
    }

    [Fact]
    public void Approval_RequiresAWrittenGround_WhenItOverridesTheReview()
    {
        var problems = Validate(Samples.Request(Approval.Type, "override", reason: "", reasonCode: ""));

        Assert.Contains(problems, p => p.Code == ProblemCodes.ReasonRequired);
        Assert.Contains(problems, p => p.Code == ProblemCodes.ReasonCodeRequired);
    }

    [Fact]
    public void Correction_RequiresThePenaltysMeasure_WhenTheProposalIsChangedToAFine()
    {
        var data = With(Correction.Type, "resubmit", ("proposedDecision", "fine"));

        Assert.Contains(Validate(Samples.Request(Correction.Type, "resubmit", data)), p => p.Field == "fineAmount" && p.Code == ProblemCodes.FieldRequired);
        Assert.Empty(Validate(Samples.Request(Correction.Type, "contest")));
    }

    [Fact]
    public void DecideExecute_RefusesTheDecision_WhenItIsNotTheApprovedProposal()
    {
        var approved = new Dictionary<string, object?> { ["proposedDecision"] = "warning" };

        Assert.Contains(Validate(Samples.Request(DecideExecute.Type, null, variables: approved)), p => p.Field == "decision" && p.Code == ProblemCodes.Rule);
        Assert.Empty(Validate(Samples.Request(DecideExecute.Type, null, variables: new Dictionary<string, object?> { ["proposedDecision"] = "fine" })));
    }

    [Fact]
    public void DecideExecute_RefusesTheNotice_WhenItWasDeliveredBeforeTheDecision()
    {
        var data = With(DecideExecute.Type, null, ("noticeDeliveredAt", "2026-03-01T09:00:00+08:00"));

        Assert.Contains(Validate(Samples.Request(DecideExecute.Type, null, data)), p => p.Field == "noticeDeliveredAt" && p.Code == ProblemCodes.Rule);
    }

    [Theory]
    [InlineData("documentsComplete")]
    [InlineData("evidenceComplete")]
    [InlineData("noticesDelivered")]
    [InlineData("bodyCamArchived")]
    public void ClosureReview_RefusesToClose_WhenAChecklistItemIsNotTicked(string item)
    {
        var data = With(ClosureReview.Type, "close", (item, false));

        Assert.Contains(Validate(Samples.Request(ClosureReview.Type, "close", data)), p => p.Field == item && p.Code == ProblemCodes.Rule);
    }

    [Fact]
    public void OnlineEvaluation_RefusesAScore_WhenAVetoItemApplies()
    {
        var vetoed = With(OnlineEvaluation.Type, null, ("vetoItem", "insufficient-evidence"));
        var zero = With(OnlineEvaluation.Type, null, ("vetoItem", "insufficient-evidence"), ("score", 0d));

        Assert.Contains(Validate(Samples.Request(OnlineEvaluation.Type, null, vetoed)), p => p.Field == "score" && p.Code == ProblemCodes.Rule);
        Assert.Empty(Validate(Samples.Request(OnlineEvaluation.Type, null, zero)));
    }

    [Fact]
    public void OnlineEvaluation_RequiresTheDeductions_WhenTheScoreIsBelowAHundred()
    {
        var data = With(OnlineEvaluation.Type, null, ("deductions", null));
        var full = With(OnlineEvaluation.Type, null, ("deductions", null), ("score", 100d));

        Assert.Contains(Validate(Samples.Request(OnlineEvaluation.Type, null, data)), p => p.Field == "deductions" && p.Code == ProblemCodes.FieldRequired);
        Assert.Empty(Validate(Samples.Request(OnlineEvaluation.Type, null, full)));
    }

    [Fact]
    public void NotifyReporter_AsksOnlyForTheReason_WhenTheReporterCouldNotBeReached()
    {
        Assert.Empty(Validate(Samples.Request(NotifyReporter.Type, "unreachable")));
        Assert.Contains(Validate(Samples.Request(NotifyReporter.Type, "notified", new Dictionary<string, object?>())),
            p => p.Field == "notifiedAt" && p.Code == ProblemCodes.FieldRequired);
    }
}
