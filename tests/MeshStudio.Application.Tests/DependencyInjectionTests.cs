using MeshStudio.Application.Access;
using MeshStudio.Application.Domains;
using MeshStudio.Application.Entitlements;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Jobs;
using MeshStudio.Application.Products;
using MeshStudio.Application.Search;
using MeshStudio.Application.Semantics;
using MeshStudio.Application.Sources;
using MeshStudio.Application.Tokens;
using MeshStudio.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Application.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task AddMeshCatalogUseCases_OnTheCatalog_ResolvesEveryServiceAsOneInstance()
    {
        await using var services = new ServiceCollection().AddMeshCatalog("Data Source=:memory:").AddMeshCatalogUseCases()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        foreach (var type in new[]
                 {
                     typeof(DomainService), typeof(SourceService), typeof(ProductService), typeof(JobService), typeof(EntitlementService),
                     typeof(ReviewService), typeof(AccessService), typeof(ProductSearch), typeof(TokenService), typeof(SemanticTypeService),
                 })
        {
            Assert.Same(services.GetRequiredService(type), services.GetRequiredService(type));
        }
    }
}
