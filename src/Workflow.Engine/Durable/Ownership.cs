using Workflow.Engine.Accountability;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Accountability.AccountabilityErrors;

namespace Workflow.Engine.Durable;

/// <summary>
/// One answerable owner per open step: only the assignee (or someone acting for them) completes, releases or hands
/// over a task; a task is claimed before it is completed; a handover is answered only by the person it was offered to.
/// </summary>
internal static class Ownership
{
    public static EngineError? Check(TransitionKind kind, Actor actor, WorkItem item, string? recipient, string what)
    {
        var me = actor.OnBehalfOf;
        switch (kind)
        {
            case TransitionKind.Unclaim when item.Assignee is not null:
                return Owner(item, me, what) ?? NoPendingOffer(item, what);
            case TransitionKind.Complete:
                return Claimed(item, what) ?? Owner(item, me, what);
            case TransitionKind.Offer:
                if ((Claimed(item, what) ?? Owner(item, me, what) ?? NoPendingOffer(item, what)) is { } refused)
                {
                    return refused;
                }
                return string.IsNullOrWhiteSpace(recipient) || recipient == me
                    ? TransitionGuard.Refuse(OfferInvalid, RuleNames.Handover, $"to {what} name another person to offer it to")
                    : null;
            case TransitionKind.AcceptOffer or TransitionKind.DeclineOffer:
                if (item.Offer is not { } offer)
                {
                    return TransitionGuard.Refuse(NoOffer, RuleNames.Handover, $"cannot {what}: it is not offered to anyone");
                }
                return offer.To == me
                    ? null
                    : TransitionGuard.Refuse(NotOfferRecipient, RuleNames.Handover, $"{actor} may not {what}: it is offered to {offer.To}");
            case TransitionKind.WithdrawOffer:
                return item.Offer is null
                    ? TransitionGuard.Refuse(NoOffer, RuleNames.Handover, $"cannot {what}: it is not offered to anyone")
                    : Owner(item, me, what);
            default:
                return null; // a claim of a task someone else holds is refused by the engine (task-claimed)
        }
    }

    private static EngineError? Claimed(WorkItem item, string what) => item.Assignee is null
        ? TransitionGuard.Refuse(EngineErrors.TaskNotClaimed, RuleNames.Ownership, $"cannot {what}: nobody owns it; claim it first")
        : null;

    private static EngineError? Owner(WorkItem item, string me, string what) => item.Assignee == me
        ? null
        : TransitionGuard.Refuse(NotAssignee, RuleNames.Ownership, $"{me} may not {what}: it is owned by {item.Assignee}");

    private static EngineError? NoPendingOffer(WorkItem item, string what) => item.Offer is { } offer
        ? TransitionGuard.Refuse(OfferPending, RuleNames.Handover, $"cannot {what}: it is offered to {offer.To}; withdraw that offer first")
        : null;
}
