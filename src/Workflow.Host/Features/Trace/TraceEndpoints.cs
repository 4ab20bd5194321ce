using System.Data.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflow.Host.Features.Identity;
using Workflow.Host.Features.Instances;
using Workflow.Host.Features.Ledger;
using Workflow.Persistence;
using Workflow.Persistence.Ledger;

namespace Workflow.Host.Features.Trace;

/// <summary>
/// The backward trace (责任倒查) of a case, read from the ledger: <c>GET /api/instances/{id}/trace</c>,
/// <c>GET /api/instances/trace?businessKey=</c> (both with <c>field=</c> and <c>step=</c>), and the printable page <c>GET /cases/{id}/trace</c>.
/// </summary>
public static class TraceEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapTrace(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/instances/{id:guid}/trace", ById).RequireAuthorization(Identity.Roles.TracePolicy);
        app.MapGet("/api/instances/trace", ByBusinessKey).RequireAuthorization(Identity.Roles.TracePolicy);
        app.MapGet("/cases/{id}/trace", TracePage.RenderAsync).RequireAuthorization(Identity.Roles.TracePolicy);
        return app;
    }

    private static Task<Results<Ok<object>, ProblemHttpResult>> ById(Guid id, string? field, string? step, SignedIn me, CaseAccess access,
        IDbContextFactory<WorkflowDbContext> contexts, CancellationToken ct) => TraceAsync(id, null, field, step, me, access, contexts, ct);

    private static Task<Results<Ok<object>, ProblemHttpResult>> ByBusinessKey(string? businessKey, string? field, string? step, SignedIn me,
        CaseAccess access, IDbContextFactory<WorkflowDbContext> contexts, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(businessKey)
            ? Task.FromResult<Results<Ok<object>, ProblemHttpResult>>(ApiErrors.Invalid("give ?businessKey=…"))
            : TraceAsync(null, businessKey.Trim(), field, step, me, access, contexts, ct);

    private static async Task<Results<Ok<object>, ProblemHttpResult>> TraceAsync(Guid? id, string? businessKey, string? field, string? step,
        SignedIn me, CaseAccess access, IDbContextFactory<WorkflowDbContext> contexts, CancellationToken ct)
    {
        var (filter, invalid) = TraceLookup.Filter(field, step);
        if (invalid is not null)
        {
            return invalid;
        }
        try
        {
            return await TraceLookup.ReadAsync(contexts, access, me, id, businessKey, filter!, ct) is { } traced
                ? TypedResults.Ok(Json(traced))
                : TraceLookup.NotFound(id?.ToString() ?? $"business key {businessKey}");
        }
        catch (DbException e)
        {
            return ApiErrors.LedgerUnavailable(e);
        }
    }

    /// <summary><c>{verified, verification, warnings, filter, instances, steps, fields}</c>: the trace as the builder made it.</summary>
    private static object Json(LedgerTrace traced) => new
    {
        verified = traced.Verification.Ok,
        verification = LedgerJson.Verification(traced.Verification),
        warnings = traced.Warnings,
        filter = traced.Trace.Filter,
        instances = traced.Trace.Instances,
        steps = traced.Trace.Steps,
        fields = traced.Trace.Fields,
    };
}
