namespace MeshStudio.Application.Products.Versions;

/// <summary>The consumers of a product.</summary>
public sealed record ConsumerList(IReadOnlyList<ConsumerUser> Users, IReadOnlyList<ConsumerJob> Jobs)
{
    /// <summary>Everyone to tell: the grant holders and the users the reading jobs run as.</summary>
    public IEnumerable<string> UserIds => Users.Select(u => u.UserId).Concat(Jobs.Select(j => j.RunAsUserId)).Distinct(StringComparer.Ordinal);
}
