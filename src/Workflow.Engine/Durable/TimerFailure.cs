using Workflow.Engine.Runtime;

namespace Workflow.Engine.Durable;

/// <summary>A timer the executor gave up firing after repeated failures.</summary>
/// <param name="InstanceId">Instance the timer belongs to.</param>
/// <param name="TimerId">Timer.</param>
/// <param name="Attempts">Failed attempts.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="LastAttemptAt">When the last attempt was made.</param>
public sealed record TimerFailure(Guid InstanceId, Guid TimerId, int Attempts, EngineError LastError, DateTimeOffset LastAttemptAt);
