using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Workflow.Engine.Model;

namespace Workflow.Engine.Import;

/// <summary>
/// Reads BPMN 2.0 XML as bpmn-js and Camunda Modeler save it and turns it into executable,
/// pre-compiled process graphs. Every element it cannot execute is reported, never dropped.
/// </summary>
public sealed class BpmnImporter
{
    private readonly ImportOptions _options;

    /// <summary>Creates an importer with the given limits.</summary>
    public BpmnImporter(ImportOptions? options = null) => _options = options ?? ImportOptions.Default;

    /// <summary>Imports a file from disk.</summary>
    public ImportResult ImportFile(string path) => Import(File.ReadAllText(path));

    /// <summary>Imports BPMN XML text. Never throws for bad input: every problem is a diagnostic.</summary>
    public ImportResult Import(string xml)
    {
        try
        {
            return ImportUnchecked(xml);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            // Readers report bad values on their element; this is the last guard so bad input never escapes as an exception.
            return ImportResult.FromError(DiagnosticCodes.Xml, $"invalid value in the file: {ex.Message}");
        }
    }

    private ImportResult ImportUnchecked(string xml)
    {
        var diagnostics = new Diagnostics();
        var document = Load(xml, diagnostics);
        if (document is null)
        {
            return diagnostics.ToResult(null);
        }
        var root = document.Root!;
        if (root.Name != BpmnNamespaces.Model + "definitions")
        {
            diagnostics.Error(DiagnosticCodes.NotBpmn, $"root element is '{root.Name.LocalName}' in '{root.Name.NamespaceName}', not BPMN 2.0 definitions", root);
            return diagnostics.ToResult(null);
        }
        var context = new DefinitionsContext(root, diagnostics, _options);
        var processes = new List<ProcessDefinition>();
        foreach (var processElement in root.Elements(BpmnNamespaces.Model + "process"))
        {
            var process = new ProcessReader(context, processElement).Read();
            if (process is not null)
            {
                processes.Add(process);
            }
        }
        if (processes.Count == 0 && diagnostics.ErrorCount == 0)
        {
            diagnostics.Error(DiagnosticCodes.NoProcess, "the file contains no executable process (none, empty, or all marked isExecutable=\"false\")", root);
        }
        CheckCallTargets(processes, diagnostics);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));
        return diagnostics.ToResult(new BpmnDocument(xml, hash, processes));
    }

    private XDocument? Load(string xml, Diagnostics diagnostics)
    {
        if (xml.Length > _options.MaxCharacters)
        {
            diagnostics.Error(DiagnosticCodes.XmlTooLarge, $"file has {xml.Length} characters; the limit is {_options.MaxCharacters}", null);
            return null;
        }
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = _options.MaxCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            // First pass only measures depth, so a hostile file never reaches a recursive walk.
            using (var probe = XmlReader.Create(new StringReader(xml), settings))
            {
                while (probe.Read())
                {
                    if (probe.Depth > _options.MaxDepth)
                    {
                        var line = ((IXmlLineInfo)probe).LineNumber;
                        diagnostics.Error(DiagnosticCodes.XmlTooDeep, $"XML nesting deeper than {_options.MaxDepth} levels", null, line);
                        return null;
                    }
                }
            }
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            var isDtd = ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase);
            diagnostics.Error(isDtd ? DiagnosticCodes.XmlDtd : DiagnosticCodes.Xml,
                isDtd ? "DTDs and entity declarations are refused" : $"not well-formed XML: {ex.Message}", null, ex.LineNumber > 0 ? ex.LineNumber : null);
            return null;
        }
    }

    private static void CheckCallTargets(List<ProcessDefinition> processes, Diagnostics diagnostics)
    {
        foreach (var p in processes)
        {
            foreach (var n in p.Nodes)
            {
                if (n.Kind == NodeKind.CallActivity && processes.All(q => q.Id != n.CalledElement))
                {
                    diagnostics.Warning(DiagnosticCodes.WarnCallTargetUnknown,
                        $"called process '{n.CalledElement}' is not in this file; it must be deployed before this step runs",
                        "callActivity", n.Id, n.Line);
                }
            }
        }
    }
}
