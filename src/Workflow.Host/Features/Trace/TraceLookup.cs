using System.Data.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Catalogue;
using Workflow.Engine.Storage;
using Workflow.Engine.Trace;
using Workflow.Host.Features.Identity;
using Workflow.Host.Features.Instances;
using Workflow.Persistence;
using Workflow.Persistence.Ledger;

namespace Workflow.Host.Features.Trace;

/// <summary>What the trace API and the trace page share: checking the request, reading the trace, naming the steps.</summary>
internal static class TraceLookup
{
    /// <summary>Longest field or step name accepted (variable names and element ids are far shorter).</summary>
    private const int MaxName = 200;

    /// <summary>The product's checking duties: a reviewer's or an approver's decision reviews what a handler entered.</summary>
    private static readonly CaseTraceBuilder Builder = new([PoliceDuties.Reviewer, PoliceDuties.Approver]);

    /// <summary>The filter, or a 400 problem when a given field or step is blank or too long.</summary>
    public static (TraceFilter? Filter, ProblemHttpResult? Problem) Filter(string? field, string? step)
    {
        foreach (var (name, value) in new[] { ("field", field), ("step", step) })
        {
            if (value is not null && (string.IsNullOrWhiteSpace(value) || value.Length > MaxName))
            {
                return (null, ApiErrors.Invalid($"{name} must name a variable or a step (1–{MaxName} characters) when given"));
            }
        }
        return (new TraceFilter(field?.Trim(), step?.Trim()), null);
    }

    /// <summary>
    /// The trace of the case holding the instance (a Guid) or the business key; null when unknown, or when <paramref name="me"/>
    /// may not read the case. Trace readers of a county-wide role see every case; a unit head (the one unit-scoped trace reader)
    /// only a case they may read (<see cref="CaseAccess"/>: one that took part in their unit or involved them), and any other
    /// gets the unknown case's answer, as instance reads do.
    /// </summary>
    public static async Task<LedgerTrace?> ReadAsync(IDbContextFactory<WorkflowDbContext> contexts, CaseAccess access, SignedIn me, Guid? instanceId,
        string? businessKey, TraceFilter filter, CancellationToken ct)
    {
        var scoped = !CaseAccess.IsCountyWide(me);
        // Asked by id, the check comes first (it covers the instance's whole call tree): a refused reader costs no ledger read.
        if (scoped && instanceId is { } asked && !await MayReadAsync(access, me, [asked], ct))
        {
            return null;
        }
        var reader = new LedgerTraceReader(contexts, Builder);
        var traced = instanceId is { } id ? await reader.TraceAsync(id, filter, ct) : await reader.TraceByBusinessKeyAsync(businessKey!, filter, ct);
        if (traced is null || !scoped || instanceId is not null)
        {
            return traced;
        }
        // Asked by business key, the instances are known only from the trace.
        return await MayReadAsync(access, me, traced.Trace.Instances.Select(i => i.Id).ToArray(), ct) ? traced : null;
    }

    private static async Task<bool> MayReadAsync(CaseAccess access, SignedIn me, Guid[] instances, CancellationToken ct)
    {
        var (readable, _) = await access.ReadableAsync(me, null, instances, ct);
        return readable is { Count: > 0 };
    }

    /// <summary>Names of the traced steps and call activities (zh-CN, en) from the definition versions the instances ran.</summary>
    public static async Task<IReadOnlyDictionary<(Guid, string), (string? Zh, string? En)>> StepNamesAsync(IDefinitionStore definitions, CaseTrace trace,
        CancellationToken ct)
    {
        var names = new Dictionary<(Guid, string), (string?, string?)>();
        foreach (var instance in trace.Instances)
        {
            if (instance.ProcessId is null || await definitions.FindAsync(instance.ProcessId, instance.Version, ct) is not { } deployed)
            {
                continue;
            }
            // Its steps, and the call activities from which it started the other instances of the case.
            var elements = trace.Steps.Where(s => s.InstanceId == instance.Id).Select(s => s.ElementId)
                .Concat(trace.Instances.Where(i => i.ParentId == instance.Id).Select(i => i.CalledFrom));
            foreach (var element in elements.OfType<string>())
            {
                if (deployed.Definition.FindNode(element) is { } node)
                {
                    names[(instance.Id, node.Id)] = (node.Name, node.Task.NameEn);
                }
            }
        }
        return names;
    }

    public static ProblemHttpResult NotFound(string what) =>
        ApiErrors.Problem(StatusCodes.Status404NotFound, "case-not-found", $"the ledger has no case for {what}");
}
