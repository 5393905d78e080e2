using MeshStudio.Catalog;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Security;
using MeshStudio.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Tokens;

/// <summary>Personal access tokens for the REST API. Only SHA-256 hashes are stored.</summary>
public sealed class TokenService(IDbContextFactory<MeshDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    public const string TokenPrefix = "msk_";
    public const int ShownPrefixLength = 12;
    public const int MaxNameLength = 100;
    public const int MinTokenLength = 24;

    /// <summary>LastUsedAt is written at most this often, so API calls do not all write to the catalog.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Issues a token; <c>PlainText</c> is shown to the user once and never stored.</summary>
    public async Task<(TokenView Token, string PlainText)> CreateAsync(
        string userId, string name, DateTime? expiresAt, CancellationToken ct)
    {
        name = CheckName(name);
        var now = time.GetUtcNow().UtcDateTime;
        if (expiresAt is not null && expiresAt <= now)
            throw new RuleViolationException("The expiry date must be in the future.");
        var plainText = Secrets.NewKey(TokenPrefix);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var userName = await UserNameAsync(db, userId, ct);
        var token = Add(db, userId, name, plainText, expiresAt, now);
        audit.Append(db, userName, "token.created", $"token {token.Prefix}", name);
        await db.SaveChangesAsync(ct);
        return (ViewOf(token), plainText);
    }

    /// <summary>Registers a known token (the demo seeder reads them from configuration). Idempotent by hash.</summary>
    public async Task<TokenView> ImportAsync(string userId, string name, string plainText, CancellationToken ct)
    {
        name = CheckName(name);
        if (string.IsNullOrWhiteSpace(plainText) || plainText.Length < MinTokenLength || !plainText.StartsWith(TokenPrefix, StringComparison.Ordinal))
            throw new RuleViolationException($"A personal access token starts with '{TokenPrefix}' and has at least {MinTokenLength} characters.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = Secrets.Sha256Hex(plainText);
        var existing = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (existing is not null)
        {
            return existing.UserId == userId
                ? ViewOf(existing)
                : throw new RuleViolationException("This token is already registered to another user.");
        }
        var userName = await UserNameAsync(db, userId, ct);
        var token = Add(db, userId, name, plainText, null, time.GetUtcNow().UtcDateTime);
        audit.Append(db, userName, "token.imported", $"token {token.Prefix}", name);
        await db.SaveChangesAsync(ct);
        return ViewOf(token);
    }

    /// <summary>The user's tokens, newest first.</summary>
    public async Task<IReadOnlyList<TokenView>> ListAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderByDescending(t => t.Id)
            .Select(t => ViewOf(t))
            .ToListAsync(ct);
    }

    /// <summary>Revokes one of the user's own tokens; it stops working at once. Revoking twice is harmless.</summary>
    public async Task RevokeAsync(string userId, int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, ct)
            ?? throw new RuleViolationException($"You have no token {id}.");
        if (token.RevokedAt is not null)
            return;
        token.RevokedAt = time.GetUtcNow().UtcDateTime;
        audit.Append(db, await UserNameAsync(db, userId, ct), "token.revoked", $"token {token.Prefix}", token.Name);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The id of the token's user, or null when the token is unknown, revoked or expired.</summary>
    public async Task<string?> ValidateAsync(string plainText, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(plainText) || !plainText.StartsWith(TokenPrefix, StringComparison.Ordinal))
            return null;
        var hash = Secrets.Sha256Hex(plainText.Trim());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
            return null;
        if (token.LastUsedAt is null || now - token.LastUsedAt >= LastUsedResolution)
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return token.UserId;
    }

    private static PersonalAccessToken Add(MeshDbContext db, string userId, string name, string plainText, DateTime? expiresAt, DateTime now) =>
        db.PersonalAccessTokens.Add(new PersonalAccessToken
        {
            UserId = userId,
            Name = name,
            TokenHash = Secrets.Sha256Hex(plainText),
            Prefix = plainText[..Math.Min(ShownPrefixLength, plainText.Length)],
            CreatedAt = now,
            ExpiresAt = expiresAt,
        }).Entity;

    private static TokenView ViewOf(PersonalAccessToken t) =>
        new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt);

    private static string CheckName(string? name)
    {
        var text = (name ?? "").Trim();
        if (text.Length == 0)
            throw new RuleViolationException("Give the token a name, so you can tell it apart later.");
        if (text.Length > MaxNameLength)
            throw new RuleViolationException($"The token name may have at most {MaxNameLength} characters.");
        return text;
    }

    private static async Task<string> UserNameAsync(MeshDbContext db, string userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).SingleOrDefaultAsync(ct)
        ?? throw new RuleViolationException("There is no such user.");
}
