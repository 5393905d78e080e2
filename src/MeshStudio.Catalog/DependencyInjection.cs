using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Identity;
using MeshStudio.Catalog.Jobs;
using MeshStudio.Catalog.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeshStudio.Catalog;

public static class DependencyInjection
{
    /// <summary>
    /// The catalog on SQLite: a singleton <see cref="IDbContextFactory{TContext}"/> (which also registers
    /// <see cref="MeshDbContext"/> as scoped, for Identity's stores), the audit log, the user loader and the job committer
    /// as singletons. The use cases over the catalog are registered by the application layer.
    /// </summary>
    public static IServiceCollection AddMeshCatalog(this IServiceCollection services, string connectionString) =>
        services.AddMeshCatalog(new CatalogOptions(CatalogProvider.Sqlite, connectionString));

    /// <summary>
    /// The catalog on the configured provider. PostgreSQL's migrations are in their own assembly, which the host must
    /// deploy (reference MeshStudio.Catalog.PostgreSql); its audit key is the file <see cref="CatalogOptions.AuditKeyPath"/>.
    /// </summary>
    public static IServiceCollection AddMeshCatalog(this IServiceCollection services, CatalogOptions catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.Provider == CatalogProvider.PostgreSQL)
            services.TryAddSingleton(new Security.AuditKeyStore(catalog.AuditKeyPath));
        return services.AddMeshCatalog(options => Use(options, catalog));
    }

    /// <summary>Points <paramref name="options"/> at the catalog's database.</summary>
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, CatalogOptions catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Provider switch
        {
            CatalogProvider.Sqlite => options.UseSqlite(catalog.ConnectionString),
            CatalogProvider.PostgreSQL => options.UseNpgsql(catalog.ConnectionString,
                npgsql => npgsql.MigrationsAssembly(CatalogOptions.PostgreSqlMigrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(catalog), catalog.Provider, "Unknown catalog provider."),
        };
    }

    /// <summary>Same, with the provider configured by the caller (tests pass an open in-memory connection).</summary>
    public static IServiceCollection AddMeshCatalog(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
    {
        // Every context, the factory's and Identity's scoped one, seals the audit entries it saves.
        services.AddDbContextFactory<MeshDbContext>((provider, options) =>
            configure(options.AddInterceptors(provider.GetRequiredService<AuditChainInterceptor>(), provider.GetRequiredService<Notifications.NotificationDelivery>())));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Security.AuditKeyStore>();
        services.TryAddSingleton<AuditChainInterceptor>();
        services.TryAddSingleton<Notifications.NotificationSignal>();
        services.TryAddSingleton<Notifications.NotificationDelivery>();
        services.TryAddSingleton<AuditChainVerifier>();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<UserContextLoader>();
        services.TryAddSingleton<ContractStore>();
        services.TryAddSingleton<Core.Products.Contracts.IContractStore>(provider => provider.GetRequiredService<ContractStore>());
        services.TryAddSingleton<JobCommitter>();
        services.TryAddSingleton<CatalogStartup>();
        services.TryAddSingleton<Lineage.LineageCatalog>();
        return services;
    }
}
