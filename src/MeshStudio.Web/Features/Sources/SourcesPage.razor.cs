using System.Globalization;
using MeshStudio.Application.Ingestion;
using MeshStudio.Application.Sources;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace MeshStudio.Web.Features.Sources;

/// <summary>
/// The sources of the user's domains: schema, file counters, browser upload with progress and the quarantine browser.
/// </summary>
public sealed partial class SourcesPage : UserPage
{
    public const int QuarantineRows = 200;

    private UserContext? _user;
    private IReadOnlyList<SourceView>? _sources;
    private readonly Dictionary<QualifiedName, FileIngestCounters> _counters = [];
    private readonly Dictionary<QualifiedName, IReadOnlyList<QuarantinedRow>?> _quarantine = [];
    private readonly Dictionary<QualifiedName, FileIngestResult> _results = [];
    private readonly UserActionState _action = new();
    private UploadState? _upload;

    [Inject]
    public required SourceService Sources { get; init; }

    [Inject]
    public required FileSourceIngestion Ingestion { get; init; }

    protected override Task OnInitializedAsync() => LoadForUserAsync(async user =>
    {
        _user = user;
        await LoadAsync();
    });

    private async Task LoadAsync()
    {
        _sources = await Sources.ListReadableAsync(_user!, CancellationToken.None);
        foreach (var source in _sources.Where(s => s.Kind == SourceKind.File))
            _counters[source.Name] = Ingestion.Counters(source.Name);
    }

    private async Task UploadAsync(QualifiedName source, IBrowserFile? file)
    {
        if (file is null)
            return;
        if (file.Size > FileSourceIngestion.MaxUploadBytes)
        {
            _action.Say(Severity.Error, $"{file.Name} is {SizeText(file.Size)}; uploads may be at most {SizeText(FileSourceIngestion.MaxUploadBytes)}. Split it, or drop it into the domain inbox.");
            return;
        }
        _results.Remove(source);
        _action.Clear();
        var upload = new UploadState(source, file.Name, file.Size);
        _upload = upload;
        var lastRender = DateTime.MinValue;
        var progress = new Progress<long>(copied =>
        {
            upload.Copied = copied;
            if (copied >= upload.Total)
                upload.Ingesting = true;
            // Re-render at most ten times a second while the file streams in.
            if (DateTime.UtcNow - lastRender > TimeSpan.FromMilliseconds(100) || upload.Ingesting)
            {
                lastRender = DateTime.UtcNow;
                _ = InvokeAsync(StateHasChanged);
            }
        });
        StateHasChanged();
        try
        {
            await using var stream = file.OpenReadStream(FileSourceIngestion.MaxUploadBytes);
            var result = await Ingestion.UploadAsync(_user!, source, file.Name, stream, file.Size, progress, CancellationToken.None);
            _results[source] = result;
            _counters[source] = Ingestion.Counters(source);
            _sources = await Sources.ListReadableAsync(_user!, CancellationToken.None);
            if (_quarantine.ContainsKey(source))
                _quarantine[source] = Ingestion.Quarantine(_user!, source, QuarantineRows);
        }
        catch (Exception e) when (e is AccessDeniedException or RuleViolationException or KeyNotFoundException or IOException)
        {
            _action.Say(Severity.Error, e.Message);
        }
        finally
        {
            _upload = null;
        }
    }

    private Task ToggleQuarantineAsync(QualifiedName source)
    {
        if (!_quarantine.Remove(source))
        {
            try
            {
                _quarantine[source] = Ingestion.Quarantine(_user!, source, QuarantineRows);
            }
            catch (AccessDeniedException e)
            {
                _action.Say(Severity.Error, e.Message);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The reason without the "line N: " prefix the Line column already shows.</summary>
    private static string ReasonText(QuarantinedRow row)
    {
        var colon = row.Reason.IndexOf(": ", StringComparison.Ordinal);
        return row.Line is not null && colon > 0 && colon < 20 ? row.Reason[(colon + 2)..] : row.Reason;
    }

    private static string Accept(string format) => format switch
    {
        "csv" => ".csv,.txt",
        "parquet" => ".parquet",
        _ => ".json,.jsonl,.ndjson",
    };

    private static string SizeText(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
    };

    private sealed class UploadState(QualifiedName source, string fileName, long total)
    {
        public QualifiedName Source { get; } = source;
        public string FileName { get; } = fileName;
        public long Total { get; } = total;
        public long Copied { get; set; }
        public bool Ingesting { get; set; }
        public double Percent => Total == 0 ? 100 : 100.0 * Copied / Total;
        public string Stage => Ingesting ? "Ingesting" : "Uploading";
    }
}
