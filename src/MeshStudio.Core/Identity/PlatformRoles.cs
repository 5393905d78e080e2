namespace MeshStudio.Core.Identity;

/// <summary>Platform-wide roles stored as ASP.NET Core Identity roles.</summary>
public static class PlatformRoles
{
    public const string Admin = "admin";
    public const string Steward = "steward";
}
