using System.Reflection;

namespace MeshStudio.Web.Tests.Architecture;

/// <summary>The layering of ADR 1, checked on the compiled assemblies rather than by review.</summary>
public class LayeringTests
{
    private static readonly Assembly Core = typeof(MeshStudio.Core.Products.QualifiedName).Assembly;
    private static readonly Assembly Engine = typeof(MeshStudio.Engine.LakeOptions).Assembly;
    private static readonly Assembly Catalog = typeof(MeshStudio.Catalog.MeshDbContext).Assembly;
    private static readonly Assembly Web = typeof(MeshStudio.Web.AppUrls).Assembly;

    private static IEnumerable<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!);

    [Fact]
    public void Core_ReferencesOnlyTheBaseLibrary() =>
        Assert.All(References(Core), name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib", name));

    [Fact]
    public void Web_UsesNeitherDuckDbNorEntityFramework() =>
        Assert.DoesNotContain(References(Web), name =>
            name.StartsWith("DuckDB", StringComparison.Ordinal) || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || name.StartsWith("Parquet", StringComparison.Ordinal));

    [Fact]
    public void Engine_DoesNotTouchTheCatalog() =>
        Assert.DoesNotContain(References(Engine), name =>
            name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || name == Catalog.GetName().Name);

    [Fact]
    public void Catalog_DoesNotTouchTheEngine() =>
        Assert.DoesNotContain(References(Catalog), name =>
            name.StartsWith("DuckDB", StringComparison.Ordinal) || name == Engine.GetName().Name);
}
