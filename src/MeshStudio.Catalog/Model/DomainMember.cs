using MeshStudio.Core.Identity;

namespace MeshStudio.Catalog.Model;

public sealed class DomainMember
{
    public int Id { get; set; }
    public int DomainId { get; set; }
    public MeshDomain? Domain { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    public DomainRole Role { get; set; }
}
