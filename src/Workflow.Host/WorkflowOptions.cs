namespace Workflow.Host;

/// <summary>Settings under "Workflow" in configuration.</summary>
public sealed class WorkflowOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Workflow";

    /// <summary>Folder of .bpmn files deployed at start (relative paths are relative to the app folder).</summary>
    public string DefinitionsPath { get; set; } = "workflows";
}
