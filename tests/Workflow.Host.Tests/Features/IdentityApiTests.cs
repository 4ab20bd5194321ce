using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Tests.Support;
using static Workflow.Host.Tests.Support.ApiResponses;

namespace Workflow.Host.Tests.Features;

/// <summary>Sign-in, accounts and delegations through the API: the acting person is always the signed-in one.</summary>
public class IdentityApiTests(WorkflowHostFactory factory) : IClassFixture<WorkflowHostFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Title(JsonElement problem) => problem.GetProperty("title").GetString()!;

    [Fact]
    public async Task DemoPerson_SignsInWithTheDemoPassword_SeesThemselves_AndSignsOut()
    {
        using var client = factory.CreateClient();
        Assert.Equal("sign-in-required", Title(await Json(await client.GetAsync("/api/me", Ct), HttpStatusCode.Unauthorized)));
        var wrong = await client.PostAsJsonAsync("/api/session", new { user = "he.legal", password = "wrong-password" }, Ct);
        Assert.Equal("sign-in-failed", Title(await Json(wrong, HttpStatusCode.Unauthorized)));
        var unknown = await client.PostAsJsonAsync("/api/session", new { user = "nobody.here", password = "Demo@2026" }, Ct);
        Assert.Equal("sign-in-failed", Title(await Json(unknown, HttpStatusCode.Unauthorized)));
        Assert.Equal("invalid-request", Title(await Json(await client.PostAsJsonAsync("/api/session", new { user = "he.legal" }, Ct), HttpStatusCode.BadRequest)));

        var signedIn = await Json(await client.PostAsJsonAsync("/api/session", new { user = "he.legal", password = "Demo@2026" }, Ct), HttpStatusCode.OK);
        Assert.Equal(("he.legal", "何法制", "legal"), (signedIn.GetProperty("id").GetString(), signedIn.GetProperty("displayName").GetString(), signedIn.GetProperty("unit").GetString()));
        var me = await Json(await client.GetAsync("/api/me", Ct), HttpStatusCode.OK);
        Assert.Equal(["legal-officer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        await Json(await client.DeleteAsync("/api/session", Ct), HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccount_EvenForTheRightOne()
    {
        await factory.AsAsync("locked.out", "officer", "chengguan");
        using var client = factory.CreateClient();
        for (var n = 0; n < 5; n++)
        {
            await Json(await client.PostAsJsonAsync("/api/session", new { user = "locked.out", password = "not-it-" + n }, Ct), HttpStatusCode.Unauthorized);
        }
        var locked = await client.PostAsJsonAsync("/api/session", new { user = "locked.out", password = WorkflowHostFactory.Password }, Ct);
        Assert.Equal("account-locked", Title(await Json(locked, (HttpStatusCode)429)));
        // In the account's row, where every node sharing the database (and this one after a restart) finds it.
        var row = await factory.Services.GetRequiredService<Workflow.Persistence.Identity.EfUserStore>().FindAsync("locked.out", Ct);
        Assert.NotNull(row!.LockedUntil);
    }

    [Fact]
    public async Task RepeatedWrongPasswords_ForANameWithoutAnAccount_LockItToo_SoTheLockTellsNothing()
    {
        using var client = factory.CreateClient();
        for (var n = 0; n < 5; n++)
        {
            await Json(await client.PostAsJsonAsync("/api/session", new { user = "no.such.user", password = "not-it-" + n }, Ct), HttpStatusCode.Unauthorized);
        }
        var locked = await client.PostAsJsonAsync("/api/session", new { user = "no.such.user", password = "whatever" }, Ct);
        Assert.Equal("account-locked", Title(await Json(locked, (HttpStatusCode)429)));
    }

    [Fact]
    public async Task Administrator_ManagesAccounts_AndAChangeTakesEffectOnTheNextRequest()
    {
        var admin = await factory.AsAsync("admin", "admin", "bureau");
        var officer = await factory.AsAsync("liu.officer", "officer", "chengguan");
        Assert.Equal("role-required", Title(await Json(await officer.GetAsync("/api/users", Ct), HttpStatusCode.Forbidden)));

        Assert.Equal("invalid-request", Title(await Json(await admin.PostAsJsonAsync("/api/users",
            new { id = "x y", displayName = "坏", roles = new[] { "officer" }, password = "long-enough" }, Ct), HttpStatusCode.BadRequest)));
        Assert.Equal("invalid-request", Title(await Json(await admin.PostAsJsonAsync("/api/users",
            new { id = "tang.officer", displayName = "唐", roles = new[] { "officer" }, password = "short" }, Ct), HttpStatusCode.BadRequest)));
        var created = await Json(await admin.PostAsJsonAsync("/api/users",
            new { id = "tang.officer", displayName = "唐民警", unit = "chengguan", roles = new[] { "officer" }, password = "Tang@2026-x" }, Ct), HttpStatusCode.Created);
        Assert.False(created.TryGetProperty("passwordHash", out _));
        Assert.Equal("user-exists", Title(await Json(await admin.PostAsJsonAsync("/api/users",
            new { id = "tang.officer", displayName = "唐", roles = new[] { "officer" }, password = "Tang@2026-x" }, Ct), HttpStatusCode.Conflict)));

        using var tang = factory.CreateClient();
        await Json(await tang.PostAsJsonAsync("/api/session", new { user = "tang.officer", password = "Tang@2026-x" }, Ct), HttpStatusCode.OK);
        await Json(await admin.PutAsJsonAsync("/api/users/tang.officer", new { roles = new[] { "officer", "unit-head" } }, Ct), HttpStatusCode.OK);
        var me = await Json(await tang.GetAsync("/api/me", Ct), HttpStatusCode.OK);
        Assert.Equal(["officer", "unit-head"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        await Json(await admin.PutAsJsonAsync("/api/users/tang.officer", new { isActive = false }, Ct), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tang.GetAsync("/api/me", Ct)).StatusCode);
        Assert.Equal("invalid-request", Title(await Json(await admin.PutAsJsonAsync("/api/users/admin", new { isActive = false }, Ct), HttpStatusCode.BadRequest)));
        Assert.Equal("user-not-found", Title(await Json(await admin.PutAsJsonAsync("/api/users/nobody", new { isActive = false }, Ct), HttpStatusCode.NotFound)));
    }

    [Fact]
    public async Task ChangeOwnPassword_NeedsTheCurrentOne()
    {
        var client = await factory.AsAsync("pwd.officer", "officer", "chengguan");
        var wrong = await client.PostAsJsonAsync("/api/me/password", new { current = "not-it-at-all", @new = "Brand-new-1" }, Ct);
        Assert.Equal("sign-in-failed", Title(await Json(wrong, HttpStatusCode.Unauthorized)));
        Assert.Equal("weak-password", Title(await Json(await client.PostAsJsonAsync("/api/me/password", new { current = WorkflowHostFactory.Password, @new = "short" }, Ct), HttpStatusCode.BadRequest)));
        using var other = factory.CreateClient();
        await Json(await other.PostAsJsonAsync("/api/session", new { user = "pwd.officer", password = WorkflowHostFactory.Password }, Ct), HttpStatusCode.OK);
        await Json(await client.PostAsJsonAsync("/api/me/password", new { current = WorkflowHostFactory.Password, @new = "Brand-new-1" }, Ct), HttpStatusCode.NoContent);
        // The session that changed it goes on; the other one, opened with the old password, is over.
        await Json(await client.GetAsync("/api/me", Ct), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/me", Ct)).StatusCode);

        using var again = factory.CreateClient();
        await Json(await again.PostAsJsonAsync("/api/session", new { user = "pwd.officer", password = "Brand-new-1" }, Ct), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delegate_ActsForTheDelegator_UntilTheGrantIsRevoked_AndTheHistoryNamesBoth()
    {
        var li = await factory.AsAsync("li.call", "call-taker", "command");
        var deputy = await factory.AsAsync("deputy.call", "clerk", "command");
        var stranger = await factory.AsAsync("other.call", "call-taker", "command");
        var started = await Json(await li.PostAsJsonAsync("/api/instances", new { processId = "police-incident", businessKey = $"J-{Guid.NewGuid():N}" }, Ct), HttpStatusCode.Created);
        var task = started.GetProperty("tasks")[0].GetProperty("id").GetString();

        // Without a grant, acting for li.call is refused by the engine.
        var refused = await deputy.PostAsJsonAsync($"/api/tasks/{task}/claim", new { actingFor = "li.call" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("delegation-invalid", Title(await Json(await deputy.GetAsync("/api/tasks?actingFor=li.call", Ct), HttpStatusCode.Forbidden)));

        Assert.Equal("not-delegator", Title(await Json(await stranger.PostAsJsonAsync("/api/delegations",
            new { from = "li.call", to = "deputy.call", endsAt = DateTimeOffset.UtcNow.AddDays(1), reason = "冒名" }, Ct), HttpStatusCode.Forbidden)));
        Assert.Equal("invalid-request", Title(await Json(await li.PostAsJsonAsync("/api/delegations",
            new { to = "deputy.call", endsAt = DateTimeOffset.UtcNow.AddDays(1), roles = new[] { "county-head" }, reason = "越权" }, Ct), HttpStatusCode.BadRequest)));
        Assert.Equal("invalid-request", Title(await Json(await li.PostAsJsonAsync("/api/delegations",
            new { to = "deputy.call", endsAt = DateTimeOffset.UtcNow.AddDays(1) }, Ct), HttpStatusCode.BadRequest)));
        var grant = await Json(await li.PostAsJsonAsync("/api/delegations",
            new { to = "deputy.call", endsAt = DateTimeOffset.UtcNow.AddDays(1), roles = new[] { "call-taker" }, reason = "培训" }, Ct), HttpStatusCode.Created);
        Assert.Single((await Json(await deputy.GetAsync("/api/delegations", Ct), HttpStatusCode.OK)).EnumerateArray());
        // The delegate reads li.call's inbox as far as the grant reaches (call-taker in li.call's unit); their own has nothing.
        var forLi = await Json(await deputy.GetAsync($"/api/tasks?actingFor=li.call&businessKey={started.GetProperty("businessKey").GetString()}", Ct), HttpStatusCode.OK);
        Assert.Equal(task, Assert.Single(forLi.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty((await Json(await deputy.GetAsync("/api/tasks", Ct), HttpStatusCode.OK)).GetProperty("items").EnumerateArray());

        await Json(await deputy.PostAsJsonAsync($"/api/tasks/{task}/claim", new { actingFor = "li.call" }, Ct), HttpStatusCode.OK);
        var view = await Json(await li.GetAsync($"/api/instances/{started.GetProperty("id").GetString()}", Ct), HttpStatusCode.OK);
        var claimed = view.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("kind").GetString() == "claimed");
        Assert.Equal(("deputy.call", "li.call"), (claimed.GetProperty("actor").GetString(), claimed.GetProperty("actingFor").GetString()));

        var id = grant.GetProperty("id").GetString();
        Assert.Equal("not-party", Title(await Json(await stranger.PostAsJsonAsync($"/api/delegations/{id}/revoke", new { reason = "x" }, Ct), HttpStatusCode.Forbidden)));
        await Json(await li.PostAsJsonAsync($"/api/delegations/{id}/revoke", new { reason = "提前结束" }, Ct), HttpStatusCode.OK);
        var afterRevoke = await deputy.PostAsJsonAsync($"/api/tasks/{task}/unclaim", new { actingFor = "li.call" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task SignInPage_SignsInWithTheForm_AndReturnsOnlyToLocalPaths()
    {
        using var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync("/login", Ct);
        Assert.Contains("登录 Sign in", page, StringComparison.Ordinal);

        var wrong = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "gao.head", ["password"] = "nope-nope" }), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("用户名或密码错误", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var offSite = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "gao.head", ["password"] = "Demo@2026", ["returnUrl"] = "https://evil.example/",
        }), Ct);
        Assert.Equal((HttpStatusCode.Redirect, "/"), (offSite.StatusCode, offSite.Headers.Location?.ToString()));
    }
}
