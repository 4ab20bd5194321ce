using Workflow.Activities.Case;
using Workflow.Activities.Catalogue;
using Workflow.Activities.CrossCutting;
using Workflow.Activities.Incident;
using Workflow.Activities.Validation;

namespace Workflow.Activities.Tests.Support;

/// <summary>A valid completion for every activity and outcome of the catalogue: what an officer would enter.</summary>
internal static class Samples
{
    /// <summary>The time the samples are checked at; every recorded time lies before it.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public const string Incident = "J-2026-0001";
    public const string Reason = "情况说明 / explanation";

    private static readonly Dictionary<(string Key, string? Outcome), Dictionary<string, object?>> Data = new()
    {
        [(RegisterIncident.Type, "dispatch")] = new()
        {
            ["channel"] = "110", ["nature"] = "dispute", ["urgency"] = "2", ["reporterName"] = "张三", ["reporterPhone"] = "138 0000 0000",
            ["occurredAt"] = "2026-03-01T07:40:00+08:00", ["location"] = "城关镇解放路 12 号", ["involvedPersons"] = "张三、李四",
            ["summary"] = "邻里因停车发生口角", ["means"] = "口角、推搡", ["consequence"] = "无人受伤",
        },
        [(RegisterIncident.Type, "invalid")] = new() { ["channel"] = "110", ["nature"] = "invalid", ["urgency"] = "3" },
        [(RegisterIncident.Type, "duplicate")] = new()
        {
            ["channel"] = "110", ["nature"] = "dispute", ["urgency"] = "2", ["duplicateOf"] = "J-2026-0000",
        },
        [(RegisterIncident.Type, "divert")] = new() { ["channel"] = "phone", ["nature"] = "non-police", ["urgency"] = "3" },
        [(Dispatch.Type, null)] = new() { ["unit"] = "chengguan", ["area"] = "urban", ["dispatchNote"] = "速到现场" },
        [(Acknowledge.Type, null)] = new() { ["responderLead"] = "王五", ["coResponders"] = "辅警赵六" },
        [(Arrive.Type, null)] = new() { ["arrivedAt"] = "2026-03-01T07:48:00+08:00" },
        [(Feedback.Type, "submit")] = new()
        {
            ["disposition"] = "dispute-settled", ["confirmedNature"] = "dispute", ["parties"] = "张三、李四", ["measures"] = "现场调解，双方和解",
            ["bodyCamRef"] = "BC-2026-0001", ["isCase"] = false,
        },
        [(Feedback.Type, "request-extension")] = new(),
        [(ReviewNonCase.Type, "approve")] = new() { ["reviewNote"] = "处置得当" },
        [(ReviewNonCase.Type, "return")] = new(),
        [(Handover.Type, "accept")] = new() { ["receiverNote"] = "已接收" },
        [(Handover.Type, "refuse")] = new(),
        [(Extension.Type, "approve")] = new() { ["extendBy"] = "P7D", ["approvalNote"] = "同意延期" },
        [(Extension.Type, "refuse")] = new(),
        [(Supervise.Type, null)] = new() { ["supervisionNote"] = "已电话督促签收" },
        [(Intake.Type, null)] = new()
        {
            ["parentIncidentId"] = Incident, ["cause"] = "殴打他人", ["source"] = "incident", ["acceptedAt"] = "2026-03-01T09:00:00+08:00",
            ["summary"] = "张三殴打李四致轻微伤", ["opinion"] = "符合受案条件，建议受案", ["receiptNo"] = "SA-2026-0001",
        },
        [(IntakeApproval.Type, "approve")] = new(),
        [(IntakeApproval.Type, "return")] = new(),
        [(FilingDecision.Type, "file")] = new() { ["findings"] = "有犯罪事实", ["legalBasis"] = "刑事诉讼法第一百一十二条", ["chargeName"] = "故意伤害罪" },
        [(FilingDecision.Type, "not-file")] = new() { ["findings"] = "情节显著轻微", ["legalBasis"] = "刑事诉讼法第十六条" },
        [(FilingDecision.Type, "request-extension")] = new(),
        [(AdminInvestigation.Type, "submit")] = new()
        {
            ["findings"] = "张三殴打李四属实", ["evidence"] = "询问笔录、视频", ["proposedDecision"] = "fine", ["legalBasis"] = "治安管理处罚法第四十三条",
            ["fineAmount"] = 200d,
        },
        [(AdminInvestigation.Type, "request-extension")] = new(),
        [(CriminalInvestigation.Type, null)] = new()
        {
            ["findings"] = "犯罪事实清楚", ["evidence"] = "鉴定意见、证人证言", ["proposedDecision"] = "refer-prosecution", ["legalBasis"] = "刑法第二百三十四条",
        },
        [(LegalReview.Type, "pass")] = new() { ["reviewOpinion"] = "事实清楚，证据充分" },
        [(LegalReview.Type, "return")] = new() { ["reviewOpinion"] = "缺少证人证言" },
        [(LegalReview.Type, "reject")] = new() { ["reviewOpinion"] = "适用法律错误" },
        [(Approval.Type, "approve")] = new() { ["approvalOpinion"] = "同意" },
        [(Approval.Type, "return")] = new(),
        [(Approval.Type, "override")] = new(),
        [(Correction.Type, "resubmit")] = new() { ["correctionNote"] = "已补充证人证言" },
        [(Correction.Type, "contest")] = new(),
        [(DecideExecute.Type, null)] = new()
        {
            ["decision"] = "fine", ["decisionNo"] = "城公(治)决字〔2026〕0012号", ["decidedAt"] = "2026-03-01T10:00:00+08:00",
            ["noticeDeliveredAt"] = "2026-03-01T11:00:00+08:00",
        },
        [(ClosureReview.Type, "close")] = new()
        {
            ["documentsComplete"] = true, ["evidenceComplete"] = true, ["noticesDelivered"] = true, ["bodyCamArchived"] = true,
        },
        [(ClosureReview.Type, "return")] = new()
        {
            ["documentsComplete"] = false, ["evidenceComplete"] = true, ["noticesDelivered"] = true, ["bodyCamArchived"] = true,
        },
        [(NotifyReporter.Type, "notified")] = new() { ["notifiedAt"] = "2026-03-01T12:00:00+08:00", ["notifyMethod"] = "phone", ["notifiedPerson"] = "李四" },
        [(NotifyReporter.Type, "unreachable")] = new(),
        [(OnlineEvaluation.Type, null)] = new() { ["score"] = 95d, ["deductions"] = "文书格式瑕疵 -5", ["evaluationNote"] = "案卷规范" },
    };

    /// <summary>The coded reason (the completion's reasonCode) of the samples whose outcome needs a reason.</summary>
    private static readonly Dictionary<(string Key, string? Outcome), string> Codes = new()
    {
        [(RegisterIncident.Type, "invalid")] = "invalid",
        [(RegisterIncident.Type, "duplicate")] = "duplicate",
        [(RegisterIncident.Type, "divert")] = "diverted-12345",
        [(Feedback.Type, "request-extension")] = "complex",
        [(ReviewNonCase.Type, "return")] = "missing-body-cam",
        [(Handover.Type, "refuse")] = "not-our-jurisdiction",
        [(Extension.Type, "refuse")] = "insufficient-grounds",
        [(IntakeApproval.Type, "return")] = "incomplete-record",
        [(FilingDecision.Type, "not-file")] = "trivial",
        [(FilingDecision.Type, "request-extension")] = "lead-check",
        [(AdminInvestigation.Type, "request-extension")] = "evidence-pending",
        [(LegalReview.Type, "return")] = "insufficient-evidence",
        [(LegalReview.Type, "reject")] = "wrong-law",
        [(Approval.Type, "return")] = "unclear-facts",
        [(Approval.Type, "override")] = "new-evidence",
        [(Correction.Type, "contest")] = "review-error",
        [(ClosureReview.Type, "return")] = "missing-documents",
        [(NotifyReporter.Type, "unreachable")] = "no-answer",
    };

    /// <summary>The sample's coded reason, or null when its outcome needs none.</summary>
    public static string? ReasonCodeFor(string key, string? outcome) => Codes.GetValueOrDefault((key, outcome));

    /// <summary>Every (activity, outcome) pair: the activity's outcomes, or null for an activity without any.</summary>
    public static IEnumerable<(PoliceActivity Activity, string? Outcome)> All() =>
        ActivityCatalogue.Default.All.SelectMany(a => a.Outcomes.Count == 0
            ? [(a, (string?)null)]
            : a.Outcomes.Select(o => (a, (string?)o.Id)));

    public static bool Has(string key, string? outcome) => Data.ContainsKey((key, outcome));

    /// <summary>A fresh copy of the sample data, to change in a test.</summary>
    public static Dictionary<string, object?> For(string key, string? outcome) =>
        Data.TryGetValue((key, outcome), out var data)
            ? new Dictionary<string, object?>(data, StringComparer.Ordinal)
            : throw new InvalidOperationException($"no sample for {key} / {outcome ?? "(no outcome)"}");

    /// <summary>The request for the sample, with the data given (the sample when null).</summary>
    /// <remarks><paramref name="reasonCode"/> null takes the sample's code; "" gives none.</remarks>
    public static CompletionRequest Request(string key, string? outcome, Dictionary<string, object?>? data = null, string? reason = null,
        IReadOnlyDictionary<string, object?>? variables = null, DateTimeOffset? dueAt = null, IReadOnlySet<string>? roles = null,
        string? businessKey = Incident, bool calledByParent = false, string? reasonCode = null)
    {
        var activity = ActivityCatalogue.Default.Find(key)!;
        var needsReason = outcome is not null && activity.FindOutcome(outcome)?.RequiresReason == true;
        return new CompletionRequest
        {
            ActivityType = key,
            Outcome = outcome,
            ReasonCode = reasonCode ?? ReasonCodeFor(key, outcome),
            Reason = reason ?? (needsReason ? Reason : null),
            Data = data ?? For(key, outcome),
            Variables = variables,
            Now = Now,
            DueAt = dueAt,
            ActorRoles = roles,
            BusinessKey = businessKey,
            CalledByParent = calledByParent,
        };
    }
}
