namespace Workflow.Engine.Model;

/// <summary>Copies one variable across a call activity boundary.</summary>
public sealed record VariableMapping(string Source, string Target);
