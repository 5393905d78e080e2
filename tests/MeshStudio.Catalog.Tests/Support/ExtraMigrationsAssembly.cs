using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace MeshStudio.Catalog.Tests.Support;

#pragma warning disable EF1001 // EF Core's own migrations assembly, extended by one migration as a later version would ship it.
/// <summary>The catalog's migrations plus <typeparamref name="TMigration"/>: what a newer MeshStudio would apply on start.</summary>
internal sealed class ExtraMigrationsAssembly<TMigration>(
    ICurrentDbContext currentContext, IDbContextOptions options, IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
    where TMigration : Migration
{
    public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
        base.Migrations.Append(new(typeof(TMigration).GetCustomAttribute<MigrationAttribute>()!.Id, typeof(TMigration).GetTypeInfo()))
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .ToDictionary(m => m.Key, m => m.Value);
}
#pragma warning restore EF1001
