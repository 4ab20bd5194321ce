using Workflow.Activities.Catalogue;
using Workflow.Activities.Tests.Support;
using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;
using Workflow.Engine.Trace;
using Workflow.Persistence.Ledger;
using static Workflow.Activities.Tests.Scenario.ScenarioHarness;

namespace Workflow.Activities.Tests.Scenario;

/// <summary>
/// The twin of <see cref="AccountableCaseTests"/> on a real SQLite file: a whole incident and its administrative case, with a
/// refused self-approval, a handover with acceptance, a step done under a delegation, two returns for correction (the second
/// re-review by another legal officer) and an approver overriding it — then the backward trace (责任倒查) read from the ledger
/// names the answerable person at every step and for every value. The criminal case is in the other part of this class.
/// </summary>
public sealed partial class BackwardTraceScenarioTests : IAsyncLifetime
{
    private const string Station = "chengguan";

    private static readonly Actor CallTaker = Actor.Person("li.call", ["call-taker"], "command");
    private static readonly Actor Dispatcher = Actor.Person("zhao.dispatch", ["dispatcher"], "command");
    private static readonly Actor DutyOfficer = Actor.Person("chen.duty", ["duty-officer"], Station);
    private static readonly Actor Responder = Actor.Person("wang.officer", ["officer"], Station);
    private static readonly Actor Deputy = Actor.Person("ma.deputy", ["officer", "unit-head"], Station);
    private static readonly Actor StationHead = Actor.Person("gao.head", ["unit-head"], Station);
    private static readonly Actor FirstHandler = Actor.Person("sun.officer", ["officer"], Station);
    private static readonly Actor Handler = Actor.Person("zhou.officer", ["officer"], Station);
    // The notifier is away: a colleague acts for him under a delegation, and both are named.
    private static readonly Actor ForNotifier = Actor.Person("tang.officer", ["officer"], Station, actingFor: "wu.officer");
    private static readonly Actor LegalReviewer = Actor.Person("qian.legal", ["legal-officer"], "legal");
    private static readonly Actor ReReviewer = Actor.Person("shen.legal", ["legal-officer"], "legal");
    private static readonly Actor CountyHead = Actor.Person("xu.county", ["county-head"], "bureau");
    private static readonly Actor ClosureReviewer = Actor.Person("he.legal", ["legal-officer"], "legal");
    private static readonly Actor Evaluator = Actor.Person("feng.legal", ["legal-officer"], "legal");

    private ScenarioDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await ScenarioDatabase.OpenAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task<(ScenarioHarness H, Guid CaseId)> RunAsync()
    {
        var h = await CreateAsync(_database);
        h.Delegations.Add(new Delegation("wu.officer", "tang.officer", h.Clock.Now, h.Clock.Now.AddDays(30)));
        await h.StartIncidentAsync(CallTaker);
        await h.DoAsync("Task_Register", CallTaker, "dispatch");
        await h.DoAsync("Task_Dispatch", Dispatcher);
        await h.DoAsync("Task_Acknowledge", DutyOfficer);
        await h.DoAsync("Task_Arrive", Responder);
        await h.DoAsync("Task_Feedback", Responder, "submit", FlowDriver.ToCase("to-admin-case", "public-order"));

        await h.DoAsync("Task_Intake", Deputy);
        Assert.Equal(AccountabilityErrors.SeparationOfDuties, (await h.ClaimAsync("Task_IntakeApproval", Deputy)).Error?.Code);
        await h.DoAsync("Task_IntakeApproval", StationHead, "approve");

        Ok(await h.ClaimAsync("Task_Investigation", FirstHandler));
        var investigation = await h.TaskIdAsync("Task_Investigation");
        Ok(await h.Runtime.OfferAsync(investigation, Handler.Id, "调岗，移交周警官继续办理", FirstHandler, Ct));
        Ok(await h.Runtime.AcceptOfferAsync(investigation, Handler, Ct));
        Ok(await h.CompleteAsync("Task_Investigation", Handler, "submit"));
        await h.DoAsync("Task_NotifyReporter", ForNotifier, "notified");

        // Returned for correction; the handler adds the witness statement; the re-review returns it again; contested; overridden.
        await h.DoAsync("Task_LegalReview", LegalReviewer, "return");
        await h.DoAsync("Task_Correction", Handler, "resubmit", ("evidence", "询问笔录、视频、证人证言"));
        await h.DoAsync("Task_LegalReview", ReReviewer, "return");
        await h.DoAsync("Task_Correction", Handler, "contest");
        Ok(await h.ClaimAsync("Task_OverrideApproval", CountyHead));
        Ok(await h.CompleteAsync("Task_OverrideApproval", CountyHead, "override", reasonCode: "new-evidence", reason: "补充的监控视频证实违法事实"));

        await h.DoAsync("Task_DecideExecute", Handler);
        await h.DoAsync("Task_ClosureReview", ClosureReviewer, "close");
        await h.DoAsync("Task_Evaluation", Evaluator);
        var adminCase = await h.CaseAsync("police-admin-case");
        Assert.Equal(InstanceStatus.Completed, adminCase.Status);
        return (h, adminCase.Id);
    }

    private LedgerTraceReader Reader() => new(_database.Contexts, new CaseTraceBuilder([PoliceDuties.Reviewer, PoliceDuties.Approver]));

    [Fact]
    public async Task BackwardTrace_NamesTheAnswerablePersonAtEveryStep_FromTheLedger()
    {
        var (h, caseId) = await RunAsync();

        var traced = await Reader().TraceAsync(caseId, cancellationToken: Ct);

        Assert.NotNull(traced);
        Assert.True(traced.Verification.Ok, traced.Verification.FirstProblem?.Message);
        Assert.Empty(traced.Warnings);
        Assert.Equal([("police-incident", (Guid?)null), ("police-admin-case", h.IncidentId)], traced.Trace.Instances.Select(i => (i.ProcessId, i.ParentId)));
        Assert.Equal(
        [
            ("Task_Register", "li.call", null, "call-taker", "command", "dispatch", "li.call", TraceAnswerable.Completed),
            ("Task_Dispatch", "zhao.dispatch", null, "dispatcher", "command", null, "zhao.dispatch", TraceAnswerable.Completed),
            ("Task_Acknowledge", "chen.duty", null, "duty-officer", Station, null, "chen.duty", TraceAnswerable.Completed),
            ("Task_Arrive", "wang.officer", null, "officer", Station, null, "wang.officer", TraceAnswerable.Completed),
            ("Task_Feedback", "wang.officer", null, "officer", Station, "submit", "wang.officer", TraceAnswerable.Completed),
            ("Task_Intake", "ma.deputy", null, "officer", Station, null, "ma.deputy", TraceAnswerable.Completed),
            ("Task_IntakeApproval", "gao.head", null, "unit-head", Station, "approve", "gao.head", TraceAnswerable.Completed),
            ("Task_Investigation", "zhou.officer", null, "officer", Station, "submit", "zhou.officer", TraceAnswerable.Completed),
            ("Task_NotifyReporter", "tang.officer", "wu.officer", "officer", Station, "notified", "wu.officer", TraceAnswerable.Completed),
            ("Task_LegalReview", "qian.legal", null, "legal-officer", "legal", "return", "qian.legal", TraceAnswerable.Completed),
            ("Task_Correction", "zhou.officer", null, "officer", Station, "resubmit", "zhou.officer", TraceAnswerable.Completed),
            ("Task_LegalReview", "shen.legal", null, "legal-officer", "legal", "return", "xu.county", TraceAnswerable.Overridden),
            ("Task_Correction", "zhou.officer", null, "officer", Station, "contest", "zhou.officer", TraceAnswerable.Completed),
            ("Task_OverrideApproval", "xu.county", null, "county-head", "bureau", "override", "xu.county", TraceAnswerable.Override),
            ("Task_DecideExecute", "zhou.officer", null, "officer", Station, null, "zhou.officer", TraceAnswerable.Completed),
            ("Task_ClosureReview", "he.legal", null, "legal-officer", "legal", "close", "he.legal", TraceAnswerable.Completed),
            ("Task_Evaluation", "feng.legal", null, "legal-officer", "legal", null, "feng.legal", TraceAnswerable.Completed),
        ], traced.Trace.Steps.Select(s => (s.ElementId, s.CompletedBy?.Id, s.CompletedBy?.ActingFor, s.CompletedBy?.Role, s.CompletedBy?.Unit, s.Outcome,
            s.Answerable, s.AnswerableBasis)));

        // The refused self-approval left nothing; the handover names both people; the override names the reviewer it overruled.
        var approval = traced.Trace.Steps.Single(s => s.ElementId == "Task_IntakeApproval");
        Assert.DoesNotContain(approval.Events, e => e.By.Id == Deputy.Id);
        Assert.Equal([("claimed", "sun.officer", null, "sun.officer"), ("handover-offered", "sun.officer", "sun.officer", "zhou.officer"),
            ("handover-accepted", "zhou.officer", "sun.officer", "zhou.officer")],
            traced.Trace.Steps.Single(s => s.ElementId == "Task_Investigation").Events.Select(e => (e.Kind, e.By.Id, e.From, e.To)));
        var shift = traced.Trace.Steps.Single(s => s.ElementId == "Task_OverrideApproval").Override!;
        Assert.Equal(("shen.legal", "Task_LegalReview", "return", "xu.county", "new-evidence", "补充的监控视频证实违法事实"),
            (shift.From, shift.FromStep, shift.FromOutcome, shift.To, shift.ReasonCode, shift.Reason));
        var returned = traced.Trace.Steps.First(s => s.ElementId == "Task_LegalReview");
        Assert.Equal(("reviewer", false, "insufficient-evidence"), (returned.Duty, returned.Forward, returned.ReasonCode));

        // Field level: the evidence as investigated (returned by the first review), then as corrected (re-reviewed, the return
        // overruled by the county head, then closure-reviewed); each with the person who entered it.
        var evidence = traced.Trace.Fields.Single(f => f.Name == "evidence").Values;
        Assert.Equal([("Task_Investigation", "zhou.officer", "询问笔录、视频"), ("Task_Correction", "zhou.officer", "询问笔录、视频、证人证言")],
            evidence.Select(v => (v.Step, v.Answerable, v.After?.GetString())));
        Assert.Equal([("Task_LegalReview", "qian.legal", "return", "qian.legal")],
            evidence[0].Checks.Select(c => (c.Step, c.By.Id, c.Outcome, c.Answerable)));
        Assert.Equal(
        [
            ("Task_LegalReview", "shen.legal", "return", "xu.county"),
            ("Task_OverrideApproval", "xu.county", "override", "xu.county"),
            ("Task_ClosureReview", "he.legal", "close", "he.legal"),
        ], evidence[1].Checks.Select(c => (c.Step, c.By.Id, c.Outcome, c.Answerable)));
        // The incident's facts: entered at feedback, approved into a case by the station head, reviewed by legal.
        var disposition = Assert.Single(traced.Trace.Fields.Single(f => f.Name == "disposition").Values);
        Assert.Equal(("Task_Feedback", "wang.officer"), (disposition.Step, disposition.Answerable));
        Assert.Equal("gao.head", disposition.Checks[0].By.Id);
    }

    [Fact]
    public async Task BackwardTrace_NarrowsToOneFieldOrOneStep_AndIsTheSameFromTheIncident()
    {
        var (h, caseId) = await RunAsync();
        var reader = Reader();

        var field = await reader.TraceAsync(h.IncidentId, new TraceFilter(Field: "evidence"), Ct);
        var step = await reader.TraceAsync(caseId, new TraceFilter(Step: "Task_LegalReview"), Ct);

        Assert.Equal(["Task_Investigation", "Task_LegalReview", "Task_Correction", "Task_LegalReview", "Task_OverrideApproval", "Task_ClosureReview"],
            field!.Trace.Steps.Select(s => s.ElementId));
        Assert.Equal([("qian.legal", "qian.legal"), ("shen.legal", "xu.county")], step!.Trace.Steps.Select(s => (s.CompletedBy!.Id, s.Answerable)));
        Assert.Equal(["缺少证人证言"], step.Trace.Fields.Single(f => f.Name == "reviewOpinion").Values.Select(v => v.After?.GetString()));
    }
}
