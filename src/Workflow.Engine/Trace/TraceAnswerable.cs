namespace Workflow.Engine.Trace;

/// <summary>Why a person is named answerable (values of <see cref="TraceStep.AnswerableBasis"/> and <see cref="TraceCheck.AnswerableBasis"/>).</summary>
public static class TraceAnswerable
{
    /// <summary>They completed the step (or it was completed in their name).</summary>
    public const string Completed = "completed";

    /// <summary>They overruled a reviewer at this step and own the outcome.</summary>
    public const string Override = "override";

    /// <summary>Their decision was overruled: the overriding approver answers for the outcome.</summary>
    public const string Overridden = "overridden";

    /// <summary>The step is open: its assignee (a sender stays answerable until the recipient accepts).</summary>
    public const string Assignee = "assignee";

    /// <summary>The step is open and nobody has claimed it.</summary>
    public const string Unclaimed = "unclaimed";
}
