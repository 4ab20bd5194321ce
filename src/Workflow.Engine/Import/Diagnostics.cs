using System.Xml;
using System.Xml.Linq;
using Workflow.Engine.Model;

namespace Workflow.Engine.Import;

/// <summary>Collects errors and warnings while a file is read.</summary>
internal sealed class Diagnostics
{
    private readonly List<BpmnDiagnostic> _errors = [];
    private readonly List<BpmnDiagnostic> _warnings = [];

    public int ErrorCount => _errors.Count;

    public void Error(string code, string message, XElement? element, int? line = null) =>
        _errors.Add(Create(code, message, element, line));

    public void Error(string code, string message, string? type, string? id, int? line) =>
        _errors.Add(new BpmnDiagnostic(code, message, type, id, line));

    public void Warning(string code, string message, XElement? element) =>
        _warnings.Add(Create(code, message, element, null));

    public void Warning(string code, string message, string? type, string? id, int? line) =>
        _warnings.Add(new BpmnDiagnostic(code, message, type, id, line));

    public ImportResult ToResult(BpmnDocument? document) => new(document, _errors.ToArray(), _warnings.ToArray());

    public static int? LineOf(XElement? element) =>
        element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;

    private static BpmnDiagnostic Create(string code, string message, XElement? element, int? line) =>
        new(code, message, element?.Name.LocalName, (string?)element?.Attribute("id"), line ?? LineOf(element));
}
