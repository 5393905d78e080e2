using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog.Sources;

/// <summary>Sources a domain ingests (C2). They are internal to their domain.</summary>
public sealed class SourceService(IDbContextFactory<MeshDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Formats = ["json", "csv", "parquet"];

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
        source.Kind = stmt.IsFileSource ? SourceKind.File : SourceKind.Http;
        source.Format = format;
        source.Path = path;
        source.EventTimeColumn = eventTime is { Length: > 0 } ? eventTime : null;
        // A file source deployed again without columns keeps the schema its files gave it.
        var keepInferred = stmt.IsFileSource && stmt.Columns.Count == 0 && source.SchemaInferred;
        if (!keepInferred)
        {
            source.Columns = stmt.Columns.ToList();
            source.SchemaInferred = false;
        }
        source.Definition = definition;
        audit.Append(db, actor.UserName, created ? "source.created" : "source.updated", name.ToString(), definition);
        await db.SaveChangesAsync(ct);
        return new SourceView(name, source.Kind, source.Format, source.Columns, source.Path, source.SchemaInferred);
    }

    /// <summary>The sources the user may read: those of their domains (every source for admins).</summary>
    public async Task<IReadOnlyList<SourceView>> ListReadableAsync(UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var domains = user.Memberships.Keys.ToList();
        var sources = await db.Sources.AsNoTracking()
            .Where(s => user.IsAdmin || domains.Contains(s.Domain!.Name))
            .Select(s => new { Domain = s.Domain!.Name, s.Name, s.Kind, s.Format, s.Columns, s.Path, s.SchemaInferred })
            .ToListAsync(ct);
        return sources
            .Where(s => AccessRules.CanReadSource(user, s.Domain))
            .OrderBy(s => s.Domain, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new SourceView(new QualifiedName(s.Domain, s.Name), s.Kind, s.Format, s.Columns, s.Path, s.SchemaInferred))
            .ToList();
    }

    /// <summary>The source with its domain, or null. No access check: for the engine and ingestion.</summary>
    public async Task<Source?> FindAsync(QualifiedName name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Sources.AsNoTracking()
            .Include(s => s.Domain)
            .SingleOrDefaultAsync(s => s.Domain!.Name == name.Domain && s.Name == name.Name, ct);
    }

    /// <summary>Every file source with its domain, for the inbox ingester. No access check: for the engine and ingestion.</summary>
    public async Task<IReadOnlyList<Source>> ListFileSourcesAsync(CancellationToken ct)
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
