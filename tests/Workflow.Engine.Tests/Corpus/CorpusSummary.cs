using System.Globalization;
using System.Text;
using Workflow.Engine.Import;

namespace Workflow.Engine.Tests.Corpus;

/// <summary>Counts over the corpus: files, accepted, rejected, rejected by diagnostic code, per source folder.</summary>
internal sealed record CorpusSummary(
    int Files,
    int Accepted,
    int Rejected,
    IReadOnlyList<(string Code, int Files)> RejectedByCode,
    IReadOnlyList<(string Source, int Files, int Accepted, int Rejected)> BySource)
{
    /// <summary>Computes the summary; a rejected file counts once for each distinct error code it has.</summary>
    public static CorpusSummary Compute(IEnumerable<(string File, ImportResult Result)> results)
    {
        var list = results.ToList();
        var byCode = list.Where(r => !r.Result.IsValid)
            .SelectMany(r => r.Result.Errors.Select(e => e.Code).Distinct(StringComparer.Ordinal))
            .GroupBy(c => c, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Files: g.Count()))
            .OrderByDescending(x => x.Files).ThenBy(x => x.Code, StringComparer.Ordinal)
            .ToList();
        var bySource = list.GroupBy(r => r.File.Split('/')[0], StringComparer.Ordinal)
            .Select(g => (Source: g.Key, Files: g.Count(), Accepted: g.Count(r => r.Result.IsValid), Rejected: g.Count(r => !r.Result.IsValid)))
            .OrderBy(x => x.Source, StringComparer.Ordinal)
            .ToList();
        var accepted = list.Count(r => r.Result.IsValid);
        return new CorpusSummary(list.Count, accepted, list.Count - accepted, byCode, bySource);
    }

    /// <summary>The summary as Markdown tables, ready to paste into docs/bpmn-support.md.</summary>
    public string ToMarkdown()
    {
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        s.AppendLine(c, $"files: {Files}, accepted: {Accepted}, rejected: {Rejected}");
        s.AppendLine();
        s.AppendLine("| source | files | accepted | rejected |");
        s.AppendLine("|---|---:|---:|---:|");
        foreach (var (source, files, accepted, rejected) in BySource)
        {
            s.AppendLine(c, $"| {source} | {files} | {accepted} | {rejected} |");
        }
        s.AppendLine();
        s.AppendLine("| code | rejected files |");
        s.AppendLine("|---|---:|");
        foreach (var (code, files) in RejectedByCode)
        {
            s.AppendLine(c, $"| `{code}` | {files} |");
        }
        return s.ToString();
    }
}
