using Workflow.Engine.Trace;

namespace Workflow.Engine.Tests.Trace;

public sealed class CaseTraceBuilderTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8));
    private static readonly (string, string?, string?) CallTaker = ("li.call", "call-taker", "command");
    private static readonly (string, string?, string?) Handler = ("zhou.officer", "officer", "station");
    private static readonly (string, string?, string?) OtherHandler = ("sun.officer", "officer", "station");
    private static readonly (string, string?, string?) Deputy = ("chen.officer", "officer", "station");
    private static readonly (string, string?, string?) Reviewer = ("qian.legal", "legal-officer", "legal");
    private static readonly (string, string?, string?) Approver = ("xu.county", "county-head", "bureau");

    private static readonly CaseTraceBuilder Builder = new(["reviewer", "approver"]);

    /// <summary>
    /// An incident (register, feedback) calling a case (intake, legal review returning it, correction by another handler,
    /// legal review again) — the fixture of most tests below.
    /// </summary>
    private static (LedgerLines Incident, LedgerLines Case) ReturnedAndCorrected()
    {
        var caseId = Guid.NewGuid();
        var incident = new LedgerLines(Guid.NewGuid(), Start)
            .Started("incident", CallTaker)
            .Created("Register").Claimed("Register", CallTaker)
            .Completed("Register", CallTaker, "handler", "dispatch", fields: ("summary", null, "邻里纠纷"))
            .Created("Feedback").Claimed("Feedback", Handler)
            .Completed("Feedback", Handler, "handler", "submit", fields: ("disposition", null, "to-admin-case"))
            .Called("CallCase", Handler, caseId, "admin-case");
        var @case = new LedgerLines(caseId, incident.Now)
            .Started("admin-case", Handler, incident.InstanceId)
            .Created("Intake").Claimed("Intake", Handler)
            .Completed("Intake", Handler, "handler", fields: [("summary", "邻里纠纷", "张三殴打李四"), ("cause", null, "殴打他人")])
            .Created("LegalReview").Claimed("LegalReview", Reviewer)
            .Completed("LegalReview", Reviewer, "reviewer", "return", forward: false, reasonCode: "insufficient-evidence", reason: "缺少证人证言",
                fields: ("reviewOpinion", null, "缺少证人证言"))
            .Created("Correction").Claimed("Correction", OtherHandler)
            .Completed("Correction", OtherHandler, "handler", "resubmit", fields: ("summary", "张三殴打李四", "张三殴打李四致轻微伤"));
        return (incident, @case);
    }

    private static CaseTrace Trace(TraceFilter? filter, params LedgerLines[] streams) =>
        Builder.Build(streams.Select(s => new TracedStream(s.InstanceId, s.Entries)).ToList(), filter);

    [Fact]
    public void Build_ShowsTheCorrectionsAuthorAndItsReReview_WhenAStepWasReturnedForCorrection()
    {
        var (incident, @case) = ReturnedAndCorrected();
        @case.Created("LegalReview").Claimed("LegalReview", Reviewer)
            .Completed("LegalReview", Reviewer, "reviewer", "pass", fields: ("reviewOpinion", "缺少证人证言", "事实清楚"));

        var trace = Trace(null, incident, @case);

        var summary = Assert.Single(trace.Fields, f => f.Name == "summary").Values;
        Assert.Equal(["Register", "Intake", "Correction"], summary.Select(v => v.Step));
        Assert.Equal(["li.call", "zhou.officer", "sun.officer"], summary.Select(v => v.Answerable));
        // The intake's summary was returned by the review; the correction's summary passed the second review.
        var returned = Assert.Single(summary[1].Checks);
        Assert.Equal(("LegalReview", "qian.legal", "return", false, "insufficient-evidence"),
            (returned.Step, returned.By.Id, returned.Outcome, returned.Forward, returned.ReasonCode));
        var corrected = Assert.Single(summary[2].Checks);
        Assert.Equal(("LegalReview", "qian.legal", "pass", true), (corrected.Step, corrected.By.Id, corrected.Outcome, corrected.Forward));
        Assert.Equal(summary[2].At, summary[1].ReplacedAt);
        Assert.Equal("张三殴打李四致轻微伤", summary[2].After!.Value.GetString());
        Assert.Equal("张三殴打李四", summary[2].Before!.Value.GetString());
        // The review's own opinion is not checked by the next review (same duty), and a handler's step checks nothing.
        Assert.All(trace.Fields.Single(f => f.Name == "reviewOpinion").Values, v => Assert.Empty(v.Checks));
        Assert.Equal(["Register", "Feedback", "Intake", "LegalReview", "Correction", "LegalReview"], trace.Steps.Select(s => s.ElementId));
        Assert.Equal(["li.call", "zhou.officer", "zhou.officer", "qian.legal", "sun.officer", "qian.legal"], trace.Steps.Select(s => s.Answerable));
        Assert.All(trace.Steps, s => Assert.Equal(TraceAnswerable.Completed, s.AnswerableBasis));
    }

    [Fact]
    public void Build_MakesTheApproverAnswerable_WhenTheApproverOverridesTheReviewer()
    {
        var (incident, @case) = ReturnedAndCorrected();
        @case.Created("OverrideApproval").Claimed("OverrideApproval", Approver)
            .Completed("OverrideApproval", Approver, "approver", "override", reasonCode: "new-evidence", reason: "监控视频证实")
            .Shifted("OverrideApproval", Approver, "qian.legal", "LegalReview", "return", "new-evidence", "监控视频证实");

        var trace = Trace(null, incident, @case);

        var review = Assert.Single(trace.Steps, s => s.ElementId == "LegalReview");
        Assert.Equal(("xu.county", TraceAnswerable.Overridden), (review.Answerable, review.AnswerableBasis));
        Assert.Equal("qian.legal", review.CompletedBy!.Id); // still named as the one who decided
        var approval = Assert.Single(trace.Steps, s => s.ElementId == "OverrideApproval");
        Assert.Equal(("xu.county", TraceAnswerable.Override), (approval.Answerable, approval.AnswerableBasis));
        Assert.Equal(("qian.legal", "LegalReview", "return", "xu.county", "new-evidence", "监控视频证实"),
            (approval.Override!.From, approval.Override.FromStep, approval.Override.FromOutcome, approval.Override.To, approval.Override.ReasonCode,
                approval.Override.Reason));
        Assert.Same(approval.Override, review.Override);
        // On the value: the reviewer's return is answered for by the approver; the approval by the approver under the override.
        var corrected = trace.Fields.Single(f => f.Name == "summary").Values[2];
        var check = Assert.Single(corrected.Checks);
        Assert.Equal(("OverrideApproval", "xu.county", TraceAnswerable.Override), (check.Step, check.Answerable, check.AnswerableBasis));
        var intakeChecks = trace.Fields.Single(f => f.Name == "cause").Values.Single().Checks;
        Assert.Equal([("LegalReview", "qian.legal", "xu.county", TraceAnswerable.Overridden), ("OverrideApproval", "xu.county", "xu.county", TraceAnswerable.Override)],
            intakeChecks.Select(c => (c.Step, c.By.Id, c.Answerable, c.AnswerableBasis)));
    }

    [Fact]
    public void Build_NamesTheDelegateAndTheDelegator_WhenSomeoneActedFor()
    {
        var incident = new LedgerLines(Guid.NewGuid(), Start)
            .Started("incident", CallTaker)
            .Created("Feedback").Claimed("Feedback", Deputy, actingFor: "zhou.officer")
            .Completed("Feedback", Deputy, "handler", "submit", actingFor: "zhou.officer", fields: ("disposition", null, "dispute-settled"));

        var trace = Trace(null, incident);

        var step = Assert.Single(trace.Steps);
        Assert.Equal(("chen.officer", "zhou.officer", "zhou.officer"), (step.CompletedBy!.Id, step.CompletedBy.ActingFor, step.Answerable));
        Assert.Equal(("chen.officer", "zhou.officer"), (step.Events[0].By.Id, step.Events[0].To));
        var value = trace.Fields.Single().Values.Single();
        Assert.Equal(("chen.officer", "zhou.officer", "zhou.officer"), (value.EnteredBy.Id, value.EnteredBy.ActingFor, value.Answerable));
    }

    [Fact]
    public void Build_KeepsOnlyTheFieldAndTheStepsThatEnteredOrCheckedIt_WhenFilteredByField()
    {
        var (incident, @case) = ReturnedAndCorrected();

        var trace = Trace(new TraceFilter(Field: "summary"), incident, @case);

        Assert.Equal("summary", Assert.Single(trace.Fields).Name);
        Assert.Equal(["Register", "Intake", "LegalReview", "Correction"], trace.Steps.Select(s => s.ElementId));
        Assert.Equal(2, trace.Instances.Count);
    }

    [Fact]
    public void Build_KeepsOnlyTheStepAndTheValuesEnteredThere_WhenFilteredByStep()
    {
        var (incident, @case) = ReturnedAndCorrected();

        var byElement = Trace(new TraceFilter(Step: "Intake"), incident, @case);
        var byTask = Trace(new TraceFilter(Step: @case.Task("Correction").ToString()), incident, @case);

        Assert.Equal("zhou.officer", Assert.Single(byElement.Steps).Answerable);
        Assert.Equal(["cause", "summary"], byElement.Fields.Select(f => f.Name));
        Assert.Equal("Intake", Assert.Single(byElement.Fields[1].Values).Step);
        Assert.Equal(("Correction", "sun.officer"), (Assert.Single(byTask.Steps).ElementId, byTask.Steps[0].Answerable));
        Assert.Equal("summary", Assert.Single(byTask.Fields).Name);
    }

    [Fact]
    public void Build_KeepsTheSenderAnswerable_UntilTheHandoverIsAccepted()
    {
        var pending = new LedgerLines(Guid.NewGuid(), Start)
            .Started("admin-case", Handler)
            .Created("Investigation").Claimed("Investigation", OtherHandler).Offered("Investigation", OtherHandler, "zhou.officer", "调岗");
        var accepted = new LedgerLines(Guid.NewGuid(), Start)
            .Started("admin-case", Handler)
            .Created("Investigation").Claimed("Investigation", OtherHandler).Offered("Investigation", OtherHandler, "zhou.officer", "调岗")
            .Accepted("Investigation", Handler, "sun.officer");

        var open = Assert.Single(Trace(null, pending).Steps);
        var handedOver = Assert.Single(Trace(null, accepted).Steps);

        Assert.Equal(("sun.officer", TraceAnswerable.Assignee), (open.Answerable, open.AnswerableBasis));
        Assert.Null(open.CompletedAt);
        Assert.Equal(("zhou.officer", TraceAnswerable.Assignee), (handedOver.Answerable, handedOver.AnswerableBasis));
        Assert.Equal(["claimed", "handover-offered", "handover-accepted"], handedOver.Events.Select(e => e.Kind));
        Assert.Equal(("sun.officer", "zhou.officer", "调岗"), (handedOver.Events[1].From, handedOver.Events[1].To, handedOver.Events[1].Reason));
    }

    [Fact]
    public void Build_NamesTheProposerAndTheApprover_OfAnAmendment()
    {
        var amendment = Guid.NewGuid();
        var lines = new LedgerLines(Guid.NewGuid(), Start)
            .Started("admin-case", Handler)
            .Created("Decide").Claimed("Decide", Handler).Completed("Decide", Handler, "handler", fields: ("decisionNo", null, "〔2026〕12号"))
            .AmendmentProposed(amendment, Handler, "decisionNo", "〔2026〕12号", "〔2026〕21号")
            .AmendmentApplied(amendment, Reviewer, "zhou.officer", "decisionNo", "〔2026〕12号", "〔2026〕21号");

        var trace = Trace(null, lines);

        var values = trace.Fields.Single().Values;
        Assert.Equal(2, values.Count);
        Assert.Equal(("amendment", "zhou.officer", "zhou.officer"), (values[1].Source, values[1].EnteredBy.Id, values[1].Answerable));
        Assert.Equal(("qian.legal", "approve"), (Assert.Single(values[1].Checks).By.Id, values[1].Checks[0].Outcome));
        var step = Assert.Single(trace.Steps, s => s.Kind == "amendment");
        Assert.Equal(("zhou.officer", "qian.legal", "clerical"), (step.CompletedBy!.Id, step.ApprovedBy!.Id, step.ReasonCode));
    }

    [Fact]
    public void Build_ListsTheCalledInstanceWithItsParentAndCallActivity_FromTheStartedAndCalledEntries()
    {
        var (incident, @case) = ReturnedAndCorrected();

        var trace = Trace(null, @case, incident);

        Assert.Equal([("incident", (Guid?)null, (string?)null), ("admin-case", incident.InstanceId, "CallCase")],
            trace.Instances.Select(i => (i.ProcessId, i.ParentId, i.CalledFrom)));
        Assert.Equal(("li.call", "J-1"), (trace.Instances[0].StartedBy!.Id, trace.Instances[0].BusinessKey));
        // The called entry is not a step of the caller.
        Assert.DoesNotContain(trace.Steps, s => s.ElementId == "CallCase");
    }

    [Fact]
    public void Build_NamesNoCallActivity_WhenTheCalledEntryIsFromAnotherInstanceThanTheStartedEntryNames()
    {
        var (incident, _) = ReturnedAndCorrected();
        var stranger = new LedgerLines(Guid.NewGuid(), Start).Started("admin-case", Handler, Guid.NewGuid());
        var other = new LedgerLines(Guid.NewGuid(), Start).Called("CallCase", Handler, stranger.InstanceId, "admin-case");

        var trace = Trace(null, incident, other, stranger);

        Assert.Null(trace.Instances.Single(i => i.Id == stranger.InstanceId).CalledFrom);
    }
}
