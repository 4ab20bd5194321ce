using Workflow.Engine.Runtime;

namespace Workflow.Engine.Storage;

/// <summary>An instance as loaded, with the revision a save must expect (optimistic concurrency).</summary>
public sealed record StoredInstance(ProcessInstance Instance, long Revision);
