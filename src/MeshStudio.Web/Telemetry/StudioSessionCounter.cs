using MeshStudio.Core.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace MeshStudio.Web.Telemetry;

/// <summary>Counts open Studio circuits (<c>meshstudio.sessions.active</c>, kind <c>studio</c>); one per circuit's scope.</summary>
public sealed class StudioSessionCounter : CircuitHandler, IDisposable
{
    private IDisposable? _open;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _open ??= MeshTelemetry.OpenSession("studio");
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _open, null)?.Dispose();
    }
}
