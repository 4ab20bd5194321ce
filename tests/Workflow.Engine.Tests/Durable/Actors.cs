using Workflow.Engine.Accountability;

namespace Workflow.Engine.Tests.Durable;

/// <summary>People and components the durable tests act as.</summary>
internal static class Actors
{
    /// <summary>Starts instances in most tests.</summary>
    public static readonly Actor Tester = Actor.Person("tester");

    /// <summary>Cancels, retries and migrates.</summary>
    public static readonly Actor Admin = Actor.Person("admin", ["admin"]);

    /// <summary>An integration that posts messages.</summary>
    public static readonly Actor Integration = Actor.System("integration");

    /// <summary>A person without roles or unit (enough for tasks that name none).</summary>
    public static Actor Person(string id, params string[] roles) => Actor.Person(id, roles);
}
