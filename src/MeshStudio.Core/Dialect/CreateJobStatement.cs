using MeshStudio.Core.Products;

namespace MeshStudio.Core.Dialect;

/// <summary>
/// <c>CREATE JOB d.j [WITH (…)] AS INSERT INTO d.product [KEY (cols)] SELECT …</c>.
/// </summary>
/// <param name="Name">The job; its domain owns the target product.</param>
/// <param name="Options">WITH options, keys lower-cased (run_interval, start_from, …).</param>
/// <param name="Target">The product the job keeps up to date.</param>
/// <param name="KeyColumns">Upsert key; empty means append.</param>
/// <param name="Query">The SELECT, exactly as written, without the expectation clauses.</param>
/// <param name="QueryOffset">Offset of <paramref name="Query"/> in the statement text, to map error positions.</param>
/// <param name="Expectations">The trailing <c>WITH EXPECTATION</c> clauses, cut from <paramref name="Query"/>.</param>
public sealed record CreateJobStatement(
    QualifiedName Name,
    IReadOnlyDictionary<string, string> Options,
    QualifiedName Target,
    IReadOnlyList<string> KeyColumns,
    string Query,
    int QueryOffset,
    IReadOnlyList<Expectation>? Expectations = null) : MeshStatement
{
    /// <summary>The expectations in the order written (empty when there are none).</summary>
    public IReadOnlyList<Expectation> Expectations { get; init; } = Expectations ?? [];

    /// <summary>Where the target's name starts in the script and how long it is as written, to write the job to another product.</summary>
    public TextSpanInScript TargetSpan { get; init; }

    /// <summary>
    /// The statement's text writing <paramref name="target"/> instead of <see cref="Target"/>, everything else as written
    /// (a breaking change is written to the product's next major version, ADR 25).
    /// </summary>
    public string Retarget(QualifiedName target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var start = TargetSpan.Start - ScriptOffset;
        return Text[..start] + target + Text[(start + TargetSpan.Length)..];
    }

    /// <summary>The run interval from <c>run_interval</c>, or null for a job that runs once / on demand.</summary>
    public TimeSpan? RunInterval => Options.TryGetValue("run_interval", out var text) ? IntervalParser.Parse(text) : null;
}
