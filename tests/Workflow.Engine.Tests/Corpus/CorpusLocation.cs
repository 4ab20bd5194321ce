namespace Workflow.Engine.Tests.Corpus;

/// <summary>
/// Finds the external BPMN corpus (<c>shared/corpus</c>, kept beside the repository, not in it) and
/// the repository itself.
/// </summary>
internal static class CorpusLocation
{
    public const string EnvironmentVariable = "WORKFLOW_CORPUS";
    public const string AbsentMessage = "BPMN corpus not found: set WORKFLOW_CORPUS or place shared/corpus beside the repository";

    private static readonly Lazy<string?> CorpusFolder = new(FindCorpus);
    private static readonly Lazy<string?> RepositoryFolder = new(FindRepository);

    /// <summary>The corpus folder, or null when it is not on this machine.</summary>
    public static string? Corpus => CorpusFolder.Value;

    /// <summary>The repository root (the folder holding Workflow.sln), or null.</summary>
    public static string? Repository => RepositoryFolder.Value;

    /// <summary>Skips when the corpus is absent, except under CI=true, where a missing corpus is a failure.</summary>
    public static void SkipAbsent()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(AbsentMessage + " (CI=true: the corpus must be there)");
        }
        Assert.Skip(AbsentMessage);
    }

    /// <summary>The BPMN files of the corpus (.bpmn and .bpmn20.xml), relative to it, with '/' separators, sorted.</summary>
    public static IReadOnlyList<string> Files()
    {
        var root = Corpus;
        if (root is null)
        {
            return [];
        }
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(IsBpmn)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Absolute path of a corpus file given relative to the corpus.</summary>
    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Corpus!, relative));

    private static bool IsBpmn(string file) =>
        file.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".bpmn20.xml", StringComparison.OrdinalIgnoreCase);

    private static string? FindCorpus()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static string? FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflow.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
