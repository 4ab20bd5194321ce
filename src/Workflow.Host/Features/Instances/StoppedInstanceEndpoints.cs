using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Engine.Storage;
using Workflow.Host.Features.Identity;
using Workflow.Persistence.Instances;

namespace Workflow.Host.Features.Instances;

/// <summary>
/// GET /api/instances/incidents: every instance an incident stops (an expression that failed, no flow that matched, a
/// called case that failed), with its incidents, for the administrator who retries them
/// (<c>POST /api/instances/{id}/incidents/{incidentId}/retry</c>). Timers given up are listed by /api/timer-jobs/failed.
/// </summary>
public static class StoppedInstanceEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapStoppedInstances(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/instances/incidents", List).RequireAuthorization(Roles.AdminPolicy);
        return app;
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> List(int? skip, int? take, IncidentCounts counts, IInstanceStore instances, CancellationToken ct)
    {
        if (take is < 1 or > IncidentCounts.MaxTake || skip is < 0)
        {
            return ApiErrors.Invalid($"take must be 1..{IncidentCounts.MaxTake} and skip ≥ 0");
        }
        var page = await counts.FindAsync(skip ?? 0, take ?? 50, ct);
        var items = new List<object>(page.Items.Count);
        foreach (var stopped in page.Items)
        {
            // The incidents themselves live in the state: read now, they are what a retry acts on.
            var incidents = (await instances.LoadAsync(stopped.Id, ct))?.Instance.Incidents ?? [];
            items.Add(new
            {
                instanceId = stopped.Id,
                processId = stopped.ProcessId,
                version = stopped.Version,
                businessKey = stopped.BusinessKey,
                startedAt = stopped.StartedAt,
                incidents = incidents.Select(i => new { id = i.Id, elementId = i.ElementId, code = i.Code, message = i.Message, at = i.At }).ToArray(),
            });
        }
        return TypedResults.Ok<object>(new { total = page.Total, items });
    }
}
