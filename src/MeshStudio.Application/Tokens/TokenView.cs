namespace MeshStudio.Application.Tokens;

/// <summary>A token as the profile page lists it; the secret itself is never shown again.</summary>
public sealed record TokenView(
    int Id,
    string Name,
    string Prefix,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? RevokedAt,
    DateTime? LastUsedAt);
