namespace MeshStudio.Catalog;

/// <summary>Where the catalog lives.</summary>
/// <param name="Provider">The database.</param>
/// <param name="ConnectionString">ADO.NET connection string of that provider.</param>
/// <param name="AuditKeyPath">
/// The audit key file of a catalog on a server (ADR 14). A SQLite catalog keeps its key beside its file and ignores this.
/// </param>
public sealed record CatalogOptions(CatalogProvider Provider, string ConnectionString, string? AuditKeyPath = null)
{
    /// <summary>The assembly holding the PostgreSQL migrations (the SQLite ones are in the catalog's own assembly).</summary>
    public const string PostgreSqlMigrationsAssembly = "MeshStudio.Catalog.PostgreSql";
}
