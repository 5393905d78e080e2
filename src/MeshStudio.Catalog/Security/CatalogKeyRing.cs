using Microsoft.AspNetCore.DataProtection;

namespace MeshStudio.Catalog.Security;

/// <summary>
/// The keys that protect sign-in cookies and antiforgery tokens live in the catalog, not in a folder of one machine, so
/// every node sharing the catalog reads what another node protected (ADR 31).
/// </summary>
public static class CatalogKeyRing
{
    /// <summary>
    /// One name for every node: without it the name is the install folder, and nodes installed in different folders
    /// could not read each other's cookies even with the same keys.
    /// </summary>
    public const string ApplicationName = "MeshStudio";

    public static IDataProtectionBuilder PersistKeysToCatalog(this IDataProtectionBuilder builder) =>
        builder.SetApplicationName(ApplicationName).PersistKeysToDbContext<MeshDbContext>();
}
