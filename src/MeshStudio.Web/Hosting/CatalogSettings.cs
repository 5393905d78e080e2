using MeshStudio.Catalog;

namespace MeshStudio.Web.Hosting;

/// <summary>The <c>MeshStudio:Catalog</c> section: where the catalog lives (ADR 21).</summary>
public sealed class CatalogSettings
{
    /// <summary><c>Sqlite</c> (default: <c>catalog.db</c> in the data folder) or <c>PostgreSQL</c>.</summary>
    public CatalogProvider Provider { get; set; } = CatalogProvider.Sqlite;

    /// <summary>The provider's connection string; for SQLite, empty means the data folder's <c>catalog.db</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The catalog options for a data folder; PostgreSQL's audit key is <c>catalog.audit-key</c> in it.</summary>
    public CatalogOptions ToCatalogOptions(string dataFolder) => Provider switch
    {
        CatalogProvider.PostgreSQL when string.IsNullOrWhiteSpace(ConnectionString) => throw new InvalidOperationException(
            "MeshStudio:Catalog:Provider is PostgreSQL but MeshStudio:Catalog:ConnectionString is empty; " +
            "set it, e.g. \"Host=db;Database=meshstudio;Username=meshstudio;Password=…\"."),
        CatalogProvider.PostgreSQL => new CatalogOptions(Provider, ConnectionString, Path.Combine(dataFolder, "catalog.audit-key")),
        _ => new CatalogOptions(CatalogProvider.Sqlite,
            string.IsNullOrWhiteSpace(ConnectionString) ? $"Data Source={Path.Combine(dataFolder, "catalog.db")}" : ConnectionString),
    };
}
