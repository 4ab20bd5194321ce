using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;

namespace Workflow.Activities.Validation;

/// <summary>Checks one present value against its field's declaration.</summary>
internal static class FieldCheck
{
    /// <summary>Clocks of two machines disagree a little; a record "now" may arrive a few minutes ahead.</summary>
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);
    private static readonly Regex IsoDateTime = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex UnitCode = new("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>Adds the problems of <paramref name="value"/> (never null or empty here); returns false when there was one.</summary>
    public static bool Check(ActivityField field, object value, DateTimeOffset now, CodeListCatalogue codeLists, ProblemList problems)
    {
        var label = field.Label;
        switch (field.Type)
        {
            case FieldType.Boolean when value is not bool:
                return TypeProblem(field, "是或否（true/false）", "true or false", problems);
            case FieldType.Number:
                return value is double d ? CheckNumber(field, d, problems) : TypeProblem(field, "数字", "a number", problems);
            case FieldType.Boolean:
                return true;
        }
        if (value is not string text)
        {
            return TypeProblem(field, "文字", "text", problems);
        }
        switch (field.Type)
        {
            case FieldType.Date:
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return TypeProblem(field, "日期（yyyy-MM-dd）", "a date (yyyy-MM-dd)", problems);
                }
                if (field.NotInFuture && date > DateOnly.FromDateTime(now.Add(FutureTolerance).UtcDateTime))
                {
                    problems.Add(field.Id, ProblemCodes.InFuture, $"“{label.ZhCn}”不能晚于今天", $"{label.En} cannot be in the future");
                    return false;
                }
                return true;
            case FieldType.DateTime:
                if (!IsoDateTime.IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                {
                    return TypeProblem(field, "带时区的时间（如 2026-01-31T08:30:00+08:00）", "a date and time with its offset (e.g. 2026-01-31T08:30:00+08:00)", problems);
                }
                if (field.NotInFuture && time > now + FutureTolerance)
                {
                    problems.Add(field.Id, ProblemCodes.InFuture, $"“{label.ZhCn}”不能晚于当前时间", $"{label.En} cannot be in the future");
                    return false;
                }
                return true;
            case FieldType.Code:
                return CheckCode(field, text, codeLists, problems);
            default:
                return CheckText(field, text, problems);
        }
    }

    /// <summary>Length in characters as a reader counts them (a Chinese character or an emoji is one).</summary>
    public static int Length(string text) => text.EnumerateRunes().Count();

    private static bool CheckNumber(ActivityField field, double value, ProblemList problems)
    {
        var label = field.Label;
        if (field.WholeNumber && Math.Floor(value) != value)
        {
            problems.Add(field.Id, ProblemCodes.OutOfRange, $"“{label.ZhCn}”应为整数", $"{label.En} must be a whole number");
            return false;
        }
        if ((field.Min is { } min && value < min) || (field.Max is { } max && value > max))
        {
            var range = $"{Show(field.Min)}–{Show(field.Max)}";
            problems.Add(field.Id, ProblemCodes.OutOfRange, $"“{label.ZhCn}”应在 {range} 之间", $"{label.En} must be within {range}");
            return false;
        }
        return true;
    }

    private static bool CheckCode(ActivityField field, string code, CodeListCatalogue codeLists, ProblemList problems)
    {
        var label = field.Label;
        if (field.CodeList is { } listId && codeLists.Find(listId) is { } list)
        {
            if (list.Contains(code))
            {
                return true;
            }
            problems.Add(field.Id, ProblemCodes.CodeUnknown, $"“{label.ZhCn}”的值“{code}”不在代码表“{list.Label.ZhCn}”中",
                $"'{code}' is not a code of the list {list.Label.En} ({label.En})");
            return false;
        }
        // A list not shipped here (the organisation's units): the code is checked for its form only.
        if (UnitCode.IsMatch(code))
        {
            return true;
        }
        problems.Add(field.Id, ProblemCodes.Format, $"“{label.ZhCn}”应为代码（字母、数字、. _ -，至多 64 位）",
            $"{label.En} must be a code (letters, digits, . _ -, at most 64)");
        return false;
    }

    private static bool CheckText(ActivityField field, string text, ProblemList problems)
    {
        var label = field.Label;
        var max = field.MaxLength ?? (field.Type == FieldType.Text ? ActivityField.DefaultTextLength : ActivityField.DefaultStringLength);
        if (Length(text) > max)
        {
            problems.Add(field.Id, ProblemCodes.TooLong, $"“{label.ZhCn}”不能超过 {max} 个字", $"{label.En} must be at most {max} characters");
            return false;
        }
        if (field.Type == FieldType.String && text.Contains('\n', StringComparison.Ordinal))
        {
            problems.Add(field.Id, ProblemCodes.Format, $"“{label.ZhCn}”只能填一行", $"{label.En} must be a single line");
            return false;
        }
        if (field.Pattern is { } pattern && !Pattern(pattern).IsMatch(text))
        {
            var hint = field.PatternHint ?? new LocalizedText("格式不正确", "it has the wrong form");
            problems.Add(field.Id, ProblemCodes.Format, $"“{label.ZhCn}”格式不正确：{hint.ZhCn}", $"{label.En}: {hint.En}");
            return false;
        }
        return true;
    }

    private static bool TypeProblem(ActivityField field, string zh, string en, ProblemList problems)
    {
        problems.Add(field.Id, ProblemCodes.FieldType, $"“{field.Label.ZhCn}”应为{zh}", $"{field.Label.En} must be {en}");
        return false;
    }

    private static Regex Pattern(string pattern) =>
        Patterns.GetOrAdd(pattern, p => new Regex($"^(?:{p})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    private static string Show(double? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "…";
}
