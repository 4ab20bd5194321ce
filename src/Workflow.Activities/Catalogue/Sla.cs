using Workflow.Engine.Model;
using Workflow.Engine.Timers;

namespace Workflow.Activities.Catalogue;

/// <summary>Builds the engine's <see cref="SlaSpec"/> from ISO-8601 text, for the activity declarations.</summary>
public static class Sla
{
    /// <summary>Calendar time: every hour counts.</summary>
    public const string Calendar = "calendar";
    /// <summary>Working days: weekends and public holidays do not count.</summary>
    public const string WorkingDays = "working-days";

    /// <summary>An SLA with the given stages (each optional).</summary>
    public static SlaSpec Of(string? warn = null, string? escalate = null, string? breach = null, string calendar = Calendar) =>
        new(Parse(warn), Parse(escalate), Parse(breach), calendar);

    private static IsoDuration? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }
        return IsoDuration.TryParse(text, out var duration) ? duration : throw new ArgumentException($"'{text}' is not an ISO-8601 duration", nameof(text));
    }
}
