using System.Collections.Concurrent;
using MeshStudio.Catalog;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Sources;

/// <summary>Sources a domain ingests. They are internal to their domain.</summary>
public sealed class SourceService(IDbContextFactory<MeshDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Formats = ["json", "csv", "parquet"];

    /// <summary>At most this many columns: a batch whose fields would add more is refused (a runaway producer).</summary>
    public const int MaxColumns = 500;

    // Schema updates of HTTP sources are read-modify-write: one at a time per source, so no change is lost.
    private readonly ConcurrentDictionary<QualifiedName, SemaphoreSlim> _schemaLocks = new();
    private static readonly ConcurrentDictionary<string, IReadOnlySet<string>> DeclaredByDefinition = new(StringComparer.Ordinal);

    /// <summary>Creates or replaces a source from its CREATE SOURCE statement (authors of the domain).</summary>
    public async Task<SourceView> UpsertAsync(UserContext actor, CreateSourceStatement stmt, string definition, CancellationToken ct)
    {
        var name = stmt.Name;
        if (!AccessRules.CanAuthorIn(actor, name.Domain))
            throw new AccessDeniedException($"Only members of the {name.Domain} domain can create its sources.");
        var format = stmt.Format.Trim().ToLowerInvariant();
        if (!Formats.Contains(format))
            throw new RuleViolationException($"Source {name}: format '{stmt.Format}' is not supported; use one of {string.Join(", ", Formats)}.");
        var path = stmt.IsFileSource ? stmt.Options["path"].Trim() : null;
        if (path is not null)
            ValidatePath(name, path);
        var eventTime = stmt.Options.GetValueOrDefault("event_time")?.Trim();
        if (eventTime is { Length: > 0 } && stmt.Columns.Count > 0 && !stmt.Columns.Any(c => c.Name == eventTime))
            throw new RuleViolationException($"Source {name}: event_time '{eventTime}' is not one of its columns.");
        var duplicate = stmt.Columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new RuleViolationException($"Source {name}: column '{duplicate.Key}' is declared twice.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var domain = await db.Domains.SingleOrDefaultAsync(d => d.Name == name.Domain, ct)
            ?? throw new RuleViolationException($"There is no domain named '{name.Domain}'.");
        if (await db.Products.AnyAsync(p => p.DomainId == domain.Id && p.Name == name.Name, ct))
            throw new RuleViolationException($"{name} is already a data product; give the source another name.");

        var source = await db.Sources.SingleOrDefaultAsync(s => s.DomainId == domain.Id && s.Name == name.Name, ct);
        var created = source is null;
        source ??= db.Sources.Add(new Source
        {
            DomainId = domain.Id,
            Name = name.Name,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        }).Entity;
        var wasHttp = !created && source.Kind == SourceKind.Http;
        source.Kind = stmt.IsFileSource ? SourceKind.File : SourceKind.Http;
        source.Format = format;
        source.Path = path;
        source.EventTimeColumn = eventTime is { Length: > 0 } ? eventTime : null;
        // A source deployed again without columns keeps the schema its data gave it.
        var keepInferred = stmt.Columns.Count == 0 && source.SchemaInferred;
        if (!keepInferred)
        {
            // An HTTP source keeps the columns its events added (their events are stored); declared ones follow the script.
            var declaredBefore = DeclaredColumnNames(source);
            var added = wasHttp && !stmt.IsFileSource
                ? source.Columns.Where(c => !declaredBefore.Contains(c.Name)
                    && !stmt.Columns.Any(d => d.Name.Equals(c.Name, StringComparison.OrdinalIgnoreCase))).ToList()
                : [];
            source.Columns = [.. stmt.Columns, .. added];
            source.SchemaInferred = stmt.Columns.Count == 0 && added.Count > 0;
        }
        source.Definition = definition;
        audit.Append(db, actor.UserName, created ? "source.created" : "source.updated", name.ToString(), definition);
        await db.SaveChangesAsync(ct);
        return new SourceView(name, source.Kind, source.Format, source.Columns, source.Path, source.SchemaInferred);
    }

    /// <summary>The sources the user may read: those of their domains (admins included: no implicit data access).</summary>
    public async Task<IReadOnlyList<SourceView>> ListReadableAsync(UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var domains = user.Memberships.Keys.ToList();
        var sources = await db.Sources.AsNoTracking()
            .Where(s => domains.Contains(s.Domain!.Name))
            .Select(s => new { Domain = s.Domain!.Name, s.Name, s.Kind, s.Format, s.Columns, s.Path, s.SchemaInferred })
            .ToListAsync(ct);
        return sources
            .Where(s => AccessRules.CanReadSource(user, s.Domain))
            .OrderBy(s => s.Domain, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new SourceView(new QualifiedName(s.Domain, s.Name), s.Kind, s.Format, s.Columns, s.Path, s.SchemaInferred))
            .ToList();
    }

    /// <summary>The source with its domain, or null. No access check: for the engine and ingestion.</summary>
    internal async Task<Source?> FindAsync(QualifiedName name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Sources.AsNoTracking()
            .Include(s => s.Domain)
            .SingleOrDefaultAsync(s => s.Domain!.Name == name.Domain && s.Name == name.Name, ct);
    }

    /// <summary>Every file source with its domain, for the inbox ingester. No access check: for the engine and ingestion.</summary>
    internal async Task<IReadOnlyList<Source>> ListFileSourcesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Sources.AsNoTracking().Include(s => s.Domain)
            .Where(s => s.Kind == SourceKind.File)
            .OrderBy(s => s.Id)
            .ToListAsync(ct);
    }

    /// <summary>
    /// Stores columns a file gave a file source (inferred from its first file, or added/widened by a later one)
    /// and audits the change as the ingester. <paramref name="changes"/> describes it for the audit log.
    /// </summary>
    public async Task ApplyFileSchemaAsync(QualifiedName name, IReadOnlyList<ColumnSchema> columns, IReadOnlyList<string> changes, string file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(columns);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.Sources.SingleOrDefaultAsync(s => s.Domain!.Name == name.Domain && s.Name == name.Name, ct)
            ?? throw new KeyNotFoundException($"There is no source {name}.");
        if (source.Kind != SourceKind.File)
            throw new RuleViolationException($"{name} is not a file source.");
        var first = source.Columns.Count == 0;
        source.Columns = columns.ToList();
        if (first)
            source.SchemaInferred = true;
        var action = first ? "source.schema_inferred" : "source.schema_changed";
        audit.Append(db, "ingestion", action, name.ToString(), $"{file}: {string.Join("; ", changes)}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The columns of a source that its CREATE SOURCE declared (any case). The others were inferred from its data or
    /// added by drift, and may widen. Parsed from the stored definition (cached per definition text).
    /// </summary>
    internal static IReadOnlySet<string> DeclaredColumnNames(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.SchemaInferred && source.Kind == SourceKind.File)
            return EmptyNames;
        if (DeclaredByDefinition.TryGetValue(source.Definition, out var cached))
            return cached;
        IReadOnlySet<string> names;
        try
        {
            if (MeshSqlParser.Parse(source.Definition) is not CreateSourceStatement statement)
                return AllDeclared(source);
            names = statement.Columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        catch (SqlException)
        {
            return AllDeclared(source); // a definition this version cannot read: every column counts as declared
        }
        if (DeclaredByDefinition.Count > 10_000)
            DeclaredByDefinition.Clear();
        DeclaredByDefinition[source.Definition] = names;
        return names;
    }

    private static readonly IReadOnlySet<string> EmptyNames = new HashSet<string>();

    private static HashSet<string> AllDeclared(Source source) => source.SchemaInferred
        ? []
        : source.Columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The columns of an HTTP source that data may widen: every column its CREATE SOURCE did not declare.</summary>
    internal static IReadOnlyList<string> WidenableColumns(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var declared = DeclaredColumnNames(source);
        return source.Columns.Where(c => !declared.Contains(c.Name)).Select(c => c.Name).ToList();
    }

    /// <summary>
    /// Reconciles an HTTP source's columns with what an ingest batch needs (<see cref="EventBatch.Drift"/>): the first
    /// batch of a source declared without columns infers them; later fields are added (nullable) to any source;
    /// inferred and added columns widen along the type lattice, declared ones never. Changes are audited as the
    /// ingester (<c>source.schema_inferred</c> / <c>source.schema_changed</c>). Updates of one source are serialised,
    /// and the reconciliation starts from the stored columns, so concurrent batches never lose a change. Returns the
    /// source as stored afterwards.
    /// </summary>
    internal async Task<Source> ApplyHttpDriftAsync(QualifiedName name, IReadOnlyList<ColumnSchema> drift, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(drift);
        var gate = _schemaLocks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var source = await db.Sources.Include(s => s.Domain)
                .SingleOrDefaultAsync(s => s.Domain!.Name == name.Domain && s.Name == name.Name, ct)
                ?? throw new KeyNotFoundException($"There is no source {name}.");
            if (source.Kind != SourceKind.Http)
                throw new RuleViolationException($"{name} is not an HTTP source.");
            var declared = DeclaredColumnNames(source);
            var reconciled = SourceSchema.Reconcile(source.Columns, drift,
                c => declared.Contains(c.Name) ? Widening.None : Widening.Any);
            if (reconciled.Changes.Count == 0)
                return source;
            if (reconciled.Columns.Count > MaxColumns)
                throw new RuleViolationException(
                    $"The batch would give source {name} {reconciled.Columns.Count} columns; a source may have at most {MaxColumns}. Send fewer distinct fields.");
            var first = source.Columns.Count == 0;
            source.Columns = reconciled.Columns.ToList();
            if (first)
                source.SchemaInferred = true;
            audit.Append(db, "ingestion", first ? "source.schema_inferred" : "source.schema_changed", name.ToString(),
                "HTTP batch: " + string.Join("; ", reconciled.Changes));
            await db.SaveChangesAsync(ct);
            return source;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>File globs stay inside the domain inbox: relative, no parent folders.</summary>
    private static void ValidatePath(QualifiedName name, string path)
    {
        var segments = path.Replace('\\', '/').Split('/');
        if (path.Length == 0 || path.StartsWith('/') || path.StartsWith('\\') || path.Contains(':', StringComparison.Ordinal)
            || segments.Any(s => s == ".."))
            throw new RuleViolationException(
                $"Source {name}: path '{path}' must be relative to the domain inbox (e.g. 'customers/*.csv') and may not use '..'.");
    }
}
