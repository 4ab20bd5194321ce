namespace Workflow.Engine.Storage;

/// <summary>Outcome of saving an instance: saved at a new revision, or refused because someone saved first.</summary>
public readonly record struct SaveResult(bool Saved, long Revision)
{
    /// <summary>Another command changed the instance since it was loaded; nothing was written.</summary>
    public static SaveResult Conflict(long currentRevision) => new(false, currentRevision);
}
