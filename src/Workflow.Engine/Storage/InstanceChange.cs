using Workflow.Engine.Runtime;

namespace Workflow.Engine.Storage;

/// <summary>One instance written by a command: created when <paramref name="ExpectedRevision"/> is 0, else updated from that revision.</summary>
public sealed record InstanceChange(ProcessInstance Instance, long ExpectedRevision);
