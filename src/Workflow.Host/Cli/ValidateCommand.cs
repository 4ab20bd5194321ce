using Workflow.Engine.Import;
using Workflow.Host.Features.Definitions;

namespace Workflow.Host.Cli;

/// <summary><c>validate &lt;file.bpmn&gt;... [--json]</c>.</summary>
internal static class ValidateCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var json = args.Contains("--json");
        var files = args.Where(a => a != "--json").ToList();
        if (files.Count == 0 || files.Any(f => f.StartsWith("--", StringComparison.Ordinal)))
        {
            error.WriteLine("usage: validate <file.bpmn>... [--json]");
            return CommandLine.Invalid;
        }
        var imports = new FileImport();
        var reports = new List<object>();
        var allValid = true;
        foreach (var file in files)
        {
            var result = imports.Import(file, files);
            allValid &= result.IsValid;
            if (json)
            {
                reports.Add(Report.File(file, result));
            }
            else
            {
                PrintText(output, file, result);
            }
        }
        if (json)
        {
            CliJson.Write(output, reports.Count == 1 ? reports[0] : reports);
        }
        return allValid ? CommandLine.Ok : CommandLine.Invalid;
    }

    private static void PrintText(TextWriter output, string file, ImportResult result)
    {
        output.WriteLine($"{file}: {(result.IsValid ? "valid" : "INVALID")} ({result.Errors.Count} error(s), {result.Warnings.Count} warning(s))");
        foreach (var e in result.Errors)
        {
            output.WriteLine($"  error   {e}");
        }
        foreach (var w in result.Warnings)
        {
            output.WriteLine($"  warning {w}");
        }
    }
}
