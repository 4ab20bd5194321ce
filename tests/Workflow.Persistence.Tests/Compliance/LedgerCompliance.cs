using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Ledger;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.Compliance;

/// <summary>
/// The ledger on a real database: what the store writes verifies; the database refuses changes to it; and every kind
/// of tampering by someone who switched the refusal off (edit, delete, insert, swap, cut off the end, rewrite a chain
/// consistently) is reported, naming the first bad entry.
/// </summary>
public abstract class LedgerCompliance : StoreTests
{
    /// <summary>Does what an attacker with the owner's rights does first: switches the append-only triggers off.</summary>
    protected abstract Task DisableAppendOnlyAsync(WorkflowDbContext db);

    /// <summary>A ledger with the global stream (one deployment, one sign-in), instance A (5 entries) and instance B (3).</summary>
    private async Task<Seeded> SeedAsync()
    {
        var stores = await CreateStoresAsync();
        var definition = Assert.Single(await stores.Definitions.DeployAsync(InboxFlows.Review, Ct));
        var a = Engine.Start(definition, unit: "U1");
        var b = Engine.Start(definition, unit: "U2");
        await SaveAsync(stores.Instances, a, 0, Line(a.Id, "started"), Line(a.Id, "entered", "review"), Line(a.Id, "task-created", "review"));
        await SaveAsync(stores.Instances, b, 0, Line(b.Id, "started"), Line(b.Id, "entered", "review"), Line(b.Id, "task-created", "review"));
        Clock.Now += TimeSpan.FromMinutes(5);
        Assert.True(Engine.ClaimTask(definition.Definition, a, a.Tasks[0].Id, "li.officer").Succeeded);
        await SaveAsync(stores.Instances, a, 1, Line(a.Id, "task-claimed", "review"), Line(a.Id, "field-edited", "review", """{"field":"nature","before":"dispute","after":"criminal"}"""));
        Assert.True((await stores.Instances.SaveAsync([], [Line(Guid.Empty, "signed-in")], Ct)).Saved);
        return new Seeded(stores, a.Id, b.Id);
    }

    private HistoryEntry Line(Guid instanceId, string kind, string? elementId = null, string? data = null) =>
        new(instanceId, Clock.Now, kind, elementId, "li.officer", data) { Role = "officer", Unit = "U1", ActingFor = "wang.officer", Outcome = "ok" };

    private static LedgerVerifier Verifier(Seeded seeded) => new(seeded.Stores.Database.Contexts);

    private LedgerCheckpointer Checkpointer(Seeded seeded, int maxEntries = 10_000) => new(seeded.Stores.Database.Contexts, Clock, maxEntries);

    private static async Task<LedgerRow[]> StreamAsync(Seeded seeded, Guid stream)
    {
        await using var db = await seeded.Stores.Database.Contexts.CreateDbContextAsync(Ct);
        return await db.Ledger.Where(l => l.InstanceId == stream).OrderBy(l => l.Seq).ToArrayAsync(Ct);
    }

    /// <summary>Runs <paramref name="tamper"/> on a context whose database has the append-only triggers switched off.</summary>
    private async Task TamperAsync(Seeded seeded, Func<WorkflowDbContext, Task> tamper)
    {
        await using var db = await seeded.Stores.Database.Contexts.CreateDbContextAsync(Ct);
        await DisableAppendOnlyAsync(db);
        await tamper(db);
    }

    private static async Task<LedgerProblem> SingleProblemAsync(Seeded seeded, string code)
    {
        var result = await Verifier(seeded).VerifyAsync(Ct);
        Assert.False(result.Ok);
        var problem = Assert.Single(result.Problems);
        Assert.True(problem.Code == code, $"{problem.Code}: {problem.Message}");
        Assert.Equal(problem, result.FirstProblem);
        return problem;
    }

    [Fact]
    public async Task Save_FailsAndWritesNothing_WhenTheStreamsHeadMovedAfterTheInstanceWasLoaded()
    {
        var seeded = await SeedAsync();
        var loaded = (await seeded.Stores.Instances.LoadAsync(seeded.B, Ct))!;
        // Someone appends to B's stream without touching its row: the revision check still passes, the head it vouched for does not hold.
        await using (var db = await seeded.Stores.Database.Contexts.CreateDbContextAsync(Ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await LedgerWriter.AppendAsync(db, [Line(seeded.B, "note")], LedgerComponents.Engine, Ct);
            await transaction.CommitAsync(Ct);
        }

        var change = new InstanceChange(loaded.Instance, loaded.Revision) { Loaded = loaded.Projection };
        await Assert.ThrowsAnyAsync<Exception>(() => seeded.Stores.Instances.SaveAsync([change], [Line(seeded.B, "forked")], Ct));

        Assert.Equal(loaded.Revision, (await seeded.Stores.Instances.LoadAsync(seeded.B, Ct))!.Revision);
        Assert.Equal(["started", "entered", "task-created", "note"], (await StreamAsync(seeded, seeded.B)).Select(r => r.Kind));
        Assert.True((await Verifier(seeded).VerifyAsync(Ct)).Ok);
    }

    [Fact]
    public async Task Verify_IsOk_WhenTheLedgerIsUntouched()
    {
        var seeded = await SeedAsync();
        Assert.Single(await Checkpointer(seeded).CheckpointAsync(Ct));
        await SaveAsync(seeded.Stores.Instances, (await seeded.Stores.Instances.LoadAsync(seeded.B, Ct))!.Instance, 1, Line(seeded.B, "note"));

        var result = await Verifier(seeded).VerifyAsync(Ct);

        Assert.True(result.Ok, result.FirstProblem?.Message);
        Assert.Equal((11L, 3L, 1L, 0L), (result.Entries, result.Streams, result.Checkpoints, result.ProblemCount));
        Assert.Null(result.FirstProblem);
        Assert.Equal([1L, 2L, 3L, 4L], (await StreamAsync(seeded, seeded.B)).Select(r => r.Seq));
    }

    [Fact]
    public async Task Append_ChainsEachEntryToThePreviousOfItsStream()
    {
        var seeded = await SeedAsync();

        var a = await StreamAsync(seeded, seeded.A);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], a.Select(r => r.Seq));
        Assert.Equal(new byte[32], a[0].PrevHash);
        for (var n = 1; n < a.Length; n++)
        {
            Assert.Equal(a[n - 1].Hash, a[n].PrevHash);
            Assert.True(a[n].Id > a[n - 1].Id);
        }
        Assert.All(a, r => Assert.Equal(LedgerHash.Entry(r), r.Hash));
        var global = await StreamAsync(seeded, Guid.Empty);
        Assert.Equal(["definition-published", "signed-in"], global.Select(g => g.Kind));
        Assert.Equal((LedgerComponents.Definitions, "system", "review-flow"), (global[0].Component, global[0].Actor, global[0].ElementId));
        Assert.Equal(LedgerComponents.Engine, global[1].Component);
        await using var db = await seeded.Stores.Database.Contexts.CreateDbContextAsync(Ct);
        // An instance's stream keeps its head in the instance's row; only the global stream has a ledger_heads row.
        var head = await db.Set<InstanceRow>().Where(i => i.Id == seeded.A).Select(i => new { i.LedgerSeq, i.LedgerHash }).SingleAsync(Ct);
        Assert.Equal(5L, head.LedgerSeq);
        Assert.Equal(a[^1].Hash, head.LedgerHash);
        var globalHead = Assert.Single(await db.LedgerHeads.ToListAsync(Ct));
        Assert.Equal((Guid.Empty, 2L), (globalHead.InstanceId, globalHead.Seq));
        Assert.Equal(global[^1].Hash, globalHead.Hash);
    }

    [Fact]
    public async Task LoadHistory_GivesBackTheAccountabilityFields_InStreamOrder()
    {
        var seeded = await SeedAsync();

        var history = await seeded.Stores.Instances.LoadHistoryAsync(seeded.A, Ct);

        Assert.Equal(["started", "entered", "task-created", "task-claimed", "field-edited"], history.Select(h => h.Kind));
        Assert.Equal(Line(seeded.A, "field-edited", "review", """{"field":"nature","before":"dispute","after":"criminal"}"""), history[^1]);
        Assert.All(history, h => Assert.Equal(("officer", "U1", "wang.officer", "ok"), (h.Role, h.Unit, h.ActingFor, h.Outcome)));
    }

    [Fact]
    public async Task Deploy_AppendsAGlobalEntry_OnlyWhenItCreatesAVersion()
    {
        var seeded = await SeedAsync();
        await seeded.Stores.Definitions.DeployAsync(InboxFlows.Review, Ct);
        await seeded.Stores.Definitions.DeployAsync(InboxFlows.Note, "zhang.admin", Ct);

        var global = await StreamAsync(seeded, Guid.Empty);

        Assert.Equal(["definition-published", "signed-in", "definition-published"], global.Select(g => g.Kind));
        Assert.Equal(("zhang.admin", "note-flow"), (global[2].Actor, global[2].ElementId));
        Assert.Contains("\"version\":1", global[2].Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_LeavesNoEntryAndNoHeadBehind_WhenTheCommitFails()
    {
        var seeded = await SeedAsync();
        var crashing = new Instances.EfInstanceStore(seeded.Stores.Database.ContextsWith(new CrashingCommitInterceptor()), seeded.Stores.Definitions, Clock);
        var b = (await seeded.Stores.Instances.LoadAsync(seeded.B, Ct))!.Instance;

        await Assert.ThrowsAsync<IOException>(() => crashing.SaveAsync([new InstanceChange(b, 1)], [Line(b.Id, "note")], Ct));
        await Assert.ThrowsAsync<IOException>(() => crashing.SaveAsync([], [Line(Guid.NewGuid(), "note")], Ct));

        Assert.Equal(3, (await StreamAsync(seeded, seeded.B)).Length);
        Assert.True((await Verifier(seeded).VerifyAsync(Ct)).Ok);
        await SaveAsync(seeded.Stores.Instances, b, 1, Line(b.Id, "note"));
        Assert.Equal(4, (await StreamAsync(seeded, seeded.B)).Length);
    }

    [Fact]
    public async Task Save_ChainsOntoTheHeadLoadedWithTheInstance_WhenItHandsTheLoadBack()
    {
        var seeded = await SeedAsync();
        var stored = (await seeded.Stores.Instances.LoadAsync(seeded.B, Ct))!;
        var known = Assert.IsType<KnownHead>(stored.Projection!.StoreState);
        Assert.Equal((seeded.B, 3L), (known.Stream, known.Head!.Seq));

        var saved = await seeded.Stores.Instances.SaveAsync([new InstanceChange(stored.Instance, stored.Revision) { Loaded = stored.Projection }],
            [Line(seeded.B, "note"), Line(seeded.B, "note")], Ct);

        Assert.True(saved.Saved);
        var b = await StreamAsync(seeded, seeded.B);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], b.Select(r => r.Seq));
        Assert.Equal(known.Head.Hash, b[3].PrevHash);
        Assert.True((await Verifier(seeded).VerifyAsync(Ct)).Ok);
    }

    [Fact]
    public async Task Save_Throws_AndWritesNothing_WhenTheHeadLoadedWithTheInstanceMovedMeanwhile()
    {
        var seeded = await SeedAsync();
        var stored = (await seeded.Stores.Instances.LoadAsync(seeded.B, Ct))!;
        // An entry for B written without changing B: its revision stays, its head moves past the one loaded.
        Assert.True((await seeded.Stores.Instances.SaveAsync([], [Line(seeded.B, "note")], Ct)).Saved);

        // The stale position is taken: the stream's unique (instance_id, seq) refuses the entry (and the head's seq guard would).
        await Assert.ThrowsAnyAsync<DbException>(() => seeded.Stores.Instances.SaveAsync(
            [new InstanceChange(stored.Instance, stored.Revision) { Loaded = stored.Projection }], [Line(seeded.B, "stale")], Ct));

        Assert.Equal(["started", "entered", "task-created", "note"], (await StreamAsync(seeded, seeded.B)).Select(r => r.Kind));
        Assert.Equal(stored.Revision, (await seeded.Stores.Instances.LoadAsync(seeded.B, Ct))!.Revision);
        Assert.True((await Verifier(seeded).VerifyAsync(Ct)).Ok);
    }

    [Fact]
    public async Task AppendAsync_Throws_WhenNoTransactionIsOpen()
    {
        var seeded = await SeedAsync();
        await using var db = await seeded.Stores.Database.Contexts.CreateDbContextAsync(Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => LedgerWriter.AppendAsync(db, [Line(seeded.A, "note")], LedgerComponents.Engine, Ct));
    }

    [Fact]
    public async Task Database_RefusesUpdateAndDelete_OfLedgerRowsAndCheckpoints()
    {
        var seeded = await SeedAsync();
        await Checkpointer(seeded).CheckpointAsync(Ct);
        await using var db = await seeded.Stores.Database.Contexts.CreateDbContextAsync(Ct);

        await AssertRefusedAsync(db.Set<LedgerRow>().Where(l => l.InstanceId == seeded.A).ExecuteUpdateAsync(s => s.SetProperty(l => l.Data, "{}"), Ct));
        await AssertRefusedAsync(db.Set<LedgerRow>().Where(l => l.InstanceId == seeded.A).ExecuteDeleteAsync(Ct));
        await AssertRefusedAsync(db.Set<LedgerRow>().ExecuteDeleteAsync(Ct));
        await AssertRefusedAsync(db.Set<LedgerCheckpointRow>().ExecuteUpdateAsync(s => s.SetProperty(c => c.Entries, 0), Ct));
        await AssertRefusedAsync(db.Set<LedgerCheckpointRow>().ExecuteDeleteAsync(Ct));
        await AssertRefusedAsync(db.Set<LedgerHeadRow>().Where(h => h.InstanceId == Guid.Empty).ExecuteDeleteAsync(Ct));
        await AssertRefusedAsync(db.Set<LedgerHeadRow>().Where(h => h.InstanceId == Guid.Empty).ExecuteUpdateAsync(s => s.SetProperty(h => h.Seq, 1), Ct));
        // An instance's head, in the instance's row, only moves forward too: back, or to another hash at the same entry, is refused.
        await AssertRefusedAsync(db.Set<InstanceRow>().Where(i => i.Id == seeded.A).ExecuteUpdateAsync(s => s.SetProperty(i => i.LedgerSeq, 4), Ct));
        await AssertRefusedAsync(db.Set<InstanceRow>().Where(i => i.Id == seeded.A).ExecuteUpdateAsync(s => s.SetProperty(i => i.LedgerHash, new byte[32]), Ct));
        await AssertRefusedAsync(db.Set<InstanceRow>().Where(i => i.Id == seeded.A).ExecuteUpdateAsync(s => s.SetProperty(i => i.LedgerHash, (byte[]?)null), Ct));

        Assert.Equal(5, (await StreamAsync(seeded, seeded.A)).Length);
        Assert.True((await Verifier(seeded).VerifyAsync(Ct)).Ok);
    }

    /// <summary>A refusal by a trigger: the provider's exception (not EF's), with the trigger's message.</summary>
    protected static async Task AssertRefusedAsync(Task statement)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => statement);
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NamesTheEditedEntry_WhenAnEntryWasEdited()
    {
        var seeded = await SeedAsync();
        var edited = (await StreamAsync(seeded, seeded.A))[3];

        await TamperAsync(seeded, db => db.Set<LedgerRow>().Where(l => l.Id == edited.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Actor, "someone.else"), Ct));

        var problem = await SingleProblemAsync(seeded, LedgerProblems.Altered);
        Assert.Equal((edited.Id, seeded.A, 4L), (problem.EntryId, problem.Stream, problem.Seq));
        Assert.Contains($"Ledger entry {edited.Id}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NamesTheEntryAfterTheGap_WhenAnEntryWasDeleted()
    {
        var seeded = await SeedAsync();
        var a = await StreamAsync(seeded, seeded.A);

        await TamperAsync(seeded, db => db.Set<LedgerRow>().Where(l => l.Id == a[1].Id).ExecuteDeleteAsync(Ct));

        var problem = await SingleProblemAsync(seeded, LedgerProblems.Missing);
        Assert.Equal((a[2].Id, seeded.A, 2L), (problem.EntryId, problem.Stream, problem.Seq));
    }

    [Fact]
    public async Task Verify_NamesTheInsertedEntry_WhenAnEntryWithAValidHashWasAppendedOutsideTheStore()
    {
        var seeded = await SeedAsync();
        var last = (await StreamAsync(seeded, seeded.B))[^1];
        var at = LedgerHash.Truncate(Clock.Now);
        var forged = new LedgerRow
        {
            InstanceId = seeded.B, Seq = 4, At = at, Component = LedgerComponents.Engine, Kind = "task-completed", ElementId = "review",
            Actor = "li.officer", PrevHash = last.Hash,
            Hash = LedgerHash.Entry(seeded.B, 4, last.Hash, at, LedgerComponents.Engine, "task-completed", "review", "li.officer", null, null, null, null, null),
        };

        await TamperAsync(seeded, async db =>
        {
            db.Add(forged);
            await db.SaveChangesAsync(Ct);
        });

        var problem = await SingleProblemAsync(seeded, LedgerProblems.NotInHead);
        Assert.Equal((forged.Id, seeded.B, 4L), (problem.EntryId, problem.Stream, problem.Seq));
    }

    [Fact]
    public async Task Verify_NamesTheInsertedEntry_WhenAnEntryWasSlippedIntoTheMiddleOfAStream()
    {
        var seeded = await SeedAsync();
        var a = await StreamAsync(seeded, seeded.A);

        // Make room at position 3 by moving 3..5 up one (highest first, for the unique index), then insert there.
        await TamperAsync(seeded, async db =>
        {
            foreach (var row in a[2..].Reverse())
            {
                await db.Set<LedgerRow>().Where(l => l.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Seq, row.Seq + 1), Ct);
            }
            db.Add(new LedgerRow
            {
                InstanceId = seeded.A, Seq = 3, At = a[1].At, Component = LedgerComponents.Engine, Kind = "task-completed", PrevHash = a[1].Hash, Hash = new byte[32],
            });
            await db.SaveChangesAsync(Ct);
        });

        var result = await Verifier(seeded).VerifyAsync(Ct);
        Assert.False(result.Ok);
        var inserted = (await StreamAsync(seeded, seeded.A))[2];
        Assert.Equal((LedgerProblems.Altered, inserted.Id, 3L), (result.FirstProblem!.Code, result.FirstProblem.EntryId, result.FirstProblem.Seq));
    }

    [Fact]
    public async Task Verify_NamesTheFirstSwappedEntry_WhenTwoEntriesSwappedPositions()
    {
        var seeded = await SeedAsync();
        var a = await StreamAsync(seeded, seeded.A);

        await TamperAsync(seeded, async db =>
        {
            await SetSeqAsync(db, a[1].Id, -1);
            await SetSeqAsync(db, a[2].Id, 2);
            await SetSeqAsync(db, a[1].Id, 3);
        });

        var result = await Verifier(seeded).VerifyAsync(Ct);
        Assert.False(result.Ok);
        Assert.Equal((LedgerProblems.BrokenLink, a[2].Id, 2L), (result.FirstProblem!.Code, result.FirstProblem.EntryId, result.FirstProblem.Seq));
        Assert.All(result.Problems, p => Assert.Equal(seeded.A, p.Stream));
    }

    private static Task SetSeqAsync(WorkflowDbContext db, long id, long seq) =>
        db.Set<LedgerRow>().Where(l => l.Id == id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Seq, seq), Ct);

    [Fact]
    public async Task Verify_ReportsTheReordering_WhenTwoEntriesSwappedTheirLedgerIds()
    {
        var seeded = await SeedAsync();
        var b = await StreamAsync(seeded, seeded.B);

        await TamperAsync(seeded, async db =>
        {
            await SetIdAsync(db, b[0].Id, -1);
            await SetIdAsync(db, b[1].Id, b[0].Id);
            await SetIdAsync(db, -1, b[1].Id);
        });

        var problem = await SingleProblemAsync(seeded, LedgerProblems.Reordered);
        Assert.Equal((b[0].Id, seeded.B, 2L), (problem.EntryId, problem.Stream, problem.Seq));
    }

    private static Task SetIdAsync(WorkflowDbContext db, long id, long newId) =>
        db.Set<LedgerRow>().Where(l => l.Id == id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Id, newId), Ct);

    [Fact]
    public async Task Verify_ReportsTheCutOffEnd_WhenTheLastEntriesOfAStreamWereDeleted()
    {
        var seeded = await SeedAsync();
        var a = await StreamAsync(seeded, seeded.A);

        await TamperAsync(seeded, db => db.Set<LedgerRow>().Where(l => l.Id >= a[3].Id && l.InstanceId == seeded.A).ExecuteDeleteAsync(Ct));

        var problem = await SingleProblemAsync(seeded, LedgerProblems.Truncated);
        Assert.Equal(((long?)null, seeded.A, 4L), (problem.EntryId, problem.Stream, problem.Seq));
        Assert.Contains("entries 4–5 were cut off", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ReportsTheDeletedStream_WhenAllItsEntriesWereDeleted()
    {
        var seeded = await SeedAsync();

        await TamperAsync(seeded, db => db.Set<LedgerRow>().Where(l => l.InstanceId == seeded.B).ExecuteDeleteAsync(Ct));

        var problem = await SingleProblemAsync(seeded, LedgerProblems.Truncated);
        Assert.Equal((seeded.B, 1L), (problem.Stream, problem.Seq));
    }

    [Fact]
    public async Task Verify_ReportsTheHeadlessStream_WhenAHeadWasDeleted()
    {
        var seeded = await SeedAsync();

        await TamperAsync(seeded, db => db.Set<InstanceRow>().Where(i => i.Id == seeded.B)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LedgerSeq, 0L).SetProperty(i => i.LedgerHash, (byte[]?)null), Ct));

        var problem = await SingleProblemAsync(seeded, LedgerProblems.NoHead);
        Assert.Equal((seeded.B, 3L), (problem.Stream, problem.Seq));
    }

    [Fact]
    public async Task Verify_ReportsTheReplacedLastEntry_WhenItWasRewrittenWithAConsistentHash()
    {
        var seeded = await SeedAsync();
        var last = (await StreamAsync(seeded, seeded.B))[^1];
        var hash = LedgerHash.Entry(last.InstanceId, last.Seq, last.PrevHash, last.At, last.Component, last.Kind, last.ElementId, "someone.else",
            last.Role, last.Unit, last.ActingFor, last.Outcome, last.Data);

        await TamperAsync(seeded, db => db.Set<LedgerRow>().Where(l => l.Id == last.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Actor, "someone.else").SetProperty(l => l.Hash, hash), Ct));

        var problem = await SingleProblemAsync(seeded, LedgerProblems.HeadMismatch);
        Assert.Equal((last.Id, seeded.B, 3L), (problem.EntryId, problem.Stream, problem.Seq));
    }

    [Fact]
    public async Task Verify_ReportsTheCheckpoint_WhenAStreamWasRewrittenConsistentlyWithItsHead()
    {
        var seeded = await SeedAsync();
        Assert.Single(await Checkpointer(seeded).CheckpointAsync(Ct));
        var a = await StreamAsync(seeded, seeded.A);

        // The attacker edits entry 2 and re-hashes every entry after it, and the head: every stream check passes.
        await TamperAsync(seeded, async db =>
        {
            var prev = a[0].Hash;
            foreach (var row in a[1..])
            {
                var actor = row.Seq == 2 ? "someone.else" : row.Actor;
                var hash = LedgerHash.Entry(row.InstanceId, row.Seq, prev, row.At, row.Component, row.Kind, row.ElementId, actor, row.Role, row.Unit,
                    row.ActingFor, row.Outcome, row.Data);
                var linked = prev;
                await db.Set<LedgerRow>().Where(l => l.Id == row.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.Actor, actor).SetProperty(l => l.PrevHash, linked).SetProperty(l => l.Hash, hash), Ct);
                prev = hash;
            }
            await db.Set<InstanceRow>().Where(i => i.Id == seeded.A).ExecuteUpdateAsync(s => s.SetProperty(i => i.LedgerHash, prev), Ct);
        });

        var problem = await SingleProblemAsync(seeded, LedgerProblems.CheckpointAltered);
        Assert.Equal(1L, problem.CheckpointId);
    }

    [Fact]
    public async Task Verify_ReportsCheckpointProblems_WhenCheckpointsWereDeletedOrEdited()
    {
        var seeded = await SeedAsync();
        var checkpointer = Checkpointer(seeded, maxEntries: 3);
        var written = await checkpointer.CheckpointAsync(Ct);
        Assert.Equal([3L, 3L, 3L, 1L], written.Select(c => c.Entries)); // 10 entries, at most 3 a checkpoint
        Assert.True((await Verifier(seeded).VerifyAsync(Ct)).Ok);

        var earlier = written[3].At.AddSeconds(-1);
        await TamperAsync(seeded, async db =>
        {
            await db.Set<LedgerCheckpointRow>().Where(c => c.Id == 2).ExecuteDeleteAsync(Ct);
            await db.Set<LedgerCheckpointRow>().Where(c => c.Id == 4).ExecuteUpdateAsync(s => s.SetProperty(c => c.At, earlier), Ct);
        });

        var result = await Verifier(seeded).VerifyAsync(Ct);
        Assert.Equal([(LedgerProblems.CheckpointMissing, 3L), (LedgerProblems.CheckpointAltered, 4L)], result.Problems.Select(p => (p.Code, p.CheckpointId!.Value)));
    }

    [Fact]
    public async Task Verify_NamesTheEarliestBadEntry_WhenSeveralStreamsWereTampered()
    {
        var seeded = await SeedAsync();
        var a = await StreamAsync(seeded, seeded.A);
        var b = await StreamAsync(seeded, seeded.B);

        await TamperAsync(seeded, db => db.Set<LedgerRow>().Where(l => l.Id == a[4].Id || l.Id == b[1].Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Data, "{}"), Ct));

        var result = await Verifier(seeded).VerifyAsync(Ct);
        Assert.Equal(2, result.ProblemCount);
        Assert.Equal([b[1].Id, a[4].Id], result.Problems.Select(p => p.EntryId!.Value));
        Assert.Equal(b[1].Id, result.FirstProblem!.EntryId);
    }

    [Fact]
    public async Task Checkpoint_CoversEachEntryOnce_AndWritesNothingWhenNothingIsNew()
    {
        var seeded = await SeedAsync();
        var checkpointer = Checkpointer(seeded);

        var first = Assert.Single(await checkpointer.CheckpointAsync(Ct));
        Assert.Empty(await checkpointer.CheckpointAsync(Ct));
        await SaveAsync(seeded.Stores.Instances, (await seeded.Stores.Instances.LoadAsync(seeded.B, Ct))!.Instance, 1, Line(seeded.B, "note"), Line(seeded.B, "note"));
        var second = Assert.Single(await checkpointer.CheckpointAsync(Ct));

        Assert.Equal((1L, 0L, 10L, 3L), (first.Id, first.FromId, first.Entries, first.Streams));
        Assert.Equal((2L, first.ToId, 2L, 1L), (second.Id, second.FromId, second.Entries, second.Streams));
        Assert.Equal(first.Hash, second.PrevHash);
        var result = await Verifier(seeded).VerifyAsync(Ct);
        Assert.True(result.Ok, result.FirstProblem?.Message);
        Assert.Equal(2, result.Checkpoints);
    }

    [Fact]
    public async Task Ledger_Verifies_AfterConcurrentSavesGlobalEntriesAndCheckpoints()
    {
        var seeded = await SeedAsync();
        var definition = (await seeded.Stores.Definitions.FindAsync("review-flow", cancellationToken: Ct))!;
        var checkpointer = Checkpointer(seeded, maxEntries: 7);
        using var stop = new CancellationTokenSource();
        var checkpoints = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await checkpointer.CheckpointAsync(Ct);
            }
        }, Ct);

        var saves = await Task.WhenAll(Enumerable.Range(0, 16).Select(n => Task.Run(async () =>
        {
            var instance = Engine.Start(definition, unit: $"U{n % 3}");
            var ok = (await seeded.Stores.Instances.SaveAsync([new InstanceChange(instance, 0)], [Line(instance.Id, "started"), Line(instance.Id, "entered")], Ct)).Saved;
            ok &= (await seeded.Stores.Instances.SaveAsync([], [Line(Guid.Empty, "signed-in")], Ct)).Saved;
            ok &= (await seeded.Stores.Instances.SaveAsync([], [Line(instance.Id, "note"), Line(Guid.Empty, "exported")], Ct)).Saved;
            return ok;
        }, Ct)));
        await stop.CancelAsync();
        await checkpoints;
        await checkpointer.CheckpointAsync(Ct);

        Assert.All(saves, Assert.True);
        var global = await StreamAsync(seeded, Guid.Empty);
        Assert.Equal(Enumerable.Range(1, 2 + 32).Select(n => (long)n), global.Select(g => g.Seq));
        var result = await Verifier(seeded).VerifyAsync(Ct);
        Assert.True(result.Ok, result.FirstProblem?.Message);
        Assert.Equal(10 + 16 * 5, result.Entries);
        await using var db = await seeded.Stores.Database.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(await db.Ledger.MaxAsync(l => l.Id, Ct), await db.LedgerCheckpoints.MaxAsync(c => c.ToId, Ct));
    }

    private sealed record Seeded(Stores Stores, Guid A, Guid B);
}
