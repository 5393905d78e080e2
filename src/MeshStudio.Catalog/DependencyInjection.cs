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
        services.AddMeshCatalog(options => options.UseSqlite(connectionString));

    /// <summary>Same, with the provider configured by the caller (tests pass an open in-memory connection).</summary>
    public static IServiceCollection AddMeshCatalog(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
    {
        // Every context, the factory's and Identity's scoped one, seals the audit entries it saves.
        services.AddDbContextFactory<MeshDbContext>((provider, options) =>
            configure(options.AddInterceptors(provider.GetRequiredService<AuditChainInterceptor>())));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Security.AuditKeyStore>();
        services.TryAddSingleton<AuditChainInterceptor>();
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
