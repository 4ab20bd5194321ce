using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Engine.Import;
using Workflow.Engine.Simulation;

namespace Workflow.Host.Features.Definitions;

/// <summary>HTTP API over workflow definitions: list, source, validate, simulate.</summary>
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

    private static Results<ContentHttpResult, ProblemHttpResult> Source(string processId, DefinitionCatalog catalog) =>
        catalog.FindByProcess(processId) is { } file
            ? TypedResults.Content(file.Result.Document!.Source, "application/xml; charset=utf-8")
            : TypedResults.Problem(statusCode: 404, title: "Unknown process", detail: $"no valid definition holds process '{processId}'");

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Validate(HttpRequest request, DefinitionCatalog catalog, BpmnImporter importer)
    {
        var xml = await ReadBody(request);
        if (xml is null)
        {
            return EmptyBody();
        }
        var result = Check(importer.Import(xml), catalog);
        return TypedResults.Ok(Report.File("request", result));
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Simulate(HttpRequest request, DefinitionCatalog catalog, BpmnImporter importer, string? process, string? vars)
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
        var result = Check(importer.Import(xml), catalog);
        if (!result.IsValid)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid BPMN", detail: string.Join("; ", result.Errors.Take(10)),
                extensions: new Dictionary<string, object?> { ["errors"] = result.Errors.Select(Report.Diagnostic).ToArray() });
        }
        if (process is not null && result.Document!.FindProcess(process) is null)
        {
            return TypedResults.Problem(statusCode: 400, title: "Unknown process", detail: $"the file has no process '{process}'");
        }
        var simulation = new Simulator(id => catalog.Processes.FirstOrDefault(p => p.Id == id)).Run(result.Document!, process, variables);
        return TypedResults.Ok(Report.Simulation(simulation));
    }

    private static ImportResult Check(ImportResult result, DefinitionCatalog catalog) =>
        result.Document is null ? result : result.WithCrossFileErrors(CallGraphCheck.Check(result.Document, catalog.Processes));

    private static ProblemHttpResult EmptyBody() =>
        TypedResults.Problem(statusCode: 400, title: "Empty body", detail: "send the BPMN XML as the request body");

    private static async Task<string?> ReadBody(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }
}
