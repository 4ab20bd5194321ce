using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Engine.Durable;

namespace Workflow.Host.Features.Timers;

/// <summary>/api/timer-jobs: timer jobs the executors gave up (timer incidents), and an administrator's retry.</summary>
public static class TimerJobEndpoints
{
    private const int MaxTake = 500;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapTimerJobs(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/timer-jobs").RequireAuthorization(Identity.Roles.AdminPolicy);
        group.MapGet("/failed", ListFailed);
        group.MapPost("/{timerId:guid}/retry", Retry);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<TimerIncident>>, ProblemHttpResult>> ListFailed(int? take, TimerIncidents incidents, CancellationToken ct)
    {
        if (take is < 1 or > MaxTake)
        {
            return ApiErrors.Invalid($"take must be 1 to {MaxTake}");
        }
        return TypedResults.Ok(await incidents.ListAsync(take ?? 100, ct));
    }

    private static async Task<Results<Ok<TimerIncident>, ProblemHttpResult>> Retry(Guid timerId, Identity.SignedIn me, TimerIncidents incidents, CancellationToken ct)
    {
        // The retry is an administrator's act and goes on record under their name.
        var result = await incidents.RetryAsync(timerId, me.Actor(), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiErrors.Problem(result.Error!);
    }
}
