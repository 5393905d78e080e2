using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace MeshStudio.Web.Tests.Architecture;

/// <summary>
/// The layering of ADR 19 on the types an assembly uses: every type reference in its metadata (fields, signatures,
/// and the calls and casts inside method bodies), not only the assemblies it references.
/// </summary>
public class TypeReferenceTests
{
    private static readonly Assembly Web = typeof(AppUrls).Assembly;
    private static readonly Assembly Application = typeof(MeshStudio.Application.Jobs.JobActions).Assembly;

    /// <summary>
    /// The only catalog and engine types the host may name; everything else it reaches through the use cases. The
    /// list only shrinks: an entry nothing uses any more fails the test until it is removed.
    /// </summary>
    private static readonly string[] LowerLayerTypesForTheHost =
    [
        // Identity: ASP.NET Core Identity's user type (sign-in, UserManager, the cookie principal are built on it), and
        // the loader that turns the signed-in user into the actor every use case takes.
        "MeshStudio.Catalog.Identity.UserContextLoader",
        "MeshStudio.Catalog.Model.AppUser",
        // Registration: the extension methods that add the catalog (with Identity's stores and the key ring that
        // protects cookies) and the engine.
        "MeshStudio.Catalog.CatalogIdentityExtensions",
        "MeshStudio.Catalog.DependencyInjection",
        "MeshStudio.Catalog.Security.CatalogKeyRing",
        "MeshStudio.Engine.DependencyInjection",
        // Hosting: where the catalog and the lake live and their settings from configuration, the catalog's migrations
        // at start, and the data folder made readable by the server's user only.
        "MeshStudio.Catalog.CatalogOptions",
        "MeshStudio.Catalog.CatalogProvider",
        "MeshStudio.Catalog.CatalogStartup",
        "MeshStudio.Catalog.Products.ProductHistoryOptions",
        "MeshStudio.Catalog.Security.PrivateFiles",
        "MeshStudio.Engine.LakeOptions",
        "MeshStudio.Engine.Query.SessionSharing",
    ];

    [Fact]
    public void Web_ReferencesNoCatalogOrEngineTypeBeyondTheAllowList()
    {
        var used = ReferencedTypes(Web)
            .Where(t => t.StartsWith("MeshStudio.Catalog.", StringComparison.Ordinal) || t.StartsWith("MeshStudio.Engine.", StringComparison.Ordinal))
            .ToList();
        var beyond = string.Join(", ", used.Except(LowerLayerTypesForTheHost));
        var unused = string.Join(", ", LowerLayerTypesForTheHost.Except(used));
        Assert.True(beyond.Length == 0, $"The web host uses these catalog or engine types: {beyond}");
        Assert.True(unused.Length == 0, $"The web host no longer uses these; remove them from the allow-list: {unused}");
    }

    /// <summary>Running SQL needs the engine's query interface; composing it needs the quoting helper.</summary>
    [Fact]
    public void Web_NeitherRunsNorQuotesSql() =>
        Assert.Empty(ReferencedTypes(Web).Intersect(["MeshStudio.Core.Execution.IQueryEngine", "MeshStudio.Core.Sql.SqlText"]));

    [Fact]
    public void Web_ReferencesNoDuckDbEntityFrameworkOrParquetType() =>
        Assert.DoesNotContain(ReferencedTypes(Web), t => t.StartsWith("DuckDB.", StringComparison.Ordinal)
            || t.StartsWith("Microsoft.EntityFrameworkCore.", StringComparison.Ordinal) || t.StartsWith("Parquet.", StringComparison.Ordinal));

    /// <summary>
    /// Identity's store types the catalog's user table is built on (<c>AppUser : IdentityUser</c>, the context's
    /// <c>Users</c>): the use cases query user names through them. They are persistence types, not the host's.
    /// </summary>
    private static readonly HashSet<string> IdentityStoreTypes =
    [
        "Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityUserContext`6",
        "Microsoft.AspNetCore.Identity.IdentityUserClaim`1",
        "Microsoft.AspNetCore.Identity.IdentityUserLogin`1",
        "Microsoft.AspNetCore.Identity.IdentityUserPasskey`1",
        "Microsoft.AspNetCore.Identity.IdentityUserToken`1",
        "Microsoft.AspNetCore.Identity.IdentityUser`1",
    ];

    [Fact]
    public void Application_ReferencesNoWebType()
    {
        var web = string.Join(", ", ReferencedTypes(Application).Where(t => t.StartsWith("MeshStudio.Web.", StringComparison.Ordinal)
            || (t.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) && !IdentityStoreTypes.Contains(t))
            || t.StartsWith("MudBlazor.", StringComparison.Ordinal)));
        Assert.True(web.Length == 0, $"The use-case layer uses these host types: {web}");
    }

    /// <summary>The full names of the types <paramref name="assembly"/> refers to in other assemblies.</summary>
    private static SortedSet<string> ReferencedTypes(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeReferences)
            names.Add(FullName(metadata, metadata.GetTypeReference(handle)));
        return names;
    }

    private static string FullName(MetadataReader metadata, TypeReference type)
    {
        var name = metadata.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            return $"{FullName(metadata, metadata.GetTypeReference((TypeReferenceHandle)type.ResolutionScope))}+{name}";
        var ns = metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : $"{ns}.{name}";
    }
}
