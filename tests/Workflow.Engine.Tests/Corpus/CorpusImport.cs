using System.Collections.Concurrent;
using Workflow.Activities;
using Workflow.Engine.Import;
using Workflow.Engine.Model;
using Workflow.Engine.Simulation;

namespace Workflow.Engine.Tests.Corpus;

/// <summary>
/// Imports and simulates corpus files the way the command line does (Workflow.Host FileImport and
/// SimulateCommand): the file alone, then its call activities checked against the processes of the
/// other .bpmn files of its folder, which also resolve called processes during the simulation.
/// </summary>
internal static class CorpusImport
{
    private static readonly BpmnImporter Importer = new(new ImportOptions { ActivityTypes = ServiceActivities.Create().Types });
    private static readonly ConcurrentDictionary<string, Lazy<Task<ImportResult>>> Cache = new(StringComparer.Ordinal);

    /// <summary>What importing one file as the command line does gives.</summary>
    public sealed record Imported(string File, ImportResult Result, IReadOnlyList<ProcessDefinition> Companions);

    /// <summary>Imports a corpus file (relative path) and checks it against its folder.</summary>
    public static async Task<Imported> ImportAsync(string relative)
    {
        var path = CorpusLocation.PathOf(relative);
        var alone = await Bounded.Await(relative, "import", ImportAlone(path));
        if (alone.Document is null)
        {
            return new Imported(relative, alone, []);
        }
        var companions = new List<ProcessDefinition>();
        foreach (var sibling in Siblings(path))
        {
            var imported = await Bounded.Await(Path.GetRelativePath(CorpusLocation.Corpus!, sibling), "import", ImportAlone(sibling));
            companions.AddRange(imported.Document?.Processes ?? []);
        }
        var checkedResult = await Bounded.Run(relative, "call graph check",
            () => alone.WithCrossFileErrors(CallGraphCheck.Check(alone.Document, companions)));
        return new Imported(relative, checkedResult, companions);
    }

    /// <summary>Simulates an accepted file; called processes are looked up among its companions.</summary>
    public static Task<SimulationResult> SimulateAsync(Imported imported, IReadOnlyDictionary<string, object?>? variables) =>
        Bounded.Run(imported.File, "simulation", () =>
            new Simulator(id => imported.Companions.FirstOrDefault(p => p.Id == id)).Run(imported.Result.Document!, null, variables));

    private static Task<ImportResult> ImportAlone(string path) =>
        Cache.GetOrAdd(path, p => new Lazy<Task<ImportResult>>(() => Task.Run(() => Importer.Import(File.ReadAllText(p))))).Value;

    /// <summary>The other .bpmn files of the folder, in the order the command line reads them.</summary>
    private static IEnumerable<string> Siblings(string path) =>
        Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "*.bpmn")
            .Select(Path.GetFullPath)
            .Where(f => f != path)
            .Order(StringComparer.Ordinal);
}
