using System.Xml.Linq;
using Workflow.Engine.Model;
using Workflow.Engine.Timers;

namespace Workflow.Engine.Import;

/// <summary>Reads our extension namespace (and Camunda's assignment attributes) into a <see cref="TaskSpec"/>.</summary>
internal static class ExtensionReader
{
    private static readonly XNamespace Wf = BpmnNamespaces.Workflow;
    private static readonly XNamespace Camunda = BpmnNamespaces.Camunda;

    public static TaskSpec ReadTask(DefinitionsContext ctx, XElement element)
    {
        var ext = element.Element(BpmnNamespaces.Model + "extensionElements");
        var roles = Split((string?)element.Attribute(Wf + "roles") ?? (string?)element.Attribute(Camunda + "candidateGroups"), ',');
        var assignee = (string?)element.Attribute(Wf + "assignee") ?? (string?)element.Attribute(Camunda + "assignee");
        if (assignee is not null && assignee.Contains("${", StringComparison.Ordinal))
        {
            ctx.Diagnostics.Warning(DiagnosticCodes.WarnExpressionNotEvaluated,
                $"assignee '{assignee}' is a JUEL expression; it is kept as written and not evaluated", element);
        }
        var unitText = (string?)element.Attribute(Wf + "unit");
        var spec = new TaskSpec
        {
            Roles = roles,
            Assignee = assignee,
            Unit = unitText is null ? null : ExpressionReader.Compile(ctx, unitText, null, element, "unit expression"),
            ActivityType = (string?)element.Attribute(Wf + "type"),
            FormKey = (string?)element.Attribute(Wf + "formKey") ?? (string?)element.Attribute(Camunda + "formKey"),
            NameEn = (string?)element.Attribute(Wf + "nameEn"),
            Sla = ext is null ? null : ReadSla(ctx, ext.Element(Wf + "sla")),
            NotSameAs = ext is null ? [] : ext.Elements(Wf + "separation").SelectMany(s => Split((string?)s.Attribute("notSameAs"), ' ')).ToArray(),
            Outcomes = ext is null ? [] : ReadOutcomes(ctx, ext),
            Fields = ext is null ? [] : ReadFields(ctx, ext),
            Duty = ((string?)element.Attribute(Wf + "duty"))?.Trim() is { Length: > 0 } duty ? duty : null,
            Locks = Split((string?)element.Attribute(Wf + "locks"), ' '),
            ReasonCodes = Split((string?)element.Attribute(Wf + "reasonCodes"), ' '),
            Attributes = Attributes(element),
        };
        // Every wf: attribute lands in Attributes, so an element that declares nothing has none.
        return spec.Roles.Count == 0 && spec.Assignee is null && spec.Unit is null && spec.FormKey is null
            && spec.Sla is null && spec.NotSameAs.Count == 0 && spec.Outcomes.Count == 0 && spec.Fields.Count == 0 && spec.Attributes.Count == 0
            ? TaskSpec.Empty
            : spec;
    }

    /// <summary>Every attribute of our namespace on an element, by local name, as written.</summary>
    public static IReadOnlyDictionary<string, string> Attributes(XElement element)
    {
        Dictionary<string, string>? found = null;
        foreach (var a in element.Attributes())
        {
            if (a.Name.Namespace == Wf)
            {
                (found ??= new Dictionary<string, string>(StringComparer.Ordinal))[a.Name.LocalName] = a.Value;
            }
        }
        return found ?? TaskSpec.NoAttributes;
    }

    /// <summary>
    /// Camunda extensions that carry behaviour (listeners, input/output mappings, connectors) cannot
    /// run here, so they reject the file; the rest (form data, properties) is kept and reported.
    /// </summary>
    public static void CheckCamunda(DefinitionsContext ctx, XElement element)
    {
        var ext = element.Element(BpmnNamespaces.Model + "extensionElements");
        if (ext is null)
        {
            return;
        }
        foreach (var child in ext.Elements().Where(e => e.Name.Namespace == Camunda))
        {
            var name = child.Name.LocalName;
            switch (name)
            {
                case "executionListener" or "taskListener":
                    ctx.Diagnostics.Error(DiagnosticCodes.UnsupportedExtension,
                        $"camunda:{name} runs Java or script code that does not exist here; model the step as a serviceTask with wf:type", element);
                    break;
                case "inputOutput" or "connector":
                    ctx.Diagnostics.Error(DiagnosticCodes.UnsupportedExtension,
                        $"camunda:{name} is not applied here; use wf:field form fields and wf:in/wf:out mappings", element);
                    break;
                case "in" or "out" when element.Name.LocalName == "callActivity":
                    break;
                default:
                    ctx.Diagnostics.Warning(DiagnosticCodes.WarnExtensionIgnored, $"camunda:{name} is kept in the file but not used", element);
                    break;
            }
        }
    }

    public static IReadOnlyList<VariableMapping>? ReadMappings(XElement element, string direction)
    {
        var ext = element.Element(BpmnNamespaces.Model + "extensionElements");
        if (ext is null)
        {
            return null;
        }
        var mapped = ext.Elements(Wf + direction).Concat(ext.Elements(Camunda + direction)).ToList();
        if (mapped.Count == 0 || mapped.Any(m => (string?)m.Attribute("variables") == "all"))
        {
            return null;
        }
        return mapped
            .Where(m => m.Attribute("source") is not null)
            .Select(m => new VariableMapping((string)m.Attribute("source")!, (string?)m.Attribute("target") ?? (string)m.Attribute("source")!))
            .ToArray();
    }

    private static SlaSpec? ReadSla(DefinitionsContext ctx, XElement? sla)
    {
        if (sla is null)
        {
            return null;
        }
        IsoDuration? Read(string name)
        {
            var text = (string?)sla.Attribute(name);
            if (text is null)
            {
                return null;
            }
            if (IsoDuration.TryParse(text, out var d))
            {
                return d;
            }
            ctx.Diagnostics.Error(DiagnosticCodes.Extension, $"SLA {name} '{text}' is not an ISO-8601 duration", sla.Parent!.Parent!);
            return null;
        }
        return new SlaSpec(Read("warn"), Read("escalate"), Read("breach"), (string?)sla.Attribute("calendar") ?? "calendar");
    }

    private static OutcomeSpec[] ReadOutcomes(DefinitionsContext ctx, XElement ext)
    {
        var outcomes = new List<OutcomeSpec>();
        foreach (var o in ext.Descendants(Wf + "outcome"))
        {
            var id = (string?)o.Attribute("id");
            if (string.IsNullOrWhiteSpace(id))
            {
                ctx.Diagnostics.Error(DiagnosticCodes.Extension, "wf:outcome needs an id", ext.Parent!);
                continue;
            }
            outcomes.Add(new OutcomeSpec(id, (string?)o.Attribute("label"), (string?)o.Attribute("labelEn"), ctx.Bool(o, "requiresReason", false))
            {
                ReasonCodes = Split((string?)o.Attribute("reasonCodes"), ' '),
                Overrides = ((string?)o.Attribute("overrides"))?.Trim() is { Length: > 0 } reviewer ? reviewer : null,
            });
        }
        return outcomes.ToArray();
    }

    private static FormFieldSpec[] ReadFields(DefinitionsContext ctx, XElement ext)
    {
        var fields = new List<FormFieldSpec>();
        foreach (var f in ext.Descendants(Wf + "field"))
        {
            var id = (string?)f.Attribute("id");
            if (string.IsNullOrWhiteSpace(id))
            {
                ctx.Diagnostics.Error(DiagnosticCodes.Extension, "wf:field needs an id", ext.Parent!);
                continue;
            }
            fields.Add(new FormFieldSpec(id, (string?)f.Attribute("type") ?? "string", ctx.Bool(f, "required", false),
                (string?)f.Attribute("label"), (string?)f.Attribute("labelEn"), (string?)f.Attribute("codeList")));
        }
        return fields.ToArray();
    }

    private static string[] Split(string? text, char separator) =>
        text is null ? [] : text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
