using MeshStudio.Catalog;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Security;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Domains;

/// <summary>Domains, their members and their ingestion API keys.</summary>
public sealed class DomainService(IDbContextFactory<MeshDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    public const string ApiKeyPrefix = "mdk_";
    public const int MinApiKeyLength = 16;
    public const int MaxDescriptionLength = 2000;

    public async Task<IReadOnlyList<DomainSummary>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var domains = await db.Domains.AsNoTracking()
            .OrderBy(d => d.Name)
            .Select(d => new
            {
                d.Name,
                d.Description,
                Sources = db.Sources.Count(s => s.DomainId == d.Id),
                Products = db.Products.Count(p => p.DomainId == d.Id),
                Members = d.Members.Select(m => new { m.User!.UserName, m.User.DisplayName, m.Role }).ToList(),
            })
            .ToListAsync(ct);
        return domains.Select(d => new DomainSummary(
                d.Name,
                d.Description,
                d.Sources,
                d.Products,
                d.Members
                    .OrderByDescending(m => m.Role).ThenBy(m => m.UserName, StringComparer.Ordinal)
                    .Select(m => new MemberView(m.UserName ?? "", m.DisplayName, m.Role))
                    .ToList()))
            .ToList();
    }

    public async Task<bool> ExistsAsync(string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Domains.AnyAsync(d => d.Name == name, ct);
    }

    /// <summary>True when <paramref name="apiKey"/> is the domain's current ingestion key.</summary>
    public async Task<bool> VerifyApiKeyAsync(string domain, string apiKey, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(apiKey))
            return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = await db.Domains.Where(d => d.Name == domain).Select(d => d.ApiKeyHash).SingleOrDefaultAsync(ct);
        return hash is not null && Secrets.HashesEqual(hash, Secrets.Sha256Hex(apiKey));
    }

    /// <summary>Creates a domain (admins only) and returns its first ingestion API key, shown once.</summary>
    public async Task<string> CreateAsync(UserContext actor, string name, string description, CancellationToken ct)
    {
        if (!actor.IsAdmin)
            throw new AccessDeniedException("Only administrators can create domains.");
        name = name.Trim();
        if (!QualifiedName.IsValidIdentifier(name))
            throw new RuleViolationException(
                $"'{name}' is not a valid domain name: use lower-case letters, digits and underscores, starting with a letter (at most 63 characters).");
        // Sessions keep the platform's own tables (e.g. the semantic-type lookup) in mesh_* schemas.
        if (name.StartsWith("mesh_", StringComparison.Ordinal) || name is "main" or "information_schema" or "pg_catalog" or "temp")
            throw new RuleViolationException($"'{name}' is reserved by the platform: choose another domain name.");
        description = (description ?? "").Trim();
        if (description.Length > MaxDescriptionLength)
            throw new RuleViolationException($"The description may have at most {MaxDescriptionLength} characters.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Domains.AnyAsync(d => d.Name == name, ct))
            throw new RuleViolationException($"A domain named '{name}' already exists.");
        var key = Secrets.NewKey(ApiKeyPrefix);
        db.Domains.Add(new MeshDomain
        {
            Name = name,
            Description = description,
            ApiKeyHash = Secrets.Sha256Hex(key),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        audit.Append(db, actor.UserName, "domain.created", name, description);
        await db.SaveChangesAsync(ct);
        return key;
    }

    /// <summary>Replaces the domain's ingestion key (owners and admins); the old key stops working at once.</summary>
    public async Task<string> RotateApiKeyAsync(UserContext actor, string domain, CancellationToken ct)
    {
        if (!AccessRules.CanManageDomain(actor, domain))
            throw new AccessDeniedException($"Only owners of the {domain} domain can rotate its API key.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await FindDomainAsync(db, domain, ct);
        var key = Secrets.NewKey(ApiKeyPrefix);
        entity.ApiKeyHash = Secrets.Sha256Hex(key);
        audit.Append(db, actor.UserName, "domain.api_key_rotated", domain, "");
        await db.SaveChangesAsync(ct);
        return key;
    }

    /// <summary>Sets a known key (the demo seeder, whose keys are in configuration). Idempotent.</summary>
    public async Task SetApiKeyAsync(string domain, string apiKey, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Length < MinApiKeyLength)
            throw new RuleViolationException($"An API key needs at least {MinApiKeyLength} characters.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await FindDomainAsync(db, domain, ct);
        var hash = Secrets.Sha256Hex(apiKey);
        if (entity.ApiKeyHash == hash)
            return;
        entity.ApiKeyHash = hash;
        audit.Append(db, "system", "domain.api_key_set", domain, "");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds a member, or changes the role of an existing one (owners and admins).</summary>
    public async Task AddMemberAsync(UserContext actor, string domain, string userName, DomainRole role, CancellationToken ct)
    {
        if (!AccessRules.CanManageDomain(actor, domain))
            throw new AccessDeniedException($"Only owners of the {domain} domain can manage its members.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await FindDomainAsync(db, domain, ct);
        var normalized = userName.Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedUserName == normalized || u.UserName == userName)
            .Select(u => u.Id).FirstOrDefaultAsync(ct)
            ?? throw new RuleViolationException($"There is no user named '{userName}'.");
        var member = await db.DomainMembers.SingleOrDefaultAsync(m => m.DomainId == entity.Id && m.UserId == userId, ct);
        if (member is null)
            db.DomainMembers.Add(new DomainMember { DomainId = entity.Id, UserId = userId, Role = role });
        else if (member.Role == role)
            return;
        else
            member.Role = role;
        audit.Append(db, actor.UserName, "domain.member_set", domain, $"{userName}: {role}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes a member (owners and admins). A domain keeps at least one owner.</summary>
    public async Task RemoveMemberAsync(UserContext actor, string domain, string userName, CancellationToken ct)
    {
        if (!AccessRules.CanManageDomain(actor, domain))
            throw new AccessDeniedException($"Only owners of the {domain} domain can manage its members.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await FindDomainAsync(db, domain, ct);
        var normalized = userName.Trim().ToUpperInvariant();
        var member = await db.DomainMembers
            .SingleOrDefaultAsync(m => m.DomainId == entity.Id && (m.User!.NormalizedUserName == normalized || m.User.UserName == userName), ct)
            ?? throw new RuleViolationException($"{userName} is not a member of {domain}.");
        if (member.Role == DomainRole.Owner
            && await db.DomainMembers.CountAsync(m => m.DomainId == entity.Id && m.Role == DomainRole.Owner, ct) == 1)
            throw new RuleViolationException($"{userName} is the last owner of {domain}; name another owner first.");
        db.DomainMembers.Remove(member);
        audit.Append(db, actor.UserName, "domain.member_removed", domain, userName);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<MeshDomain> FindDomainAsync(MeshDbContext db, string domain, CancellationToken ct) =>
        await db.Domains.SingleOrDefaultAsync(d => d.Name == domain, ct)
        ?? throw new RuleViolationException($"There is no domain named '{domain}'.");
}
