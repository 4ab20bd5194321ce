namespace Workflow.Host.Features.Identity;

/// <summary>Sign-in settings (<c>Workflow:Identity</c>).</summary>
public sealed class IdentityOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Workflow:Identity";

    /// <summary>
    /// Creates the demo people (one per role, see <see cref="DemoUsers"/>) at start when they are missing. On in the
    /// Development environment (the quick start), off otherwise: demo passwords are printed on the console.
    /// </summary>
    public bool SeedDemoUsers { get; set; }

    /// <summary>The demo people's password.</summary>
    public string DemoPassword { get; set; } = "Demo@2026";

    /// <summary>How long a sign-in lasts without activity.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Failed sign-ins in a row after which an account is locked for <see cref="LockoutPeriod"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked account waits.</summary>
    public TimeSpan LockoutPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
