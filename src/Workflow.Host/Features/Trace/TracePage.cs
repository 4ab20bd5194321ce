using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Storage;
using Workflow.Engine.Trace;
using Workflow.Host.Features.Identity;
using Workflow.Host.Features.Instances;
using Workflow.Persistence;
using Workflow.Persistence.Identity;
using Workflow.Persistence.Ledger;
using static Workflow.Host.Features.Html;

namespace Workflow.Host.Features.Trace;

/// <summary>
/// The printable backward trace: one table per step (who owned it, who completed it, the decision and its reason, who answers
/// for it, the values entered there and who reviewed and approved them), zh-CN first with English beside it, no external assets.
/// </summary>
internal static class TracePage
{
    private static readonly CultureInfo China = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary><c>GET /cases/{id}/trace</c>: <paramref name="id"/> is an instance id or a business key.</summary>
    public static async Task<IResult> RenderAsync(string id, string? field, string? step, SignedIn me, CaseAccess access,
        IDbContextFactory<WorkflowDbContext> contexts, IDefinitionStore definitions, EfUserStore users, CancellationToken ct)
    {
        var (filter, invalid) = TraceLookup.Filter(field, step);
        if (invalid is not null)
        {
            return invalid;
        }
        if (string.IsNullOrWhiteSpace(id) || id.Length > 200)
        {
            return ApiErrors.Invalid("give an instance id or a business key");
        }
        try
        {
            var instanceId = Guid.TryParse(id, out var g) ? g : (Guid?)null;
            if (await TraceLookup.ReadAsync(contexts, access, me, instanceId, instanceId is null ? id : null, filter!, ct) is not { } traced)
            {
                return TraceLookup.NotFound(id);
            }
            var names = await TraceLookup.StepNamesAsync(definitions, traced.Trace, ct);
            var people = await TracePeople.RenderAsync(traced.Trace, users, ct);
            return TypedResults.Content(Render(id, traced, names, people), "text/html; charset=utf-8");
        }
        catch (DbException e)
        {
            return ApiErrors.LedgerUnavailable(e);
        }
    }

    private static string Render(string id, LedgerTrace traced, IReadOnlyDictionary<(Guid, string), (string? Zh, string? En)> names, string people)
    {
        var trace = traced.Trace;
        var html = new StringBuilder();
        html.Append(Verification(traced));
        foreach (var warning in traced.Warnings)
        {
            html.Append("<p class=bad>⚠ ").Append(E(warning)).Append("</p>");
        }
        if (trace.Filter.Field is not null || trace.Filter.Step is not null)
        {
            html.Append("<p>筛选 Filter: ").Append(trace.Filter.Field is { } f ? $"字段 field <code>{E(f)}</code> " : "")
                .Append(trace.Filter.Step is { } s ? $"步骤 step <code>{E(s)}</code>" : "").Append("</p>");
        }
        html.Append("<h2>案件实例 Instances</h2><table><tr><th>流程 Process</th><th>版本 Version</th><th>业务编号 Business key</th><th>上级 Called by</th>")
            .Append("<th>开始 Started</th><th>发起 Started by</th><th>实例 Instance</th></tr>");
        foreach (var i in trace.Instances)
        {
            html.Append("<tr><td>").Append(E(i.ProcessId)).Append("</td><td>").Append(i.Version).Append("</td><td>").Append(E(i.BusinessKey))
                .Append("</td><td><code>").Append(E(i.ParentId?.ToString())).Append("</code>").Append(CalledAt(i, names)).Append("</td><td>").Append(Time(i.StartedAt)).Append("</td><td>")
                .Append(Person(i.StartedBy)).Append("</td><td><code>").Append(E(i.Id.ToString())).Append("</code></td></tr>");
        }
        html.Append("</table><h2>步骤 Steps</h2>");
        if (trace.Steps.Count == 0)
        {
            html.Append("<p>无 None</p>");
        }
        var process = trace.Instances.ToDictionary(i => i.Id, i => i.ProcessId);
        var number = 0;
        foreach (var s in trace.Steps)
        {
            html.Append(Step(++number, s, process.GetValueOrDefault(s.InstanceId), names, trace));
        }
        html.Append(people);
        return Page($"责任倒查 Backward trace · {id}", html.ToString());
    }

    /// <summary>The step of the caller that started the instance (its call activity), named as in the step tables.</summary>
    private static string CalledAt(TraceInstance instance, IReadOnlyDictionary<(Guid, string), (string? Zh, string? En)> names)
    {
        if (instance is not { ParentId: { } parent, CalledFrom: { } element })
        {
            return "";
        }
        var (zh, en) = names.GetValueOrDefault((parent, element));
        return $"<br>由步骤 from step {E(zh ?? en ?? element)} <code>{E(element)}</code>";
    }

    private static string Verification(LedgerTrace traced)
    {
        var v = traced.Verification;
        return v.Ok
            ? $"<p class=ok>✔ 账本校验通过 Ledger verified: {v.Entries} 条记录 entries, {v.Streams} 个实例 instances.</p>"
            : $"<p class=bad>✘ 账本校验未通过，本倒查结果不可采信 The ledger does not verify; do not rely on this trace: {v.ProblemCount} 个问题 problems. "
              + $"{E(v.FirstProblem?.Message)}</p>";
    }

    private static string Step(int number, TraceStep s, string? process, IReadOnlyDictionary<(Guid, string), (string? Zh, string? En)> names, CaseTrace trace)
    {
        var (zh, en) = s.ElementId is { } element ? names.GetValueOrDefault((s.InstanceId, element)) : ("更正", "Amendment");
        var html = new StringBuilder();
        html.Append("<section><h3>").Append(number).Append(". ").Append(E(zh ?? s.ElementId)).Append(" <small>").Append(E(en)).Append(" · ")
            .Append(E(process)).Append(" · <code>").Append(E(s.ElementId ?? s.TaskId?.ToString())).Append("</code></small></h3><table>");
        Row(html, "负责人 Answerable", $"<b>{E(s.Answerable ?? "—")}</b> · {Basis(s)}");
        Row(html, "职责 Duty", Duty(s.Duty));
        Row(html, "创建 Created", Time(s.CreatedAt));
        foreach (var e in s.Events)
        {
            Row(html, Event(e.Kind), $"{Time(e.At)} · {Person(e.By)}{(e.From is null ? "" : $" · 由 from {E(e.From)}")}{(e.To is null ? "" : $" · 至 to {E(e.To)}")}"
                + (e.Reason is null ? "" : $" · {E(e.Reason)}"));
        }
        Row(html, s.Kind == "amendment" ? "提出 Proposed by" : "完成 Completed by", s.CompletedAt is null && s.Kind == "task"
            ? "未完成 open"
            : $"{Time(s.CompletedAt)} · {Person(s.CompletedBy)}");
        if (s.ApprovedBy is not null)
        {
            Row(html, "复核 Reviewed by", Person(s.ApprovedBy));
        }
        if (s.Outcome is not null)
        {
            Row(html, "决定 Decision", $"{E(s.Outcome)}{(s.Forward == false ? " <span class=bad>（退回/否定 returned or rejected）</span>" : "")}");
        }
        if (s.ReasonCode is not null || s.Reason is not null)
        {
            Row(html, "理由 Reason", $"<code>{E(s.ReasonCode)}</code> {E(s.Reason)}");
        }
        if (s.Override is { } o)
        {
            Row(html, "否决 Override", $"{E(o.To)} 否决了 overruled {E(o.From)} 在 at <code>{E(o.FromStep)}</code> 的决定 decision “{E(o.FromOutcome)}”，"
                + $"结果责任由 {E(o.To)} 承担 answers for the outcome · <code>{E(o.ReasonCode)}</code> {E(o.Reason)} · {Time(o.At)}");
        }
        html.Append("</table>");
        var values = trace.Fields.SelectMany(f => f.Values).Where(v => v.TaskId == s.TaskId).ToList();
        if (values.Count > 0)
        {
            html.Append("<table class=fields><tr><th>字段 Field</th><th>原值 Before</th><th>新值 After</th><th>负责 Answerable</th><th>审核/审批 Reviewed / approved</th></tr>");
            foreach (var f in trace.Fields)
            {
                foreach (var v in f.Values.Where(v => v.TaskId == s.TaskId))
                {
                    html.Append("<tr><td><code>").Append(E(f.Name)).Append("</code></td><td>").Append(Value(v.Before)).Append("</td><td>").Append(Value(v.After))
                        .Append("</td><td>").Append(E(v.Answerable)).Append("</td><td>").Append(Checks(v)).Append("</td></tr>");
                }
            }
            html.Append("</table>");
        }
        return html.Append("</section>").ToString();
    }

    private static string Checks(TraceValue v)
    {
        if (v.Checks.Count == 0)
        {
            return "—";
        }
        return string.Join("<br>", v.Checks.Select(c =>
            $"{Duty(c.Duty)} {Person(c.By)} · {E(c.Outcome)}{(c.Forward == false ? "（退回 returned）" : "")} · {Time(c.At)}"
            + (c.AnswerableBasis == TraceAnswerable.Overridden ? $" · <b>被否决，由 {E(c.Answerable)} 负责 overruled: {E(c.Answerable)} answers</b>" : "")));
    }

    private static void Row(StringBuilder html, string label, string content) =>
        html.Append("<tr><th>").Append(label).Append("</th><td>").Append(content).Append("</td></tr>");

    private static string Basis(TraceStep s) => s.AnswerableBasis switch
    {
        TraceAnswerable.Completed => "完成人负责 completed it (or it was completed in their name)",
        TraceAnswerable.Override => "否决审核意见，承担结果责任 overruled the reviewer and owns the outcome",
        TraceAnswerable.Overridden => $"审核意见被否决，结果责任转由 {E(s.Answerable)} 承担 decision overruled: the approver answers for the outcome",
        TraceAnswerable.Assignee => "当前承办人（移交未接受前仍由移交人负责） current assignee (a sender answers until the handover is accepted)",
        _ => "无人认领 unclaimed",
    };

    private static string Duty(string? duty) => duty switch
    {
        "handler" => "办理 handler",
        "reviewer" => "审核 reviewer",
        "approver" => "审批 approver",
        "evaluator" => "考评 evaluator",
        null => "—",
        _ => E(duty),
    };

    private static string Event(string kind) => kind switch
    {
        "claimed" => "认领 Claimed",
        "unclaimed" => "退回待办 Released",
        "handover-offered" => "移交 Handover offered",
        "handover-accepted" => "接受移交 Handover accepted",
        "handover-declined" => "拒绝移交 Handover declined",
        "handover-withdrawn" => "撤回移交 Handover withdrawn",
        _ => E(kind),
    };

    private static string Person(TracePerson? p) => p is null
        ? "—"
        : $"<b>{E(p.Id)}</b>{(p.Role is null ? "" : $" ({E(p.Role)})")}{(p.Unit is null ? "" : $" · {E(p.Unit)}")}"
          + (p.ActingFor is null ? "" : $" · 代理 acting for <b>{E(p.ActingFor)}</b>");

    private static string Value(JsonElement? value) => value switch
    {
        null => "<span class=none>（无 none）</span>",
        { ValueKind: JsonValueKind.String } v => E(v.GetString()),
        { } v => $"<code>{E(v.GetRawText())}</code>",
    };

    private static string Time(DateTimeOffset? at) => at is { } t ? E(t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", China)) : "—";

    private static string Page(string title, string body) => $$"""
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>{{E(title)}}</title>
        <style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:.4rem 0;width:100%}
        td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#f4f4f4;width:12rem}
        .fields th{width:auto}.ok{color:#176c2e}.bad{color:#b00020}.none{color:#888}section{margin:1.2rem 0}small{color:#555;font-weight:normal}
        @media print{body{margin:0;font-size:10pt}section,tr{page-break-inside:avoid}th{background:none}a{color:inherit;text-decoration:none} }</style></head>
        <body><h1>{{E(title)}}</h1>
        <p>时间为北京时间 Times in UTC+8. 数据来自防篡改账本 Read from the tamper-evident ledger.</p>
        {{body}}
        </body></html>
        """;
}
