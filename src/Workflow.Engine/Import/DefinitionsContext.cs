using System.Xml.Linq;

namespace Workflow.Engine.Import;

/// <summary>What the readers of one file share: root declarations, limits and the diagnostics sink.</summary>
internal sealed class DefinitionsContext
{
    private const string XPathLanguage = "http://www.w3.org/1999/XPath";
    private readonly Dictionary<string, string> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _errors = new(StringComparer.Ordinal);

    public DefinitionsContext(XElement root, Diagnostics diagnostics, ImportOptions options)
    {
        Diagnostics = diagnostics;
        Options = options;
        var language = (string?)root.Attribute("expressionLanguage");
        // XPath is the BPMN spec's default and modelers write it without meaning it.
        DefaultExpressionLanguage = language == XPathLanguage ? null : language;
        var m = BpmnNamespaces.Model;
        foreach (var message in root.Elements(m + "message"))
        {
            var id = (string?)message.Attribute("id");
            if (id is not null)
            {
                _messages[id] = (string?)message.Attribute("name") ?? id;
            }
        }
        foreach (var error in root.Elements(m + "error"))
        {
            var id = (string?)error.Attribute("id");
            if (id is not null)
            {
                _errors[id] = (string?)error.Attribute("errorCode") ?? (string?)error.Attribute("name") ?? id;
            }
        }
        CheckIds(root);
        foreach (var flow in root.Descendants(m + "messageFlow"))
        {
            diagnostics.Warning(DiagnosticCodes.WarnMessageFlow,
                "message flows are documentation here: messages reach a process through the API, correlated by name and business key", flow);
        }
    }

    public Diagnostics Diagnostics { get; }
    public ImportOptions Options { get; }
    public string? DefaultExpressionLanguage { get; }
    public int NodeCount { get; set; }

    /// <summary>Reads an xsd:boolean attribute; an invalid value is reported on its element and the default used.</summary>
    public bool Bool(XElement element, XName attribute, bool fallback)
    {
        var text = (string?)element.Attribute(attribute);
        if (text is null)
        {
            return fallback;
        }
        switch (text.Trim())
        {
            case "true" or "1":
                return true;
            case "false" or "0":
                return false;
            default:
                Diagnostics.Error(DiagnosticCodes.InvalidAttribute, $"{attribute.LocalName}=\"{text}\" is not a boolean (true or false)", element);
                return fallback;
        }
    }

    public bool TryGetMessageName(string id, out string name) => _messages.TryGetValue(id, out name!);

    public bool TryGetErrorCode(string id, out string? code) => _errors.TryGetValue(id, out code);

    private void CheckIds(XElement root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in root.Descendants())
        {
            if (element.Name.Namespace != BpmnNamespaces.Model)
            {
                continue;
            }
            var id = (string?)element.Attribute("id");
            if (id is not null && !seen.Add(id))
            {
                Diagnostics.Error(DiagnosticCodes.DuplicateId, $"id '{id}' is used by more than one element", element);
            }
        }
    }
}
