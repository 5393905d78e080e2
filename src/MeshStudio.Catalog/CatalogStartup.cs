using MeshStudio.Catalog.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshStudio.Catalog;

/// <summary>What the host needs from the catalog without touching EF Core itself: schema, health, identity stores.</summary>
public sealed class CatalogStartup(
    IDbContextFactory<MeshDbContext> factory, Security.AuditKeyStore auditKeys, ILogger<CatalogStartup>? logger = null)
{
    /// <summary>
    /// The schema (migrations, logged; a failed one stops the start with a <see cref="Persistence.CatalogMigrationException"/>),
    /// and the audit key (created on the first start; a damaged key stops the start here).
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await CatalogDatabase.InitializeAsync(db, (ILogger?)logger ?? NullLogger.Instance, cancellationToken);
        auditKeys.KeyFor(Persistence.CatalogFile.PathOf(db.Database.GetDbConnection()));
    }

    /// <summary>Throws when the catalog database cannot answer a query.</summary>
    public async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Domains.CountAsync(cancellationToken);
    }
}

public static class CatalogIdentityExtensions
{
    /// <summary>Stores ASP.NET Core Identity's users and roles in the catalog database.</summary>
    public static IdentityBuilder AddMeshCatalogStores(this IdentityBuilder builder) =>
        builder.AddEntityFrameworkStores<MeshDbContext>();
}
