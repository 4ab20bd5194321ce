using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Engine.Import;
using Workflow.Engine.Storage;
using Workflow.Host.Features.Identity;
using Workflow.Persistence.Definitions;

namespace Workflow.Host.Features.Definitions;

/// <summary>
/// /api/processes: the deployed processes and their versions, and publishing a new version. The definitions folder is
/// deployed at start-up; an administrator publishes through here without touching any host's files, which matters when
/// several hosts share one database. A published version is on the ledger under the administrator's name.
/// </summary>
public static class ProcessEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapProcesses(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/processes").RequireAuthorization();
        group.MapGet("/", List);
        group.MapGet("/{processId}/versions", Versions);
        group.MapGet("/{processId}/versions/{version:int}/xml", Source);
        group.MapPost("/", Publish).RequireAuthorization(Roles.AdminPolicy);
        return app;
    }

    private static async Task<Ok<object[]>> List(DefinitionQueries queries, IDefinitionStore store, CancellationToken ct)
    {
        var processes = await queries.ProcessesAsync(ct);
        var items = new List<object>(processes.Count);
        foreach (var p in processes)
        {
            var latest = await store.FindAsync(p.ProcessId, p.LatestVersion, ct);
            items.Add(new { processId = p.ProcessId, name = latest?.Definition.Name, latestVersion = p.LatestVersion, versions = p.Versions, deployedAt = latest?.DeployedAt });
        }
        return TypedResults.Ok(items.ToArray());
    }

    private static async Task<Results<Ok<object[]>, ProblemHttpResult>> Versions(string processId, DefinitionQueries queries, CancellationToken ct)
    {
        var versions = await queries.VersionsAsync(processId, ct);
        if (versions.Count == 0)
        {
            return UnknownProcess(processId);
        }
        var latest = versions[^1].Version;
        return TypedResults.Ok(versions.Select(v => (object)new
        {
            version = v.Version,
            latest = v.Version == latest,
            contentHash = v.ContentHash,
            deployedAt = v.DeployedAt,
            publishedBy = v.PublishedBy,
            runningInstances = v.RunningInstances,
        }).ToArray());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Source(string processId, int version, IDefinitionStore store, CancellationToken ct) =>
        await store.FindAsync(processId, version, ct) is { } deployed
            ? TypedResults.Content(deployed.Source, "application/xml; charset=utf-8")
            : ApiErrors.Problem(StatusCodes.Status404NotFound, "version-not-found", $"process '{processId}' has no version {version}");

    /// <summary>
    /// Publishes the BPMN XML of the body: checked as the folder's files are (the activity catalogue, the call graph against
    /// the deployed processes), then each of its processes whose content changed becomes its next version. 201 when a version
    /// was created, 200 when every process already had this content; 400 <c>definition-invalid</c> with the errors otherwise.
    /// </summary>
    private static async Task<Results<Created<object>, Ok<object>, ProblemHttpResult>> Publish(HttpRequest request, SignedIn me, BpmnImporter importer,
        EfDefinitionStore store, CancellationToken ct)
    {
        var xml = await DefinitionEndpoints.ReadBody(request);
        if (xml is null)
        {
            return DefinitionEndpoints.EmptyBody();
        }
        var result = await CallTargets.CheckAsync(importer.Import(xml), store, ct);
        if (!result.IsValid)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "definition-invalid", type: "urn:workflow:error:definition-invalid",
                detail: string.Join("; ", result.Errors.Take(10).Select(e => e.Message)),
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = result.Errors.Select(Report.Diagnostic).ToArray(),
                    ["warnings"] = result.Warnings.Select(Report.Diagnostic).ToArray(),
                });
        }
        var document = result.Document!;
        var before = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var process in document.Processes)
        {
            before[process.Id] = (await store.FindAsync(process.Id, cancellationToken: ct))?.Version;
        }
        var deployed = await store.PublishAsync(document, new Publisher(me.Id, Roles.Admin, me.Unit), ct);
        var published = deployed.Select(d => new
        {
            processId = d.ProcessId,
            version = d.Version,
            created = before[d.ProcessId] != d.Version,
            contentHash = d.ContentHash,
            deployedAt = d.DeployedAt,
        }).ToArray();
        var body = (object)new { published, warnings = result.Warnings.Select(Report.Diagnostic).ToArray() };
        var first = published.FirstOrDefault(p => p.created);
        return first is null
            ? TypedResults.Ok(body)
            : TypedResults.Created($"/api/processes/{Uri.EscapeDataString(first.processId)}/versions/{first.version}/xml", body);
    }

    private static ProblemHttpResult UnknownProcess(string processId) =>
        ApiErrors.Problem(StatusCodes.Status404NotFound, "process-not-found", $"no version of process '{processId}' is deployed");
}
