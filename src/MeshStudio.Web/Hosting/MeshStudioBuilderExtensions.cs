using System.Text.Json.Serialization;
using MeshStudio.Application;
using MeshStudio.Application.Execution;
using MeshStudio.Catalog;
using MeshStudio.Catalog.Security;
using MeshStudio.Core.Execution;
using MeshStudio.Engine;
using MeshStudio.Engine.Query;
using MeshStudio.Web.Api;
using MeshStudio.Web.Demo;
using MeshStudio.Web.Execution;
using MeshStudio.Web.Ingestion;
using MeshStudio.Web.Security;
using MeshStudio.Web.Telemetry;
using MudBlazor.Services;

namespace MeshStudio.Web.Hosting;

public static class MeshStudioBuilderExtensions
{
    /// <summary>
    /// Registers the whole platform with its embedded default: SQLite catalog and DuckDB lake under the data folder
    /// (the catalog on PostgreSQL when <c>MeshStudio:Catalog</c> says so).
    /// </summary>
    public static WebApplicationBuilder AddMeshStudio(this WebApplicationBuilder builder)
    {
        builder.AddTopLevelDevelopmentSettings();
        var section = builder.Configuration.GetSection(MeshStudioOptions.Section);
        builder.Services.Configure<MeshStudioOptions>(section);
        var options = section.Get<MeshStudioOptions>() ?? new MeshStudioOptions();
        builder.Services.Configure<MeshStudio.Catalog.Products.ProductHistoryOptions>(
            o => o.Retention = TimeSpan.FromMinutes(options.Jobs.SnapshotRetentionMinutes));

        var data = options.FullDataPath;
        var lake = Path.Combine(data, "lake");
        // The catalog, its audit key and the lake are the server's alone.
        PrivateFiles.EnsureFolder(data);
        Directory.CreateDirectory(lake);
        builder.Services.AddMeshCatalog(options.Catalog.ToCatalogOptions(data));
        builder.Services.AddMeshEngine(new LakeOptions(lake)
        {
            IdempotencyKeyRetention = TimeSpan.FromHours(Math.Max(1, options.Ingest.IdempotencyKeyHours)),
            Limits = new QueryLimits
            {
                MemoryLimitMb = options.Query.MemoryLimitMb,
                Threads = options.Query.Threads,
                Timeout = TimeSpan.FromSeconds(options.Query.TimeoutSeconds),
            },
            Sessions = new SessionSharing
            {
                MaxSessions = options.Query.MaxConcurrentSessions > 0 ? options.Query.MaxConcurrentSessions : new SessionSharing().MaxSessions,
                MaxSessionsPerUser = options.Query.MaxSessionsPerUser,
                MaxQueuedPerUser = options.Query.MaxQueuedPerUser,
                MaxWait = TimeSpan.FromSeconds(Math.Max(1, options.Query.QueueWaitSeconds)),
            },
        });
        builder.Services.AddMeshSecurity();
        SignInThrottle.AddSignInThrottling(builder.Services, options.SignIn);

        builder.Services.AddMeshApplication(new JobRetention(
            TimeSpan.FromMinutes(options.Jobs.SnapshotRetentionMinutes), TimeSpan.FromDays(options.Jobs.QuarantineRetentionDays)), new ResultLimit(options.Query.MaxResultBytes));
        builder.Services.AddHostedService<InboxIngestionService>();
        builder.Services.AddHostedService<JobScheduler>();
        builder.Services.AddHostedService<LakeMaintenance>();
        builder.Services.AddMeshDemo();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        // Enums travel as their names ("Published", not 2): clients and scripts read them.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.AddMeshHealthChecks();
        builder.AddMeshTelemetry(options.Telemetry);
        return builder;
    }
}
