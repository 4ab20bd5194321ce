using Workflow.Engine.Accountability;

namespace Workflow.Engine.Tests.Accountability;

public class ActorTests
{
    [Fact]
    public void Person_TrimsAndDeduplicates_AndActsInTheirOwnNameByDefault()
    {
        var actor = Actor.Person(" li.officer ", ["officer", " officer", "", "auxiliary"], " east ");

        Assert.Equal(("li.officer", "east", false), (actor.Id, actor.Unit, actor.IsSystem));
        Assert.Equal(["officer", "auxiliary"], actor.Roles);
        Assert.Equal("li.officer", actor.OnBehalfOf);
        Assert.True(actor.HasRole("auxiliary"));
        Assert.False(actor.HasRole("unit-head"));
    }

    [Fact]
    public void Person_ActingForSomeone_ActsInTheirName()
    {
        var deputy = Actor.Person("chen", ["officer"], actingFor: "li");

        Assert.Equal(("chen", "li", "li"), (deputy.Id, deputy.ActingFor, deputy.OnBehalfOf));
        Assert.Equal("chen (acting for li)", deputy.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Person_Throws_WhenTheIdIsBlank(string id) => Assert.Throws<ArgumentException>(() => Actor.Person(id));

    [Theory]
    [InlineData("li")]
    [InlineData(" ")]
    public void Person_Throws_WhenActingForThemselvesOrNobody(string actingFor) =>
        Assert.Throws<ArgumentException>(() => Actor.Person("li", actingFor: actingFor));

    [Fact]
    public void System_NamesTheComponent_AndHoldsNoRole()
    {
        var timer = Actor.System("timer");

        Assert.True(timer.IsSystem);
        Assert.Empty(timer.Roles);
        Assert.Equal("system:timer", timer.ToString());
        Assert.Throws<ArgumentException>(() => Actor.System(" "));
    }

    [Fact]
    public void Delegation_IsValidFromItsStartUntilJustBeforeItsEnd()
    {
        var start = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var delegation = new Delegation("li", "chen", start, start.AddDays(7));

        Assert.False(delegation.IsValidAt(start.AddTicks(-1)));
        Assert.True(delegation.IsValidAt(start));
        Assert.True(delegation.IsValidAt(start.AddDays(7).AddTicks(-1)));
        Assert.False(delegation.IsValidAt(start.AddDays(7)));
    }
}
