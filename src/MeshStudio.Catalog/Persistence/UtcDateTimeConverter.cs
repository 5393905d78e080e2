using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MeshStudio.Catalog.Persistence;

/// <summary>
/// Stores DateTimes as UTC (callers pass UTC; one without a kind is taken as UTC, which PostgreSQL's timestamptz
/// requires to be said) and marks the values read back as UTC.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
