using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Execution;
using MeshStudio.Web.Security;
using MeshStudio.Web.Tests.Shared;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Hubs;

[Collection(MeshAppCollection.Name)]
public class ExecutionHubTests(MeshAppFactory app)
{
    private async Task<HubConnection> ConnectAsync(string userName)
    {
        var token = app.Options.DemoUsers.Single(u => u.UserName == userName).Token;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/execution"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Headers["Authorization"] = $"Bearer {token}";
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    [Fact]
    public async Task Query_StreamsBatchesWithColumnsFirst()
    {
        await using var connection = await ConnectAsync("sales.analyst");

        var batches = new List<QueryBatch>();
        await foreach (var batch in connection.StreamAsync<QueryBatch>("Query", "SELECT * FROM range(1200) t(i)"))
            batches.Add(batch);

        Assert.Equal(["i"], batches[0].Columns!.Select(c => c.Name));
        Assert.Equal(1200, batches.Sum(b => b.Rows.Count));
        Assert.True(batches.Count >= 3);
        Assert.Equal(1200, batches[^1].RowsSoFar);
    }

    [Fact]
    public async Task Query_ResultOverTheByteLimit_StopsAtTheLimitWithAMessage()
    {
        await using var connection = await ConnectAsync("sales.analyst");
        long bytes = 0;

        var error = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var batch in connection.StreamAsync<QueryBatch>("Query", "SELECT repeat('y', 4000) AS y FROM range(10000)"))
                bytes += batch.Rows.Sum(r => r[0]!.ToString()!.Length);
        });

        Assert.InRange(bytes, 1, MeshAppFactory.MaxResultBytes);
        Assert.Contains("The result stopped at the 4 MB limit for one result after", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_BadSql_FailsWithThePosition()
    {
        await using var connection = await ConnectAsync("sales.analyst");

        var error = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in connection.StreamAsync<QueryBatch>("Query", "SELECT nope FROM sales.orders"))
            {
            }
        });
        Assert.Contains("line 1, column 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeProduct_WithoutGrant_IsRefusedAndAudited()
    {
        await using var connection = await ConnectAsync("consumer");
        var audit = app.Services.GetRequiredService<AuditLog>();
        async Task<int> RefusalsAsync() => (await audit.ListAsync(0, 1000, CancellationToken.None))
            .Count(e => e.Action == DeniedAccessAudit.Action && e.Actor == "consumer" && e.Target == "HUB /hubs/execution SubscribeProduct");
        var before = await RefusalsAsync();

        var error = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in connection.StreamAsync<object>("SubscribeProduct", "marketing", "campaign_performance"))
            {
            }
        });
        Assert.Contains("no access", error.Message, StringComparison.Ordinal);
        Assert.Equal(before + 1, await RefusalsAsync());
    }

    [Fact]
    public async Task Connect_WithoutToken_IsRefused()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/execution"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            })
            .Build();

        await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
    }
}
