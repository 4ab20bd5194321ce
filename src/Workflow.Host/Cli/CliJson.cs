using System.Text.Encodings.Web;
using System.Text.Json;

namespace Workflow.Host.Cli;

/// <summary>How the command line prints JSON (shapes come from <see cref="Features.Definitions.Report"/>).</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Chinese names readable
    };

    public static void Write(TextWriter output, object value) => output.WriteLine(JsonSerializer.Serialize(value, Options));
}
