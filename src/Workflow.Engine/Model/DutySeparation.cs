namespace Workflow.Engine.Model;

/// <summary>How a process separates duties (wf:dutySeparation on the process).</summary>
public enum DutySeparation
{
    /// <summary>The default: one person performs at most one declared duty (wf:duty) per case, and the wf:separation lists apply.</summary>
    Strict,

    /// <summary>Only the wf:separation (notSameAs) lists of the steps apply.</summary>
    Declared,
}
