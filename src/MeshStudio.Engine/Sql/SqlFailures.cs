using System.Globalization;
using DuckDB.NET.Data;
using MeshStudio.Core.Execution;
using MeshStudio.Engine.Sandbox;

namespace MeshStudio.Engine.Sql;

/// <summary>What the user is told when their SQL fails inside a sandboxed session.</summary>
public static class SqlFailures
{
    public static SqlException Timeout(TimeSpan limit) =>
        new(new SqlError($"Query stopped: it ran longer than the {Describe(limit)} limit for one query."));

    public static SqlException OutOfMemory(int memoryLimitMb) =>
        new(new SqlError(string.Create(CultureInfo.InvariantCulture,
            $"Query stopped: it needed more than the {memoryLimitMb} MB memory limit for one query. Filter or aggregate earlier, or select fewer columns.")));

    /// <summary>
    /// Maps an exception thrown while <paramref name="executedSql"/> ran to what the caller should see:
    /// a timeout or memory <see cref="SqlException"/>, an <see cref="OperationCanceledException"/>, or the
    /// DuckDB error positioned in <paramref name="userSql"/> (which starts at <paramref name="userOffset"/>), with the
    /// server's folders (the lake at <paramref name="lakeRoot"/>) replaced by neutral names.
    /// </summary>
    public static Exception Map(
        Exception exception, CommandWatchdog? watchdog, QueryLimits limits, string lakeRoot, string executedSql, string userSql, int userOffset,
        IReadOnlyList<DeniedRelation>? denied, CancellationToken cancellationToken)
    {
        if (watchdog?.TimedOut == true && exception is DuckDBException or OperationCanceledException)
            return Timeout(limits.Timeout);
        if (cancellationToken.IsCancellationRequested)
            return new OperationCanceledException("The query was cancelled.", exception, cancellationToken);
        return exception switch
        {
            DuckDBException duck when DuckDbErrorTranslator.IsOutOfMemory(duck) => OutOfMemory(limits.MemoryLimitMb),
            DuckDBException duck => new SqlException(WithoutServerPaths(DuckDbErrorTranslator.Translate(duck, executedSql, userSql, userOffset, denied), lakeRoot)),
            _ => exception,
        };
    }

    private static SqlError WithoutServerPaths(SqlError error, string lakeRoot) => error with { Message = ServerPaths.Hide(error.Message, lakeRoot) };

    public static string Describe(TimeSpan limit) =>
        limit.TotalSeconds >= 1
            ? limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
            : limit.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
