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
    /// Catalog entities the web host still receives. Each goes when its page or endpoint gets a view from a use case;
    /// the list only shrinks.
    /// </summary>
    private static readonly string[] CatalogEntitiesStillInWeb =
    [
        // ASP.NET Core Identity's user type: the host's sign-in, UserManager and cookie principal are built on it, so it
        // is the one entity the host must name.
        "MeshStudio.Catalog.Model.AppUser",
    ];

    /// <summary>
    /// Engine types the host names only to register the engine with its options at start-up (the composition root);
    /// everything else of the engine the host reaches through the use cases.
    /// </summary>
    private static readonly string[] EngineTypesForRegistration =
    [
        "MeshStudio.Engine.DependencyInjection",
        "MeshStudio.Engine.LakeOptions",
        "MeshStudio.Engine.Query.QueryLimits",
        "MeshStudio.Engine.Query.SessionSharing",
    ];

    [Fact]
    public void Web_ReferencesNoEngineTypeBeyondRegistration()
    {
        var engine = string.Join(", ", ReferencedTypes(Web).Where(t => t.StartsWith("MeshStudio.Engine.", StringComparison.Ordinal)).Except(EngineTypesForRegistration));
        Assert.True(engine.Length == 0, $"The web host uses these engine types: {engine}");
    }

    [Fact]
    public void Web_RunsNoSqlOnTheEngineItself() =>
        Assert.DoesNotContain("MeshStudio.Core.Execution.IQueryEngine", ReferencedTypes(Web));

    [Fact]
    public void Web_ReferencesNoDuckDbEntityFrameworkOrParquetType() =>
        Assert.DoesNotContain(ReferencedTypes(Web), t => t.StartsWith("DuckDB.", StringComparison.Ordinal)
            || t.StartsWith("Microsoft.EntityFrameworkCore.", StringComparison.Ordinal) || t.StartsWith("Parquet.", StringComparison.Ordinal));

    [Fact]
    public void Web_ReferencesNoCatalogEntityBeyondTheAllowList()
    {
        var entities = string.Join(", ", ReferencedTypes(Web).Where(t => t.StartsWith("MeshStudio.Catalog.Model.", StringComparison.Ordinal)));
        Assert.True(entities == string.Join(", ", CatalogEntitiesStillInWeb), $"The web host uses these catalog entities: {entities}");
    }

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
