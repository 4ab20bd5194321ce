using Workflow.Engine.Simulation;
using Workflow.Host.Features;
using Workflow.Host.Features.Definitions;

namespace Workflow.Host.Cli;

/// <summary><c>simulate &lt;file.bpmn&gt; [--json] [--vars '{…}'] [--process id]</c>.</summary>
internal static class SimulateCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var file, out var json, out var varsText, out var processId, out var usage))
        {
            error.WriteLine(usage);
            return CommandLine.Invalid;
        }
        IReadOnlyDictionary<string, object?>? variables = null;
        if (varsText is not null && !VariablesJson.TryParse(varsText, out variables, out var varsError))
        {
            error.WriteLine($"--vars: {varsError}");
            return CommandLine.Invalid;
        }
        var files = new FileImport();
        var imported = files.Import(file!);
        if (!imported.IsValid)
        {
            if (json)
            {
                CliJson.Write(output, Report.File(file!, imported));
            }
            else
            {
                error.WriteLine($"{file}: INVALID, not simulated");
                foreach (var e in imported.Errors)
                {
                    error.WriteLine($"  error   {e}");
                }
            }
            return CommandLine.Invalid;
        }
        var document = imported.Document!;
        if (processId is not null && document.FindProcess(processId) is null)
        {
            error.WriteLine($"process '{processId}' is not in {file} (it has: {string.Join(", ", document.Processes.Select(p => p.Id))})");
            return CommandLine.Invalid;
        }
        var result = new Simulator(files.Resolver(file!)).Run(document, processId, variables);
        if (json)
        {
            CliJson.Write(output, Report.Simulation(result, file));
        }
        else
        {
            output.WriteLine($"{file} [{result.ProcessId}]: {(result.Completed ? "completed" : result.IsClean ? "waiting on messages" : "STOPPED")} after {result.Steps} step(s)");
            output.WriteLine($"  trace: {string.Join(" -> ", result.Trace)}");
            foreach (var w in result.Waiting)
            {
                output.WriteLine($"  waiting {w.Kind} at {w.ElementId}{(w.Message is null ? "" : $" ({w.Message})")}");
            }
            foreach (var i in result.Incidents)
            {
                output.WriteLine($"  incident {i.Code} at {i.ElementId}: {i.Message}");
            }
        }
        return result.IsClean ? CommandLine.Ok : CommandLine.Incident;
    }

    private static bool TryParse(string[] args, out string? file, out bool json, out string? vars, out string? process, out string usage)
    {
        usage = "usage: simulate <file.bpmn> [--json] [--vars '{\"name\": value}'] [--process <id>]";
        file = vars = process = null;
        json = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--vars" when i + 1 < args.Length:
                    vars = args[++i];
                    break;
                case "--process" when i + 1 < args.Length:
                    process = args[++i];
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || file is not null)
                    {
                        return false;
                    }
                    file = args[i];
                    break;
            }
        }
        return file is not null;
    }
}
