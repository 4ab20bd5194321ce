using System.Text;
using Workflow.Engine.Trace;
using Workflow.Persistence.Identity;
using static Workflow.Host.Features.Html;

namespace Workflow.Host.Features.Trace;

/// <summary>
/// The legend of a printed trace: the ledger names people by user id, a printed page is read by people who know each
/// other by name. Names, units and roles are those of the accounts now (an account is never deleted, so every id resolves).
/// </summary>
public static class TracePeople
{
    /// <summary>The "人员 People" table for every person the trace names.</summary>
    public static async Task<string> RenderAsync(CaseTrace trace, EfUserStore users, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(users);
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        void Add(string? id)
        {
            if (!string.IsNullOrWhiteSpace(id))
            {
                ids.Add(id);
            }
        }
        void AddPerson(TracePerson? p)
        {
            Add(p?.Id);
            Add(p?.ActingFor);
        }
        foreach (var i in trace.Instances)
        {
            AddPerson(i.StartedBy);
        }
        foreach (var s in trace.Steps)
        {
            AddPerson(s.CompletedBy);
            AddPerson(s.ApprovedBy);
            Add(s.Answerable);
            foreach (var e in s.Events)
            {
                AddPerson(e.By);
                Add(e.From);
                Add(e.To);
            }
        }
        foreach (var v in trace.Fields.SelectMany(f => f.Values))
        {
            AddPerson(v.EnteredBy);
            Add(v.Answerable);
            foreach (var c in v.Checks)
            {
                AddPerson(c.By);
                Add(c.Answerable);
            }
        }
        var html = new StringBuilder("<h2>人员 People</h2><table><tr><th>账号 User</th><th>姓名 Name</th><th>单位 Unit</th><th>角色 Roles</th></tr>");
        var accounts = (await users.FindManyAsync(ids, ct)).ToDictionary(u => u.Id, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var user = accounts.GetValueOrDefault(id);
            html.Append("<tr><td><b>").Append(E(id)).Append("</b></td><td>").Append(E(user?.DisplayName ?? "（系统或未知 system or unknown）"))
                .Append("</td><td>").Append(E(user?.Unit)).Append("</td><td>").Append(E(user is null ? null : string.Join(", ", user.RoleList)))
                .Append("</td></tr>");
        }
        return html.Append("</table>").ToString();
    }
}
