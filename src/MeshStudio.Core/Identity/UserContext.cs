namespace MeshStudio.Core.Identity;

/// <summary>Who is asking: the facts every authorisation rule is evaluated against.</summary>
public sealed record UserContext(
    string UserId,
    string UserName,
    bool IsAdmin,
    bool IsSteward,
    IReadOnlyDictionary<string, DomainRole> Memberships)
{
    public bool IsMemberOf(string domain) => Memberships.ContainsKey(domain);

    public bool IsOwnerOf(string domain) =>
        Memberships.TryGetValue(domain, out var role) && role == DomainRole.Owner;
}
