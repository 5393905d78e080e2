using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MeshStudio.Catalog.Persistence;

/// <summary>Stores DateTimes as written (callers pass UTC) and marks the values read back as UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v,
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
