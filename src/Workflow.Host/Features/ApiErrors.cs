using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;

namespace Workflow.Host.Features;

/// <summary>Maps engine refusals to RFC 9457 problem responses: 400 invalid, 404 unknown, 409 conflict or illegal transition.</summary>
public static class ApiErrors
{
    /// <summary>The problem response for a refusal.</summary>
    public static ProblemHttpResult Problem(EngineError error) => TypedResults.Problem(
        statusCode: StatusFor(error.Code),
        title: error.Code,
        detail: error.Message,
        type: $"urn:workflow:error:{error.Code}",
        extensions: error.Problems.Count == 0 ? null : new Dictionary<string, object?>
        {
            // Every refused field at once, in both languages, so a form can mark them all.
            ["problems"] = error.Problems.Select(p => new
            {
                field = p.Field,
                code = p.Code,
                message = p.Message,
                messageZh = p.Translations.GetValueOrDefault("zh-CN"),
            }).ToList(),
        });

    private static int StatusFor(string code) => code switch
    {
        EngineErrors.TaskNotFound or EngineErrors.TimerNotFound or EngineErrors.SubscriptionNotFound or EngineErrors.IncidentNotFound
            or DurableErrors.ProcessNotFound or DurableErrors.InstanceNotFound => StatusCodes.Status404NotFound,
        DurableErrors.ConcurrencyConflict or EngineErrors.TaskClaimed or EngineErrors.TaskNotClaimed or EngineErrors.NotRunning
            or DurableErrors.TimerNotDue => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
