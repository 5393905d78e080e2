using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MeshStudio.Catalog.PostgreSql;

/// <summary>
/// The context <c>dotnet ef migrations add</c> builds the PostgreSQL model from (ADR 21). Adding a migration never
/// connects to the server named here.
/// </summary>
internal sealed class DesignTimeCatalogFactory : IDesignTimeDbContextFactory<MeshDbContext>
{
    public MeshDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MeshDbContext>();
        DependencyInjection.Use(options, new CatalogOptions(CatalogProvider.PostgreSQL, "Host=localhost;Database=meshstudio_design"));
        return new MeshDbContext(options.Options);
    }
}
