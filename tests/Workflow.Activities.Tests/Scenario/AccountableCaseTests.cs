using System.Text.Json;
using Workflow.Activities.Tests.Support;
using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using static Workflow.Activities.Tests.Scenario.ScenarioHarness;

namespace Workflow.Activities.Tests.Scenario;

/// <summary>
/// A whole incident and its case, run by the people DOMAIN.md §2 names, through the durable runtime with the police rules and
/// the activity catalogue, then traced backwards from the history (责任倒查): every step names who did it, in which role and
/// unit, with which decision and which values.
/// </summary>
public class AccountableCaseTests
{
    private const string Station = "chengguan";

    private static readonly Actor CallTaker = Actor.Person("li.call", ["call-taker"], "command");
    private static readonly Actor Dispatcher = Actor.Person("zhao.dispatch", ["dispatcher"], "command");
    private static readonly Actor DutyOfficer = Actor.Person("chen.duty", ["duty-officer"], Station);
    private static readonly Actor Responder = Actor.Person("wang.officer", ["officer"], Station);
    // A deputy station head who also handles cases: the person separation of duties is for.
    private static readonly Actor Deputy = Actor.Person("ma.deputy", ["officer", "unit-head"], Station);
    private static readonly Actor StationHead = Actor.Person("gao.head", ["unit-head"], Station);
    private static readonly Actor FirstHandler = Actor.Person("sun.officer", ["officer"], Station);
    private static readonly Actor Handler = Actor.Person("zhou.officer", ["officer"], Station);
    private static readonly Actor Notifier = Actor.Person("wu.officer", ["officer"], Station);
    private static readonly Actor LegalReviewer = Actor.Person("qian.legal", ["legal-officer"], "legal");
    private static readonly Actor CountyHead = Actor.Person("xu.county", ["county-head"], "bureau");
    private static readonly Actor ClosureReviewer = Actor.Person("he.legal", ["legal-officer"], "legal");
    private static readonly Actor Evaluator = Actor.Person("feng.legal", ["legal-officer"], "legal");

    private static async Task<ScenarioHarness> IncidentToCaseAsync(string disposition, string nature)
    {
        var h = await CreateAsync();
        await h.StartIncidentAsync(CallTaker);
        await h.DoAsync("Task_Register", CallTaker, "dispatch");
        await h.DoAsync("Task_Dispatch", Dispatcher);
        await h.DoAsync("Task_Acknowledge", DutyOfficer);
        await h.DoAsync("Task_Arrive", Responder);
        await h.DoAsync("Task_Feedback", Responder, "submit", FlowDriver.ToCase(disposition, nature));
        return h;
    }

    [Fact]
    public async Task AdministrativeCase_NamesTheAnswerablePersonAtEveryStep_ThroughReturnHandoverRefusalAndOverride()
    {
        var h = await IncidentToCaseAsync("to-admin-case", "public-order");

        // Intake by the deputy head; the same person may not approve it (no self-approval).
        await h.DoAsync("Task_Intake", Deputy);
        var selfApproval = await h.ClaimAsync("Task_IntakeApproval", Deputy);
        Assert.Equal((AccountabilityErrors.SeparationOfDuties, RuleNames.SeparationOfDuties), (selfApproval.Error?.Code, selfApproval.Error?.Rule));
        await h.DoAsync("Task_IntakeApproval", StationHead, "approve");

        // The first handler is reassigned: he offers the investigation, stays answerable until the colleague accepts.
        Ok(await h.ClaimAsync("Task_Investigation", FirstHandler));
        var investigation = await h.TaskIdAsync("Task_Investigation");
        var offered = Ok(await h.Runtime.OfferAsync(investigation, Handler.Id, "调岗，移交周警官继续办理", FirstHandler, Ct)).FindTask(investigation)!;
        Assert.Equal((FirstHandler.Id, Handler.Id), (offered.Assignee, offered.Offer?.To));
        Assert.Equal(Handler.Id, Ok(await h.Runtime.AcceptOfferAsync(investigation, Handler, Ct)).FindTask(investigation)!.Assignee);
        Ok(await h.CompleteAsync("Task_Investigation", Handler, "submit"));
        await h.DoAsync("Task_NotifyReporter", Notifier, "notified");

        // The officer who handled the incident may not review its case, though no step lists his: the catalogue's duties
        // (handler ≠ reviewer) hold across the incident and the case it called.
        var ownReview = await h.ClaimAsync("Task_LegalReview", Actor.Person(Responder.Id, ["officer", "legal-officer"], Station));
        Assert.Equal(AccountabilityErrors.SeparationOfDuties, ownReview.Error?.Code);
        Assert.Contains("acted as handler at 'Task_Feedback'", ownReview.Error!.Message, StringComparison.Ordinal);

        // The legal officer returns the file for correction; the handler contests; the county head overrides the review.
        await h.DoAsync("Task_LegalReview", LegalReviewer, "return");
        await h.DoAsync("Task_Correction", Handler, "contest");
        Ok(await h.ClaimAsync("Task_OverrideApproval", CountyHead));
        var unjustified = await h.CompleteAsync("Task_OverrideApproval", CountyHead, "override", reasonCode: "", reason: "");
        Assert.Equal((AccountabilityErrors.JustificationRequired, RuleNames.Override), (unjustified.Error?.Code, unjustified.Error?.Rule));
        Ok(await h.CompleteAsync("Task_OverrideApproval", CountyHead, "override", reasonCode: "new-evidence", reason: "补充的监控视频证实违法事实"));

        await h.DoAsync("Task_DecideExecute", Handler);
        await h.DoAsync("Task_ClosureReview", ClosureReviewer, "close");
        await h.DoAsync("Task_Evaluation", Evaluator);

        var incident = await h.InstanceAsync(h.IncidentId);
        var adminCase = await h.CaseAsync("police-admin-case");
        Assert.Equal((InstanceStatus.Completed, InstanceStatus.Completed), (incident.Status, adminCase.Status));

        // 责任倒查: who did each step, in which role and unit, with which decision.
        var incidentHistory = await h.HistoryAsync(incident.Id);
        Assert.Equal(
        [
            ("Task_Register", "li.call", "call-taker", "command", "dispatch"),
            ("Task_Dispatch", "zhao.dispatch", "dispatcher", "command", null),
            ("Task_Acknowledge", "chen.duty", "duty-officer", Station, null),
            ("Task_Arrive", "wang.officer", "officer", Station, null),
            ("Task_Feedback", "wang.officer", "officer", Station, "submit"),
        ], Completed(incidentHistory));
        var caseHistory = await h.HistoryAsync(adminCase.Id);
        Assert.Equal(
        [
            ("Task_Intake", "ma.deputy", "officer", Station, null),
            ("Task_IntakeApproval", "gao.head", "unit-head", Station, "approve"),
            ("Task_Investigation", "zhou.officer", "officer", Station, "submit"),
            ("Task_NotifyReporter", "wu.officer", "officer", Station, "notified"),
            ("Task_LegalReview", "qian.legal", "legal-officer", "legal", "return"),
            ("Task_Correction", "zhou.officer", "officer", Station, "contest"),
            ("Task_OverrideApproval", "xu.county", "county-head", "bureau", "override"),
            ("Task_DecideExecute", "zhou.officer", "officer", Station, null),
            ("Task_ClosureReview", "he.legal", "legal-officer", "legal", "close"),
            ("Task_Evaluation", "feng.legal", "legal-officer", "legal", null),
        ], Completed(caseHistory));

        // A refused attempt changes nothing (the deputy's lines at the approval are only those of his intake creating it);
        // the handover shows both people.
        Assert.Equal(["task-created"],
            caseHistory.Where(e => e.ElementId == "Task_IntakeApproval" && e.Actor == Deputy.Id).Select(e => e.Kind));
        Assert.Equal(
        [
            ("claimed", "sun.officer"), ("handover-offered", "sun.officer"), ("handover-accepted", "zhou.officer"), ("task-completed", "zhou.officer"),
        ], caseHistory.Where(e => e.ElementId == "Task_Investigation" && e.Kind != "entered" && e.Kind != "task-created").Select(e => (e.Kind, e.Actor)));

        // The override moved the answer for the outcome from the reviewer to the county head, with the coded ground.
        var shifted = Assert.Single(caseHistory, e => e.Kind == "responsibility-shifted");
        var shift = Json(shifted);
        Assert.Equal(("qian.legal", "Task_LegalReview", "return", "xu.county", "new-evidence"),
            (Str(shift, "from"), Str(shift, "fromStep"), Str(shift, "fromOutcome"), Str(shift, "to"), Str(shift, "reasonCode")));

        // Field level: who entered which value at which step, and what it replaced.
        var review = Json(CompletedLine(caseHistory, "Task_LegalReview"));
        Assert.Equal("insufficient-evidence", Str(review, "reasonCode"));
        Assert.Equal((null, "缺少证人证言"), Field(review, "reviewOpinion"));
        Assert.Equal((null, "to-admin-case"), Field(Json(CompletedLine(incidentHistory, "Task_Feedback")), "disposition"));
        // The case starts with the incident's variables; the intake replaces the call summary with the case summary.
        Assert.Equal(("邻里因停车发生口角", "张三殴打李四致轻微伤"), Field(Json(CompletedLine(caseHistory, "Task_Intake")), "summary"));
        Assert.Equal((null, "fine"), Field(Json(CompletedLine(caseHistory, "Task_DecideExecute")), "decision"));

        // Decided and closed records are locked by the steps the catalogue names, against the people who decided them.
        Assert.Equal(("Task_DecideExecute", "zhou.officer"), (adminCase.Locks!["decision"].ElementId, adminCase.Locks["decision"].By));
        Assert.Equal(("Task_ClosureReview", "he.legal"), (adminCase.Locks["summary"].ElementId, adminCase.Locks["summary"].By));
    }

    [Fact]
    public async Task CriminalCase_NamesTheAnswerablePersonAtEveryStep_FromFilingToEvaluation()
    {
        var h = await IncidentToCaseAsync("to-criminal-case", "criminal");
        var filingHead = Actor.Person("lin.county", ["county-head"], "bureau");

        await h.DoAsync("Task_Intake", FirstHandler);
        await h.DoAsync("Task_FilingDecision", FirstHandler, "file");
        // The officer who proposed filing cannot approve it even with the county head's role.
        var selfApproval = await h.ClaimAsync("Task_FilingApproval", Actor.Person(FirstHandler.Id, ["officer", "county-head"], Station));
        Assert.Equal(AccountabilityErrors.SeparationOfDuties, selfApproval.Error?.Code);
        await h.DoAsync("Task_FilingApproval", filingHead, "approve");
        await h.DoAsync("Task_NotifyFiling", Notifier, "notified");
        await h.DoAsync("Task_Investigation", FirstHandler);
        await h.DoAsync("Task_LegalReview", LegalReviewer, "pass");
        await h.DoAsync("Task_Approval", CountyHead, "approve");
        await h.DoAsync("Task_DecideExecute", FirstHandler, null, ("decision", "refer-prosecution"));
        await h.DoAsync("Task_ClosureReview", ClosureReviewer, "close");
        await h.DoAsync("Task_Evaluation", Evaluator);

        var criminalCase = await h.CaseAsync("police-criminal-case");
        Assert.Equal(InstanceStatus.Completed, criminalCase.Status);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(h.IncidentId)).Status);
        Assert.Equal(
        [
            ("Task_Intake", "sun.officer", "officer", Station, null),
            ("Task_FilingDecision", "sun.officer", "officer", Station, "file"),
            ("Task_FilingApproval", "lin.county", "county-head", "bureau", "approve"),
            ("Task_NotifyFiling", "wu.officer", "officer", Station, "notified"),
            ("Task_Investigation", "sun.officer", "officer", Station, null),
            ("Task_LegalReview", "qian.legal", "legal-officer", "legal", "pass"),
            ("Task_Approval", "xu.county", "county-head", "bureau", "approve"),
            ("Task_DecideExecute", "sun.officer", "officer", Station, null),
            ("Task_ClosureReview", "he.legal", "legal-officer", "legal", "close"),
            ("Task_Evaluation", "feng.legal", "legal-officer", "legal", null),
        ], Completed(await h.HistoryAsync(criminalCase.Id)));
        Assert.Equal((null, "refer-prosecution"), Field(Json(CompletedLine(await h.HistoryAsync(criminalCase.Id), "Task_DecideExecute")), "decision"));
    }

    [Fact]
    public async Task CaseProcess_IsRefused_WhenStartedWithoutItsIncident()
    {
        var h = await CreateAsync();

        var orphan = await h.Runtime.StartAsync("police-admin-case", FirstHandler, businessKey: "A-2026-0001", cancellationToken: Ct);

        Assert.Equal(("parent-required", "parent-required"), (orphan.Error?.Code, orphan.Error?.Rule));
    }

    private static List<(string?, string?, string?, string?, string?)> Completed(IEnumerable<HistoryEntry> history) =>
        history.Where(e => e.Kind == "task-completed").Select(e => (e.ElementId, e.Actor, e.Role, e.Unit, e.Outcome)).ToList();

    private static HistoryEntry CompletedLine(IEnumerable<HistoryEntry> history, string elementId) =>
        Assert.Single(history, e => e.Kind == "task-completed" && e.ElementId == elementId);

    private static JsonElement Json(HistoryEntry entry) => JsonDocument.Parse(entry.Data!).RootElement.Clone();

    private static string? Str(JsonElement data, string name) => data.TryGetProperty(name, out var v) ? v.GetString() : null;

    /// <summary>The before and after of one field edit on a task-completed line (values as JSON strings here).</summary>
    private static (string? Before, string? After) Field(JsonElement data, string name)
    {
        var edit = data.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);
        return (edit.TryGetProperty("before", out var b) ? b.GetString() : null, edit.GetProperty("after").GetString());
    }
}
