using MeshStudio.Application.Notifications;
using MeshStudio.Application.Products.Contracts;
using MeshStudio.Catalog;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Contracts;
using MeshStudio.Core.Products.Versions;
using MeshStudio.Engine.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Products.Versions;

/// <summary>
/// Decides and records how a job's new output moves its product's version (ADR 25): compatible changes are the next
/// minor in place; a breaking change of a product others may use (published or in review) becomes the next major,
/// written beside the old one as <c>name_vN</c>, while the old major keeps its data and name.
/// </summary>
public sealed class ProductVersions(
    IDbContextFactory<MeshDbContext> dbFactory, AuditLog audit, ContractEnforcement contracts, IContractStore store, ProductConsumers consumers, TimeProvider time)
{
    /// <summary>The plan for <paramref name="job"/> writing <paramref name="output"/>; null for a product without committed data (it starts at 1.0.0).</summary>
    public async Task<VersionPlan?> PlanAsync(CreateJobStatement job, IReadOnlyList<ColumnSchema> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(output);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Domain!.Name == job.Target.Domain && p.Name == job.Target.Name, cancellationToken);
        if (product is null || product.Columns.Count == 0)
            return null;
        var stored = output.Select(c => c with { Type = ExactParquetTypes.ExactType(c.Type) ?? c.Type }).ToList();
        var breaches = await contracts.BreachesAsync(job, output, cancellationToken);
        var claimed = await store.FindAsync(job.Target, cancellationToken) is { } yaml ? ContractYamlReader.Read(yaml).Version : null;
        var (current, series) = await CurrentAsync(db, product, cancellationToken);
        var classification = VersionClassifier.Classify(
            current, SchemaComparer.Compare(product.Columns, product.KeyColumns, stored, job.KeyColumns), breaches, claimed);
        var consumed = product.Status is ProductStatus.Published or ProductStatus.InReview;
        var newMajor = classification.Bump == VersionBump.Major && consumed
            ? VersionNames.ForMajor(await NameOfAsync(db, series, job.Target.Domain, cancellationToken), classification.To.Major)
            : null;
        return new VersionPlan(job.Target, classification, stored, job.KeyColumns, newMajor, breaches);
    }

    /// <summary>
    /// Records the planned version once the job is saved: the first change of a product also records its 1.0.0 (as it
    /// was); a new major's product takes the old one's title, description, tags, owner and column descriptions, and the
    /// old major's consumers are told in the same transaction. Returns those consumers (none without a new major).
    /// </summary>
    public async Task<ConsumerList> RecordAsync(UserContext actor, VersionPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(plan);
        var used = plan.NewMajor is null ? new ConsumerList([], []) : await consumers.OfAsync(plan.Product, cancellationToken);
        if (plan.Classification.Bump == VersionBump.None)
            return used;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var old = await FindAsync(db, plan.Product, cancellationToken);
        var (_, series) = await CurrentAsync(db, old, cancellationToken);
        if (!await db.ProductVersions.AnyAsync(v => v.SeriesId == series, cancellationToken))
            db.ProductVersions.Add(Row(old.Id, series, SemanticVersion.Initial, old.Columns, old.KeyColumns, [], old.CreatedAt, "catalog"));
        var target = plan.NewMajor is { } major ? await FindAsync(db, major, cancellationToken) : old;
        if (plan.NewMajor is not null)
            CopyDescription(old, target, plan.Output);
        var to = plan.Classification.To;
        var now = time.GetUtcNow().UtcDateTime;
        db.ProductVersions.Add(Row(target.Id, series, to, plan.Output, plan.Key, [.. plan.Classification.Differences], now, actor.UserName));
        if (plan.NewMajor is { } newMajor)
            await InboxEvents.BreakingChangeAsync(db, used.UserIds, plan.Product, newMajor, to.ToString(), now, cancellationToken);
        var breaking = plan.Classification.Differences.Count(d => d.Breaking);
        audit.Append(db, actor.UserName, "product.versioned", plan.Target.ToString(),
            $"{plan.Classification.From} -> {to} ({plan.Classification.Bump.ToString().ToLowerInvariant()}; " +
            $"{plan.Classification.Differences.Count} changes, {breaking} breaking)");
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return used;
    }

    /// <summary>The product's version now (its newest row, or 1.0.0) and the id of its series.</summary>
    internal static async Task<(SemanticVersion Version, int Series)> CurrentAsync(MeshDbContext db, Product product, CancellationToken cancellationToken)
    {
        var newest = await db.ProductVersions.AsNoTracking().Where(v => v.ProductId == product.Id)
            .OrderByDescending(v => v.Major).ThenByDescending(v => v.Minor).ThenByDescending(v => v.Patch)
            .Select(v => new { v.Major, v.Minor, v.Patch, v.SeriesId })
            .FirstOrDefaultAsync(cancellationToken);
        return newest is null
            ? (SemanticVersion.Initial, product.Id)
            : (new SemanticVersion(newest.Major, newest.Minor, newest.Patch), newest.SeriesId);
    }

    private static async Task<QualifiedName> NameOfAsync(MeshDbContext db, int productId, string domain, CancellationToken cancellationToken) =>
        new(domain, await db.Products.Where(p => p.Id == productId).Select(p => p.Name).SingleAsync(cancellationToken));

    private static async Task<Product> FindAsync(MeshDbContext db, QualifiedName name, CancellationToken cancellationToken) =>
        await db.Products.SingleOrDefaultAsync(p => p.Domain!.Name == name.Domain && p.Name == name.Name, cancellationToken)
        ?? throw new InvalidOperationException($"{name} is saved before its version is recorded.");

    private static void CopyDescription(Product from, Product to, IReadOnlyList<ColumnSchema> output)
    {
        to.Title = from.Title;
        to.Description = from.Description;
        to.Tags = [.. from.Tags];
        to.OwnerUserId = from.OwnerUserId ?? to.OwnerUserId;
        var described = from.Columns.Where(c => c.Description is not null).ToDictionary(c => c.Name, c => c.Description, StringComparer.OrdinalIgnoreCase);
        to.Columns = output.Select(c => described.TryGetValue(c.Name, out var d) ? c with { Description = d } : c).ToList();
    }

    private static ProductVersion Row(
        int productId, int series, SemanticVersion version, IReadOnlyList<ColumnSchema> columns, IReadOnlyList<string> key,
        List<SchemaDifference> changes, DateTime at, string by) => new()
        {
            ProductId = productId,
            SeriesId = series,
            Major = version.Major,
            Minor = version.Minor,
            Patch = version.Patch,
            Columns = [.. columns],
            KeyColumns = [.. key],
            Changes = changes,
            CreatedAt = at,
            CreatedBy = by,
        };
}
