using MeshStudio.Catalog;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Semantics;
using MeshStudio.Core.Access;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Privacy;
using MeshStudio.Core.Products;
using MeshStudio.Core.Semantics;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Semantics;

/// <summary>
/// Governed semantic types: stewards own the canonical values and synonyms, every session gets them
/// as the lookup behind <c>align(expr, 'type')</c>, and stewards see which source values do not match.
/// </summary>
public sealed class SemanticTypeService(IDbContextFactory<MeshDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    public const int MaxDescriptionLength = 2000;
    public const int MaxValueLength = 200;

    /// <summary>Stewards own the glossary; admins may maintain it too (it grants no data access).</summary>
    public static bool CanEdit(UserContext user) => AccessRules.CanReview(user) || user.IsAdmin;

    public async Task<IReadOnlyList<SemanticType>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SemanticTypes.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        return rows.Select(ToModel).ToList();
    }

    public async Task<SemanticType?> GetAsync(string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.SemanticTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Name == name, ct);
        return row is null ? null : ToModel(row);
    }

    /// <summary>Creates or replaces a type (stewards and admins); returns it as stored (trimmed, duplicates removed).</summary>
    public async Task<SemanticType> UpsertAsync(UserContext steward, SemanticType type, CancellationToken ct)
    {
        if (!CanEdit(steward))
            throw new AccessDeniedException("Only governance stewards can change semantic types.");
        var clean = Clean(type);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.SemanticTypes.SingleOrDefaultAsync(t => t.Name == clean.Name, ct);
        if (row is null)
            row = db.SemanticTypes.Add(new SemanticTypeEntity { Name = clean.Name }).Entity;
        row.Description = clean.Description;
        row.Values = clean.Values.ToList();
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        row.UpdatedBy = steward.UserName;
        audit.Append(db, steward.UserName, "semantic-type.saved", clean.Name,
            $"{clean.Values.Count} canonical values, {clean.Values.Sum(v => v.Synonyms.Count)} synonyms");
        await db.SaveChangesAsync(ct);
        return clean;
    }

    /// <summary>
    /// Adds <paramref name="synonym"/> to the canonical value <paramref name="canonical"/> of an existing type,
    /// creating the canonical value when it is new; without a synonym only the canonical value is added.
    /// </summary>
    public async Task<SemanticType> AddAsync(UserContext steward, string typeName, string canonical, string? synonym, CancellationToken ct)
    {
        var type = await GetAsync(typeName, ct) ?? throw new RuleViolationException($"There is no semantic type '{typeName}'.");
        canonical = (canonical ?? "").Trim();
        var extra = string.IsNullOrWhiteSpace(synonym) ? [] : new[] { synonym.Trim() };
        var values = type.Values.ToList();
        var index = values.FindIndex(v => string.Equals(v.Canonical, canonical, StringComparison.Ordinal));
        if (index >= 0)
            values[index] = values[index] with { Synonyms = [.. values[index].Synonyms, .. extra] };
        else
            values.Add(new SemanticValue(canonical, extra));
        return await UpsertAsync(steward, type with { Values = values }, ct);
    }

    /// <summary>Every (type, normalised spelling, canonical) row: what the engine installs for <c>align</c>.</summary>
    public async Task<IReadOnlyList<SemanticMapping>> MappingsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await MappingsAsync(db, ct);
    }

    internal static async Task<IReadOnlyList<SemanticMapping>> MappingsAsync(MeshDbContext db, CancellationToken ct)
    {
        var rows = await db.SemanticTypes.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        return rows.SelectMany(r => SemanticMatcher.Mappings(ToModel(r))).ToList();
    }

    /// <summary>
    /// The source columns named like <paramref name="typeName"/> and a grant to read exactly those sources, for
    /// the stewards' unmatched-values report (stewards and admins only). Stewards have no implicit data access: each
    /// column says whether its values may be shown as they are (<see cref="SemanticColumn.ShowsValues"/>); the report
    /// masks the others and shows only their counts.
    /// </summary>
    public async Task<SemanticColumnScan> UnmatchedScanAsync(UserContext steward, string typeName, CancellationToken ct)
    {
        if (!CanEdit(steward))
            throw new AccessDeniedException("Only governance stewards can check sources for unmatched values.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.SemanticTypes.AnyAsync(t => t.Name == typeName, ct))
            throw new RuleViolationException($"There is no semantic type '{typeName}'.");
        // Keep it simple: a column belongs to a type when it has the type's name (sales.orders.country ↔ country).
        var sources = (await db.Sources.AsNoTracking()
                .OrderBy(s => s.Domain!.Name).ThenBy(s => s.Name)
                .Select(s => new { Domain = s.Domain!.Name, s.Name, s.Kind, s.Format, s.Path, s.Columns })
                .ToListAsync(ct))
            .Where(s => s.Columns.Any(c => string.Equals(c.Name, typeName, StringComparison.Ordinal)))
            .ToList();
        // File sources are ingested into segments like HTTP sources (ADR 0009): both are read from those.
        var relations = sources.Select(s => new ReadableRelation(
                new QualifiedName(s.Domain, s.Name),
                RelationKind.IngestedSource,
                s.Columns,
                Format: s.Format))
            .ToList();
        var columns = relations.Select(r => new SemanticColumn(r.Name, typeName, ShowsValues(steward, r, typeName))).ToList();
        // The scan counts against the steward's own share of query sessions.
        var grant = new SessionGrant(relations, Semantics: await MappingsAsync(db, ct)) { Caller = QueryCaller.ForUser(steward.UserId) };
        return new SemanticColumnScan(typeName, columns, grant);
    }

    /// <summary>Raw values only of a source the person may read themselves, and never of personal data (ADR 17).</summary>
    private static bool ShowsValues(UserContext user, ReadableRelation source, string column)
    {
        var declared = source.Columns!.First(c => string.Equals(c.Name, column, StringComparison.Ordinal));
        return AccessRules.CanReadSource(user, source.Name.Domain) && declared.Pii is null && PiiDetector.Detect(column, []) is null;
    }

    private static SemanticType ToModel(SemanticTypeEntity row) => new(row.Name, row.Description, row.Values);

    private static SemanticType Clean(SemanticType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var name = (type.Name ?? "").Trim();
        if (!QualifiedName.IsValidIdentifier(name))
            throw new RuleViolationException($"'{name}' is not a valid type name: use lower-case letters, digits and underscores, starting with a letter.");
        var description = (type.Description ?? "").Trim();
        if (description.Length > MaxDescriptionLength)
            throw new RuleViolationException($"The description may have at most {MaxDescriptionLength} characters.");
        var values = new List<SemanticValue>();
        foreach (var value in type.Values ?? [])
        {
            var canonical = CheckSpelling(value.Canonical, "A canonical value");
            var synonyms = (value.Synonyms ?? [])
                .Select(s => CheckSpelling(s, $"A synonym of {canonical}"))
                .Where(s => !string.Equals(s, canonical, StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            values.Add(new SemanticValue(canonical, synonyms));
        }
        var clean = new SemanticType(name, description, values);
        var conflicts = SemanticMatcher.Conflicts(clean);
        if (conflicts.Count > 0)
            throw new RuleViolationException(string.Join(" ", conflicts));
        return clean;
    }

    private static string CheckSpelling(string? text, string what)
    {
        var value = (text ?? "").Trim();
        if (SemanticMatcher.Normalize(value).Length == 0)
            throw new RuleViolationException($"{what} may not be empty.");
        if (value.Length > MaxValueLength)
            throw new RuleViolationException($"{what} may have at most {MaxValueLength} characters.");
        return value;
    }
}
