using MeshStudio.Catalog;
using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Access;
using MeshStudio.Core.Governance.Policies;
using MeshStudio.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Governance.Policies;

/// <summary>
/// Governance policies as data: stewards create, change and switch global policies; a domain's owners may add
/// stricter local ones. Every change is a new version, audited with what changed. The defaults
/// (<see cref="DefaultPolicies"/>) are in force as version 1 until a steward changes them.
/// </summary>
public sealed class PolicyService(IDbContextFactory<MeshDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    public const string SeededBy = "meshstudio";

    /// <summary>Stewards manage every policy; a domain's owners manage that domain's local policies.</summary>
    public static bool CanManage(UserContext user, string? domain)
    {
        ArgumentNullException.ThrowIfNull(user);
        return AccessRules.CanReview(user) || (domain is not null && user.IsOwnerOf(domain));
    }

    /// <summary>Every policy, global ones first, by key. Policies are public: everybody may read what is asked of them.</summary>
    public async Task<IReadOnlyList<PolicyView>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ListAsync(db, ct);
    }

    public async Task<PolicyView?> GetAsync(string key, CancellationToken ct) =>
        (await ListAsync(ct)).FirstOrDefault(p => p.Definition.Key == key);

    /// <summary>The enabled policies that apply to products of <paramref name="domain"/>: the global ones and its own.</summary>
    public async Task<IReadOnlyList<PolicyDefinition>> InForceAsync(string domain, CancellationToken ct) =>
        (await ListAsync(ct)).Select(p => p.Definition).Where(p => p.Enabled && p.AppliesTo(domain)).ToList();

    /// <summary>
    /// Creates a policy or saves a new version of it. <paramref name="expectedVersion"/>, when given, must be the
    /// current version (someone else's change is not overwritten unseen). Unchanged definitions save nothing.
    /// </summary>
    public async Task<PolicyView> SaveAsync(UserContext actor, PolicyDefinition policy, int? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!CanManage(actor, policy.Domain))
        {
            throw new AccessDeniedException(policy.Domain is null
                ? "Only governance stewards change global policies."
                : $"Only governance stewards and owners of the {policy.Domain} domain change its policies.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var all = await ListAsync(db, ct);
        var clean = PolicyRules.Check(policy, all.Select(p => p.Definition));
        if (clean.Domain is not null && !await db.Domains.AnyAsync(d => d.Name == clean.Domain, ct))
            throw new RuleViolationException($"There is no domain {clean.Domain}.");
        var current = all.FirstOrDefault(p => p.Definition.Key == clean.Key);
        if (current is not null && expectedVersion is { } expected && expected != current.Version)
            throw new RuleViolationException($"Policy {clean.Key} is at version {current.Version} now, not {expected}: reload it and apply your change again.");
        if (current is not null && current.Definition.Domain != clean.Domain)
            throw new RuleViolationException($"Policy {clean.Key} stays {Scope(current.Definition)}: create a new policy for another scope.");
        if (current is not null && current.Definition.Kind != clean.Kind)
            throw new RuleViolationException($"Policy {clean.Key} stays a {current.Definition.Kind} policy: create a new policy for another kind.");
        if (current is not null && PolicyDiff.Between(current.Definition, clean).Count == 0)
            return current;

        var row = await db.Policies.SingleOrDefaultAsync(p => p.Key == clean.Key, ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            row = db.Policies.Add(new PolicyEntity { Key = clean.Key, Definition = "" }).Entity;
            // A default policy changed for the first time keeps its seeded version as version 1.
            if (current is not null)
                row.Versions.Add(Version(1, current.Definition, null, now, SeededBy));
        }
        var version = (current?.Version ?? 0) + 1;
        var changes = PolicyDiff.Between(current?.Definition, clean);
        row.Domain = clean.Domain;
        row.Enabled = clean.Enabled;
        row.Version = version;
        row.Definition = PolicyJson.Write(clean);
        row.UpdatedAt = now;
        row.UpdatedBy = actor.UserName;
        row.Versions.Add(Version(version, clean, changes, now, actor.UserName));
        audit.Append(db, actor.UserName, current is null ? "policy.created" : "policy.changed", $"policy {clean.Key} v{version}",
            string.Join("; ", changes));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PolicyView(clean, version, now, actor.UserName);
    }

    /// <summary>
    /// Saves the policies of a file (<see cref="PolicyYaml"/>): all are checked before any is saved, and each changed
    /// one becomes a new version; unchanged ones save nothing.
    /// </summary>
    public async Task<IReadOnlyList<PolicyView>> ImportAsync(UserContext actor, IReadOnlyList<PolicyDefinition> policies, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var duplicate = policies.GroupBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new RuleViolationException($"The file has policy {duplicate.Key} twice.");
        if (policies.FirstOrDefault(p => !CanManage(actor, p.Domain)) is { } denied)
            throw new AccessDeniedException($"You may not change policy {denied.Key}: only governance stewards and owners of a domain change its policies.");
        var existing = await ListAsync(ct);
        var merged = existing.Select(p => p.Definition).Where(p => policies.All(i => i.Key != p.Key)).Concat(policies).ToList();
        foreach (var policy in policies)
            PolicyRules.Check(policy, merged);
        var saved = new List<PolicyView>();
        foreach (var policy in policies)
            saved.Add(await SaveAsync(actor, policy, null, ct));
        return saved;
    }

    /// <summary>Switches a policy on or off: a new version like any other change.</summary>
    public async Task<PolicyView> SetEnabledAsync(UserContext actor, string key, bool enabled, CancellationToken ct)
    {
        var current = await GetAsync(key, ct) ?? throw new RuleViolationException($"There is no policy {key}.");
        return await SaveAsync(actor, current.Definition with { Enabled = enabled }, current.Version, ct);
    }

    /// <summary>Every version of a policy, newest first; empty when there is no such policy.</summary>
    public async Task<IReadOnlyList<PolicyVersionView>> HistoryAsync(string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Policies.AsNoTracking().Include(p => p.Versions).SingleOrDefaultAsync(p => p.Key == key, ct);
        if (row is not null)
        {
            return row.Versions.OrderByDescending(v => v.Version)
                .Select(v => new PolicyVersionView(v.Version, PolicyJson.Read(v.Definition), Lines(v.Changes), v.ChangedAt, v.ChangedBy))
                .ToList();
        }
        var seeded = DefaultPolicies.All.FirstOrDefault(p => p.Key == key);
        return seeded is null ? [] : [new PolicyVersionView(1, seeded, PolicyDiff.Between(null, seeded), null, SeededBy)];
    }

    private static async Task<IReadOnlyList<PolicyView>> ListAsync(MeshDbContext db, CancellationToken ct)
    {
        var rows = await db.Policies.AsNoTracking().ToListAsync(ct);
        var stored = rows.Select(r => new PolicyView(PolicyJson.Read(r.Definition), r.Version, r.UpdatedAt, r.UpdatedBy)).ToList();
        var seeded = DefaultPolicies.All.Where(d => rows.All(r => r.Key != d.Key)).Select(d => new PolicyView(d, 1, null, SeededBy));
        return stored.Concat(seeded)
            .OrderBy(p => p.Definition.Domain is not null)
            .ThenBy(p => p.Definition.Domain, StringComparer.Ordinal)
            .ThenBy(p => p.Definition.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static PolicyVersionEntity Version(int version, PolicyDefinition definition, IReadOnlyList<string>? changes, DateTime at, string by) => new()
    {
        Version = version,
        Definition = PolicyJson.Write(definition),
        Changes = string.Join('\n', changes ?? PolicyDiff.Between(null, definition)),
        ChangedAt = at,
        ChangedBy = by,
    };

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string Scope(PolicyDefinition policy) => policy.Domain is null ? "global" : $"local to {policy.Domain}";
}
