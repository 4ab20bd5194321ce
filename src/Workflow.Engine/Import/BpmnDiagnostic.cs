namespace Workflow.Engine.Import;

/// <summary>One problem found in a BPMN file, named by code, BPMN type, element id and line.</summary>
/// <param name="Code">Stable code, e.g. WF-UNSUPPORTED-ELEMENT.</param>
/// <param name="Message">Readable English message.</param>
/// <param name="ElementType">BPMN element type (local name), when the problem is about an element.</param>
/// <param name="ElementId">The element's id, when it has one.</param>
/// <param name="Line">1-based line in the file, when known.</param>
public sealed record BpmnDiagnostic(string Code, string Message, string? ElementType, string? ElementId, int? Line)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = ElementType is null ? "" : $" [{ElementType}{(ElementId is null ? "" : " " + ElementId)}]";
        var line = Line is null ? "" : $" (line {Line})";
        return $"{Code}: {Message}{where}{line}";
    }
}
