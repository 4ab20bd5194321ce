using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Import;
using Workflow.Engine.Model;
using Workflow.Engine.Storage;
using Workflow.Persistence.Ledger;

namespace Workflow.Persistence.Definitions;

/// <summary>
/// Definition versions in the <c>definitions</c> table. The BPMN source is stored, not the compiled graph:
/// a version is compiled again when first read and then kept in a bounded cache, since versions never change.
/// Every new version is recorded in the ledger's global stream (<c>definition-published</c>) in the same transaction.
/// </summary>
public sealed class EfDefinitionStore : IDefinitionStore
{
    /// <summary>
    /// An attempt fails on the unique (process, version) index only when another deployment of the process committed
    /// that version first, so N deployments racing need at most N attempts; this covers ten at once.
    /// </summary>
    private const int DeployAttempts = 10;

    /// <summary>The ledger's event type for a new version.</summary>
    public const string DefinitionPublished = "definition-published";

    /// <summary>The ledger's actor for deployments nobody signed for.</summary>
    private const string SystemActor = "system";

    private readonly IDbContextFactory<WorkflowDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly BpmnImporter _importer;
    private readonly DefinitionCache _cache;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">Creates a context per operation.</param>
    /// <param name="clock">Stamps deployments; the system clock by default.</param>
    /// <param name="importer">Compiles stored sources; the default importer when null.</param>
    /// <param name="cacheCapacity">Most compiled versions kept in memory.</param>
    public EfDefinitionStore(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider? clock = null, BpmnImporter? importer = null, int cacheCapacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cacheCapacity, 1);
        _contexts = contexts;
        _clock = clock ?? TimeProvider.System;
        _importer = importer ?? new BpmnImporter();
        _cache = new DefinitionCache(cacheCapacity);
    }

    internal int CachedVersions => _cache.Count;

    // One per store, not static: a compiled query keeps the SQL of the first database it ran on, and a process may hold
    // stores on different providers.
    private readonly Func<WorkflowDbContext, string, Task<int?>> _latestVersion =
        EF.CompileAsyncQuery((WorkflowDbContext db, string processId) => db.Definitions.Where(d => d.ProcessId == processId).Max(d => (int?)d.Version));

    /// <inheritdoc />
    public Task<IReadOnlyList<DeployedDefinition>> DeployAsync(BpmnDocument document, CancellationToken cancellationToken = default) =>
        DeployAsync(document, actor: null, cancellationToken);

    /// <summary>Deploys as <see cref="DeployAsync(BpmnDocument, CancellationToken)"/>, recording who published each new version.</summary>
    /// <param name="document">A validated document.</param>
    /// <param name="actor">Who publishes; the ledger names <c>system</c> when null (deployments at start-up).</param>
    /// <param name="cancellationToken">Cancels the deployment.</param>
    public Task<IReadOnlyList<DeployedDefinition>> DeployAsync(BpmnDocument document, string? actor, CancellationToken cancellationToken = default) =>
        DeployAsync(document, new Publisher(actor ?? SystemActor), keepKnownContent: false, cancellationToken);

    /// <summary>
    /// Deploys as <see cref="DeployAsync(BpmnDocument, CancellationToken)"/> for a signed-in person, whose role and unit the
    /// ledger's <c>definition-published</c> entries carry with their id.
    /// </summary>
    public Task<IReadOnlyList<DeployedDefinition>> PublishAsync(BpmnDocument document, Publisher publisher, CancellationToken cancellationToken = default) =>
        DeployAsync(document, publisher, keepKnownContent: false, cancellationToken);

    /// <summary>
    /// Deploys the processes of <paramref name="document"/> whose content no version of theirs has had yet; a process whose
    /// content one of its versions already has keeps its latest version. This is the deployment of the definitions folder at
    /// start-up: a version an administrator published since (<see cref="PublishAsync"/>) must not be undone by the file
    /// that was deployed before it at the next restart. A file changed on disk is new content and becomes the next version.
    /// </summary>
    /// <returns>The versions now current for the document's processes.</returns>
    public Task<IReadOnlyList<DeployedDefinition>> DeployNewContentAsync(BpmnDocument document, CancellationToken cancellationToken = default) =>
        DeployAsync(document, new Publisher(SystemActor), keepKnownContent: true, cancellationToken);

    private async Task<IReadOnlyList<DeployedDefinition>> DeployAsync(BpmnDocument document, Publisher publisher, bool keepKnownContent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (deployed, kept) = await TryDeployAsync(document, publisher, keepKnownContent, cancellationToken);
                foreach (var d in deployed)
                {
                    _cache.Add(d);
                }
                if (kept.Count == 0)
                {
                    return deployed;
                }
                // Processes that kept their latest version: that version's own source, compiled (or cached), not the file's.
                var current = new List<DeployedDefinition>(deployed);
                foreach (var (processId, version) in kept)
                {
                    current.Add(await FindAsync(processId, version, cancellationToken)
                        ?? throw new InvalidOperationException($"{processId} v{version} disappeared while being deployed"));
                }
                return current;
            }
            catch (DbUpdateException) when (attempt < DeployAttempts)
            {
                // Another deployment took the same version number first (unique index): read the versions again.
            }
        }
    }

    private async Task<(IReadOnlyList<DeployedDefinition> Deployed, List<(string ProcessId, int Version)> Kept)> TryDeployAsync(
        BpmnDocument document, Publisher publisher, bool keepKnownContent, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var current = new List<DeployedDefinition>(document.Processes.Count);
            var kept = new List<(string, int)>();
            var published = new List<HistoryEntry>();
            var now = _clock.GetUtcNow();
            foreach (var process in document.Processes)
            {
                var latest = await db.Definitions.AsNoTracking()
                    .Where(d => d.ProcessId == process.Id)
                    .OrderByDescending(d => d.Version)
                    .Select(d => new { d.Version, d.ContentHash, d.DeployedAt })
                    .FirstOrDefaultAsync(ct);
                if (latest is not null && latest.ContentHash == document.ContentHash)
                {
                    current.Add(new DeployedDefinition(process.Id, latest.Version, latest.ContentHash, document.Source, process, latest.DeployedAt));
                    continue;
                }
                if (latest is not null && keepKnownContent
                    && await db.Definitions.AnyAsync(d => d.ProcessId == process.Id && d.ContentHash == document.ContentHash, ct))
                {
                    kept.Add((process.Id, latest.Version));
                    continue;
                }
                var row = new DefinitionRow
                {
                    ProcessId = process.Id,
                    Version = (latest?.Version ?? 0) + 1,
                    ContentHash = document.ContentHash,
                    Source = document.Source,
                    DeployedAt = now,
                };
                db.Definitions.Add(row);
                current.Add(new DeployedDefinition(row.ProcessId, row.Version, row.ContentHash, row.Source, process, now));
                published.Add(Published(row, publisher));
            }
            await db.SaveChangesAsync(ct);
            await LedgerWriter.AppendAsync(db, published, LedgerComponents.Definitions, ct);
            await transaction.CommitAsync(ct);
            return ((IReadOnlyList<DeployedDefinition>)current, kept);
        }, cancellationToken);
    }

    private static HistoryEntry Published(DefinitionRow row, Publisher publisher) =>
        new(Guid.Empty, row.DeployedAt, DefinitionPublished, row.ProcessId, publisher.Id,
            JsonSerializer.Serialize(new { processId = row.ProcessId, version = row.Version, contentHash = row.ContentHash }))
        {
            Role = publisher.Role,
            Unit = publisher.Unit,
        };

    /// <inheritdoc />
    public async Task<DeployedDefinition?> FindAsync(string processId, int? version = null, CancellationToken cancellationToken = default)
    {
        if (version is { } v && _cache.TryGet(processId, v, out var cached))
        {
            return cached;
        }
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Definitions.AsNoTracking().Where(d => d.ProcessId == processId);
        if (version is null)
        {
            // Every start asks for the latest version (another node may have deployed one): a compiled query skips building and
            // looking up the LINQ query's cache key each time.
            var latest = await _latestVersion(db, processId);
            if (latest is null)
            {
                return null;
            }
            if (_cache.TryGet(processId, latest.Value, out cached))
            {
                return cached;
            }
            version = latest;
        }
        var row = await query.Where(d => d.Version == version).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : Compile(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeployedDefinition>> ListVersionsAsync(string processId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var versions = await db.Definitions.AsNoTracking()
            .Where(d => d.ProcessId == processId)
            .OrderBy(d => d.Version)
            .Select(d => d.Version)
            .ToListAsync(cancellationToken);
        var found = new Dictionary<int, DeployedDefinition>(versions.Count);
        var missing = new List<int>();
        foreach (var version in versions)
        {
            if (_cache.TryGet(processId, version, out var cached))
            {
                found[version] = cached;
            }
            else
            {
                missing.Add(version);
            }
        }
        if (missing.Count > 0)
        {
            var rows = await db.Definitions.AsNoTracking()
                .Where(d => d.ProcessId == processId && missing.Contains(d.Version))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                found[row.Version] = Compile(row);
            }
        }
        var result = versions.Select(v => found[v]).ToArray();
        return result;
    }

    private DeployedDefinition Compile(DefinitionRow row)
    {
        var imported = _importer.Import(row.Source);
        var process = imported.Document?.FindProcess(row.ProcessId)
            ?? throw new InvalidOperationException(
                $"Stored definition {row.ProcessId} v{row.Version} no longer compiles: {string.Join("; ", imported.Errors.Select(e => e.Message))}");
        var deployed = new DeployedDefinition(row.ProcessId, row.Version, row.ContentHash, row.Source, process, row.DeployedAt);
        _cache.Add(deployed);
        return deployed;
    }
}
