using MeshStudio.Catalog;
using MeshStudio.Catalog.Access;
using MeshStudio.Catalog.Identity;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Entitlements;

/// <summary>
/// What one user's sandboxed session may read: the grant the engine builds its views from,
/// plus the relations it may not read with the reason to show.
/// </summary>
public sealed class EntitlementService(IDbContextFactory<MeshDbContext> dbFactory, TimeProvider time)
{
    public async Task<SessionGrant> GrantForAsync(UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await GrantForAsync(db, user, ct) with { Caller = QueryCaller.ForUser(user.UserId) };
    }

    /// <summary>The grant of the user a job runs as (empty when that user no longer exists), in the background lane.</summary>
    internal async Task<SessionGrant> GrantForJobAsync(Job job, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await UserContextLoader.LoadAsync(db, job.RunAsUserId, ct);
        var grant = user is null ? SessionGrant.Empty : await GrantForAsync(db, user, ct);
        return grant with { Caller = QueryCaller.Background };
    }

    private async Task<SessionGrant> GrantForAsync(MeshDbContext db, UserContext user, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var sources = await db.Sources.AsNoTracking()
            .OrderBy(s => s.Domain!.Name).ThenBy(s => s.Name)
            .Select(s => new { Domain = s.Domain!.Name, s.Name, s.Kind, s.Format, s.Path, s.Columns })
            .ToListAsync(ct);
        var products = await db.Products.AsNoTracking()
            .OrderBy(p => p.Domain!.Name).ThenBy(p => p.Name)
            .Select(p => new { p.Id, Domain = p.Domain!.Name, p.Name, p.Status, p.SnapshotLocation, p.Columns })
            .ToListAsync(ct);
        var grants = await GrantQueries.ActiveGrantsAsync(db, user.UserId, now, ct);
        var latestRequests = (await db.AccessRequests.AsNoTracking()
                .Where(r => r.RequesterUserId == user.UserId)
                .Select(r => new { r.Id, r.ProductId, r.Status, r.ExpiresAt })
                .ToListAsync(ct))
            .GroupBy(r => r.ProductId)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Id)!);

        var relations = new List<ReadableRelation>();
        var denied = new List<DeniedRelation>();
        foreach (var s in sources)
        {
            var name = new QualifiedName(s.Domain, s.Name);
            if (!AccessRules.CanReadSource(user, s.Domain))
                denied.Add(new DeniedRelation(name, $"Sources are internal to the {s.Domain} domain; use its published products instead."));
            else if (s.Kind == SourceKind.File && s.Columns.Count == 0)
                denied.Add(new DeniedRelation(name,
                    $"Source {name} has no schema yet: no file has been ingested. Drop a {s.Format} file matching '{s.Path}' into the {s.Domain} inbox or upload one on the Sources page."));
            else if (s.Columns.Count == 0)
                denied.Add(new DeniedRelation(name,
                    $"Source {name} has no schema yet: no events have been ingested. Its columns are inferred from the first batch sent to POST /api/ingest/{s.Domain}/{s.Name}."));
            else
                // HTTP and file sources alike are read from their ingested segments (file drops are ingested too).
                relations.Add(new ReadableRelation(name, RelationKind.IngestedSource, s.Columns, Format: s.Format));
        }

        foreach (var p in products)
        {
            var name = new QualifiedName(p.Domain, p.Name);
            if (AccessRules.CanReadProductData(user, p.Domain, p.Status, grants.ContainsKey(p.Id)))
            {
                relations.Add(new ReadableRelation(name, RelationKind.Product, p.Columns, p.SnapshotLocation));
                continue;
            }
            // Products the user may not even see stay unnamed: the engine reports them as unknown.
            if (!AccessRules.CanSeeProduct(user, p.Domain, p.Status))
                continue;
            latestRequests.TryGetValue(p.Id, out var request);
            denied.Add(new DeniedRelation(name, (p.Status, request?.Status) switch
            {
                (not ProductStatus.Published, _) => $"{name} is not published yet; only members of the {p.Domain} domain can read it.",
                (_, AccessRequestStatus.Pending) => $"Your access request for {name} is waiting for the {p.Domain} domain to decide.",
                (_, AccessRequestStatus.Approved) when request!.ExpiresAt <= now =>
                    $"Your access to {name} expired on {request.ExpiresAt:yyyy-MM-dd HH:mm} UTC. Request access again on its marketplace page.",
                _ => $"You have no access to {name}. Request access on its marketplace page.",
            }));
        }
        // Governed semantic types are shared vocabulary: every user may align to them.
        return new SessionGrant(relations, denied, await Semantics.SemanticTypeService.MappingsAsync(db, ct));
    }
}
