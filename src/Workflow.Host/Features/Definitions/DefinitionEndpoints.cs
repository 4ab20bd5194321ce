using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Engine.Import;
using Workflow.Engine.Simulation;
using Workflow.Engine.Storage;

namespace Workflow.Host.Features.Definitions;

/// <summary>
/// HTTP API over workflow definitions: the folder's files, the latest deployed source, and checking and simulating a file against
/// the deployed processes it calls. Deployed versions and publishing: <see cref="ProcessEndpoints"/>.
/// </summary>
public static class DefinitionEndpoints
{
    /// <summary>Maps /api/definitions.</summary>
    public static IEndpointRouteBuilder MapDefinitions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").RequireAuthorization();
        group.MapGet("/", List);
        group.MapGet("/{processId}/xml", Source);
        group.MapPost("/validate", Validate);
        group.MapPost("/simulate", Simulate);
        return app;
    }

    private static Ok<object[]> List(DefinitionCatalog catalog) => TypedResults.Ok(catalog.Files.Select(f => (object)new
    {
        file = f.Name,
        valid = f.Result.IsValid,
        processes = f.Result.Document?.Processes.Select(p => new { id = p.Id, name = p.Name, nodes = p.Nodes.Count }).ToArray() ?? [],
        errors = f.Result.Errors.Select(Report.Diagnostic),
        warnings = f.Result.Warnings.Select(Report.Diagnostic),
    }).ToArray());

    /// <summary>The source of the latest deployed version: what a start runs now, which may be newer than the folder's file.</summary>
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Source(string processId, IDefinitionStore store, CancellationToken ct) =>
        await store.FindAsync(processId, cancellationToken: ct) is { } deployed
            ? TypedResults.Content(deployed.Source, "application/xml; charset=utf-8")
            : TypedResults.Problem(statusCode: 404, title: "Unknown process", detail: $"no deployed definition holds process '{processId}'");

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Validate(HttpRequest request, IDefinitionStore store, BpmnImporter importer, CancellationToken ct)
    {
        var xml = await ReadBody(request);
        if (xml is null)
        {
            return EmptyBody();
        }
        var result = await CallTargets.CheckAsync(importer.Import(xml), store, ct);
        return TypedResults.Ok(Report.File("request", result));
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Simulate(HttpRequest request, IDefinitionStore store, BpmnImporter importer, string? process, string? vars,
        CancellationToken ct)
    {
        var xml = await ReadBody(request);
        if (xml is null)
        {
            return EmptyBody();
        }
        IReadOnlyDictionary<string, object?>? variables = null;
        if (vars is not null && !VariablesJson.TryParse(vars, out variables, out var error))
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid variables", detail: $"vars {error}");
        }
        var result = await CallTargets.CheckAsync(importer.Import(xml), store, ct);
        if (!result.IsValid)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid BPMN", detail: string.Join("; ", result.Errors.Take(10)),
                extensions: new Dictionary<string, object?> { ["errors"] = result.Errors.Select(Report.Diagnostic).ToArray() });
        }
        if (process is not null && result.Document!.FindProcess(process) is null)
        {
            return TypedResults.Problem(statusCode: 400, title: "Unknown process", detail: $"the file has no process '{process}'");
        }
        var callable = (await CallTargets.ReachableAsync(result.Document!, store, ct)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var simulation = new Simulator(id => callable.GetValueOrDefault(id)).Run(result.Document!, process, variables);
        return TypedResults.Ok(Report.Simulation(simulation));
    }

    internal static ProblemHttpResult EmptyBody() =>
        TypedResults.Problem(statusCode: 400, title: "Empty body", detail: "send the BPMN XML as the request body");

    internal static async Task<string?> ReadBody(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }
}
