using System.Text.Json;
using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Notifications;
using MeshStudio.Catalog.Persistence;
using MeshStudio.Catalog.Products;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Products;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeshStudio.Catalog;

/// <summary>
/// The catalog: identity, domains, sources, products, jobs, governance and access; and the keys that protect sign-in
/// cookies, so every node sharing the catalog accepts the others' (ADR 31).
/// </summary>
public sealed class MeshDbContext(DbContextOptions<MeshDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<MeshDomain> Domains => Set<MeshDomain>();
    public DbSet<DomainMember> DomainMembers => Set<DomainMember>();
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductSnapshot> ProductSnapshots => Set<ProductSnapshot>();
    public DbSet<ProductContract> ProductContracts => Set<ProductContract>();
    public DbSet<ProductVersion> ProductVersions => Set<ProductVersion>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<JobVersion> JobVersions => Set<JobVersion>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<Semantics.SemanticTypeEntity> SemanticTypes => Set<Semantics.SemanticTypeEntity>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Semantics.SemanticTypeVersionEntity> SemanticTypeVersions => Set<Semantics.SemanticTypeVersionEntity>();
    public DbSet<Governance.PolicyEntity> Policies => Set<Governance.PolicyEntity>();
    public DbSet<Governance.PolicyVersionEntity> PolicyVersions => Set<Governance.PolicyVersionEntity>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<MeshDomain>().HasIndex(d => d.Name).IsUnique();
        // The FK names do not follow EF's conventions (Owner → OwnerUserId), so they are spelled out;
        // otherwise EF adds shadow OwnerId/RequesterId columns and the navigations stay empty.
        builder.Entity<Product>().HasOne(p => p.Owner).WithMany().HasForeignKey(p => p.OwnerUserId).OnDelete(DeleteBehavior.SetNull);
        builder.Entity<AccessRequest>().HasOne(r => r.Requester).WithMany().HasForeignKey(r => r.RequesterUserId);
        builder.Entity<Job>().HasOne<AppUser>().WithMany().HasForeignKey(j => j.RunAsUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Entity<Review>().HasOne<AppUser>().WithMany().HasForeignKey(r => r.OpenedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Entity<PersonalAccessToken>().HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId);
        builder.Entity<DomainMember>().HasIndex(m => new { m.DomainId, m.UserId }).IsUnique();
        builder.Entity<Source>().HasIndex(s => new { s.DomainId, s.Name }).IsUnique();
        builder.Entity<Product>().HasIndex(p => new { p.DomainId, p.Name }).IsUnique();
        builder.Entity<Job>().HasIndex(j => new { j.DomainId, j.Name }).IsUnique();
        builder.Entity<JobRun>().HasIndex(r => new { r.JobId, r.StartedAt });
        builder.Entity<JobVersion>().HasIndex(v => new { v.JobId, v.Version }).IsUnique();
        builder.Entity<PersonalAccessToken>().HasIndex(t => t.TokenHash).IsUnique();
        builder.Entity<AuditEntry>().HasIndex(a => a.At);
        builder.Entity<PersonalAccessToken>().HasIndex(t => t.UserId);
        builder.Entity<AccessRequest>().HasIndex(r => new { r.ProductId, r.RequesterUserId });
        builder.Entity<AccessRequest>().HasIndex(r => r.Status);
        builder.Entity<Review>().HasIndex(r => new { r.ProductId, r.Status });
        builder.Entity<Product>().HasIndex(p => p.Status);
        builder.Entity<ProductSnapshot>().HasOne(s => s.Product).WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<ProductSnapshot>().HasIndex(s => new { s.ProductId, s.CommittedAt });
        builder.Entity<ProductContract>().HasKey(c => c.ProductId);
        builder.Entity<ProductContract>().HasOne(c => c.Product).WithOne().HasForeignKey<ProductContract>(c => c.ProductId).OnDelete(DeleteBehavior.Cascade);

        ProductVersionModel.Configure(builder);
        NotificationModel.Configure(builder);

        Json(builder.Entity<Source>().Property(s => s.Columns));
        Json(builder.Entity<Product>().Property(p => p.Columns));
        Json(builder.Entity<Product>().Property(p => p.Tags));
        Json(builder.Entity<Product>().Property(p => p.KeyColumns));
        Json(builder.Entity<Review>().Property(r => r.Checks));
        builder.Entity<Semantics.SemanticTypeEntity>().HasIndex(t => t.Name).IsUnique();
        Json(builder.Entity<Semantics.SemanticTypeEntity>().Property(t => t.Values));
        builder.Entity<Semantics.SemanticTypeVersionEntity>().HasIndex(v => new { v.TypeName, v.Version }).IsUnique();
        Json(builder.Entity<Semantics.SemanticTypeVersionEntity>().Property(v => v.Values));
        builder.Entity<Governance.PolicyEntity>().HasIndex(p => p.Key).IsUnique();
        builder.Entity<Governance.PolicyEntity>().HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<Governance.PolicyVersionEntity>().HasIndex(v => new { v.PolicyId, v.Version }).IsUnique();
    }

    /// <summary>SQLite keeps no time zone: every DateTime in the catalog is UTC, so read them back as UTC.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Small lists stored as one JSON column: they are always read and written whole.</summary>
    internal static void Json<T>(PropertyBuilder<List<T>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, JsonOptions),
            v => JsonSerializer.Deserialize<List<T>>(v, JsonOptions) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => JsonSerializer.Serialize(a, JsonOptions) == JsonSerializer.Serialize(b, JsonOptions),
                v => JsonSerializer.Serialize(v, JsonOptions).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, JsonOptions), JsonOptions)!));
}
