using MeshStudio.Application.Access;
using MeshStudio.Application.Domains;
using MeshStudio.Application.Entitlements;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Ingestion;
using MeshStudio.Application.Jobs;
using MeshStudio.Application.Lake;
using MeshStudio.Application.Products;
using MeshStudio.Application.Products.Contracts;
using MeshStudio.Application.Search;
using MeshStudio.Application.Semantics;
using MeshStudio.Application.Sources;
using MeshStudio.Application.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeshStudio.Application;

public static class DependencyInjection
{
    /// <summary>The use cases and their collaborators; needs the catalog and the engine registered as well.</summary>
    public static IServiceCollection AddMeshApplication(this IServiceCollection services, JobRetention? retention = null, ResultLimit? limit = null)
    {
        services.AddMeshCatalogUseCases();
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
        services.AddSingleton<SegmentMerging>();
        services.AddSingleton<FileSourceIngestion>();
        services.AddSingleton<IngestKeyRefusals>();
        services.AddSingleton<HttpSourceIngestion>();
        services.AddSingleton<ProductStatisticsReader>();
        services.AddSingleton<ContractEnforcement>();
        services.AddSingleton<Products.Versions.ProductVersions>();
        services.AddSingleton<Products.Versions.ProductConsumers>();
        services.AddSingleton<Products.Versions.ProductVersionHistory>();
        services.AddSingleton<MajorVersionDeployer>();
        services.AddSingleton<Notifications.JobFailureNotice>();
        services.AddSingleton<ProductContracts>();
        services.AddSingleton<Lineage.LineageService>();
        services.AddSingleton<Governance.Policies.JobPolicyCheck>();
        services.AddSingleton<ProductData>();
        services.AddSingleton<ProductFreshness>();
        services.AddSingleton<Semantics.GlossaryUnmatched>();
        return services;
    }

    /// <summary>
    /// The use cases that need only the catalog (domains, sources, products, job definitions, reviews, audit, access,
    /// tokens, search, semantic types), as singletons; part of <see cref="AddMeshApplication"/>.
    /// </summary>
    public static IServiceCollection AddMeshCatalogUseCases(this IServiceCollection services)
    {
        services.TryAddSingleton<DomainService>();
        services.TryAddSingleton<SourceService>();
        services.TryAddSingleton<ProductService>();
        services.TryAddSingleton<Notifications.NotificationService>();
        services.TryAddSingleton<JobService>();
        services.TryAddSingleton<EntitlementService>();
        services.TryAddSingleton<ReviewService>();
        services.TryAddSingleton<Governance.Policies.PolicyService>();
        services.TryAddSingleton<Governance.Policies.ProductPolicyChecks>();
        services.TryAddSingleton<AuditService>();
        services.TryAddSingleton<Governance.Policies.PolicyTester>();
        services.TryAddSingleton<AccessService>();
        services.TryAddSingleton<PublishedCatalog>();
        services.TryAddSingleton<ProductSearch>();
        services.TryAddSingleton<TokenService>();
        services.TryAddSingleton<SemanticTypeService>();
        services.TryAddSingleton<Products.Trust.ProductTrust>();
        return services;
    }
}
