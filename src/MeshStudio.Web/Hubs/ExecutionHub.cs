using System.Runtime.CompilerServices;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Jobs;
using MeshStudio.Application.Products;
using MeshStudio.Core.Access;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Core.Telemetry;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace MeshStudio.Web.Hubs;

/// <summary>
/// Live access for API clients: stream a query's rows in batches, follow a product's commits, read job status.
/// A thin adapter over the use cases (<see cref="ExecutionService"/>, <see cref="ProductData"/>, <see cref="JobService"/>),
/// which check what the connected user may do; a refusal is audited like a refused request.
/// </summary>
[Authorize]
public sealed class ExecutionHub(UserContextResolver users, ExecutionService execution, ProductData data, JobService jobs, AuditService audit) : Hub
{
    public const string Path = "/hubs/execution";

    public override Task OnConnectedAsync()
    {
        Context.Items[typeof(MeshTelemetry)] = MeshTelemetry.OpenSession("hub");
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(typeof(MeshTelemetry), out var session))
            (session as IDisposable)?.Dispose();
        return base.OnDisconnectedAsync(exception);
    }

    public async IAsyncEnumerable<QueryBatch> Query(string sql, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync(cancellationToken);
        var budget = new ResultBudget(long.MaxValue, execution.MaxResultBytes);
        await using var batches = Translate(execution.QueryAsync(user, sql, ExecutionService.DefaultBatchSize, cancellationToken)).GetAsyncEnumerator(cancellationToken);
        while (await batches.MoveNextAsync())
        {
            var batch = batches.Current;
            var rows = budget.Take(batch);
            if (budget.TruncatedBy is null)
            {
                yield return batch;
                continue;
            }
            if (rows.Count > 0 || batch.Columns is not null)
                yield return batch with { Rows = rows, RowsSoFar = budget.Rows };
            throw new HubException(budget.BytesMessage());
        }
    }

    public async IAsyncEnumerable<ProductChange> SubscribeProduct(string domain, string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync(cancellationToken);
        IAsyncEnumerable<ProductChange> changes;
        try
        {
            changes = QualifiedName.TryParse($"{domain}.{name}", out var product)
                ? await data.SubscribeAsync(user, product, cancellationToken)
                : throw new AccessDeniedException($"You have no access to {domain}.{name}. Request access on its marketplace page.");
        }
        catch (AccessDeniedException e)
        {
            throw await RefusedAsync(user.UserName, nameof(SubscribeProduct), e.Message);
        }
        await foreach (var change in changes.WithCancellation(cancellationToken))
            yield return change;
    }

    public async Task<IReadOnlyList<JobView>> Jobs() => await jobs.ListAsync(await CurrentUserAsync(Context.ConnectionAborted), Context.ConnectionAborted);

    private async Task<UserContext> CurrentUserAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await users.ResolveAsync(Context.User!, cancellationToken);
        }
        catch (AccessDeniedException e)
        {
            throw await RefusedAsync(RequestActor.Of(Context.GetHttpContext()!), "connection", e.Message);
        }
    }

    /// <summary>A refusal inside an open connection, audited like a refused request (<see cref="DeniedAccessAudit"/>).</summary>
    private async Task<HubException> RefusedAsync(string actor, string method, string message)
    {
        await audit.RecordAsync(actor, DeniedAccessAudit.Action, $"HUB {Path} {method}", "refused", CancellationToken.None);
        return new HubException(message);
    }

    /// <summary>SignalR hides exception messages from clients unless they are HubExceptions.</summary>
    private static async IAsyncEnumerable<QueryBatch> Translate(IAsyncEnumerable<QueryBatch> source)
    {
        await using var enumerator = source.GetAsyncEnumerator();
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync())
                    yield break;
            }
            catch (SqlException e)
            {
                throw new HubException(e.Error.ToString());
            }
            catch (QueryBusyException e)
            {
                throw new HubException(e.Message);
            }
            yield return enumerator.Current;
        }
    }
}
