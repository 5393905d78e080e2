using System.Text;
using MeshStudio.Engine.Durability;

namespace MeshStudio.Engine.Tests.Durability;

public sealed class DurableFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "meshstudio-durable-tests", Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task WriteAsync_Content_IsCompleteUnderItsNameAndNoTempFileIsLeft()
    {
        var path = Path.Combine(_folder, "a", "data.ndjson");
        var content = string.Concat(Enumerable.Range(0, 50_000).Select(i => $"{{\"n\":{i}}}\n"));

        await DurableFile.WriteAsync(path, (s, ct) => s.WriteAsync(Encoding.UTF8.GetBytes(content), ct).AsTask(), overwrite: false, CancellationToken.None);

        Assert.Equal(content, await File.ReadAllTextAsync(path));
        Assert.Equal(["data.ndjson"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WriteAsync_WriterFails_LeavesNeitherFileNorTemp()
    {
        var path = Path.Combine(_folder, "data.ndjson");

        await Assert.ThrowsAsync<IOException>(() => DurableFile.WriteAsync(path, async (s, ct) =>
        {
            await s.WriteAsync(new byte[100_000], ct);
            throw new IOException("No space left on device");
        }, overwrite: false, CancellationToken.None));

        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Commit_TargetExistsWithoutOverwrite_KeepsTheOldFileAndRemovesTheTemp()
    {
        var path = Path.Combine(_folder, "ledger.json");
        DurableFile.Write(path, "old"u8, overwrite: false);

        Assert.Throws<IOException>(() => DurableFile.Write(path, "new"u8, overwrite: false));
        DurableFile.Write(Path.Combine(_folder, "other.json"), "x"u8, overwrite: false);

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["ledger.json", "other.json"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Commit_Overwrite_ReplacesTheFileWhole()
    {
        var path = Path.Combine(_folder, "ledger.json");
        DurableFile.Write(path, "old"u8, overwrite: false);

        DurableFile.Write(path, "new content"u8, overwrite: true);

        Assert.Equal("new content", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Dispose_Uncommitted_DeletesTheTempAndShowsNothing()
    {
        using (var file = DurableFile.Create(_folder))
        {
            file.Stream.Write("half a batch"u8);
            Assert.StartsWith(DurableFile.TempPrefix, Path.GetFileName(file.TempPath), StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Commit_IntoAnotherFolder_IsRefused()
    {
        using var file = DurableFile.Create(_folder);

        Assert.Throws<ArgumentException>(() => file.Commit(Path.Combine(_folder, "sub", "x")));
    }

    [Fact]
    public void Move_ToAnotherFolder_MovesTheFileWhole()
    {
        var source = Path.Combine(_folder, "inbox", "orders.csv");
        DurableFile.Write(source, "a,b\n1,2\n"u8, overwrite: false);
        var target = Path.Combine(_folder, "done", "orders.csv");

        DurableFile.Move(source, target, overwrite: false);

        Assert.False(File.Exists(source));
        Assert.Equal("a,b\n1,2\n", File.ReadAllText(target));
    }

    [Fact]
    public void SyncFolder_MissingFolder_ReportsTheFailure()
    {
        // The folder is really opened and fsynced (not silently skipped): a missing one is an error.
        Directory.CreateDirectory(_folder);
        DurableFile.SyncFolder(_folder);

        Assert.Throws<IOException>(() => DurableFile.SyncFolder(Path.Combine(_folder, "missing")));
    }
}
