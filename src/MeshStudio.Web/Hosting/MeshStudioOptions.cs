namespace MeshStudio.Web.Hosting;

/// <summary>The <c>MeshStudio</c> configuration section.</summary>
public sealed class MeshStudioOptions
{
    public const string Section = "MeshStudio";

    /// <summary>Folder for the catalog database and the lake; relative paths are from the working directory.</summary>
    public string DataPath { get; set; } = "data";

    public bool SeedDemoMesh { get; set; } = true;

    public CatalogSettings Catalog { get; set; } = new();

    public SimulatorOptions Simulator { get; set; } = new();

    public JobOptions Jobs { get; set; } = new();

    public QueryOptions Query { get; set; } = new();

    public IngestOptions Ingest { get; set; } = new();

    public SignInOptions SignIn { get; set; } = new();

    public Telemetry.TelemetrySettings Telemetry { get; set; } = new();

    /// <summary>Demo users seeded in Development (passwords and tokens live in appsettings.Development.json).</summary>
    public List<DemoUserOptions> DemoUsers { get; set; } = [];

    /// <summary>Ingestion API keys of the demo domains, by domain name.</summary>
    public Dictionary<string, string> DemoApiKeys { get; set; } = [];

    public string FullDataPath => Path.GetFullPath(DataPath);
}

public sealed class SimulatorOptions
{
    public bool Enabled { get; set; } = true;
    public double BatchesPerSecond { get; set; } = 2;
    public int EventsPerBatch { get; set; } = 25;
}

public sealed class JobOptions
{
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>Earlier snapshots of a product stay readable (time travel, running queries) this long.</summary>
    public int SnapshotRetentionMinutes { get; set; } = 10;

    /// <summary>The rows expectations and late-event checks quarantined stay browsable this long.</summary>
    public int QuarantineRetentionDays { get; set; } = 7;
}

public sealed class IngestOptions
{
    /// <summary>Idempotency-Key values of ingested batches are remembered this long (retries within it store nothing).</summary>
    public int IdempotencyKeyHours { get; set; } = 24;
}

public sealed class QueryOptions
{
    public int MemoryLimitMb { get; set; } = 512;
    public int Threads { get; set; } = 1;
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Query sessions open at once for users; 0 derives it from the cores (twice their number, at least 4).</summary>
    public int MaxConcurrentSessions { get; set; }

    /// <summary>Sessions one user may hold at once; 0 means a quarter of the total (at least 2).</summary>
    public int MaxSessionsPerUser { get; set; }

    /// <summary>Queries one user may have waiting for a session; more are refused with 429.</summary>
    public int MaxQueuedPerUser { get; set; } = 8;

    /// <summary>How long a query waits for a session before it is refused with 503.</summary>
    public int QueueWaitSeconds { get; set; } = 30;

    /// <summary>About how many bytes of rows one response, hub stream or Studio result may hold (32 MiB).</summary>
    public long MaxResultBytes { get; set; } = 32L * 1024 * 1024;
}

/// <summary>Sign-in throttling (ADR 12): attempts per client address, failed attempts per account.</summary>
public sealed class SignInOptions
{
    /// <summary>Sign-in attempts one client address may make per window, whatever the accounts.</summary>
    public int AttemptsPerClient { get; set; } = 20;
    public int ClientWindowSeconds { get; set; } = 60;

    /// <summary>Sign-in attempts an account absorbs at once; then one more per refill period. Failures never lock it.</summary>
    public int AttemptsPerAccount { get; set; } = 20;
    public int AccountRefillSeconds { get; set; } = 30;
}

public sealed class DemoUserOptions
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Password { get; set; } = "";
    public string? Token { get; set; }
    /// <summary><c>admin</c>, <c>steward</c>, <c>owner:sales</c>, <c>analyst:sales</c>, or empty for a consumer.</summary>
    public List<string> Roles { get; set; } = [];
}
