using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;
using Workflow.Host.Features.Identity;
using Workflow.Host.Features.Tasks;
using Workflow.Persistence.Instances;

namespace Workflow.Host.Features.Instances;

/// <summary>
/// Who may read a case — its state, variables and history (DOMAIN §2: unit-scoped roles see only their unit's work). A
/// signed-in person may read an instance when any of these holds:
/// <list type="bullet">
/// <item>they hold a county-wide role (<see cref="Roles.CountyWide"/>: administrator, supervisor, legal officer, county head);</item>
/// <item>they take part in its case (<see cref="CaseQueries"/>): the ledger names them as the actor or the person acted
/// for, they hold or held one of its tasks, an open task is offered to them, one of its tasks (open or closed) belongs to
/// their unit, or an open task of no unit is claimable through one of their roles (it is in their inbox);</item>
/// <item>with <c>?actingFor=</c>, the delegator may read it, as far as a grant valid now reaches (<see cref="InboxOwner"/>:
/// the grant's roles, in its unit or the delegator's).</item>
/// </list>
/// The case is the whole call tree: an incident and the cases it called are read, or not, together — whoever works the
/// called case needs the incident it came from, and whoever answered the incident may follow what became of it.
/// </summary>
/// <remarks>
/// A refusal is the 404 <c>instance-not-found</c> an unknown instance gets, not a 403: the business-key search leaves out
/// what the person may not read, so a 403 on the id would tell them what the search hides (that the case exists, and
/// under which key); and a person outside the case has nothing to ask for anyway. Write commands are not scoped here:
/// the engine's rules (candidate, unit, assignee) already guard them.
/// </remarks>
public sealed class CaseAccess(CaseQueries cases, InboxOwner owners)
{
    /// <summary>Whether the person reads every case through a county-wide role, without asking the database.</summary>
    public static bool IsCountyWide(SignedIn person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return Roles.CountyWide.Any(person.Holds);
    }

    /// <summary>
    /// The instances among <paramref name="ids"/> that <paramref name="me"/> — or, with <paramref name="actingFor"/>, the
    /// delegator — may read; or the 403 <c>delegation-invalid</c> when there is no grant valid now.
    /// </summary>
    public async Task<(IReadOnlySet<Guid>? Readable, ProblemHttpResult? Refused)> ReadableAsync(SignedIn me, string? actingFor, IReadOnlyCollection<Guid> ids,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var (reader, refused) = await owners.ForAsync(me, actingFor, ct);
        if (reader is null)
        {
            return (null, refused);
        }
        if (IsCountyWide(reader))
        {
            return (ids.ToHashSet(), null);
        }
        return (await cases.InvolvingAsync(ids, new CaseReader(reader.Id, reader.Unit, reader.Roles), ct), null);
    }

    /// <summary>The refusal: word for word what the runtime answers for an instance that does not exist.</summary>
    public static ProblemHttpResult Hidden(Guid id) =>
        ApiErrors.Problem(new EngineError(DurableErrors.InstanceNotFound, $"instance {id} does not exist"));
}
