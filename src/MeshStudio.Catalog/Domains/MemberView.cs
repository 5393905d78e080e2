using MeshStudio.Core.Identity;

namespace MeshStudio.Catalog.Domains;

public sealed record MemberView(string UserName, string DisplayName, DomainRole Role);
