namespace MeshStudio.Core.Identity;

/// <summary>A member's role inside one domain. Every signed-in user is also a consumer.</summary>
public enum DomainRole
{
    Analyst = 0,
    Owner = 1,
}
