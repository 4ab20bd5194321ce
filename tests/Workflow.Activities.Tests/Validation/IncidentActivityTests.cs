using Workflow.Activities.Incident;
using Workflow.Activities.Tests.Support;
using Workflow.Activities.Validation;

namespace Workflow.Activities.Tests.Validation;

/// <summary>The rules across fields of the incident steps (DOMAIN §3 steps 1–5r).</summary>
public class IncidentActivityTests
{
    private static IReadOnlyList<ValidationProblem> Validate(CompletionRequest request) => CompletionValidator.Default.Validate(request);

    private static Dictionary<string, object?> Feedback(params (string Key, object? Value)[] changes)
    {
        var data = Samples.For(Incident.Feedback.Type, "submit");
        foreach (var (key, value) in changes)
        {
            data[key] = value;
        }
        return data;
    }

    [Fact]
    public void RegisterIncident_RequiresAReceipt_WhenAWalkInIsDispatched()
    {
        var data = Samples.For(RegisterIncident.Type, "dispatch");
        data["channel"] = "walk-in";

        Assert.Contains(Validate(Samples.Request(RegisterIncident.Type, "dispatch", data)), p => p.Field == "receiptNo" && p.Code == ProblemCodes.FieldRequired);
        data["receiptNo"] = "HZ-2026-0001";
        Assert.Empty(Validate(Samples.Request(RegisterIncident.Type, "dispatch", data)));
    }

    [Theory]
    [InlineData("invalid", "invalid")]
    [InlineData("divert", "diverted-12345")]
    public void RegisterIncident_RefusesClosingACriminalCall_WhenItIsInvalidOrDiverted(string outcome, string reasonCode)
    {
        var data = Samples.For(RegisterIncident.Type, outcome);
        data["nature"] = "criminal";

        Assert.Contains(Validate(Samples.Request(RegisterIncident.Type, outcome, data, reasonCode: reasonCode)), p => p.Field == "nature" && p.Code == ProblemCodes.Rule);
    }

    [Fact]
    public void RegisterIncident_RefusesADuplicate_WhenItLinksItself()
    {
        var data = Samples.For(RegisterIncident.Type, "duplicate");
        data["duplicateOf"] = Samples.Incident;

        Assert.Contains(Validate(Samples.Request(RegisterIncident.Type, "duplicate", data)), p => p.Field == "duplicateOf" && p.Code == ProblemCodes.Rule);
    }

    [Fact]
    public void RegisterIncident_RefusesAReasonCode_WhenItDoesNotApplyToTheOutcome()
    {
        // "duplicate" is a disposition code, but not one of "invalid".
        Assert.Contains(Validate(Samples.Request(RegisterIncident.Type, "invalid", reasonCode: "duplicate")), p => p.Code == ProblemCodes.ReasonCodeUnknown);
    }

    [Theory]
    [InlineData("138-0000-0000", true)]
    [InlineData("+86 (716) 123456", true)]
    [InlineData("call me", false)]
    public void RegisterIncident_ChecksThePhoneNumber_WhenOneIsGiven(string phone, bool accepted)
    {
        var data = Samples.For(RegisterIncident.Type, "dispatch");
        data["reporterPhone"] = phone;

        Assert.Equal(accepted, !Validate(Samples.Request(RegisterIncident.Type, "dispatch", data)).Any(p => p.Field == "reporterPhone"));
    }

    [Theory]
    [InlineData(true, "dispute-settled")]
    [InlineData(false, "to-admin-case")]
    [InlineData(false, "to-criminal-case")]
    public void Feedback_RefusesIsCase_WhenItContradictsTheDisposition(bool isCase, string disposition)
    {
        var data = Feedback(("isCase", isCase), ("disposition", disposition), ("confirmedNature", "public-order"));

        Assert.Contains(Validate(Samples.Request(Incident.Feedback.Type, "submit", data)), p => p.Field == "isCase" && p.Code == ProblemCodes.Rule);
    }

    [Theory]
    [InlineData("to-admin-case", "public-order")]
    [InlineData("to-criminal-case", "criminal")]
    public void Feedback_AcceptsACase_WhenIsCaseAndDispositionAgree(string disposition, string nature)
    {
        var data = Feedback(("isCase", true), ("disposition", disposition), ("confirmedNature", nature));

        Assert.Empty(Validate(Samples.Request(Incident.Feedback.Type, "submit", data)));
    }

    [Theory]
    [InlineData("transferred", "transferTo")]
    [InlineData("written-mediation", "mediationAgreementRef")]
    [InlineData("on-the-spot-penalty", "penaltyDecisionNo")]
    [InlineData("duplicate", "duplicateOf")]
    public void Feedback_RequiresTheSupportingRecord_WhenTheDispositionNeedsOne(string disposition, string field)
    {
        var data = Feedback(("disposition", disposition));

        Assert.Contains(Validate(Samples.Request(Incident.Feedback.Type, "submit", data)), p => p.Field == field && p.Code == ProblemCodes.FieldRequired);
    }

    [Fact]
    public void Feedback_RefusesATransfer_WhenItNamesTheIncidentsOwnUnit()
    {
        var data = Feedback(("disposition", "transferred"), ("transferTo", "chengguan"));
        var variables = new Dictionary<string, object?> { ["unit"] = "chengguan" };

        Assert.Contains(Validate(Samples.Request(Incident.Feedback.Type, "submit", data, variables: variables)),
            p => p.Field == "transferTo" && p.Code == ProblemCodes.Rule);
        data["transferTo"] = "xindian";
        Assert.Empty(Validate(Samples.Request(Incident.Feedback.Type, "submit", data, variables: variables)));
    }

    [Fact]
    public void Feedback_RequiresAReclassificationReason_WhenACriminalIncidentIsClosedWithoutACase()
    {
        var data = Feedback(("confirmedNature", "criminal"), ("disposition", "dispute-settled"));

        Assert.Contains(Validate(Samples.Request(Incident.Feedback.Type, "submit", data)),
            p => p.Field == "reclassificationReason" && p.Code == ProblemCodes.FieldRequired);
        data["reclassificationReason"] = "经查为邻里纠纷，不构成刑事案件";
        Assert.Empty(Validate(Samples.Request(Incident.Feedback.Type, "submit", data)));
    }

    [Fact]
    public void Feedback_RefusesAnExtension_WhenTheDeadlineHasPassed()
    {
        var late = Validate(Samples.Request(Incident.Feedback.Type, "request-extension", dueAt: Samples.Now.AddMinutes(-1)));
        var inTime = Validate(Samples.Request(Incident.Feedback.Type, "request-extension", dueAt: Samples.Now.AddMinutes(1)));

        Assert.Contains(late, p => p.Code == ProblemCodes.Retroactive);
        Assert.Empty(inTime);
    }

    [Fact]
    public void Feedback_AsksForNoDisposition_WhenOnlyAnExtensionIsRequested()
    {
        var problems = Validate(Samples.Request(Incident.Feedback.Type, "request-extension"));

        Assert.Empty(problems);
    }

    [Fact]
    public void ReviewNonCase_RefusesAReturn_WhenTheDefectIsNotCoded()
    {
        var problem = Assert.Single(Validate(Samples.Request(ReviewNonCase.Type, "return", reasonCode: "")));
        Assert.Equal(ProblemCodes.ReasonCodeRequired, problem.Code);
        Assert.Contains("审核问题", problem.MessageZh, StringComparison.Ordinal);
    }
}
