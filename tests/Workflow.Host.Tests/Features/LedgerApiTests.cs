using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Workflow.Host.Tests.Support;

namespace Workflow.Host.Tests.Features;

/// <summary><c>GET /api/ledger/verify</c> and the checkpoint service, on the real host and its SQLite file.</summary>
public sealed class LedgerApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> VerifyAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/ledger/verify", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Verify_IsOk_ThenNamesTheEditedEntry_AfterTheFileWasTampered()
    {
        using var factory = new WorkflowHostFactory();
        var li = await factory.AsAsync("li.call", "call-taker", "command");
        var client = await factory.AsAsync("feng.super", "supervisor", "inspection");
        Assert.Equal(HttpStatusCode.Forbidden, (await li.GetAsync("/api/ledger/verify", Ct)).StatusCode);
        var started = await li.PostAsJsonAsync("/api/instances", new { processId = "police-incident", businessKey = "J-1" }, Ct);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);

        var intact = await VerifyAsync(client);
        Assert.True(intact.GetProperty("ok").GetBoolean(), intact.ToString());
        Assert.True(intact.GetProperty("entries").GetInt64() >= 3, intact.ToString()); // deployments and the start
        Assert.Equal(JsonValueKind.Null, intact.GetProperty("firstProblem").ValueKind);

        long edited;
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TRIGGER tr_ledger_no_update;
                UPDATE ledger SET data = '{}' WHERE id = (SELECT MAX(id) FROM ledger WHERE kind = 'task-created') RETURNING id;
                """;
            edited = (long)(await command.ExecuteScalarAsync(Ct))!;
        }

        var tampered = await VerifyAsync(client);
        Assert.False(tampered.GetProperty("ok").GetBoolean());
        var first = tampered.GetProperty("firstProblem");
        Assert.Equal(("altered", edited), (first.GetProperty("code").GetString(), first.GetProperty("entryId").GetInt64()));
        Assert.Contains($"Ledger entry {edited}", first.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckpointService_ChecksPointsTheLedger_AtItsInterval()
    {
        using var factory = new WorkflowHostFactory();
        using var fast = factory.WithWebHostBuilder(b => b.UseSetting("Workflow:Ledger:CheckpointInterval", "00:00:00.100"));
        using var client = fast.CreateClient();
        // The demo people are seeded in tests as in the quick start: sign in as the demo supervisor.
        (await client.PostAsJsonAsync("/api/session", new { user = "feng.super", password = "Demo@2026" }, Ct)).EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement result;
        do
        {
            await Task.Delay(100, Ct);
            result = await VerifyAsync(client);
        }
        while (result.GetProperty("checkpoints").GetInt64() == 0 && DateTime.UtcNow < deadline);

        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.True(result.GetProperty("checkpoints").GetInt64() >= 1, result.ToString());
    }
}
