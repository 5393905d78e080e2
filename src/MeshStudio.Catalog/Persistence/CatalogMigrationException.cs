namespace MeshStudio.Catalog.Persistence;

/// <summary>The catalog could not be brought to this version's schema; the message says what happened to it and what to do.</summary>
public sealed class CatalogMigrationException(string message, Exception? innerException = null) : Exception(message, innerException);
