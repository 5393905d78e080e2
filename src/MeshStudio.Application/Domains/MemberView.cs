using MeshStudio.Core.Identity;

namespace MeshStudio.Application.Domains;

public sealed record MemberView(string UserName, string DisplayName, DomainRole Role);
