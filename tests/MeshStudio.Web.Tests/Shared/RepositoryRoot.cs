namespace MeshStudio.Web.Tests.Shared;

/// <summary>The checkout the tests were built from: the folder with MeshStudio.sln above the test output.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "MeshStudio.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root is not above " + AppContext.BaseDirectory);
    }
}
