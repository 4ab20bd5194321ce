using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Activities.Tests.Support;
using Workflow.Activities.Validation;

namespace Workflow.Activities.Tests.Validation;

/// <summary>
/// The declarations of every activity, checked field by field: the sample of each outcome passes, and
/// each declared constraint refuses what it should. A new activity or field is covered without a new test.
/// </summary>
public class CatalogueValidationTests
{
    private static readonly CompletionValidator Validator = CompletionValidator.Default;

    public static TheoryData<string, string?> Outcomes()
    {
        var data = new TheoryData<string, string?>();
        foreach (var (activity, outcome) in Samples.All())
        {
            data.Add(activity.Key, outcome);
        }
        return data;
    }

    public static TheoryData<string, string?, string> RequiredFields()
    {
        var data = new TheoryData<string, string?, string>();
        foreach (var (activity, outcome) in Samples.All())
        {
            foreach (var field in activity.Fields.Where(f => f.IsRequiredFor(outcome)))
            {
                data.Add(activity.Key, outcome, field.Id);
            }
        }
        return data;
    }

    public static TheoryData<string, string?, string> Fields(Func<ActivityField, bool> which)
    {
        var data = new TheoryData<string, string?, string>();
        foreach (var activity in ActivityCatalogue.Default.All)
        {
            var outcome = activity.Outcomes.Count == 0 ? null : activity.Outcomes[0].Id;
            foreach (var field in activity.Fields.Where(which))
            {
                data.Add(activity.Key, outcome, field.Id);
            }
        }
        return data;
    }

    public static TheoryData<string, string?, string> AllFields() => Fields(_ => true);

    public static TheoryData<string, string?, string> CodeFields() => Fields(f => f.Type == FieldType.Code);

    public static TheoryData<string, string?, string> TextFields() => Fields(f => f.Type is FieldType.String or FieldType.Text);

    public static TheoryData<string, string?, string> NumberFields() => Fields(f => f.Type == FieldType.Number);

    public static TheoryData<string, string?, string> PastTimeFields() => Fields(f => f.NotInFuture);

    public static TheoryData<string, string> ReasonOutcomes()
    {
        var data = new TheoryData<string, string>();
        foreach (var activity in ActivityCatalogue.Default.All)
        {
            foreach (var outcome in activity.Outcomes.Where(o => o.RequiresReason))
            {
                data.Add(activity.Key, outcome.Id);
            }
        }
        return data;
    }

    [Fact]
    public void Samples_CoverEveryActivityAndOutcome_WhenTheCatalogueGrows()
    {
        var missing = Samples.All().Where(x => !Samples.Has(x.Activity.Key, x.Outcome)).Select(x => $"{x.Activity.Key}/{x.Outcome}").ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Validate_ReturnsNoProblem_WhenTheSampleIsSubmitted(string key, string? outcome)
    {
        var problems = Validator.Validate(Samples.Request(key, outcome));

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void Validate_RefusesFieldRequired_WhenARequiredFieldIsMissingOrBlank(string key, string? outcome, string field)
    {
        var missing = Samples.For(key, outcome);
        missing.Remove(field);
        var blank = Samples.For(key, outcome);
        blank[field] = "  ";

        foreach (var data in new[] { missing, blank })
        {
            var problem = Assert.Single(Validator.Validate(Samples.Request(key, outcome, data)), p => p.Field == field);
            Assert.Equal(ProblemCodes.FieldRequired, problem.Code);
            Assert.False(string.IsNullOrWhiteSpace(problem.MessageZh));
            Assert.False(string.IsNullOrWhiteSpace(problem.MessageEn));
        }
    }

    [Theory]
    [MemberData(nameof(AllFields))]
    public void Validate_RefusesFieldType_WhenTheValueHasTheWrongType(string key, string? outcome, string field)
    {
        var activity = ActivityCatalogue.Default.Find(key)!;
        var data = Samples.For(key, outcome);
        data[field] = activity.FindField(field)!.Type is FieldType.Boolean or FieldType.Number ? "yes" : 42;

        var problems = Validator.Validate(Samples.Request(key, outcome, data));

        Assert.Contains(problems, p => p.Field == field && p.Code == ProblemCodes.FieldType);
    }

    [Theory]
    [MemberData(nameof(CodeFields))]
    public void Validate_RefusesTheCode_WhenItIsNotInTheFieldsList(string key, string? outcome, string field)
    {
        var activity = ActivityCatalogue.Default.Find(key)!;
        var data = Samples.For(key, outcome);
        data[field] = "no such code!";

        var problems = Validator.Validate(Samples.Request(key, outcome, data));

        // A unit code (not a shipped list) is checked for its form; the others for membership.
        var expected = activity.FindField(field)!.CodeList == CodeListIds.Unit ? ProblemCodes.Format : ProblemCodes.CodeUnknown;
        Assert.Contains(problems, p => p.Field == field && p.Code == expected);
    }

    [Theory]
    [MemberData(nameof(TextFields))]
    public void Validate_RefusesTooLong_WhenTheTextExceedsItsLimit(string key, string? outcome, string field)
    {
        var declared = ActivityCatalogue.Default.Find(key)!.FindField(field)!;
        var limit = declared.MaxLength ?? ActivityField.DefaultTextLength;
        var data = Samples.For(key, outcome);
        data[field] = new string('案', limit + 1);
        var atLimit = Samples.For(key, outcome);
        atLimit[field] = new string('案', limit);

        Assert.Contains(Validator.Validate(Samples.Request(key, outcome, data)), p => p.Field == field && p.Code == ProblemCodes.TooLong);
        Assert.DoesNotContain(Validator.Validate(Samples.Request(key, outcome, atLimit)), p => p.Field == field && p.Code == ProblemCodes.TooLong);
    }

    [Theory]
    [MemberData(nameof(NumberFields))]
    public void Validate_RefusesOutOfRange_WhenTheNumberIsOutsideItsRange(string key, string? outcome, string field)
    {
        var declared = ActivityCatalogue.Default.Find(key)!.FindField(field)!;
        Assert.True(declared.Min is not null && declared.Max is not null, $"{key}.{field} should declare its range");
        foreach (var value in new[] { declared.Min!.Value - 1, declared.Max!.Value + 1 })
        {
            var data = Samples.For(key, outcome);
            data[field] = value;

            Assert.Contains(Validator.Validate(Samples.Request(key, outcome, data)), p => p.Field == field && p.Code == ProblemCodes.OutOfRange);
        }
    }

    [Theory]
    [MemberData(nameof(PastTimeFields))]
    public void Validate_RefusesInFuture_WhenARecordedTimeLiesAhead(string key, string? outcome, string field)
    {
        var data = Samples.For(key, outcome);
        data[field] = Samples.Now.AddHours(2).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var noOffset = Samples.For(key, outcome);
        noOffset[field] = "2026-03-01 07:00";

        Assert.Contains(Validator.Validate(Samples.Request(key, outcome, data)), p => p.Field == field && p.Code == ProblemCodes.InFuture);
        Assert.Contains(Validator.Validate(Samples.Request(key, outcome, noOffset)), p => p.Field == field && p.Code == ProblemCodes.FieldType);
    }

    [Theory]
    [MemberData(nameof(ReasonOutcomes))]
    public void Validate_RefusesTheOutcome_WhenItsReasonOrCodedReasonIsMissingOrWrong(string key, string outcome)
    {
        var withoutText = Samples.Request(key, outcome, reason: " ");
        Assert.Contains(Validator.Validate(withoutText), p => p.Field is null && p.Code == ProblemCodes.ReasonRequired);
        Assert.Contains(Validator.Validate(Samples.Request(key, outcome, reasonCode: " ")),
            p => p.Field == CompletionValidator.ReasonCodeField && p.Code == ProblemCodes.ReasonCodeRequired);
        Assert.Contains(Validator.Validate(Samples.Request(key, outcome, reasonCode: "not-a-reason")),
            p => p.Field == CompletionValidator.ReasonCodeField && p.Code == ProblemCodes.ReasonCodeUnknown);
    }

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Validate_RefusesTheOutcome_WhenItIsMissingOrNotOffered(string key, string? outcome)
    {
        var wrong = Validator.Validate(Samples.Request(key, "no-such-outcome", Samples.For(key, outcome)));

        Assert.Contains(wrong, p => p.Code == ProblemCodes.OutcomeUnknown);
        if (outcome is not null)
        {
            Assert.Contains(Validator.Validate(Samples.Request(key, null, Samples.For(key, outcome))), p => p.Code == ProblemCodes.OutcomeRequired);
        }
    }

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Validate_RefusesFieldUnknown_WhenTheFormCarriesAnUndeclaredValue(string key, string? outcome)
    {
        var data = Samples.For(key, outcome);
        data["unit"] = "somewhere-else";
        data["outcome"] = "approve";
        var declaresUnit = ActivityCatalogue.Default.Find(key)!.FindField("unit") is not null;

        var problems = Validator.Validate(Samples.Request(key, outcome, data));

        Assert.Contains(problems, p => p.Field == "outcome" && p.Code == ProblemCodes.FieldUnknown);
        Assert.Equal(!declaresUnit, problems.Any(p => p.Field == "unit" && p.Code == ProblemCodes.FieldUnknown));
    }

    [Fact]
    public void Validate_RefusesActivityUnknown_WhenTheTypeIsNotInTheCatalogue()
    {
        var problem = Assert.Single(Validator.Validate(new CompletionRequest { ActivityType = "police.nope" }));

        Assert.Equal(ProblemCodes.ActivityUnknown, problem.Code);
    }

    [Fact]
    public void Validate_ReturnsEveryProblemAtOnce_WhenSeveralThingsAreWrong()
    {
        var data = new Dictionary<string, object?> { ["channel"] = "fax", ["urgency"] = 1d };

        var problems = Validator.Validate(Samples.Request("police.register-incident", "dispatch", data));

        Assert.Contains(problems, p => p.Field == "channel" && p.Code == ProblemCodes.CodeUnknown);
        Assert.Contains(problems, p => p.Field == "nature" && p.Code == ProblemCodes.FieldRequired);
        Assert.Contains(problems, p => p.Field == "urgency" && p.Code == ProblemCodes.FieldType);
        Assert.Contains(problems, p => p.Field == "summary" && p.Code == ProblemCodes.FieldRequired);
        Assert.True(problems.Count >= 9, string.Join("\n", problems));
    }
}
