using Microsoft.Extensions.Logging;

namespace MeshStudio.Catalog.Persistence;

/// <summary>What the start-up says about the catalog's schema.</summary>
internal static partial class CatalogMigrationLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog {Catalog}: applying {Count} migration(s): {Migrations}.")]
    public static partial void Applying(ILogger logger, string catalog, int count, IReadOnlyList<string> migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog {Catalog} is at migration {Migration}.")]
    public static partial void Applied(ILogger logger, string catalog, string migration);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Catalog {Catalog} was created without migrations; its schema is that of migration {Migration}, recorded as applied.")]
    public static partial void Baselined(ILogger logger, string catalog, string migration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog migration lock left by a process that ended while migrating: removed.")]
    public static partial void StaleLockRemoved(ILogger logger);
}
