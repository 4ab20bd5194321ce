using Workflow.Engine.Accountability;

namespace Workflow.Engine.Tests.Durable.Accountability;

/// <summary>The people of the accountability tests: roles and units as in DOMAIN.md §2.</summary>
internal static class People
{
    public static readonly Actor Officer = Actor.Person("li.officer", ["officer"], "east");
    public static readonly Actor OfficerWest = Actor.Person("zhang.officer", ["officer"], "west");
    public static readonly Actor Officer2 = Actor.Person("chen.officer", ["officer"], "east");
    public static readonly Actor Legal = Actor.Person("wang.legal", ["legal-officer"]);
    public static readonly Actor Legal2 = Actor.Person("sun.legal", ["legal-officer"]);
    public static readonly Actor Head = Actor.Person("zhao.head", ["unit-head"], "east");
    public static readonly Actor LegalAndHead = Actor.Person("qian.both", ["legal-officer", "unit-head"], "east");
    public static readonly Actor Auxiliary = Actor.Person("zhou.aux", ["auxiliary"], "east");
}
