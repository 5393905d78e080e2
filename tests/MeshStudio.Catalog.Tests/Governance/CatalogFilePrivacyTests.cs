using MeshStudio.Catalog.Security;
using MeshStudio.Catalog.Tests.Support;

namespace MeshStudio.Catalog.Tests.Governance;

/// <summary>The catalog database, its write-ahead log and shared memory, the audit key and their folder are the server user's alone.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CatalogFilePrivacyTests
{
    [Fact]
    public async Task InitializeAsync_FileCatalog_FilesAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
            return; // Unix modes only; on Windows the folder's ACL decides.
        await using var catalog = await FileCatalog.CreateAsync();
        await catalog.Audit.WriteAsync("steward", "review.approved", "sales.revenue", "", CancellationToken.None);
        // A reader keeps the write-ahead log and shared memory files open, so they exist while we look.
        await using var reader = await catalog.OpenFileAsync();
        await using (var command = reader.CreateCommand())
        {
            command.CommandText = "SELECT count(*) FROM AuditEntries";
            await command.ExecuteScalarAsync();
        }

        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(catalog.Folder));
        foreach (var suffix in new[] { "", "-wal", "-shm", AuditKeyStore.Suffix })
            Assert.Equal((suffix, PrivateFiles.OwnerOnlyFile), (suffix, File.GetUnixFileMode(catalog.DatabasePath + suffix)));
    }

    [Fact]
    public async Task InitializeAsync_FilesLeftReadableByAnEarlierVersion_AreMadeOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
            return;
        await using var catalog = await FileCatalog.CreateAsync();
        const UnixFileMode everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

        await catalog.RestartAsync(() =>
        {
            File.SetUnixFileMode(catalog.DatabasePath, everyone);
            File.SetUnixFileMode(catalog.DatabasePath + AuditKeyStore.Suffix, everyone);
            File.SetUnixFileMode(catalog.Folder, PrivateFiles.OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        });

        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(catalog.DatabasePath));
        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(catalog.DatabasePath + AuditKeyStore.Suffix));
        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(catalog.Folder));
    }
}
