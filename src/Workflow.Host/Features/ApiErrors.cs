using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;

namespace Workflow.Host.Features;

/// <summary>
/// Maps engine refusals to RFC 9457 problem responses: 400 invalid, 401 no acting person, 403 not allowed (an accountability
/// rule refused), 404 unknown, 409 conflict or illegal transition. A refusal by a rule names it in the <c>rule</c> extension;
/// a completion refused by the task's activity lists every refused field in <c>problems</c>.
/// </summary>
public static class ApiErrors
{
    /// <summary>The problem response for a refusal.</summary>
    public static ProblemHttpResult Problem(EngineError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return TypedResults.Problem(
            statusCode: StatusFor(error),
            title: error.Code,
            detail: error.Message,
            type: $"urn:workflow:error:{error.Code}",
            extensions: Extensions(error));
    }

    /// <summary>A problem response the host itself raises (sign-in, accounts, bad queries), with a stable code as title and type.</summary>
    public static ProblemHttpResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(statusCode: status, title: code, detail: detail, type: $"urn:workflow:error:{code}");

    /// <summary>400 <c>invalid-request</c>: the request itself is malformed (missing or out-of-range parameters).</summary>
    public static ProblemHttpResult Invalid(string detail) => Problem(StatusCodes.Status400BadRequest, "invalid-request", detail);

    /// <summary>503 <c>ledger-unavailable</c>: the database could not be read while reading the ledger.</summary>
    public static ProblemHttpResult LedgerUnavailable(System.Data.Common.DbException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Problem(StatusCodes.Status503ServiceUnavailable, "ledger-unavailable", $"The ledger could not be read: {e.Message}");
    }

    private static Dictionary<string, object?>? Extensions(EngineError error)
    {
        if (error.Rule is null && error.Problems.Count == 0)
        {
            return null;
        }
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (error.Rule is not null)
        {
            extensions["rule"] = error.Rule;
        }
        if (error.Problems.Count > 0)
        {
            // Every refused field at once, in both languages, so a form can mark them all.
            extensions["problems"] = error.Problems.Select(p => new
            {
                field = p.Field,
                code = p.Code,
                message = p.Message,
                messageZh = p.Translations.GetValueOrDefault("zh-CN"),
            }).ToList();
        }
        return extensions;
    }

    private static int StatusFor(EngineError error) => error.Code switch
    {
        EngineErrors.TaskNotFound or EngineErrors.TimerNotFound or EngineErrors.SubscriptionNotFound or EngineErrors.IncidentNotFound
            or DurableErrors.ProcessNotFound or DurableErrors.InstanceNotFound or AccountabilityErrors.AmendmentNotFound
            or DurableErrors.TimerJobNotFound => StatusCodes.Status404NotFound,
        DurableErrors.ConcurrencyConflict or EngineErrors.TaskClaimed or EngineErrors.TaskNotClaimed or EngineErrors.NotRunning
            or DurableErrors.TimerNotDue or AccountabilityErrors.FieldLocked or AccountabilityErrors.OfferPending or AccountabilityErrors.NoOffer
            or AccountabilityErrors.AmendmentPending or AccountabilityErrors.AmendmentInvalid or AccountabilityErrors.AmendmentReviewOnly
            or DurableErrors.TimerJobNotFailed => StatusCodes.Status409Conflict,
        AccountabilityErrors.ActorRequired => StatusCodes.Status401Unauthorized,
        AccountabilityErrors.DelegationInvalid or AccountabilityErrors.NotCandidate or AccountabilityErrors.WrongUnit or AccountabilityErrors.NotAssignee
            or AccountabilityErrors.SeparationOfDuties or AccountabilityErrors.NotOfferRecipient => StatusCodes.Status403Forbidden,
        // Reasons, justifications and values are the caller's input; any other refusal by a rule is a prohibition.
        EngineErrors.ReasonRequired or EngineErrors.ReasonCodeRequired or EngineErrors.ReasonCodeUnknown or AccountabilityErrors.JustificationRequired
            or AccountabilityErrors.OfferInvalid => StatusCodes.Status400BadRequest,
        _ when error.Rule is not null => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };
}
