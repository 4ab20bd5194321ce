namespace Workflow.Engine.Runtime;

/// <summary>Life cycle of an <see cref="Amendment"/>.</summary>
public enum AmendmentStatus
{
    /// <summary>Proposed, waiting for its review; nothing has changed yet.</summary>
    Pending,

    /// <summary>Approved by a reviewer; its changes were applied.</summary>
    Applied,

    /// <summary>Rejected by a reviewer; nothing changed.</summary>
    Rejected,
}
