using System.Net;
using System.Text;
using MeshStudio.Application.Ingestion;
using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Products;
using MeshStudio.Web.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeshStudio.Web.Tests.Api;

/// <summary>Refused ingest keys are audited, at most once per client and source per minute, with a count.</summary>
[Collection(MeshAppCollection.Name)]
public class IngestKeyAuditTests(MeshAppFactory app)
{
    private AuditLog Audit => app.Services.GetRequiredService<AuditLog>();

    private async Task<List<AuditEntryView>> EntriesForAsync(string target) =>
        (await Audit.ListAsync(0, 1000, CancellationToken.None)).Where(e => e.Target == target && e.Action == IngestKeyRefusals.Action).ToList();

    [Fact]
    public async Task Ingest_RepeatedWrongKeys_AreAuditedOnceAsAnonymousWithTheClient()
    {
        var source = $"audit_{Guid.NewGuid():N}"[..20];
        var client = app.AnonymousClient();

        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/sales/{source}")
            {
                Content = new StringContent("{\"order_id\":\"x\"}", Encoding.UTF8, "application/x-ndjson"),
                Headers = { { "X-Api-Key", "guessed-key-" + i } },
            };
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        }

        var entry = Assert.Single(await EntriesForAsync($"sales.{source}"));
        Assert.StartsWith("anonymous (", entry.Actor, StringComparison.Ordinal);
        Assert.DoesNotContain("guessed-key", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_RefusalsWithinAMinute_AreCountedInTheNextEntry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var refusals = new IngestKeyRefusals(Audit, time);
        var source = new QualifiedName("sales", $"audit_{Guid.NewGuid():N}"[..20]);

        for (var i = 0; i < 3; i++)
            await refusals.RecordAsync("anonymous (10.0.0.1)", source, CancellationToken.None);
        await refusals.RecordAsync("anonymous (10.0.0.2)", source, CancellationToken.None);
        Assert.Equal(2, (await EntriesForAsync(source.ToString())).Count);

        time.Advance(IngestKeyRefusals.Window);
        await refusals.RecordAsync("anonymous (10.0.0.1)", source, CancellationToken.None);

        var entries = await EntriesForAsync(source.ToString());
        Assert.Equal(3, entries.Count);
        var latest = entries[0]; // newest first
        Assert.Equal("anonymous (10.0.0.1)", latest.Actor);
        Assert.Contains("3 refusals since the last entry", latest.Details, StringComparison.Ordinal);
    }
}
