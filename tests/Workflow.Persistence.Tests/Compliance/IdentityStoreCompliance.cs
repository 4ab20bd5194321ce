using Workflow.Engine.Accountability;
using Workflow.Persistence.Identity;
using Workflow.Persistence.Ledger;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.Compliance;

/// <summary>Accounts and delegations on a real database: stored, changed, revoked, and every change on the ledger.</summary>
public abstract class IdentityStoreCompliance : StoreTests
{
    private static readonly Actor Admin = Actor.Person("admin", ["admin"], "bureau");

    private async Task<(EfUserStore Users, EfDelegationStore Delegations, Stores Stores)> OpenStoresAsync()
    {
        var stores = await CreateStoresAsync();
        return (new EfUserStore(stores.Database.Contexts, Clock), new EfDelegationStore(stores.Database.Contexts, Clock), stores);
    }

    private static UserRow Person(string id, string roles = "officer") =>
        new() { Id = id, DisplayName = id, Unit = "chengguan", Roles = roles, PasswordHash = "pbkdf2-sha256$1$AA==$AA==" };

    [Fact]
    public async Task FailedSignIns_AreCountedAcrossNodes_AndTheOneAtTheLimitLocksTheAccountOnTheLedger()
    {
        var (users, _, stores) = await OpenStoresAsync();
        Assert.True(await users.CreateAsync(Person("wang.officer"), Admin, Ct));
        // A second node: another store on the same database.
        var other = new EfUserStore(stores.Database.Contexts, Clock);
        var period = TimeSpan.FromMinutes(5);

        Assert.Null(await users.RecordFailedSignInAsync("wang.officer", 3, period, Ct));
        Assert.Null(await other.RecordFailedSignInAsync("wang.officer", 3, period, Ct));
        Assert.Equal(2, (await users.FindAsync("wang.officer", Ct))!.FailedSignIns);
        Assert.Equal(Clock.Now + period, await users.RecordFailedSignInAsync("wang.officer", 3, period, Ct));

        var locked = (await other.FindAsync("wang.officer", Ct))!;
        Assert.Equal((0, (DateTimeOffset?)(Clock.Now + period)), (locked.FailedSignIns, locked.LockedUntil));
        // While locked, attempts are not counted; no account, nothing happens.
        Assert.Null(await other.RecordFailedSignInAsync("wang.officer", 3, period, Ct));
        Assert.Equal(0, (await users.FindAsync("wang.officer", Ct))!.FailedSignIns);
        Assert.Null(await users.RecordFailedSignInAsync("nobody", 3, period, Ct));

        await using (var db = await stores.Database.Contexts.CreateDbContextAsync(Ct))
        {
            var entry = db.Ledger.Single(l => l.Kind == EfUserStore.SignInLocked);
            Assert.Equal((EfUserStore.SignInComponent, "wang.officer", LedgerComponents.Identity), (entry.Actor, entry.ElementId, entry.Component));
        }
        Assert.True((await new LedgerVerifier(stores.Database.Contexts).VerifyAsync(Ct)).Ok);

        // After the lock: counted from zero again; a successful sign-in clears the count.
        Clock.Now += period;
        Assert.Null(await users.RecordFailedSignInAsync("wang.officer", 3, period, Ct));
        Assert.Equal(1, (await users.FindAsync("wang.officer", Ct))!.FailedSignIns);
        await other.ClearFailedSignInsAsync("wang.officer", Ct);
        var cleared = (await users.FindAsync("wang.officer", Ct))!;
        Assert.Equal((0, (DateTimeOffset?)null), (cleared.FailedSignIns, cleared.LockedUntil));
    }

    [Fact]
    public async Task Users_AreCreatedChangedAndPasswordSet_EachOnTheLedger_WithoutTheHash()
    {
        var (users, _, stores) = await OpenStoresAsync();

        Assert.False(await users.AnyAsync(Ct));
        Assert.True(await users.CreateAsync(Person("wang.officer"), Admin, Ct));
        Assert.False(await users.CreateAsync(Person("wang.officer"), Admin, Ct));
        Assert.True(await users.UpdateAsync("wang.officer", "王民警", "xindian", ["officer", "unit-head"], isActive: false, Admin, Ct));
        Assert.False(await users.UpdateAsync("nobody", "x", null, [], true, Admin, Ct));
        Assert.True(await users.SetPasswordHashAsync("wang.officer", "pbkdf2-sha256$2$BB==$BB==", Admin, Ct));

        var stored = await users.FindAsync("wang.officer", Ct);
        Assert.Equal(("王民警", "xindian", false, "pbkdf2-sha256$2$BB==$BB=="), (stored!.DisplayName, stored.Unit, stored.IsActive, stored.PasswordHash));
        Assert.Equal(["officer", "unit-head"], stored.RoleList);
        Assert.Single(await users.ListAsync(0, 10, Ct));

        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        var entries = db.Ledger.Where(l => l.Component == LedgerComponents.Identity).OrderBy(l => l.Id).ToArray();
        Assert.Equal([EfUserStore.UserCreated, EfUserStore.UserChanged, EfUserStore.PasswordSet], entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal(("admin", "admin", "wang.officer"), (e.Actor, e.Role, e.ElementId)));
        Assert.Contains("\"before\"", entries[1].Data, StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.Data!.Contains("pbkdf2", StringComparison.Ordinal));
        Assert.True((await new LedgerVerifier(stores.Database.Contexts).VerifyAsync(Ct)).Ok);
    }

    [Fact]
    public async Task Delegations_AreFoundByTheEngine_AndARevokedOneEndsWhenItWasRevoked()
    {
        var (_, delegations, stores) = await OpenStoresAsync();
        var grant = await delegations.GrantAsync(new DelegationRow
        {
            From = "gao.head", To = "ma.deputy", StartsAt = Clock.Now, EndsAt = Clock.Now.AddDays(7), Roles = "unit-head", Unit = "chengguan", Reason = "休假",
        }, Actor.Person("gao.head", ["unit-head"], "chengguan"), Ct);

        var found = Assert.Single(await delegations.FindAsync("gao.head", "ma.deputy", Ct));
        Assert.Equal(["unit-head"], found.Roles);
        Assert.Equal(("chengguan", Clock.Now.AddDays(7)), (found.Unit, found.End));
        Assert.Empty(await delegations.FindAsync("ma.deputy", "gao.head", Ct));

        Clock.Now += TimeSpan.FromDays(1);
        var revoked = await delegations.RevokeAsync(grant.Id, "提前返岗", Admin, Ct);
        Assert.Equal(("admin", Clock.Now), (revoked!.RevokedBy, revoked.RevokedAt));
        Assert.Equal(Clock.Now, Assert.Single(await delegations.FindAsync("gao.head", "ma.deputy", Ct)).End);
        Assert.False(Assert.Single(await delegations.FindAsync("gao.head", "ma.deputy", Ct)).IsValidAt(Clock.Now));
        Assert.Equal(Clock.Now, (await delegations.RevokeAsync(grant.Id, "again", Admin, Ct))!.RevokedAt);
        Assert.Null(await delegations.RevokeAsync(Guid.NewGuid(), "none", Admin, Ct));
        Assert.Single(await delegations.ListAsync("ma.deputy", 10, Ct));
        Assert.Empty(await delegations.ListAsync("someone.else", 10, Ct));

        await using var db = await stores.Database.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal([EfDelegationStore.DelegationGranted, EfDelegationStore.DelegationRevoked],
            db.Ledger.Where(l => l.Component == LedgerComponents.Identity).OrderBy(l => l.Id).Select(l => l.Kind).ToArray());
    }
}
