using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Mediator;
using Workflow.Host.Features.Commands;
using Workflow.Host.Features.Identity;
using Workflow.Host.Features.Instances;
using Workflow.Persistence.Tasks;

namespace Workflow.Host.Features.Tasks;

/// <summary>
/// /api/tasks: the inbox, the task commands and handover, for the signed-in person (<see cref="SignedIn"/>); the engine
/// enforces the accountability rules on them, and on the delegator too when they act for someone.
/// </summary>
public static class TaskEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").RequireAuthorization();
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

    private static async Task<Results<Ok<TaskPage>, ProblemHttpResult>> Inbox(SignedIn me, bool? overdue, string? dueBefore, bool? closed, string? actingFor,
        string? processId, string? businessKey, string? sort, int? skip, int? take, TaskQueries queries, InboxOwner owners, TimeProvider clock, CancellationToken ct)
    {
        if (take is < 1 or > TaskQuery.MaxTake || skip is < 0)
        {
            return ApiErrors.Invalid($"take must be 1..{TaskQuery.MaxTake} and skip ≥ 0");
        }
        if (sort is not (null or "due" or "created"))
        {
            return ApiErrors.Invalid("sort is due or created");
        }
        DateTimeOffset? dueLimit = null;
        if (dueBefore is not null)
        {
            // An offset is required: "before 18:00" means another instant in every time zone.
            if (!DateTimeOffset.TryParse(dueBefore, CultureInfo.InvariantCulture, DateTimeStyles.None, out var limit) || !HasOffset(dueBefore))
            {
                return ApiErrors.Invalid("dueBefore is an ISO 8601 date and time with its offset, e.g. 2026-11-30T18:00:00+08:00");
            }
            dueLimit = limit;
        }
        var (owner, refused) = await owners.ForAsync(me, actingFor, ct);
        if (owner is null)
        {
            return refused!;
        }
        var page = await queries.FindAsync(new TaskQuery
        {
            UserId = owner.Id,
            Roles = owner.Roles,
            Unit = owner.Unit,
            OverdueAt = overdue == true ? clock.GetUtcNow() : null,
            DueBefore = dueLimit,
            IncludeClosed = closed == true,
            ProcessId = processId,
            BusinessKey = businessKey,
            Sort = sort == "created" ? TaskSort.CreatedAt : TaskSort.DueAt,
            Skip = skip ?? 0,
            Take = take ?? 50,
        }, ct);
        return TypedResults.Ok(page);
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Claim(Guid id, ActingRequest? request, SignedIn me, IMediator mediator, CancellationToken ct) =>
        Done(await mediator.Send(new ClaimTask(id, me.Actor(request?.ActingFor)), ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Unclaim(Guid id, ActingRequest? request, SignedIn me, IMediator mediator, CancellationToken ct) =>
        Done(await mediator.Send(new UnclaimTask(id, me.Actor(request?.ActingFor)), ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Complete(Guid id, CompleteRequest request, SignedIn me, IMediator mediator, CancellationToken ct)
    {
        var completion = new TaskCompletion
        {
            Outcome = request.Outcome,
            ReasonCode = request.ReasonCode,
            Reason = request.Reason,
            Data = InstanceJson.Variables(request.Data),
        };
        return Done(await mediator.Send(new CompleteTask(id, completion, me.Actor(request.ActingFor)), ct));
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Offer(Guid id, OfferRequest request, SignedIn me, IMediator mediator, CancellationToken ct) =>
        Done(await mediator.Send(new OfferTask(id, request.To ?? "", request.Reason, me.Actor(request.ActingFor)), ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Accept(Guid id, ActingRequest? request, SignedIn me, IMediator mediator, CancellationToken ct) =>
        Done(await mediator.Send(new AcceptOffer(id, me.Actor(request?.ActingFor)), ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Decline(Guid id, DeclineRequest request, SignedIn me, IMediator mediator, CancellationToken ct) =>
        Done(await mediator.Send(new DeclineOffer(id, request.Reason ?? "", me.Actor(request.ActingFor)), ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Withdraw(Guid id, ActingRequest? request, SignedIn me, IMediator mediator, CancellationToken ct) =>
        Done(await mediator.Send(new WithdrawOffer(id, me.Actor(request?.ActingFor)), ct));

    private static Results<Ok<object>, ProblemHttpResult> Done(DurableResult<ProcessInstance> result) =>
        result.Succeeded ? TypedResults.Ok(InstanceJson.Summary(result.Value)) : ApiErrors.Problem(result.Error!);
}
