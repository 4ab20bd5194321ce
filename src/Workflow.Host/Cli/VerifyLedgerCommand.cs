using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Host.Features.Ledger;
using Workflow.Host.Features.Storage;
using Workflow.Persistence;
using Workflow.Persistence.Ledger;

namespace Workflow.Host.Cli;

/// <summary>
/// <c>verify-ledger [--json] [--checkpoint] [--Key=value…]</c>: verifies the ledger of the configured database (the
/// host's own configuration: appsettings, environment, and <c>--Key=value</c> overrides such as
/// <c>--ConnectionStrings:Workflow=…</c>). With <c>--checkpoint</c>, a clean ledger is checkpointed afterwards.
/// </summary>
internal static class VerifyLedgerCommand
{
    private const string Usage =
        "usage: verify-ledger [--json] [--checkpoint] [--ConnectionStrings:Workflow=<connection string>] [--Workflow:Database:Provider=sqlite|postgresql|sqlserver]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var json = args.Contains("--json");
        var checkpoint = args.Contains("--checkpoint");
        var settings = args.Where(a => a is not "--json" and not "--checkpoint").ToArray();
        if (settings.Any(a => !a.StartsWith("--", StringComparison.Ordinal) || !a.Contains('=', StringComparison.Ordinal)))
        {
            error.WriteLine(Usage);
            return CommandLine.Invalid;
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings });
        builder.Logging.ClearProviders(); // the output is the report (or JSON), nothing else
        builder.Services.AddWorkflowStorage(builder.Configuration, builder.Environment);
        await using var app = builder.Build();
        try
        {
            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            {
                if ((await db.Database.GetPendingMigrationsAsync()).Any())
                {
                    error.WriteLine($"verify-ledger: the {Provider(app)} database is not a migrated Workflow database (start the host on it once).");
                    return CommandLine.Invalid;
                }
            }
            var result = await app.Services.GetRequiredService<LedgerVerifier>().VerifyAsync();
            var written = checkpoint && result.Ok ? await app.Services.GetRequiredService<LedgerCheckpointer>().CheckpointAsync() : [];
            if (json)
            {
                CliJson.Write(output, LedgerJson.Verification(result));
            }
            else
            {
                Print(output, result, written);
            }
            return result.Ok ? CommandLine.Ok : CommandLine.Tampered;
        }
        catch (Exception e) when (e is DbException or OptionsValidationException)
        {
            error.WriteLine($"verify-ledger: the {Provider(app)} database could not be read: {e.Message}");
            return CommandLine.Invalid;
        }
    }

    private static string Provider(WebApplication app) => app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;

    private static string Count(long n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    private static void Print(TextWriter output, LedgerVerification result, IReadOnlyList<LedgerCheckpointRow> written)
    {
        var checked_ = $"{Count(result.Entries, "entry", "entries")} in {Count(result.Streams, "stream", "streams")}, {Count(result.Checkpoints, "checkpoint", "checkpoints")}";
        if (result.Ok)
        {
            output.WriteLine($"ledger intact: {checked_} verified");
        }
        else
        {
            output.WriteLine($"LEDGER TAMPERED: {result.ProblemCount} problem(s) in {checked_}");
            output.WriteLine($"first bad entry: {result.FirstProblem!.Message}");
            foreach (var problem in result.Problems)
            {
                output.WriteLine($"  {problem.Code,-22} {problem.Message}");
            }
        }
        foreach (var c in written)
        {
            output.WriteLine($"checkpoint {c.Id}: ledger ids {c.FromId + 1}–{c.ToId}, {c.Entries} entries, hash {Convert.ToHexStringLower(c.Hash)}");
        }
    }
}
