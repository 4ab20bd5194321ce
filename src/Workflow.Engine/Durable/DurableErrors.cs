namespace Workflow.Engine.Durable;

/// <summary>
/// Codes of refusals that only the durable runtime produces; the engine's own codes are in
/// <see cref="Runtime.EngineErrors"/>.
/// </summary>
public static class DurableErrors
{
#pragma warning disable CS1591 // the names are the documentation
    public const string ConcurrencyConflict = "concurrency-conflict";
    public const string ProcessNotFound = "process-not-found";
    public const string InstanceNotFound = "instance-not-found";
    public const string TimerNotDue = "timer-not-due";
    public const string MigrationInvalid = "migration-invalid";
    public const string TimerFailed = "timer-failed";
    public const string TimerJobNotFound = "timer-job-not-found";
    public const string TimerJobNotFailed = "timer-job-not-failed";
#pragma warning restore CS1591
}
