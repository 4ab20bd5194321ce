using Workflow.Engine.Accountability;
using Workflow.Persistence.Identity;

namespace Workflow.Host.Features.Identity;

/// <summary>
/// The demo cast: one person per role of the reference flow (DOMAIN §2), enough distinct people to run a case through
/// every separation-of-duties rule. Each is their own account; none is shared.
/// </summary>
public static class DemoUsers
{
    /// <summary>The people: login, name, unit, roles.</summary>
    public static readonly IReadOnlyList<(string Id, string Name, string Unit, string[] Roles)> People =
    [
        ("admin", "系统管理员", "bureau", [Roles.Admin]),
        ("li.call", "李接警", "command", ["call-taker"]),
        ("zhao.dispatch", "赵指挥", "command", ["dispatcher"]),
        ("chen.duty", "陈值班", "chengguan", ["duty-officer"]),
        ("wang.officer", "王民警", "chengguan", ["officer"]),
        ("sun.officer", "孙民警", "chengguan", ["officer"]),
        ("zhou.officer", "周民警", "chengguan", ["officer"]),
        ("wu.aux", "吴辅警", "chengguan", ["auxiliary"]),
        ("gao.head", "高所长", "chengguan", ["unit-head"]),
        ("qian.legal", "钱法制", "legal", ["legal-officer"]),
        ("he.legal", "何法制", "legal", ["legal-officer"]),
        ("xu.county", "徐局长", "bureau", ["county-head"]),
        ("lin.county", "林副局长", "bureau", ["county-head"]),
        ("feng.super", "冯督察", "inspection", [Roles.Supervisor]),
    ];

    /// <summary>The component named on the ledger for accounts the host creates by itself.</summary>
    public static readonly Actor Seeder = Actor.System("identity-seed");

    /// <summary>Creates the demo people that do not exist yet; existing accounts (and changed passwords) are kept.</summary>
    public static async Task SeedAsync(EfUserStore users, string password, CancellationToken ct)
    {
        var existing = (await users.FindManyAsync(People.Select(p => p.Id), ct)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, name, unit, roles) in People)
        {
            if (!existing.Contains(id))
            {
                await users.CreateAsync(new UserRow { Id = id, DisplayName = name, Unit = unit, Roles = RoleCodes.Join(roles), PasswordHash = PasswordHashing.Hash(password) }, Seeder, ct);
            }
        }
    }
}
