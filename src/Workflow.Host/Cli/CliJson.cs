using System.Text.Encodings.Web;
using System.Text.Json;
using Workflow.Engine.Import;

namespace Workflow.Host.Cli;

/// <summary>JSON shapes printed by the command line.</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Chinese names readable
    };

    public static object Diagnostic(BpmnDiagnostic d) => new
    {
        code = d.Code,
        message = d.Message,
        elementType = d.ElementType,
        elementId = d.ElementId,
        line = d.Line,
    };

    public static object FileReport(string file, ImportResult result) => new
    {
        file,
        valid = result.IsValid,
        errors = result.Errors.Select(Diagnostic),
        warnings = result.Warnings.Select(Diagnostic),
    };

    public static void Write(TextWriter output, object value) => output.WriteLine(JsonSerializer.Serialize(value, Options));
}
