namespace Workflow.Activities.Catalogue;

/// <summary>Role codes of DOMAIN.md §2, as written in <c>wf:roles</c>.</summary>
public static class PoliceRoles
{
    /// <summary>接警员: the 110 command centre's call-taker.</summary>
    public const string CallTaker = "call-taker";
    /// <summary>派警员/指挥长: dispatches to a unit.</summary>
    public const string Dispatcher = "dispatcher";
    /// <summary>值班民警: acknowledges dispatches, registers walk-ins.</summary>
    public const string DutyOfficer = "duty-officer";
    /// <summary>处警/办案民警: handles incidents and cases.</summary>
    public const string Officer = "officer";
    /// <summary>辅警: may co-author, never owns an enforcement step.</summary>
    public const string Auxiliary = "auxiliary";
    /// <summary>所长/队长: the unit's leader.</summary>
    public const string UnitHead = "unit-head";
    /// <summary>法制员/法制大队: legal affairs.</summary>
    public const string LegalOfficer = "legal-officer";
    /// <summary>县级以上负责人: bureau leadership.</summary>
    public const string CountyHead = "county-head";
    /// <summary>督察/案管: case-management centre and inspection.</summary>
    public const string Supervisor = "supervisor";
    /// <summary>System administrator.</summary>
    public const string Admin = "admin";
}
