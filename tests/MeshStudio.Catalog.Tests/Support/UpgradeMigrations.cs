using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MeshStudio.Catalog.Tests.Support;

/// <summary>A later version's migration that adds a table and a column and changes rows.</summary>
[DbContext(typeof(MeshDbContext))]
[Migration("99990101000000_AddLeases")]
internal sealed class AddLeases : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => UpgradeSteps.AddLeases(migrationBuilder);
}

/// <summary>The same steps, then one that fails on the catalog's data (several audit entries share an actor).</summary>
[DbContext(typeof(MeshDbContext))]
[Migration("99990101000000_BrokenUpgrade")]
internal sealed class BrokenUpgrade : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        UpgradeSteps.AddLeases(migrationBuilder);
        migrationBuilder.CreateIndex("IX_AuditEntries_Actor", "AuditEntries", "Actor", unique: true);
    }
}

internal static class UpgradeSteps
{
    public static void AddLeases(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("Leases",
            table => new { Id = table.Column<int>(type: "INTEGER", nullable: false) },
            constraints: table => table.PrimaryKey("PK_Leases", x => x.Id));
        migrationBuilder.AddColumn<string>("Region", "Domains", type: "TEXT", nullable: true);
        migrationBuilder.Sql("UPDATE Products SET Title = Title || ' (upgraded)'");
    }
}
