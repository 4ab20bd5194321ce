using Workflow.Engine.Import;
using Workflow.Engine.Simulation;

namespace Workflow.Host.Features.Definitions;

/// <summary>JSON shapes shared by the command line and the API, so both report a file the same way.</summary>
public static class Report
{
    /// <summary>A diagnostic.</summary>
    public static object Diagnostic(BpmnDiagnostic d) => new
    {
        code = d.Code,
        message = d.Message,
        elementType = d.ElementType,
        elementId = d.ElementId,
        line = d.Line,
    };

    /// <summary>A file's validation report: {file, valid, errors, warnings}.</summary>
    public static object File(string file, ImportResult result) => new
    {
        file,
        valid = result.IsValid,
        errors = result.Errors.Select(Diagnostic),
        warnings = result.Warnings.Select(Diagnostic),
    };

    /// <summary>A simulation: {completed, trace, waiting, incidents}.</summary>
    public static object Simulation(SimulationResult result, string? file = null) => new
    {
        file,
        process = result.ProcessId,
        completed = result.Completed,
        trace = result.Trace,
        waiting = result.Waiting.Select(w => new { elementId = w.ElementId, kind = w.Kind, message = w.Message }),
        incidents = result.Incidents.Select(i => new { elementId = i.ElementId, code = i.Code, message = i.Message }),
        steps = result.Steps,
    };
}
