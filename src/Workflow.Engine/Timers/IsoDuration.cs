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

    /// <summary>Parses a duration; returns false on anything that is not ISO-8601.</summary>
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
        static int Int(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        var seconds = m.Groups[7].Success ? double.Parse(m.Groups[7].Value.Replace(',', '.'), CultureInfo.InvariantCulture) : 0;
        var time = new TimeSpan(Int(m.Groups[5]), Int(m.Groups[6]), 0) + TimeSpan.FromSeconds(seconds);
        duration = new IsoDuration(Int(m.Groups[1]), Int(m.Groups[2]), (Int(m.Groups[3]) * 7) + Int(m.Groups[4]), time);
        return true;
    }

    /// <summary>Adds the duration to a point in time.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start) => start.AddYears(Years).AddMonths(Months).AddDays(Days).Add(Time);

    /// <summary>True when the duration is zero.</summary>
    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;
}
