using MeshStudio.Core.Products;

namespace MeshStudio.Web;

/// <summary>Every route of the app in one place.</summary>
public static class AppUrls
{
    public const string Home = "/";
    public const string Login = "/login";
    public const string Studio = "/studio";
    public const string Marketplace = "/marketplace";
    public const string Jobs = "/jobs";
    public const string Reviews = "/governance/reviews";
    public const string Audit = "/governance/audit";
    public const string Glossary = "/governance/glossary";
    public const string Policies = "/governance/policies";
    public const string Access = "/access";
    public const string Profile = "/profile";
    public const string Domains = "/domains";
    public const string Sources = "/sources";
    public const string Lineage = "/lineage";
    public const string Notifications = "/notifications";

    public static string Product(QualifiedName name) => $"/products/{name.Domain}/{name.Name}";

    /// <summary>The product's data as a download: <c>csv</c> and <c>json</c> are the first <paramref name="rows"/> rows, <c>parquet</c> the snapshot.</summary>
    public static string ProductDownload(QualifiedName name, string format, int rows) =>
        $"/api/products/{name.Domain}/{name.Name}/data?format={format}&pageSize={rows}&download=true";

    public static string Job(QualifiedName name) => $"{Jobs}/{name.Domain}/{name.Name}";

    public static string Review(int id) => $"{Reviews}/{id}";

    public static string StudioWith(string sql) => $"{Studio}?sql={Uri.EscapeDataString(sql)}";
}
