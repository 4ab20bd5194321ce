using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflow.Engine.Timers;

/// <summary>
/// An ISO-8601 duration (PnYnMnWnDTnHnMnS). Years, months and days are calendar units, so they are
/// added to a date rather than converted to a fixed number of seconds.
/// </summary>
public readonly partial record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    [GeneratedRegex(@"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Longest duration accepted: one hundred years.</summary>
    public const int MaxDays = 36_600;

    /// <summary>Parses a duration; returns false on anything that is not ISO-8601 or longer than <see cref="MaxDays"/>.</summary>
    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var m = Pattern().Match(text.Trim().ToUpperInvariant());
        if (!m.Success)
        {
            return false;
        }
        static bool Int(Group g, out int value)
        {
            value = 0;
            return !g.Success || int.TryParse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
        if (!Int(m.Groups[1], out var years) || !Int(m.Groups[2], out var months) || !Int(m.Groups[3], out var weeks)
            || !Int(m.Groups[4], out var days) || !Int(m.Groups[5], out var hours) || !Int(m.Groups[6], out var minutes))
        {
            return false;
        }
        var seconds = 0d;
        if (m.Groups[7].Success && !double.TryParse(m.Groups[7].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds))
        {
            return false;
        }
        // Legal clocks are days to years; anything beyond a century is a typo, and would overflow date arithmetic.
        var totalDays = (years * 366d) + (months * 31d) + (weeks * 7d) + days + (hours / 24d) + (minutes / 1440d) + (seconds / 86400d);
        if (totalDays > MaxDays)
        {
            return false;
        }
        duration = new IsoDuration(years, months, (weeks * 7) + days, TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds));
        return true;
    }

    /// <summary>Adds the duration to a point in time.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start) => start.AddYears(Years).AddMonths(Months).AddDays(Days).Add(Time);

    /// <summary>True when the duration is zero.</summary>
    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;
}
