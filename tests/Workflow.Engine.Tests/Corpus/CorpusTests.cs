using Workflow.Engine.Import;
using Workflow.Engine.Simulation;

namespace Workflow.Engine.Tests.Corpus;

/// <summary>
/// Every file of the external BPMN corpus (shared/corpus/README.md): accepted and simulated cleanly,
/// or rejected with errors that name the element; never an exception, never a hang.
/// </summary>
public class CorpusTests
{
    private const string Absent = "(corpus absent)";

    /// <summary>File-level problems: about the XML text, not about an element.</summary>
    private static readonly HashSet<string> FileLevelCodes = new(StringComparer.Ordinal)
    {
        DiagnosticCodes.Xml, DiagnosticCodes.XmlDtd, DiagnosticCodes.XmlTooLarge, DiagnosticCodes.XmlTooDeep,
        DiagnosticCodes.NotBpmn, DiagnosticCodes.NoProcess, "WF-FILE",
    };

    /// <summary>File-level problems about the whole file, which has no line to point at.</summary>
    private static readonly HashSet<string> WholeFileCodes = new(StringComparer.Ordinal) { DiagnosticCodes.XmlTooLarge, "WF-FILE" };

    /// <summary>One row per corpus file (relative path); a single skipping row when the corpus is not here.</summary>
    public static TheoryData<string> Files()
    {
        var files = CorpusLocation.Files();
        return files.Count == 0 ? new TheoryData<string>(Absent) : new TheoryData<string>(files);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task File_IsAcceptedAndRunsCleanOrRejectedWithLocatedErrors_WhenImportedAsTheCliDoes(string file)
    {
        if (file == Absent || CorpusLocation.Corpus is null)
        {
            CorpusLocation.SkipAbsent();
        }
        var imported = await CorpusImport.ImportAsync(file);
        var result = imported.Result;
        if (!result.IsValid)
        {
            Assert.True(result.Errors.Count > 0, $"{file}: rejected without any error");
            foreach (var e in result.Errors)
            {
                AssertLocated(file, e);
            }
            return;
        }
        Assert.False(file.Contains("invalid", StringComparison.OrdinalIgnoreCase),
            $"{file}: a deliberately invalid file (\"invalid\" in its path) was accepted; warnings: {Show(result.Warnings)}");
        var simulation = await CorpusImport.SimulateAsync(imported, CorpusInputs.For(file));
        Assert.True(simulation.IsClean, $"{file}: simulation did not run clean{Environment.NewLine}{Describe(simulation)}");
    }

    [Fact]
    public async Task InputsFixture_ListsOnlyAcceptedFilesThatNeedStartData_WhenSimulatedWithoutIt()
    {
        if (CorpusLocation.Corpus is null)
        {
            CorpusLocation.SkipAbsent();
        }
        Assert.NotEmpty(CorpusInputs.Entries);
        foreach (var file in CorpusInputs.Entries.Keys)
        {
            Assert.True(File.Exists(CorpusLocation.PathOf(file)), $"{CorpusInputs.FileName} names '{file}', which is not in the corpus");
            var imported = await CorpusImport.ImportAsync(file);
            Assert.True(imported.Result.IsValid, $"{CorpusInputs.FileName} names '{file}', which is rejected: {Show(imported.Result.Errors)}");
            var bare = await CorpusImport.SimulateAsync(imported, null);
            Assert.False(bare.IsClean, $"{CorpusInputs.FileName} names '{file}', which runs clean without start data: drop the entry");
        }
    }

    [Fact]
    public async Task Summary_CountsEveryFileOnce_WhenTheCorpusIsImported()
    {
        if (CorpusLocation.Corpus is null)
        {
            CorpusLocation.SkipAbsent();
        }
        var files = CorpusLocation.Files();
        var results = new List<(string, ImportResult)>();
        foreach (var file in files)
        {
            results.Add((file, (await CorpusImport.ImportAsync(file)).Result));
        }
        var summary = CorpusSummary.Compute(results);
        TestContext.Current.TestOutputHelper?.WriteLine(summary.ToMarkdown());
        Assert.Equal(files.Count, summary.Files);
        Assert.Equal(summary.Files, summary.Accepted + summary.Rejected);
        Assert.Equal(summary.Files, summary.BySource.Sum(s => s.Files));
        Assert.True(summary.RejectedByCode.Sum(c => c.Files) >= summary.Rejected, "every rejected file has at least one error code");
    }

    private static void AssertLocated(string file, BpmnDiagnostic e)
    {
        Assert.False(string.IsNullOrWhiteSpace(e.Code), $"{file}: an error has no code: {e}");
        Assert.False(string.IsNullOrWhiteSpace(e.Message), $"{file}: an error has no message: {e}");
        Assert.True(e.Line is null or >= 1, $"{file}: an error points at line {e.Line}, lines count from 1: {e}");
        if (FileLevelCodes.Contains(e.Code))
        {
            Assert.True(e.Line is not null || WholeFileCodes.Contains(e.Code),
                $"{file}: file-level error {e.Code} has no line: {e}");
        }
        else
        {
            Assert.True(e.ElementType is not null || e.Line is not null, $"{file}: error names neither an element nor a line: {e}");
        }
    }

    private static string Show(IEnumerable<BpmnDiagnostic> diagnostics) => string.Join("; ", diagnostics);

    private static string Describe(SimulationResult r)
    {
        var nl = Environment.NewLine;
        return $"process {r.ProcessId}, completed: {r.Completed}, steps: {r.Steps}{nl}"
            + $"incidents:{nl}{string.Concat(r.Incidents.Select(i => $"  {i.Code} at {i.ElementId}: {i.Message}{nl}"))}"
            + $"waiting:{nl}{string.Concat(r.Waiting.Select(w => $"  {w.Kind} at {w.ElementId}{(w.Message is null ? "" : $" ({w.Message})")}{nl}"))}"
            + $"trace: {string.Join(" -> ", r.Trace)}";
    }
}
