namespace Workflow.Engine.Model;

/// <summary>A form field of a human task; its value becomes a process variable of the same id.</summary>
public sealed record FormFieldSpec(string Id, string Type, bool Required, string? Label, string? LabelEn, string? CodeList);
