using System.Data.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Persistence.Ledger;

namespace Workflow.Host.Features.Ledger;

/// <summary>/api/ledger: verification of the accountability ledger.</summary>
public static class LedgerEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapLedger(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/ledger").RequireAuthorization(Identity.Roles.OversightPolicy);
        group.MapGet("/verify", Verify);
        return app;
    }

    /// <summary>
    /// 200 with the verification whether or not the ledger is intact (the request itself succeeded; <c>ok</c> says which);
    /// 503 problem when the database cannot be read. It reads the whole ledger: a long request on a large one.
    /// </summary>
    private static async Task<Results<Ok<object>, ProblemHttpResult>> Verify(LedgerVerifier verifier, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(LedgerJson.Verification(await verifier.VerifyAsync(ct)));
        }
        catch (DbException e)
        {
            return ApiErrors.LedgerUnavailable(e);
        }
    }
}
