namespace MeshStudio.Core.Products.Trust;

/// <summary>What the catalog knows about a product that its trust status is judged from.</summary>
/// <param name="UpToDateAt">
/// When the product last matched its inputs: its last commit, or a later successful run that found nothing new.
/// Null before the first commit.
/// </param>
/// <param name="FreshnessSla">How old the data may be (the contract's <c>latency</c>); null when it promises none.</param>
/// <param name="Job">The job's state; null when no job writes the product.</param>
/// <param name="Runs">The job's most recent runs, newest first.</param>
public sealed record TrustFacts(DateTime? UpToDateAt, TimeSpan? FreshnessSla, TrustJobFacts? Job, IReadOnlyList<TrustRunFacts> Runs);
