using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Accountability;
using Workflow.Host.Features.Identity;
using Workflow.Persistence.Identity;

namespace Workflow.Host.Tests.Support;

/// <summary>The real host on its own SQLite file, deleted afterwards; clients sign in as real accounts.</summary>
public sealed class WorkflowHostFactory : WebApplicationFactory<Program>
{
    /// <summary>The password of every account <see cref="AsAsync"/> creates.</summary>
    public const string Password = "Test@2026-pass";

    private readonly string _folder = Directory.CreateTempSubdirectory("workflow-host-").FullName;
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    /// <summary>The host's SQLite file.</summary>
    public string DatabasePath => Path.Combine(_folder, "workflow.db");

    /// <summary>
    /// A client signed in as <paramref name="user"/>, creating the account (or setting its roles and unit) first, so
    /// that each test names the people it needs. One client (one cookie) per person.
    /// </summary>
    public async Task<HttpClient> AsAsync(string user, string roles = "", string? unit = null)
    {
        var store = Services.GetRequiredService<EfUserStore>();
        var wanted = roles.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var seeder = Actor.System("test");
        var existing = await store.FindAsync(user);
        if (existing is null)
        {
            await store.CreateAsync(new UserRow { Id = user, DisplayName = user, Unit = unit, Roles = string.Join(',', wanted), PasswordHash = PasswordHashing.Hash(Password) }, seeder);
        }
        else if (!existing.RoleList.SequenceEqual(wanted) || existing.Unit != unit)
        {
            await store.UpdateAsync(user, existing.DisplayName, unit, wanted, true, seeder);
        }
        if (_clients.TryGetValue(user, out var cached))
        {
            return cached;
        }
        if (existing is not null)
        {
            // A demo person (seeded with the demo password): give them the tests' password.
            await store.SetPasswordHashAsync(user, PasswordHashing.Hash(Password), seeder);
        }
        var client = CreateClient();
        (await client.PostAsJsonAsync("/api/session", new { user, password = Password })).EnsureSuccessStatusCode();
        return _clients.GetOrAdd(user, client);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Workflow", $"Data Source={DatabasePath};Pooling=False");
        builder.UseSetting("Workflow:Database:TimerPollInterval", "00:00:00.200");
        builder.UseSetting("Workflow:Identity:SeedDemoUsers", "true");
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on a slow machine: the temp folder is cleaned by the OS
        }
    }
}
