using Workflow.Activities.Catalogue;
using Workflow.Activities.CrossCutting;
using Workflow.Activities.Tests.Support;
using Workflow.Activities.Validation;

namespace Workflow.Activities.Tests.Validation;

/// <summary>Handover, extension and supervision (DOMAIN §3, cross-cutting).</summary>
public class CrossCuttingActivityTests
{
    private static IReadOnlyList<ValidationProblem> Validate(CompletionRequest request) => CompletionValidator.Default.Validate(request);

    private static CompletionRequest Extend(string by, params string[] roles)
    {
        var data = Samples.For(Extension.Type, "approve");
        data["extendBy"] = by;
        return Samples.Request(Extension.Type, "approve", data, roles: roles.Length == 0 ? null : roles.ToHashSet());
    }

    [Theory]
    [InlineData("P7D", PoliceRoles.UnitHead, true)]
    [InlineData("PT12H", PoliceRoles.UnitHead, true)]
    [InlineData("P30D", PoliceRoles.UnitHead, false)]
    [InlineData("P30D", PoliceRoles.CountyHead, true)]
    [InlineData("P60D", PoliceRoles.CountyHead, true)]
    public void Extension_ChecksTheApproversLevel_WhenTheRolesAreKnown(string by, string role, bool allowed)
    {
        var problems = Validate(Extend(by, role));

        Assert.Equal(allowed, problems.Count == 0);
        Assert.All(problems, p => Assert.Equal(ProblemCodes.RoleInsufficient, p.Code));
    }

    [Theory]
    [InlineData("P61D", ProblemCodes.OutOfRange)]
    [InlineData("P0D", ProblemCodes.OutOfRange)]
    [InlineData("30 days", ProblemCodes.Format)]
    [InlineData("P1M", ProblemCodes.Format)]
    public void Extension_RefusesTheLength_WhenItIsNotADurationUpToSixtyDays(string by, string code)
    {
        Assert.Contains(Validate(Extend(by)), p => p.Field == "extendBy" && p.Code == code);
    }

    [Fact]
    public void Extension_AsksForNoLength_WhenItIsRefused()
    {
        Assert.Empty(Validate(Samples.Request(Extension.Type, "refuse")));
    }

    [Fact]
    public void Handover_RefusesARefusal_WhenItHasNoCodedReason()
    {
        var problems = Validate(Samples.Request(Handover.Type, "refuse", new Dictionary<string, object?>(), reason: "", reasonCode: ""));

        Assert.Equal([ProblemCodes.ReasonRequired, ProblemCodes.ReasonCodeRequired], problems.Select(p => p.Code));
    }

    [Fact]
    public void Supervise_RequiresANote_WhenCompleted()
    {
        var problem = Assert.Single(Validate(Samples.Request(Supervise.Type, null, new Dictionary<string, object?>())));

        Assert.Equal(("supervisionNote", ProblemCodes.FieldRequired), (problem.Field, problem.Code));
    }
}
