using System.Data.Common;
using MeshStudio.Core.Execution;

namespace MeshStudio.Engine.Query;

/// <summary>
/// Reads one value of a result as a JSON-friendly value (<see cref="JsonValueConverter"/>). A value the driver cannot
/// represent (a date outside years 1–9999, infinity, a time zone offset in seconds, a UNION, a fixed-size array with
/// NULLs) is the user's to cast: it fails the query with a message naming the column, never with a server error.
/// </summary>
public static class ResultValueReader
{
    public static object? Read(DbDataReader reader, int ordinal, ResultColumn column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(column);
        try
        {
            return reader.IsDBNull(ordinal) ? null : JsonValueConverter.ToJsonFriendly(reader.GetValue(ordinal));
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or OverflowException or NotSupportedException or FormatException)
        {
            throw new SqlException(new SqlError(
                $"Column \"{column.Name}\" ({column.Type}) holds a value that cannot be sent as a result (for example a date outside the years 1 to 9999, or a type not supported here). Cast it to text in the query: CAST(\"{column.Name}\" AS VARCHAR)."));
        }
    }
}
