using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Engine.Durable;
using Workflow.Engine.Storage;
using Workflow.Host.Features.Identity;

namespace Workflow.Host.Features.Instances;

/// <summary>/api/instances and /api/messages: start, read, cancel, retry, migrate, correlate.</summary>
public static class InstanceEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapInstances(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances");
        group.MapPost("/", Start);
        group.MapGet("/{id:guid}", Get);
        group.MapGet("/", FindByBusinessKey);
        group.MapPost("/{id:guid}/cancel", Cancel);
        group.MapPost("/{id:guid}/incidents/{incidentId:guid}/retry", Retry);
        group.MapPost("/{id:guid}/migrate", Migrate);
        group.MapPost("/{id:guid}/amendments", Propose);
        group.MapPost("/{id:guid}/amendments/{amendmentId:guid}/approve", Approve);
        group.MapPost("/{id:guid}/amendments/{amendmentId:guid}/reject", Reject);
        app.MapPost("/api/messages", Correlate);
        return app;
    }

    private static async Task<Results<Created<object>, ProblemHttpResult>> Start(StartInstanceRequest request, DurableRuntime runtime, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.ProcessId))
        {
            return TypedResults.Problem(statusCode: 400, title: "invalid-request", detail: "processId is required");
        }
        if (RequestActor.From(request) is not { } actor)
        {
            return ApiErrors.ActorRequired();
        }
        var result = await runtime.StartAsync(request.ProcessId, actor, request.Version, request.BusinessKey, InstanceJson.Variables(request.Variables), ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/instances/{result.Value.Id}", InstanceJson.Summary(result.Value))
            : ApiErrors.Problem(result.Error!);
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Get(Guid id, DurableRuntime runtime, CancellationToken ct)
    {
        var result = await runtime.GetAsync(id, ct);
        return result.Succeeded
            ? TypedResults.Ok<object>(new { instance = InstanceJson.Summary(result.Value.Instance), revision = result.Value.Revision, history = result.Value.History.Select(InstanceJson.History) })
            : ApiErrors.Problem(result.Error!);
    }

    private static async Task<Results<Ok<object[]>, ProblemHttpResult>> FindByBusinessKey(string? businessKey, IInstanceStore store, DurableRuntime runtime, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(businessKey))
        {
            return TypedResults.Problem(statusCode: 400, title: "invalid-request", detail: "give ?businessKey=…");
        }
        var found = new List<object>();
        foreach (var id in await store.FindByBusinessKeyAsync(businessKey, ct))
        {
            if ((await runtime.GetAsync(id, ct)) is { Succeeded: true } view)
            {
                found.Add(InstanceJson.Summary(view.Value.Instance));
            }
        }
        return TypedResults.Ok(found.ToArray());
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Cancel(Guid id, string? actor, string? roles, DurableRuntime runtime, CancellationToken ct) =>
        RequestActor.From(actor, roles?.Split(',')) is { } person ? Done(await runtime.CancelAsync(id, person, ct)) : ApiErrors.ActorRequired();

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Retry(Guid id, Guid incidentId, string? actor, string? roles, DurableRuntime runtime, CancellationToken ct) =>
        RequestActor.From(actor, roles?.Split(',')) is { } person ? Done(await runtime.RetryIncidentAsync(id, incidentId, person, ct)) : ApiErrors.ActorRequired();

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Migrate(Guid id, MigrateInstanceRequest request, DurableRuntime runtime, CancellationToken ct) =>
        RequestActor.From(request) is { } person ? Done(await runtime.MigrateAsync(id, request.TargetVersion, request.Mapping, person, ct)) : ApiErrors.ActorRequired();

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Propose(Guid id, AmendmentRequest request, DurableRuntime runtime, CancellationToken ct)
    {
        if (RequestActor.From(request) is not { } person)
        {
            return ApiErrors.ActorRequired();
        }
        var changes = InstanceJson.Variables(request.Changes) ?? [];
        var result = await runtime.ProposeAmendmentAsync(id, changes, request.ReasonCode ?? "", request.Reason ?? "", person, ct);
        return result.Succeeded ? TypedResults.Ok<object>(new { amendmentId = result.Value.Id }) : ApiErrors.Problem(result.Error!);
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Approve(Guid id, Guid amendmentId, AmendmentReviewRequest request, DurableRuntime runtime, CancellationToken ct) =>
        RequestActor.From(request) is { } person ? Done(await runtime.ApproveAmendmentAsync(id, amendmentId, person, ct)) : ApiErrors.ActorRequired();

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Reject(Guid id, Guid amendmentId, AmendmentReviewRequest request, DurableRuntime runtime, CancellationToken ct) =>
        RequestActor.From(request) is { } person
            ? Done(await runtime.RejectAmendmentAsync(id, amendmentId, request.ReasonCode ?? "", request.Reason ?? "", person, ct))
            : ApiErrors.ActorRequired();

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Correlate(MessageRequest request, DurableRuntime runtime, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.BusinessKey))
        {
            return TypedResults.Problem(statusCode: 400, title: "invalid-request", detail: "name and businessKey are required");
        }
        var result = await runtime.CorrelateMessageAsync(request.Name, request.BusinessKey, InstanceJson.Variables(request.Variables), RequestActor.MessageApi, ct);
        return result.Succeeded ? TypedResults.Ok<object>(new { delivered = result.Value }) : ApiErrors.Problem(result.Error!);
    }

    private static Results<Ok<object>, ProblemHttpResult> Done(DurableResult<Engine.Runtime.ProcessInstance> result) =>
        result.Succeeded ? TypedResults.Ok(InstanceJson.Summary(result.Value)) : ApiErrors.Problem(result.Error!);
}
