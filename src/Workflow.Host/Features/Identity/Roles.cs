namespace Workflow.Host.Features.Identity;

/// <summary>Role codes the host itself checks (DOMAIN §2); the flows' roles are checked by the engine.</summary>
public static class Roles
{
    /// <summary>System administrator: definitions, users, timer incidents, instance repair.</summary>
    public const string Admin = "admin";

    /// <summary>Inspection and case management: ledger verification, accountability findings.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Authorization policy: administrators only.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>Authorization policy: administrators and supervisors (oversight).</summary>
    public const string OversightPolicy = "oversight";

    /// <summary>
    /// Authorization policy: who may read a case's backward trace — administrators, supervisors (inspection), and the
    /// reviewing ranks that answer for the cases they check (legal officers, unit and county heads).
    /// </summary>
    public const string TracePolicy = "trace";

    /// <summary>
    /// The county-wide roles, who may read every case (DOMAIN §2): administrators, supervisors (inspection, case management),
    /// legal officers (the county's legal affairs: their review tasks have no unit) and county heads. Everybody else is
    /// unit-scoped and reads a case only through their part in it (<see cref="Instances.CaseAccess"/>).
    /// </summary>
    public static readonly string[] CountyWide = [Admin, Supervisor, "legal-officer", "county-head"];

    /// <summary>The roles <see cref="TracePolicy"/> admits: the county-wide ones and unit heads.</summary>
    public static readonly string[] TraceReaders = [.. CountyWide, "unit-head"];
}
