using System.Globalization;
using Workflow.Engine.Model;

namespace Workflow.Engine.Timers;

/// <summary>Parses the text of timeDuration, timeDate and timeCycle elements.</summary>
public static class TimerParser
{
    /// <summary>Parses a timer; on failure returns null and a readable reason.</summary>
    public static TimerDefinition? Parse(TimerType type, string text, out string? error)
    {
        error = null;
        var t = text.Trim();
        if (t.StartsWith("${", StringComparison.Ordinal) || t.StartsWith("#{", StringComparison.Ordinal))
        {
            error = $"timer '{t}' is a JUEL expression (Camunda/Flowable); write an ISO-8601 value instead";
            return null;
        }
        if (t.StartsWith('='))
        {
            error = $"timer '{t}' is a FEEL expression (Zeebe); write an ISO-8601 value instead";
            return null;
        }
        switch (type)
        {
            case TimerType.Duration:
                if (IsoDuration.TryParse(t, out var d))
                {
                    return new TimerDefinition(type, t, d, null, 1);
                }
                error = $"'{t}' is not an ISO-8601 duration such as PT5M or P3D, up to 100 years";
                return null;
            case TimerType.Date:
                if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    return new TimerDefinition(type, t, null, date, 1);
                }
                error = $"'{t}' is not an ISO-8601 date-time such as 2026-01-31T08:30:00Z";
                return null;
            default:
                return ParseCycle(t, out error);
        }
    }

    private static TimerDefinition? ParseCycle(string t, out string? error)
    {
        error = null;
        var parts = t.Split('/');
        if (parts.Length < 2 || parts.Length > 3 || !parts[0].StartsWith('R'))
        {
            error = parts.Length >= 5 || t.Contains(' ', StringComparison.Ordinal)
                ? $"'{t}' looks like a cron expression; only ISO-8601 repeating intervals (R3/PT10M) are supported"
                : $"'{t}' is not an ISO-8601 repeating interval such as R3/PT10M";
            return null;
        }
        var reps = TimerDefinition.Unbounded;
        if (parts[0].Length > 1 && (!int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out reps) || reps < 1))
        {
            error = $"'{parts[0]}' is not a valid repetition count";
            return null;
        }
        DateTimeOffset? start = null;
        var durationText = parts[^1];
        if (parts.Length == 3)
        {
            if (!DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s))
            {
                error = $"'{parts[1]}' is not an ISO-8601 start date";
                return null;
            }
            start = s;
        }
        if (!IsoDuration.TryParse(durationText, out var d) || d.IsZero)
        {
            error = $"'{durationText}' is not a positive ISO-8601 duration of up to 100 years";
            return null;
        }
        return new TimerDefinition(TimerType.Cycle, t, d, start, reps);
    }

    /// <summary>First due time of a timer armed at <paramref name="now"/>.</summary>
    public static DateTimeOffset FirstDue(TimerDefinition timer, DateTimeOffset now) => timer.Type switch
    {
        TimerType.Date => timer.Date!.Value,
        TimerType.Cycle when timer.Date is { } start => start > now ? start : timer.Duration!.Value.AddTo(now),
        _ => timer.Duration!.Value.AddTo(now),
    };
}
