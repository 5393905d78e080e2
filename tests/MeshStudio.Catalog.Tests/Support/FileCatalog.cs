using MeshStudio.Application;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeshStudio.Catalog.Tests.Support;

/// <summary>
/// A catalog on a database file in a temp folder, wired as the app wires it (AddMeshCatalog with a file
/// connection string, so the audit key lives beside the file, and the catalog's use cases). <see cref="RestartAsync"/> starts a second
/// server on the same folder; <see cref="OpenFileAsync"/> opens the file directly, as someone with a shell would.
/// </summary>
public sealed class FileCatalog : IAsyncDisposable
{
    private ServiceProvider _services;
    private Action<DbContextOptionsBuilder>? _configure;

    private FileCatalog(string folder)
    {
        Folder = folder;
        _services = Build();
    }

    public string Folder { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public string DatabasePath => Path.Combine(Folder, "catalog.db");
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();
    public AuditLog Audit => Get<AuditLog>();

    public static async Task<FileCatalog> CreateAsync()
    {
        var catalog = Prepare();
        await catalog.StartAsync();
        return catalog;
    }

    /// <summary>A catalog not started yet: empty, or the files of <paramref name="fixture"/> (a folder under Fixtures/).</summary>
    public static FileCatalog Prepare(string? fixture = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "meshstudio-catalog-tests", Guid.NewGuid().ToString("N"), "data");
        Directory.CreateDirectory(folder);
        if (fixture is not null)
        {
            foreach (var file in new[] { "catalog.db", "catalog.db" + AuditKeyStore.Suffix })
                File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture, file), Path.Combine(folder, file));
        }
        return new FileCatalog(folder);
    }

    /// <summary>What the server does on start: brings the catalog up to date (ADR 21).</summary>
    public Task StartAsync() => Get<CatalogStartup>().InitializeAsync(CancellationToken.None);

    /// <summary>Stops this server, does <paramref name="whileStopped"/>, and starts another on the same files.</summary>
    public async Task RestartAsync(Action? whileStopped = null)
    {
        await StopAsync();
        whileStopped?.Invoke();
        _services = Build();
        await StartAsync();
    }

    /// <summary>Stops this server and starts another on the same files, its catalog options changed by <paramref name="configure"/>.</summary>
    public async Task RestartWithAsync(Action<DbContextOptionsBuilder> configure)
    {
        await StopAsync();
        _configure = configure;
        _services = Build();
        await StartAsync();
    }

    private async Task StopAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    public async Task<MeshDbContext> DbAsync() =>
        await Get<IDbContextFactory<MeshDbContext>>().CreateDbContextAsync();

    /// <summary>The database file opened directly, bypassing the server.</summary>
    public async Task<SqliteConnection> OpenFileAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteOnFileAsync(string sql)
    {
        await using var connection = await OpenFileAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private ServiceProvider Build() =>
        new ServiceCollection()
            .AddSingleton<TimeProvider>(Clock)
            .AddMeshCatalog(options =>
            {
                options.UseSqlite($"Data Source={DatabasePath}");
                _configure?.Invoke(options);
            })
            .AddMeshCatalogUseCases()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp folder is cleaned eventually.
        }
    }
}
