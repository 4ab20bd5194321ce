using Workflow.Engine.Accountability;
using Workflow.Engine.Expressions;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Accountability.AccountabilityErrors;

namespace Workflow.Engine.Durable;

/// <summary>
/// Amendments (DOMAIN.md §4.8): a locked record is corrected only through an amendment linked to it, which someone other
/// than its proposer, eligible for the step that locked the variables, reviews again before its changes apply. Works on
/// ended instances too: a closed case is exactly the record that gets amended.
/// </summary>
public sealed partial class DurableRuntime
{
    /// <summary>
    /// Proposes new values for locked variables of an instance, with a reason code and a text. Nothing changes until the
    /// amendment is approved; one amendment per instance may be pending at a time.
    /// </summary>
    public async Task<DurableResult<Amendment>> ProposeAmendmentAsync(Guid instanceId, IReadOnlyDictionary<string, object?> changes,
        string reasonCode, string reason, Actor actor, CancellationToken cancellationToken = default)
    {
        var work = Begin(actor, cancellationToken);
        if (await work.LoadAsync(instanceId).ConfigureAwait(false) is not { } target)
        {
            return InstanceNotFound<Amendment>(instanceId);
        }
        var what = $"amend instance {instanceId}";
        if (await work.Guard.CheckInstanceAsync(TransitionKind.ProposeAmendment, target, what).ConfigureAwait(false) is { } refused)
        {
            return DurableResult.Failure<Amendment>(refused);
        }
        var instance = target.Instance;
        if (CompletionRules.CheckReason([], reasonCode, reason, true, "an amendment") is { } noReason)
        {
            return DurableResult.Failure<Amendment>(noReason with { Rule = RuleNames.Amendment });
        }
        if (instance.Amendments?.Find(a => a.Status == AmendmentStatus.Pending) is { } pending)
        {
            return Refused<Amendment>(AmendmentPending, $"cannot {what}: amendment {pending.Id} is waiting for its review");
        }
        if (changes is null || changes.Count == 0)
        {
            return Refused<Amendment>(AmendmentInvalid, $"cannot {what}: no change proposed");
        }
        var unlocked = changes.Keys.Where(k => instance.Locks?.ContainsKey(k) != true).ToList();
        if (unlocked.Count > 0)
        {
            return Refused<Amendment>(AmendmentInvalid,
                $"cannot {what}: not locked: {string.Join(", ", unlocked)}; unlocked variables are changed by completing a task");
        }
        if (changes.Keys.FirstOrDefault(k => !IsJson(changes[k])) is { } notJson)
        {
            return DurableResult.Failure<Amendment>(EngineErrors.InvalidValue, $"cannot {what}: the value proposed for '{notJson}' is not a JSON value");
        }
        var edits = FieldEdits.Compute(instance, changes);
        var same = changes.Keys.Where(k => !edits.Any(e => e.Name == k)).ToList();
        if (same.Count > 0)
        {
            return Refused<Amendment>(AmendmentInvalid, $"cannot {what}: {string.Join(", ", same)} would keep the value it has");
        }
        var amendment = new Amendment
        {
            Id = Guid.CreateVersion7(Clock.GetUtcNow()),
            Changes = [.. edits],
            ReasonCode = reasonCode.Trim(),
            Reason = reason,
            ProposedBy = actor.Id,
            ProposedActingFor = actor.ActingFor,
            ProposedAt = Clock.GetUtcNow(),
            Status = AmendmentStatus.Pending,
        };
        (instance.Amendments ??= []).Add(amendment);
        target.Changed = true;
        work.History.Add(instanceId, HistoryKinds.AmendmentProposed, null, new
        {
            amendmentId = amendment.Id,
            fields = Fields(amendment.Changes),
            reasonCode = amendment.ReasonCode,
            reason,
        });
        return await work.CommitAsync(amendment).ConfigureAwait(false);
    }

    /// <summary>
    /// Approves a pending amendment and applies its changes. The reviewer may be neither its proposer nor acting for them,
    /// and must be eligible for the step that locked each variable (its roles and unit).
    /// </summary>
    public Task<DurableResult<ProcessInstance>> ApproveAmendmentAsync(Guid instanceId, Guid amendmentId, Actor actor, CancellationToken cancellationToken = default) =>
        ReviewAsync(instanceId, amendmentId, actor, null, null, cancellationToken);

    /// <summary>Rejects a pending amendment, with a reason code and a text; nothing changes but the amendment's status.</summary>
    public Task<DurableResult<ProcessInstance>> RejectAmendmentAsync(Guid instanceId, Guid amendmentId, string reasonCode, string reason, Actor actor,
        CancellationToken cancellationToken = default)
    {
        if (CompletionRules.CheckReason([], reasonCode, reason, true, $"rejecting amendment {amendmentId}") is { } noReason)
        {
            return Task.FromResult(DurableResult.Failure<ProcessInstance>(noReason with { Rule = RuleNames.Amendment }));
        }
        return ReviewAsync(instanceId, amendmentId, actor, reasonCode.Trim(), reason, cancellationToken);
    }

    /// <summary>Reviews an amendment: approves it when <paramref name="reasonCode"/> is null, else rejects it.</summary>
    private async Task<DurableResult<ProcessInstance>> ReviewAsync(Guid instanceId, Guid amendmentId, Actor actor, string? reasonCode, string? reason,
        CancellationToken cancellationToken)
    {
        var work = Begin(actor, cancellationToken);
        if (await work.LoadAsync(instanceId).ConfigureAwait(false) is not { } target)
        {
            return InstanceNotFound<ProcessInstance>(instanceId);
        }
        var what = $"review amendment {amendmentId}";
        if (await work.Guard.CheckInstanceAsync(TransitionKind.ReviewAmendment, target, what).ConfigureAwait(false) is { } refused)
        {
            return DurableResult.Failure<ProcessInstance>(refused);
        }
        var instance = target.Instance;
        if (instance.Amendments?.Find(a => a.Id == amendmentId) is not { } amendment)
        {
            return Refused<ProcessInstance>(AmendmentNotFound, $"instance {instanceId} has no amendment {amendmentId}");
        }
        if (amendment.Status != AmendmentStatus.Pending)
        {
            return Refused<ProcessInstance>(AmendmentInvalid, $"cannot {what}: it was {amendment.Status.ToString().ToLowerInvariant()} already");
        }
        if (ReviewerProblem(work.Guard.Context!, amendment, instance, what) is { } problem)
        {
            return DurableResult.Failure<ProcessInstance>(problem);
        }
        var approve = reasonCode is null;
        var stale = amendment.Changes.Where(c => !ValueEquality.Same(instance.Variables.GetValueOrDefault(c.Name), c.Before)).Select(c => c.Name).ToList();
        if (approve && stale.Count > 0)
        {
            return Refused<ProcessInstance>(AmendmentInvalid, $"cannot {what}: {string.Join(", ", stale)} changed since it was proposed; reject it and propose again");
        }
        amendment.Status = approve ? AmendmentStatus.Applied : AmendmentStatus.Rejected;
        amendment.ReviewedBy = actor.Id;
        amendment.ReviewedAt = Clock.GetUtcNow();
        amendment.ReviewReasonCode = reasonCode;
        amendment.ReviewReason = reason;
        if (approve)
        {
            foreach (var change in amendment.Changes)
            {
                instance.Variables[change.Name] = change.After;
            }
        }
        target.Changed = true;
        work.History.Role = work.Guard.Role ?? work.History.Role;
        work.History.Unit = work.Guard.Context!.Unit;
        work.History.Add(instanceId, approve ? HistoryKinds.AmendmentApplied : HistoryKinds.AmendmentRejected, null, new
        {
            amendmentId,
            fields = approve ? Fields(amendment.Changes) : null,
            proposedBy = amendment.ProposedBy,
            reasonCode,
            reason,
        }, approve ? "approve" : "reject");
        return await work.CommitAsync(instance).ConfigureAwait(false);
    }

    /// <summary>The reviewer is someone else than the proposer, eligible for every step that locked a variable the amendment changes.</summary>
    private static EngineError? ReviewerProblem(TransitionContext context, Amendment amendment, ProcessInstance instance, string what)
    {
        string[] reviewer = context.Actor.ActingFor is { } d ? [context.Actor.Id, d] : [context.Actor.Id];
        if (reviewer.Contains(amendment.ProposedBy) || (amendment.ProposedActingFor is { } p && reviewer.Contains(p)))
        {
            return TransitionGuard.Refuse(AccountabilityErrors.SeparationOfDuties, RuleNames.SeparationOfDuties,
                $"{context.Actor} may not {what}: an amendment is reviewed by someone other than its proposer ({amendment.ProposedBy})");
        }
        foreach (var change in amendment.Changes)
        {
            var locked = instance.Locks![change.Name];
            if (TransitionGuard.Eligible(context, locked.Roles ?? [], locked.Unit, $"{what} (it changes '{change.Name}', decided at '{locked.ElementId}')", out _) is { } refused)
            {
                return refused;
            }
        }
        return null;
    }

    private static object Fields(IEnumerable<FieldEdit> edits) => edits.Select(e => new { name = e.Name, before = e.Before, after = e.After }).ToArray();

    private static bool IsJson(object? value)
    {
        try
        {
            JsValues.Normalize(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static DurableResult<T> Refused<T>(string code, string message) =>
        DurableResult.Failure<T>(TransitionGuard.Refuse(code, RuleNames.Amendment, message));
}
