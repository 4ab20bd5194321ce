using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Engine.Durable;
using Workflow.Engine.Storage;
using Mediator;
using Workflow.Host.Features.Commands;
using Workflow.Host.Features.Identity;

namespace Workflow.Host.Features.Instances;

/// <summary>
/// /api/instances and /api/messages: start, read, cancel, retry, migrate, correlate. Reading is scoped to the cases the
/// person may read (<see cref="CaseAccess"/>); the commands are guarded by the engine's rules.
/// </summary>
public static class InstanceEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapInstances(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances").RequireAuthorization();
        group.MapPost("/", Start);
        group.MapGet("/{id:guid}", Get);
        group.MapGet("/", FindByBusinessKey);
        group.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization(Roles.AdminPolicy);
        group.MapPost("/{id:guid}/incidents/{incidentId:guid}/retry", Retry).RequireAuthorization(Roles.AdminPolicy);
        group.MapPost("/{id:guid}/migrate", Migrate).RequireAuthorization(Roles.AdminPolicy);
        group.MapPost("/{id:guid}/amendments", Propose);
        group.MapPost("/{id:guid}/amendments/{amendmentId:guid}/approve", Approve);
        group.MapPost("/{id:guid}/amendments/{amendmentId:guid}/reject", Reject);
        app.MapPost("/api/messages", Correlate).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Created<object>, ProblemHttpResult>> Start(StartInstanceRequest request, SignedIn me, IMediator mediator, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.ProcessId))
        {
            return ApiErrors.Invalid("processId is required");
        }
        var result = await mediator.Send(new StartInstance(request.ProcessId, request.Version, request.BusinessKey, InstanceJson.Variables(request.Variables), me.Actor(request.ActingFor)), ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/instances/{result.Value.Id}", InstanceJson.Summary(result.Value))
            : ApiErrors.Problem(result.Error!);
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Get(Guid id, string? actingFor, SignedIn me, CaseAccess access, DurableRuntime runtime,
        CancellationToken ct)
    {
        var (readable, refused) = await access.ReadableAsync(me, actingFor, [id], ct);
        if (readable is null)
        {
            return refused!;
        }
        if (!readable.Contains(id))
        {
            return CaseAccess.Hidden(id);
        }
        var result = await runtime.GetAsync(id, ct);
        return result.Succeeded
            ? TypedResults.Ok<object>(new { instance = InstanceJson.Summary(result.Value.Instance), revision = result.Value.Revision, history = result.Value.History.Select(InstanceJson.History) })
            : ApiErrors.Problem(result.Error!);
    }

    /// <summary>The instances with the key that the person may read; the others are left out, as if they did not exist.</summary>
    private static async Task<Results<Ok<object[]>, ProblemHttpResult>> FindByBusinessKey(string? businessKey, string? actingFor, SignedIn me, CaseAccess access,
        IInstanceStore store, DurableRuntime runtime, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(businessKey))
        {
            return ApiErrors.Invalid("give ?businessKey=…");
        }
        var ids = await store.FindByBusinessKeyAsync(businessKey, ct);
        var (readable, refused) = await access.ReadableAsync(me, actingFor, ids, ct);
        if (readable is null)
        {
            return refused!;
        }
        var found = new List<object>();
        foreach (var id in ids.Where(readable.Contains))
        {
            if ((await runtime.GetAsync(id, ct)) is { Succeeded: true } view)
            {
                found.Add(InstanceJson.Summary(view.Value.Instance));
            }
        }
        return TypedResults.Ok(found.ToArray());
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Cancel(Guid id, SignedIn me, IMediator mediator, CancellationToken ct) =>
        Done(await mediator.Send(new CancelInstance(id, me.Actor()), ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Retry(Guid id, Guid incidentId, SignedIn me, IMediator mediator, CancellationToken ct) =>
        Done(await mediator.Send(new RetryIncident(id, incidentId, me.Actor()), ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Migrate(Guid id, MigrateInstanceRequest request, SignedIn me, IMediator mediator, CancellationToken ct) =>
        Done(await mediator.Send(new MigrateInstance(id, request.TargetVersion, request.Mapping, me.Actor()), ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Propose(Guid id, AmendmentRequest request, SignedIn me, IMediator mediator, CancellationToken ct)
    {
        var changes = InstanceJson.Variables(request.Changes) ?? [];
        var result = await mediator.Send(new ProposeAmendment(id, changes, request.ReasonCode ?? "", request.Reason ?? "", me.Actor(request.ActingFor)), ct);
        return result.Succeeded ? TypedResults.Ok<object>(new { amendmentId = result.Value.Id }) : ApiErrors.Problem(result.Error!);
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Approve(Guid id, Guid amendmentId, AmendmentReviewRequest request, SignedIn me, IMediator mediator, CancellationToken ct) =>
        Done(await mediator.Send(new ApproveAmendment(id, amendmentId, me.Actor(request.ActingFor)), ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Reject(Guid id, Guid amendmentId, AmendmentReviewRequest request, SignedIn me, IMediator mediator, CancellationToken ct) =>
        Done(await mediator.Send(new RejectAmendment(id, amendmentId, request.ReasonCode ?? "", request.Reason ?? "", me.Actor(request.ActingFor)), ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Correlate(MessageRequest request, SignedIn me, IMediator mediator, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.BusinessKey))
        {
            return ApiErrors.Invalid("name and businessKey are required");
        }
        var result = await mediator.Send(new CorrelateMessage(request.Name, request.BusinessKey, InstanceJson.Variables(request.Variables), me.Actor()), ct);
        return result.Succeeded ? TypedResults.Ok<object>(new { delivered = result.Value }) : ApiErrors.Problem(result.Error!);
    }

    private static Results<Ok<object>, ProblemHttpResult> Done(DurableResult<Engine.Runtime.ProcessInstance> result) =>
        result.Succeeded ? TypedResults.Ok(InstanceJson.Summary(result.Value)) : ApiErrors.Problem(result.Error!);
}
