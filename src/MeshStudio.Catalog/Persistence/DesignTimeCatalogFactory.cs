using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MeshStudio.Catalog.Persistence;

/// <summary>
/// The context <c>dotnet ef migrations add</c> builds the model from (ADR 21). The tools never open this database:
/// adding a migration only compares the model with the last migration's snapshot.
/// </summary>
internal sealed class DesignTimeCatalogFactory : IDesignTimeDbContextFactory<MeshDbContext>
{
    public MeshDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MeshDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
