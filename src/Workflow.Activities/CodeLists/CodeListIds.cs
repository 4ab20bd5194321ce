namespace Workflow.Activities.CodeLists;

/// <summary>Ids of the shipped code lists (<c>codeList</c> of <c>wf:field</c>, reason lists of outcomes).</summary>
public static class CodeListIds
{
#pragma warning disable CS1591 // each id names its list; code-lists.json holds the labels
    // DOMAIN.md §8.
    public const string Channel = "channel";
    public const string Nature = "nature";
    public const string Disposition = "disposition";
    public const string Urgency = "urgency";

    // Further lists the activities need (not in §8; shipped defaults, editable like the others).
    public const string Area = "area";
    public const string CaseSource = "case-source";
    public const string ReviewDefect = "review-defect";
    public const string NonFilingReason = "non-filing-reason";
    public const string ExtensionReason = "extension-reason";
    public const string ExtensionRefusal = "extension-refusal";
    public const string HandoverRefusal = "handover-refusal";
    public const string OverrideGround = "override-ground";
    public const string ContestGround = "contest-ground";
    public const string AdminDecision = "admin-decision";
    public const string CriminalDecision = "criminal-decision";
    public const string NotifyMethod = "notify-method";
    public const string NotifyFailure = "notify-failure";
    public const string VetoItem = "veto-item";

    /// <summary>The organisation directory's units: not shipped as a list; a unit code is checked for its form only.</summary>
    public const string Unit = "unit";
#pragma warning restore CS1591
}
