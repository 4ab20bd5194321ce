using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Workflow.Host.Features.Identity;
using Workflow.Host.Features.Instances;
using Workflow.Persistence.Tasks;

namespace Workflow.Host.Features.Tasks;

/// <summary>
/// /api/tasks: the inbox, the task commands and handover. Until sign-in arrives the caller names the user, roles and
/// unit (TEMPORARY, see <see cref="RequestActor"/>); the engine enforces the accountability rules on whoever that is.
/// </summary>
public static class TaskEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks");
        group.MapGet("/", Inbox);
        group.MapPost("/{id:guid}/claim", Claim);
        group.MapPost("/{id:guid}/unclaim", Unclaim);
        group.MapPost("/{id:guid}/complete", Complete);
        group.MapPost("/{id:guid}/offer", Offer);
        group.MapPost("/{id:guid}/accept", Accept);
        group.MapPost("/{id:guid}/decline", Decline);
        group.MapPost("/{id:guid}/withdraw", Withdraw);
        return app;
    }

    private static async Task<Results<Ok<TaskPage>, ProblemHttpResult>> Inbox(string? user, string? roles, string? unit, bool? overdue,
        string? processId, string? businessKey, string? sort, int? skip, int? take, TaskQueries queries, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return TypedResults.Problem(statusCode: 400, title: "invalid-request", detail: "give ?user=… (and roles=a,b&unit=…)");
        }
        if (take is < 1 or > TaskQuery.MaxTake || skip is < 0)
        {
            return TypedResults.Problem(statusCode: 400, title: "invalid-request", detail: $"take must be 1..{TaskQuery.MaxTake} and skip ≥ 0");
        }
        if (sort is not (null or "due" or "created"))
        {
            return TypedResults.Problem(statusCode: 400, title: "invalid-request", detail: "sort is due or created");
        }
        var page = await queries.FindAsync(new TaskQuery
        {
            UserId = user,
            Roles = roles?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            Unit = unit,
            OverdueAt = overdue == true ? clock.GetUtcNow() : null,
            ProcessId = processId,
            BusinessKey = businessKey,
            Sort = sort == "created" ? TaskSort.CreatedAt : TaskSort.DueAt,
            Skip = skip ?? 0,
            Take = take ?? 50,
        }, ct);
        return TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Claim(Guid id, UserRequest request, DurableRuntime runtime, CancellationToken ct) =>
        await As(request, actor => runtime.ClaimAsync(id, actor, ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Unclaim(Guid id, UserRequest request, DurableRuntime runtime, CancellationToken ct) =>
        await As(request, actor => runtime.UnclaimAsync(id, actor, ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Complete(Guid id, CompleteRequest request, DurableRuntime runtime, CancellationToken ct)
    {
        var completion = new TaskCompletion
        {
            Outcome = request.Outcome,
            ReasonCode = request.ReasonCode,
            Reason = request.Reason,
            Data = InstanceJson.Variables(request.Data),
        };
        return await As(request, actor => runtime.CompleteAsync(id, completion, actor, ct));
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Offer(Guid id, OfferRequest request, DurableRuntime runtime, CancellationToken ct) =>
        await As(request, actor => runtime.OfferAsync(id, request.To ?? "", request.Reason, actor, ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Accept(Guid id, UserRequest request, DurableRuntime runtime, CancellationToken ct) =>
        await As(request, actor => runtime.AcceptOfferAsync(id, actor, ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Decline(Guid id, DeclineRequest request, DurableRuntime runtime, CancellationToken ct) =>
        await As(request, actor => runtime.DeclineOfferAsync(id, request.Reason ?? "", actor, ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Withdraw(Guid id, UserRequest request, DurableRuntime runtime, CancellationToken ct) =>
        await As(request, actor => runtime.WithdrawOfferAsync(id, actor, ct));

    /// <summary>Runs a command as the person the request names (TEMPORARY, see <see cref="RequestActor"/>).</summary>
    private static async Task<Results<Ok<object>, ProblemHttpResult>> As(IActorFields request, Func<Actor, Task<DurableResult<ProcessInstance>>> command) =>
        RequestActor.From(request) is { } actor ? Done(await command(actor)) : ApiErrors.ActorRequired();

    private static Results<Ok<object>, ProblemHttpResult> Done(DurableResult<ProcessInstance> result) =>
        result.Succeeded ? TypedResults.Ok(InstanceJson.Summary(result.Value)) : ApiErrors.Problem(result.Error!);
}
