namespace Workflow.Activities.Validation;

/// <summary>Rules more than one activity keeps.</summary>
internal static class CommonRules
{
    /// <summary>The outcome by which a step asks for more time.</summary>
    public const string RequestExtension = "request-extension";

    /// <summary>An extension is asked for before the deadline, never after it (DOMAIN §3: never retroactive).</summary>
    public static void ExtensionNotRetroactive(RuleContext rules)
    {
        if (rules.Outcome == RequestExtension && rules.DueAt is { } due && rules.Now > due)
        {
            rules.Problem(null, ProblemCodes.Retroactive, new($"期限已于 {due:yyyy-MM-dd HH:mm} 届满，不能再申请延期", $"the deadline passed at {due:yyyy-MM-dd HH:mm} UTC; an extension cannot be asked for afterwards"));
        }
    }
}
