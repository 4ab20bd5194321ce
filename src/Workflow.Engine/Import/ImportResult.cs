using Workflow.Engine.Model;

namespace Workflow.Engine.Import;

/// <summary>Outcome of importing a BPMN file: the document when valid, and every error and warning found.</summary>
public sealed class ImportResult
{
    internal ImportResult(BpmnDocument? document, IReadOnlyList<BpmnDiagnostic> errors, IReadOnlyList<BpmnDiagnostic> warnings)
    {
        Document = errors.Count == 0 ? document : null;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>The imported document; null when there are errors.</summary>
    public BpmnDocument? Document { get; }
    /// <summary>Errors: the file is rejected when there is at least one.</summary>
    public IReadOnlyList<BpmnDiagnostic> Errors { get; }
    /// <summary>Warnings: accepted, but worth a look.</summary>
    public IReadOnlyList<BpmnDiagnostic> Warnings { get; }
    /// <summary>This result with more errors found by checks across files (e.g. <see cref="CallGraphCheck"/>).</summary>
    /// <remarks>The "call target unknown" warnings are dropped: the cross-file check has resolved each target or reported it.</remarks>
    public ImportResult WithCrossFileErrors(IReadOnlyList<BpmnDiagnostic> errors) =>
        new(Document, [.. Errors, .. errors], Warnings.Where(w => w.Code != DiagnosticCodes.WarnCallTargetUnknown).ToArray());

    /// <summary>A result for a file that could not even be read.</summary>
    public static ImportResult FromError(string code, string message) => new(null, [new BpmnDiagnostic(code, message, null, null, null)], []);

    /// <summary>True when the file was accepted.</summary>
    public bool IsValid => Errors.Count == 0 && Document is not null;
}
