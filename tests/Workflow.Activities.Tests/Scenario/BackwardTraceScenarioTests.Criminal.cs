using Workflow.Activities.Tests.Support;
using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;
using Workflow.Engine.Trace;
using Workflow.Persistence.Ledger;
using static Workflow.Activities.Tests.Scenario.ScenarioHarness;

namespace Workflow.Activities.Tests.Scenario;

/// <summary>
/// The criminal twin: an incident and its criminal case on the real SQLite file, with a refused self-approval of the filing, the
/// county head returning the filing proposal for correction, a handover of the investigation with acceptance (traced while
/// offered and once accepted), a notice under a delegation, the approver returning the file, a re-review returning it again and
/// an approver overriding that review — then the trace names the answerable person at every step and for the key values.
/// </summary>
public sealed partial class BackwardTraceScenarioTests
{
    // A deputy chief who handles cases himself and also holds the county head's role: the person no self-approval is for.
    private static readonly Actor FilingOfficer = Actor.Person("hu.deputy", ["officer", "county-head"], Station);
    private static readonly Actor FilingHead = Actor.Person("lin.county", ["county-head"], "bureau");

    private sealed record CriminalRun(ScenarioHarness H, Guid CaseId, LedgerTrace WhileOffered, LedgerTrace OnceAccepted);

    private async Task<CriminalRun> RunCriminalAsync()
    {
        var h = await CreateAsync(_database);
        h.Delegations.Add(new Delegation("wu.officer", "tang.officer", h.Clock.Now, h.Clock.Now.AddDays(30)));
        await h.StartIncidentAsync(CallTaker);
        await h.DoAsync("Task_Register", CallTaker, "dispatch");
        await h.DoAsync("Task_Dispatch", Dispatcher);
        await h.DoAsync("Task_Acknowledge", DutyOfficer);
        await h.DoAsync("Task_Arrive", Responder);
        await h.DoAsync("Task_Feedback", Responder, "submit", FlowDriver.ToCase("to-criminal-case", "criminal"));
        var caseId = (await h.CaseAsync("police-criminal-case")).Id;

        // The deputy takes the case in and proposes filing; he may not approve his own proposal, whatever role he holds.
        await h.DoAsync("Task_Intake", FilingOfficer);
        await h.DoAsync("Task_FilingDecision", FilingOfficer, "file");
        Assert.Equal(AccountabilityErrors.SeparationOfDuties, (await h.ClaimAsync("Task_FilingApproval", FilingOfficer)).Error?.Code);
        // The county head returns the proposal for correction; the deputy states the findings precisely; the head approves.
        await h.DoAsync("Task_FilingApproval", FilingHead, "return");
        await h.DoAsync("Task_FilingDecision", FilingOfficer, "file", ("findings", "有犯罪事实，致一人轻伤"));
        await h.DoAsync("Task_FilingApproval", FilingHead, "approve");

        // The investigation is handed over: the sender answers until the colleague accepts.
        Ok(await h.ClaimAsync("Task_Investigation", FirstHandler));
        var investigation = await h.TaskIdAsync("Task_Investigation");
        Ok(await h.Runtime.OfferAsync(investigation, Handler.Id, "调岗，移交周警官继续侦查", FirstHandler, Ct));
        var whileOffered = (await Reader().TraceAsync(caseId, cancellationToken: Ct))!;
        Ok(await h.Runtime.AcceptOfferAsync(investigation, Handler, Ct));
        var onceAccepted = (await Reader().TraceAsync(caseId, cancellationToken: Ct))!;
        await h.DoAsync("Task_NotifyFiling", ForNotifier, "notified");
        Ok(await h.CompleteAsync("Task_Investigation", Handler));

        // Legal review passes; the approver returns the file; corrected; the re-review returns it; contested; overridden.
        await h.DoAsync("Task_LegalReview", LegalReviewer, "pass");
        await h.DoAsync("Task_Approval", FilingHead, "return");
        await h.DoAsync("Task_Correction", Handler, "resubmit", ("evidence", "鉴定意见、证人证言、监控视频"));
        await h.DoAsync("Task_LegalReview", ReReviewer, "return");
        await h.DoAsync("Task_Correction", Handler, "contest");
        Ok(await h.ClaimAsync("Task_OverrideApproval", CountyHead));
        Ok(await h.CompleteAsync("Task_OverrideApproval", CountyHead, "override", reasonCode: "new-evidence", reason: "监控视频证实伤害事实"));

        await h.DoAsync("Task_DecideExecute", Handler, null, ("decision", "refer-prosecution"));
        await h.DoAsync("Task_ClosureReview", ClosureReviewer, "close");
        await h.DoAsync("Task_Evaluation", Evaluator);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(caseId)).Status);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(h.IncidentId)).Status);
        return new CriminalRun(h, caseId, whileOffered, onceAccepted);
    }

    [Fact]
    public async Task BackwardTrace_NamesTheAnswerablePersonAtEveryStep_ThroughTheCriminalCase()
    {
        var run = await RunCriminalAsync();

        var traced = await Reader().TraceAsync(run.CaseId, cancellationToken: Ct);

        Assert.NotNull(traced);
        Assert.True(traced.Verification.Ok, traced.Verification.FirstProblem?.Message);
        Assert.Empty(traced.Warnings);
        // The incident's own record names the case it called, and where.
        Assert.Equal([("police-incident", (Guid?)null, (string?)null), ("police-criminal-case", run.H.IncidentId, "CallActivity_CriminalCase")],
            traced.Trace.Instances.Select(i => (i.ProcessId, i.ParentId, i.CalledFrom)));
        Assert.Equal(
        [
            ("Task_Register", "li.call", null, "call-taker", "command", "dispatch", "li.call", TraceAnswerable.Completed),
            ("Task_Dispatch", "zhao.dispatch", null, "dispatcher", "command", null, "zhao.dispatch", TraceAnswerable.Completed),
            ("Task_Acknowledge", "chen.duty", null, "duty-officer", Station, null, "chen.duty", TraceAnswerable.Completed),
            ("Task_Arrive", "wang.officer", null, "officer", Station, null, "wang.officer", TraceAnswerable.Completed),
            ("Task_Feedback", "wang.officer", null, "officer", Station, "submit", "wang.officer", TraceAnswerable.Completed),
            ("Task_Intake", "hu.deputy", null, "officer", Station, null, "hu.deputy", TraceAnswerable.Completed),
            ("Task_FilingDecision", "hu.deputy", null, "officer", Station, "file", "hu.deputy", TraceAnswerable.Completed),
            ("Task_FilingApproval", "lin.county", null, "county-head", "bureau", "return", "lin.county", TraceAnswerable.Completed),
            ("Task_FilingDecision", "hu.deputy", null, "officer", Station, "file", "hu.deputy", TraceAnswerable.Completed),
            ("Task_FilingApproval", "lin.county", null, "county-head", "bureau", "approve", "lin.county", TraceAnswerable.Completed),
            ("Task_NotifyFiling", "tang.officer", "wu.officer", "officer", Station, "notified", "wu.officer", TraceAnswerable.Completed),
            ("Task_Investigation", "zhou.officer", null, "officer", Station, null, "zhou.officer", TraceAnswerable.Completed),
            ("Task_LegalReview", "qian.legal", null, "legal-officer", "legal", "pass", "qian.legal", TraceAnswerable.Completed),
            ("Task_Approval", "lin.county", null, "county-head", "bureau", "return", "lin.county", TraceAnswerable.Completed),
            ("Task_Correction", "zhou.officer", null, "officer", Station, "resubmit", "zhou.officer", TraceAnswerable.Completed),
            ("Task_LegalReview", "shen.legal", null, "legal-officer", "legal", "return", "xu.county", TraceAnswerable.Overridden),
            ("Task_Correction", "zhou.officer", null, "officer", Station, "contest", "zhou.officer", TraceAnswerable.Completed),
            ("Task_OverrideApproval", "xu.county", null, "county-head", "bureau", "override", "xu.county", TraceAnswerable.Override),
            ("Task_DecideExecute", "zhou.officer", null, "officer", Station, null, "zhou.officer", TraceAnswerable.Completed),
            ("Task_ClosureReview", "he.legal", null, "legal-officer", "legal", "close", "he.legal", TraceAnswerable.Completed),
            ("Task_Evaluation", "feng.legal", null, "legal-officer", "legal", null, "feng.legal", TraceAnswerable.Completed),
        ], traced.Trace.Steps.Select(s => (s.ElementId, s.CompletedBy?.Id, s.CompletedBy?.ActingFor, s.CompletedBy?.Role, s.CompletedBy?.Unit, s.Outcome,
            s.Answerable, s.AnswerableBasis)));

        // The refused self-approval left nothing on the step; the returns are coded and go backwards; the handover names both.
        var filingApprovals = traced.Trace.Steps.Where(s => s.ElementId == "Task_FilingApproval").ToList();
        Assert.DoesNotContain(filingApprovals.SelectMany(s => s.Events), e => e.By.Id == FilingOfficer.Id);
        Assert.Equal([("approver", false, "unclear-facts"), ("approver", true, null)],
            filingApprovals.Select(s => (s.Duty, s.Forward, s.ReasonCode)));
        Assert.Equal(("approver", false, "unclear-facts"),
            traced.Trace.Steps.Where(s => s.ElementId == "Task_Approval").Select(s => (s.Duty, s.Forward, s.ReasonCode)).Single());
        Assert.Equal([("claimed", "sun.officer", null, "sun.officer"), ("handover-offered", "sun.officer", "sun.officer", "zhou.officer"),
            ("handover-accepted", "zhou.officer", "sun.officer", "zhou.officer")],
            traced.Trace.Steps.Single(s => s.ElementId == "Task_Investigation").Events.Select(e => (e.Kind, e.By.Id, e.From, e.To)));
        // The override overruled the re-review (not the approver's earlier return), with the coded ground.
        var shift = traced.Trace.Steps.Single(s => s.ElementId == "Task_OverrideApproval").Override!;
        Assert.Equal(("shen.legal", "Task_LegalReview", "return", "xu.county", "new-evidence", "监控视频证实伤害事实"),
            (shift.From, shift.FromStep, shift.FromOutcome, shift.To, shift.ReasonCode, shift.Reason));
    }

    [Fact]
    public async Task BackwardTrace_NamesTheAssignee_WhileTheInvestigationIsOfferedAndOnceItIsAccepted()
    {
        var run = await RunCriminalAsync();

        // Offered: the sender still answers; the notice, created with it, floats until someone claims it.
        Assert.Equal(
        [
            ("Task_NotifyFiling", null, TraceAnswerable.Unclaimed),
            ("Task_Investigation", "sun.officer", TraceAnswerable.Assignee),
        ], run.WhileOffered.Trace.Steps.Where(s => s.CompletedAt is null).Select(s => (s.ElementId, s.Answerable, s.AnswerableBasis)));
        Assert.Equal(("zhou.officer", TraceAnswerable.Assignee),
            run.OnceAccepted.Trace.Steps.Where(s => s.ElementId == "Task_Investigation").Select(s => (s.Answerable, s.AnswerableBasis)).Single());
        Assert.Equal("lin.county", run.WhileOffered.Trace.Steps.Last(s => s.ElementId == "Task_FilingApproval").Answerable);
        Assert.Empty(run.WhileOffered.Warnings);
    }

    [Fact]
    public async Task BackwardTrace_NamesWhoEnteredAndWhoCheckedTheKeyValues_OfTheCriminalCase()
    {
        var run = await RunCriminalAsync();

        var traced = (await Reader().TraceAsync(run.H.IncidentId, cancellationToken: Ct))!;

        // The charge, entered once with the filing proposal, stood through every check to the closure.
        var charge = Assert.Single(traced.Trace.Fields.Single(f => f.Name == "chargeName").Values);
        Assert.Equal(("Task_FilingDecision", "hu.deputy", "故意伤害罪"), (charge.Step, charge.Answerable, charge.After?.GetString()));
        Assert.Equal(
        [
            ("Task_FilingApproval", "lin.county", "return", "lin.county"),
            ("Task_FilingApproval", "lin.county", "approve", "lin.county"),
            ("Task_LegalReview", "qian.legal", "pass", "qian.legal"),
            ("Task_Approval", "lin.county", "return", "lin.county"),
            ("Task_LegalReview", "shen.legal", "return", "xu.county"),
            ("Task_OverrideApproval", "xu.county", "override", "xu.county"),
            ("Task_ClosureReview", "he.legal", "close", "he.legal"),
        ], Checks(charge));

        // The findings: as proposed (returned), as corrected (approved), as investigated (reviewed, returned, overruled, closed).
        var findings = traced.Trace.Fields.Single(f => f.Name == "findings").Values;
        Assert.Equal([("Task_FilingDecision", "hu.deputy", "有犯罪事实"), ("Task_FilingDecision", "hu.deputy", "有犯罪事实，致一人轻伤"),
            ("Task_Investigation", "zhou.officer", "犯罪事实清楚")], findings.Select(v => (v.Step, v.Answerable, v.After?.GetString())));
        Assert.Equal([("Task_FilingApproval", "lin.county", "return", "lin.county")], Checks(findings[0]));
        Assert.Equal([("Task_FilingApproval", "lin.county", "approve", "lin.county")], Checks(findings[1]));
        Assert.Equal(["Task_LegalReview", "Task_Approval", "Task_LegalReview", "Task_OverrideApproval", "Task_ClosureReview"],
            findings[2].Checks.Select(c => c.Step));

        // The evidence as investigated (passed, then returned by the approver), and as corrected (returned, overruled, closed).
        var evidence = traced.Trace.Fields.Single(f => f.Name == "evidence").Values;
        Assert.Equal([("Task_Investigation", "zhou.officer", "鉴定意见、证人证言"), ("Task_Correction", "zhou.officer", "鉴定意见、证人证言、监控视频")],
            evidence.Select(v => (v.Step, v.Answerable, v.After?.GetString())));
        Assert.Equal([("Task_LegalReview", "qian.legal", "pass", "qian.legal"), ("Task_Approval", "lin.county", "return", "lin.county")],
            Checks(evidence[0]));
        Assert.Equal(
        [
            ("Task_LegalReview", "shen.legal", "return", "xu.county"),
            ("Task_OverrideApproval", "xu.county", "override", "xu.county"),
            ("Task_ClosureReview", "he.legal", "close", "he.legal"),
        ], Checks(evidence[1]));

        // The decision, answered for by the handler who took it and checked at closure.
        var decision = Assert.Single(traced.Trace.Fields.Single(f => f.Name == "decision").Values);
        Assert.Equal(("Task_DecideExecute", "zhou.officer", "refer-prosecution"), (decision.Step, decision.Answerable, decision.After?.GetString()));
        Assert.Equal([("Task_ClosureReview", "he.legal", "close", "he.legal")], Checks(decision));
    }

    private static List<(string?, string, string?, string?)> Checks(TraceValue value) =>
        value.Checks.Select(c => (c.Step, c.By.Id, c.Outcome, c.Answerable)).ToList();
}
