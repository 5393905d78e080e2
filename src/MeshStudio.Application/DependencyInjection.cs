using MeshStudio.Application.Execution;
using MeshStudio.Application.Ingestion;
using MeshStudio.Application.Jobs;
using MeshStudio.Application.Lake;
using MeshStudio.Application.Products;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Application;

public static class DependencyInjection
{
    /// <summary>The use cases and their collaborators; needs the catalog and the engine registered as well.</summary>
    public static IServiceCollection AddMeshApplication(this IServiceCollection services, JobRetention? retention = null, ResultLimit? limit = null)
    {
        services.AddSingleton(retention ?? JobRetention.Default);
        services.AddSingleton(limit ?? ResultLimit.Default);
        services.AddSingleton<QueryAudit>();
        services.AddSingleton<ExecutionService>();
        services.AddSingleton<ProductChangeFeed>();
        services.AddSingleton<JobInputs>();
        services.AddSingleton<RunRecorder>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobActions>();
        services.AddSingleton<QuarantineBrowser>();
        services.AddSingleton<PipelineDeployer>();
        services.AddSingleton<LakeDiskStatus>();
        services.AddSingleton<Health.PlatformHealth>();
        services.AddSingleton<FileSourceIngestion>();
        services.AddSingleton<IngestKeyRefusals>();
        services.AddSingleton<HttpSourceIngestion>();
        services.AddSingleton<ProductStatisticsReader>();
        services.AddSingleton<Lineage.LineageService>();
        services.AddSingleton<ProductData>();
        services.AddSingleton<Semantics.GlossaryUnmatched>();
        return services;
    }
}
