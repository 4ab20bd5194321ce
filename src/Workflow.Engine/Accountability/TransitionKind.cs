namespace Workflow.Engine.Accountability;

/// <summary>The transitions the durable runtime checks against the accountability rules.</summary>
public enum TransitionKind
{
    /// <summary>An instance starts (through the API, or called by a call activity).</summary>
    Start,

    /// <summary>A person claims an open task.</summary>
    Claim,

    /// <summary>The assignee returns a task to its candidates.</summary>
    Unclaim,

    /// <summary>The assignee completes a task.</summary>
    Complete,

    /// <summary>The assignee offers a task to another person.</summary>
    Offer,

    /// <summary>The person a task was offered to accepts it and becomes its assignee.</summary>
    AcceptOffer,

    /// <summary>The person a task was offered to refuses it, with a reason.</summary>
    DeclineOffer,

    /// <summary>The assignee takes an offer back.</summary>
    WithdrawOffer,

    /// <summary>A person proposes an amendment of locked variables.</summary>
    ProposeAmendment,

    /// <summary>A person approves or rejects a pending amendment.</summary>
    ReviewAmendment,
}
