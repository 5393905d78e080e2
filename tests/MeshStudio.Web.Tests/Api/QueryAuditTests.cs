using System.Net;
using MeshStudio.Application.Execution;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Identity;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Governance;
using MeshStudio.Web.Tests.Shared;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Api;

/// <summary>Every read of data through SQL is audited once: who, which relations, the query text (never rows).</summary>
[Collection(MeshAppCollection.Name)]
public class QueryAuditTests(MeshAppFactory app)
{
    private async Task<List<AuditEntryView>> EntriesAsync(string marker) =>
        (await app.Services.GetRequiredService<AuditLog>().ListAsync(0, 1000, CancellationToken.None))
            .Where(e => e.Action == QueryAudit.Action && e.Details.Contains(marker, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Sql_Query_IsAuditedOnceWithTheRelationsReadAndNoRows()
    {
        var marker = Guid.NewGuid().ToString("N");
        var sql = $"SELECT o.country, count(*) AS n /* {marker} */ FROM sales.orders o GROUP BY ALL";

        var json = await (await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql", new { sql })).JsonAsync(HttpStatusCode.OK);

        var entry = Assert.Single(await EntriesAsync(marker));
        Assert.Equal("sales.analyst", entry.Actor);
        Assert.Equal("sales.orders", entry.Target);
        Assert.Equal(sql, entry.Details);
        var country = json.GetProperty("rows")[0][0].GetString()!;
        Assert.DoesNotContain($"\"{country}\"", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_ColumnQualifiedLikeARelation_IsNotAuditedAsARead()
    {
        var marker = Guid.NewGuid().ToString("N");
        var sql = $"SELECT sales.orders, '{marker}' AS m FROM (SELECT 1 AS orders) AS sales";

        await (await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql", new { sql })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("", Assert.Single(await EntriesAsync(marker)).Target);
    }

    [Fact]
    public async Task Sql_LongQuery_IsAuditedCutTo500Characters()
    {
        var marker = Guid.NewGuid().ToString("N");
        var sql = $"SELECT '{marker}' AS m, '{new string('x', 1000)}' AS padding";

        await (await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql", new { sql })).JsonAsync(HttpStatusCode.OK);

        var entry = Assert.Single(await EntriesAsync(marker));
        Assert.Equal(QueryAudit.MaxQueryChars + 1, entry.Details.Length);
        Assert.Equal("", entry.Target);
    }

    [Fact]
    public async Task Hub_Query_IsAudited()
    {
        var marker = Guid.NewGuid().ToString("N");
        var token = app.Options.DemoUsers.Single(u => u.UserName == "sales.analyst").Token;
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/execution"), o =>
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Headers["Authorization"] = $"Bearer {token}";
            })
            .Build();
        await connection.StartAsync();

        await foreach (var _ in connection.StreamAsync<QueryBatch>("Query", $"SELECT count(*) /* {marker} */ FROM sales.orders"))
        {
        }

        Assert.Equal("sales.orders", Assert.Single(await EntriesAsync(marker)).Target);
    }

    [Fact]
    public async Task Validate_WhileTyping_IsNotAudited()
    {
        var marker = Guid.NewGuid().ToString("N");
        var execution = app.Services.GetRequiredService<ExecutionService>();
        var user = await app.Services.GetRequiredService<UserContextLoader>().LoadByUserNameAsync("sales.analyst", CancellationToken.None);

        Assert.Null(await execution.ValidateAsync(user!, $"SELECT count(*) /* {marker} */ FROM sales.orders", CancellationToken.None));

        Assert.Empty(await EntriesAsync(marker));
    }
}
