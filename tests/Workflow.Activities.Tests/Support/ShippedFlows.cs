using Workflow.Activities.Import;
using Workflow.Engine.Import;
using Workflow.Engine.Model;

namespace Workflow.Activities.Tests.Support;

/// <summary>The default flows of workflows/, imported with the activity catalogue as the host imports them.</summary>
internal static class ShippedFlows
{
    public static readonly string[] Files = ["police-incident.bpmn", "police-admin-case.bpmn", "police-criminal-case.bpmn"];

    private static readonly Lazy<IReadOnlyDictionary<string, (string Source, ImportResult Result)>> Imported = new(() =>
    {
        var importer = new BpmnImporter(PoliceImport.Options());
        return Files.ToDictionary(f => f, f =>
        {
            var source = File.ReadAllText(Path(f));
            return (source, importer.Import(source));
        });
    });

    public static ImportResult Result(string file) => Imported.Value[file].Result;

    public static string Source(string file) => Imported.Value[file].Source;

    public static BpmnDocument Document(string file)
    {
        var result = Result(file);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Document!;
    }

    public static IEnumerable<ProcessDefinition> AllProcesses() => Files.SelectMany(f => Document(f).Processes);

    public static string Path(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "workflows", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"workflows/{file} not found above {AppContext.BaseDirectory}");
    }
}
