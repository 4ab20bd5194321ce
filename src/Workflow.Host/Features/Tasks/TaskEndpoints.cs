using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Workflow.Host.Features.Instances;
using Workflow.Persistence.Tasks;

namespace Workflow.Host.Features.Tasks;

/// <summary>
/// /api/tasks: the inbox and the task commands. Until sign-in arrives (accountability issue) the
/// caller names the user, roles and unit; the accountability issue replaces them with the signed-in identity.
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
        string.IsNullOrWhiteSpace(request.User) ? MissingUser() : Done(await runtime.ClaimAsync(id, request.User, ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Unclaim(Guid id, UserRequest request, DurableRuntime runtime, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(request.User) ? MissingUser() : Done(await runtime.UnclaimAsync(id, request.User, ct));

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Complete(Guid id, CompleteRequest request, DurableRuntime runtime, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.User))
        {
            return MissingUser();
        }
        var completion = new TaskCompletion { Outcome = request.Outcome, Reason = request.Reason, Data = InstanceJson.Variables(request.Data) };
        return Done(await runtime.CompleteAsync(id, completion, request.User, ct));
    }

    private static ProblemHttpResult MissingUser() => TypedResults.Problem(statusCode: 400, title: "invalid-request", detail: "user is required");

    private static Results<Ok<object>, ProblemHttpResult> Done(DurableResult<ProcessInstance> result) =>
        result.Succeeded ? TypedResults.Ok(InstanceJson.Summary(result.Value)) : ApiErrors.Problem(result.Error!);
}

/// <summary>Body naming the acting user.</summary>
public sealed record UserRequest(string User);

/// <summary>Body of POST /api/tasks/{id}/complete.</summary>
public sealed record CompleteRequest(string User, string? Outcome, string? Reason, Dictionary<string, JsonElement>? Data);
