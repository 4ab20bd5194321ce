namespace Workflow.Activities.Catalogue;

/// <summary>
/// Duties (<c>wf:duty</c>) of DOMAIN.md §4.4: under strict separation one person performs at most one of them per case
/// (the incident and the cases it calls), so handler ≠ reviewer ≠ approver and the evaluator was not involved.
/// </summary>
public static class PoliceDuties
{
    /// <summary>Handles the incident or the case: feedback, intake, investigation, correction, decision, notices.</summary>
    public const string Handler = "handler";
    /// <summary>Reviews what a handler did: non-case closure review, legal review, closure review.</summary>
    public const string Reviewer = "reviewer";
    /// <summary>Approves: intake, decisions, extensions, contested returns.</summary>
    public const string Approver = "approver";
    /// <summary>Evaluates the closed case file online (DOMAIN §3 step 13: a legal officer not involved in the case).</summary>
    public const string Evaluator = "evaluator";
}
