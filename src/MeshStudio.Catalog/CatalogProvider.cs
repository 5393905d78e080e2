namespace MeshStudio.Catalog;

/// <summary>The database the catalog lives in (<c>MeshStudio:Catalog:Provider</c>).</summary>
public enum CatalogProvider
{
    /// <summary>An embedded file beside the lake: the default.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL server, for catalogs shared by several nodes.</summary>
    PostgreSQL = 1,
}
