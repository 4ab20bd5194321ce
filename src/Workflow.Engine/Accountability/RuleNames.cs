namespace Workflow.Engine.Accountability;

/// <summary>Names of the runtime's built-in accountability checks, as reported in <see cref="Runtime.EngineError.Rule"/>.</summary>
public static class RuleNames
{
#pragma warning disable CS1591 // the names are the documentation; docs/accountability.md explains each
    public const string AuthenticatedActor = "authenticated-actor";
    public const string Delegation = "delegation";
    public const string Ownership = "ownership";
    public const string Eligibility = "eligibility";
    public const string SeparationOfDuties = "separation-of-duties";
    public const string Override = "override";
    public const string RecordLock = "record-lock";
    public const string Handover = "handover";
    public const string Amendment = "amendment";
#pragma warning restore CS1591
}
