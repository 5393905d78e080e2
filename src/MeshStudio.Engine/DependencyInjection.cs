using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Ingestion;
using MeshStudio.Engine.Ingestion;
using MeshStudio.Engine.Products;
using MeshStudio.Engine.Query;
using MeshStudio.Engine.Syntax;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeshStudio.Engine;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the DuckDB query engine, the SQL parser, the product writer, the snapshot statistics, the file event store, the segment compactor and
    /// the snapshot retention as singletons (with <see cref="TimeProvider.System"/> unless a TimeProvider is registered).
    /// </summary>
    public static IServiceCollection AddMeshEngine(this IServiceCollection services, LakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.RootPath);
        services.AddSingleton(options);
        services.AddSingleton(sp => new LakeLayout(sp.GetRequiredService<LakeOptions>()));
        services.AddSingleton<DuckDbQueryEngine>(sp => new DuckDbQueryEngine(sp.GetRequiredService<LakeOptions>()));
        services.AddSingleton<IQueryEngine>(sp => sp.GetRequiredService<DuckDbQueryEngine>());
        services.AddSingleton<ISqlParser, DuckDbSqlParser>();
        services.AddSingleton<IProductWriter>(sp => new DuckDbProductWriter(sp.GetRequiredService<LakeOptions>()));
        services.AddSingleton<SnapshotStatistics>();
        services.AddSingleton<SnapshotExport>();
        services.AddSingleton<IEventStore>(sp => new FileEventStore(sp.GetRequiredService<LakeOptions>(), TimeProvider.System,
            sp.GetRequiredService<LakeOptions>().IdempotencyKeyRetention));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SegmentCompactor(sp.GetRequiredService<LakeOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new Ingestion.Files.FileIngester(sp.GetRequiredService<LakeOptions>(), sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SnapshotRetention(sp.GetRequiredService<LakeOptions>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
