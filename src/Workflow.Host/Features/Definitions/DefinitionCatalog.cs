using Workflow.Engine.Import;
using Workflow.Engine.Model;

namespace Workflow.Host.Features.Definitions;

/// <summary>
/// The workflow files the host found at start, imported and checked together: what it deploys at start-up and lists on its
/// home page. What runs is the deployed versions in the database (<see cref="ProcessEndpoints"/>).
/// </summary>
public sealed class DefinitionCatalog
{
    private readonly List<DefinitionFile> _files = [];

    /// <summary>Loads every .bpmn file of a folder.</summary>
    public DefinitionCatalog(string folder, BpmnImporter importer)
    {
        Folder = folder;
        var imported = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.bpmn").Order(StringComparer.Ordinal).Select(f => (File: f, Result: importer.Import(File.ReadAllText(f)))).ToList()
            : [];
        var all = imported.Where(x => x.Result.Document is not null).SelectMany(x => x.Result.Document!.Processes).ToList();
        foreach (var (file, result) in imported)
        {
            var checkedResult = result.Document is null ? result : result.WithCrossFileErrors(CallGraphCheck.Check(result.Document, all));
            _files.Add(new DefinitionFile(Path.GetFileName(file), checkedResult));
        }
    }

    /// <summary>Folder the files came from.</summary>
    public string Folder { get; }

    /// <summary>Every file with its import result.</summary>
    public IReadOnlyList<DefinitionFile> Files => _files;

    /// <summary>Valid processes by id.</summary>
    public IEnumerable<ProcessDefinition> Processes => _files.Where(f => f.Result.IsValid).SelectMany(f => f.Result.Document!.Processes);

    /// <summary>Finds the file holding a process.</summary>
    public DefinitionFile? FindByProcess(string processId) =>
        _files.FirstOrDefault(f => f.Result.IsValid && f.Result.Document!.FindProcess(processId) is not null);
}

/// <summary>One workflow file and what importing it found.</summary>
public sealed record DefinitionFile(string Name, ImportResult Result);
