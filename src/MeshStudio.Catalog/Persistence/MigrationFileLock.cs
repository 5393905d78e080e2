using MeshStudio.Catalog.Security;

namespace MeshStudio.Catalog.Persistence;

/// <summary>
/// Lets one process at a time migrate a catalog file: an exclusive lock on <c>catalog.db.migration-lock</c>, which the
/// operating system releases when its process ends, however it ends. EF Core's own lock on SQLite is a row in
/// <c>__EFMigrationsLock</c> that a killed process leaves behind, and every later start would wait for it forever;
/// whoever holds this lock knows such a row is stale (ADR 21).
/// </summary>
internal sealed class MigrationFileLock : IDisposable
{
    public const string Suffix = ".migration-lock";
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly FileStream _stream;

    private MigrationFileLock(FileStream stream) => _stream = stream;

    public static async Task<MigrationFileLock> AcquireAsync(string databasePath, CancellationToken ct)
    {
        var options = PrivateFiles.CreateOptions(FileMode.OpenOrCreate, FileAccess.ReadWrite);
        options.Share = FileShare.None;
        while (true)
        {
            try
            {
                return new MigrationFileLock(new FileStream(databasePath + Suffix, options));
            }
            catch (IOException) when (File.Exists(databasePath + Suffix))
            {
                // Another process is migrating this catalog: wait for it to finish.
                await Task.Delay(RetryDelay, ct);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
