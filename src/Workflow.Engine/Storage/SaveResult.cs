namespace Workflow.Engine.Storage;

/// <summary>Outcome of saving one command's changes: all written, or nothing because an instance moved on meanwhile.</summary>
/// <param name="Saved">True when every change was written.</param>
/// <param name="Conflict">The instance another command saved first, when not saved.</param>
public readonly record struct SaveResult(bool Saved, Guid? Conflict)
{
    /// <summary>Everything was written.</summary>
    public static SaveResult Ok => new(true, null);

    /// <summary>Nothing was written: <paramref name="instanceId"/> is not at the expected revision.</summary>
    public static SaveResult ConflictOn(Guid instanceId) => new(false, instanceId);
}
