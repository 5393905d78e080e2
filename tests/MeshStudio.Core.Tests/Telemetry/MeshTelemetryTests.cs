using System.Diagnostics.Metrics;
using MeshStudio.Core.Telemetry;

namespace MeshStudio.Core.Tests.Telemetry;

/// <summary>The platform's instruments as a listener (an exporter) sees them: names, units, values and attributes.</summary>
public sealed class MeshTelemetryTests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, string? Unit, double Value, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly Lock _lock = new();

    public MeshTelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeshTelemetry.Name)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(tags.ToArray());
        lock (_lock)
            _measurements.Add((instrument.Name, instrument.Unit, value, copy));
    }

    /// <summary>Measurements of <paramref name="instrument"/> with the attribute <paramref name="key"/> = <paramref name="value"/>
    /// (tests run in parallel and record under their own names).</summary>
    private List<(string Instrument, string? Unit, double Value, Dictionary<string, object?> Tags)> Of(string instrument, string key, string value)
    {
        lock (_lock)
            return _measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault(key), value)).ToList();
    }

    [Fact]
    public void RecordIngest_CountsEventsAndBytesPerSourceAndKind()
    {
        MeshTelemetry.RecordIngest("unit.ingest_source", "http", 3, 120);

        var events = Assert.Single(Of("meshstudio.ingest.events", MeshTelemetry.SourceAttribute, "unit.ingest_source"));
        var bytes = Assert.Single(Of("meshstudio.ingest.bytes", MeshTelemetry.SourceAttribute, "unit.ingest_source"));
        Assert.Equal((3d, "{event}", "http"), (events.Value, events.Unit, events.Tags[MeshTelemetry.KindAttribute]));
        Assert.Equal((120d, "By"), (bytes.Value, bytes.Unit));
    }

    [Fact]
    public void RecordJobRun_DurationWithOutcome_LagOnlyWhenKnown()
    {
        MeshTelemetry.RecordJobRun("unit.job_a", "committed", TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(4));
        MeshTelemetry.RecordJobRun("unit.job_a", "idle", TimeSpan.FromMilliseconds(20), null);

        var runs = Of("meshstudio.job.run.duration", MeshTelemetry.JobAttribute, "unit.job_a");
        Assert.Equal([(1.5, "committed"), (0.02, "idle")], runs.Select(r => (r.Value, (string)r.Tags[MeshTelemetry.OutcomeAttribute]!)));
        Assert.All(runs, r => Assert.Equal("s", r.Unit));
        Assert.Equal([4d], Of("meshstudio.job.lag", MeshTelemetry.JobAttribute, "unit.job_a").Select(l => l.Value));
    }

    [Fact]
    public void RecordViolations_CountsRowsPerExpectation_NothingForZero()
    {
        MeshTelemetry.RecordViolations("unit.job_v", "positive", "Drop", 7);
        MeshTelemetry.RecordViolations("unit.job_v", "known", "Warn", 0);

        var violation = Assert.Single(Of("meshstudio.expectation.violations", MeshTelemetry.JobAttribute, "unit.job_v"));
        Assert.Equal((7d, "positive", "Drop"), (violation.Value, violation.Tags[MeshTelemetry.ExpectationAttribute], violation.Tags[MeshTelemetry.ActionAttribute]));
    }

    [Fact]
    public void OpenSession_CountsUntilDisposed_OnceEvenIfDisposedTwice()
    {
        var session = MeshTelemetry.OpenSession("unit-kind");
        session.Dispose();
        session.Dispose();

        Assert.Equal([1d, -1d], Of("meshstudio.sessions.active", MeshTelemetry.KindAttribute, "unit-kind").Select(m => m.Value));
    }

    [Fact]
    public void FreshnessGauges_ReportAgeAndSlaOfRegisteredProducts_UntilUnregistered()
    {
        var committed = DateTime.UtcNow.AddMinutes(-10);
        var registration = MeshTelemetry.ObserveFreshness(() =>
            [new FreshnessReading("unit.fresh", committed, TimeSpan.FromHours(1)), new FreshnessReading("unit.never", null, TimeSpan.FromMinutes(5))]);

        _listener.RecordObservableInstruments();
        registration.Dispose();
        _listener.RecordObservableInstruments();

        var age = Assert.Single(Of("meshstudio.product.freshness", MeshTelemetry.ProductAttribute, "unit.fresh"));
        Assert.InRange(age.Value, 600, 3600);
        Assert.Equal([3600d], Of("meshstudio.product.freshness.sla", MeshTelemetry.ProductAttribute, "unit.fresh").Select(m => m.Value));
        Assert.Empty(Of("meshstudio.product.freshness", MeshTelemetry.ProductAttribute, "unit.never"));
        Assert.Equal([300d], Of("meshstudio.product.freshness.sla", MeshTelemetry.ProductAttribute, "unit.never").Select(m => m.Value));
    }
}
