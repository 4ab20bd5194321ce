namespace Workflow.Persistence.Tasks;

/// <summary>What a row of the inbox asks of the person who takes it.</summary>
public enum TaskKind
{
    /// <summary>A human task of the flow: claimed, then completed.</summary>
    Task,
    /// <summary>
    /// An amendment of a locked record waiting for its review (its id is the amendment's): approved or rejected by someone
    /// eligible for the step that locked the record, other than its proposer.
    /// </summary>
    Amendment,
}
