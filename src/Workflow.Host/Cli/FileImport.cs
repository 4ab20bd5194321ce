using Workflow.Engine.Import;
using Workflow.Engine.Model;

namespace Workflow.Host.Cli;

/// <summary>Imports files for the command line, turning unreadable files into diagnostics rather than crashes.</summary>
internal static class FileImport
{
    public static BpmnImporter CreateImporter() => new(new ImportOptions { ActivityTypes = Activities.ServiceActivities.Create().Types });

    public static ImportResult Import(BpmnImporter importer, string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ImportResult.FromError("WF-FILE", $"cannot read '{file}': {ex.Message}");
        }
        return importer.Import(text);
    }

    /// <summary>Finds a process called from <paramref name="file"/> among the other .bpmn files of its folder.</summary>
    public static Func<string, ProcessDefinition?> FolderResolver(BpmnImporter importer, string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Dictionary<string, ProcessDefinition>? byId = null;
        return id =>
        {
            byId ??= Directory.EnumerateFiles(folder, "*.bpmn")
                .Where(f => Path.GetFullPath(f) != Path.GetFullPath(file))
                .Select(f => Import(importer, f).Document)
                .Where(d => d is not null)
                .SelectMany(d => d!.Processes)
                .GroupBy(p => p.Id)
                .ToDictionary(g => g.Key, g => g.First());
            return byId.GetValueOrDefault(id);
        };
    }
}
