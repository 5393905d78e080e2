using MeshStudio.Application.Domains;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Tests.Support;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Identity;

namespace MeshStudio.Catalog.Tests.Governance;

/// <summary>
/// The audit log written through the server, then changed by someone who opens the database file directly:
/// each kind of change is found, and the first broken entry is named.
/// </summary>
public sealed class AuditChainTamperTests : IAsyncLifetime
{
    private static readonly UserContext Steward = new("steward-id", "steward", false, true, new Dictionary<string, DomainRole>());
    private static readonly UserContext Admin = new("admin-id", "admin", true, false, new Dictionary<string, DomainRole>());

    private FileCatalog _catalog = null!;

    /// <summary>Six entries, a minute apart: four written directly, two with the changes they record.</summary>
    public async Task InitializeAsync()
    {
        _catalog = await FileCatalog.CreateAsync();
        for (var i = 1; i <= 4; i++)
        {
            await _catalog.Audit.WriteAsync("steward", "review.approved", $"sales.product_{i}", $"comment {i}", CancellationToken.None);
            _catalog.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        await _catalog.Get<DomainService>().CreateAsync(Admin, "sales", "Orders.", CancellationToken.None);
        _catalog.Clock.Advance(TimeSpan.FromMinutes(1));
        await _catalog.Get<DomainService>().CreateAsync(Admin, "marketing", "Campaigns.", CancellationToken.None);
    }

    public async Task DisposeAsync() => await _catalog.DisposeAsync();

    private Task<AuditVerification> VerifyAsync() => _catalog.Audit.VerifyAsync(Steward.UserName, CancellationToken.None);

    [Fact]
    public async Task VerifyAsync_UntouchedLog_IsIntactWithItsNewestEntry()
    {
        var result = await VerifyAsync();

        Assert.True(result.Intact, result.Summary);
        Assert.Equal((6L, 6L), (result.Count, result.HeadId));
        Assert.Matches("^[0-9a-f]{64}$", result.HeadHash);
        Assert.Contains("intact: 6 entries, the newest is entry 6", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_InsertOrReplaceOverAnExistingId_NamesThatEntry()
    {
        await _catalog.ExecuteOnFileAsync(
            "INSERT OR REPLACE INTO AuditEntries (Id, At, Actor, Action, Target, Details, PreviousHash, Hash) " +
            "SELECT Id, At, Actor, Action, Target, 'rejected after all', PreviousHash, Hash FROM AuditEntries WHERE Id = 3");

        var result = await VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBreak!.Id);
        Assert.Equal(AuditBreakReasons.ContentChanged, result.FirstBreak.Reasons);
        Assert.Equal(new DateTime(2026, 3, 1, 12, 2, 0, DateTimeKind.Utc), result.FirstBreak.At);
        Assert.Equal(2, result.Count);
        Assert.StartsWith("The audit chain breaks at entry 3 (2026-03-01 12:02:00 UTC): its contents do not match", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_BackDatedInsertLinkedToTheNewestEntry_NamesTheInsertedEntry()
    {
        await _catalog.ExecuteOnFileAsync(
            "INSERT INTO AuditEntries (At, Actor, Action, Target, Details, PreviousHash, Hash) " +
            "SELECT '2026-02-01 09:00:00', 'admin', 'access.approved', 'sales.revenue', '', Hash, " +
            "'0000000000000000000000000000000000000000000000000000000000000000' FROM AuditEntries WHERE Id = 6");

        var result = await VerifyAsync();

        Assert.Equal(7, result.FirstBreak!.Id);
        Assert.Equal(AuditBreakReasons.ContentChanged | AuditBreakReasons.BackDated, result.FirstBreak.Reasons);
        Assert.Contains("back-dated", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_TriggerDroppedThenActorUpdated_NamesThatEntry()
    {
        await _catalog.ExecuteOnFileAsync(
            "DROP TRIGGER audit_entries_no_update; UPDATE AuditEntries SET Actor = 'sally' WHERE Id = 4");

        var result = await VerifyAsync();

        Assert.Equal((4L, AuditBreakReasons.ContentChanged), (result.FirstBreak!.Id, result.FirstBreak.Reasons));
    }

    [Fact]
    public async Task VerifyAsync_MiddleEntryDeleted_NamesTheEntryAfterTheGap()
    {
        await _catalog.ExecuteOnFileAsync("DROP TRIGGER audit_entries_no_delete; DELETE FROM AuditEntries WHERE Id = 3");

        var result = await VerifyAsync();

        Assert.Equal(4, result.FirstBreak!.Id);
        Assert.Equal(AuditBreakReasons.EntriesMissing | AuditBreakReasons.LinkBroken, result.FirstBreak.Reasons);
        Assert.Contains("entries before it are missing", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_ChainRecomputedWithoutTheKey_FailsAtTheFirstEntry()
    {
        // Someone who can write the database but not read the key: a fresh key stands for any key they could guess.
        await _catalog.RestartAsync(() => File.Delete(_catalog.DatabasePath + Security.AuditKeyStore.Suffix));

        var result = await VerifyAsync();

        Assert.Equal((1L, AuditBreakReasons.ContentChanged), (result.FirstBreak!.Id, result.FirstBreak.Reasons));
    }

    [Fact]
    public async Task VerifyAsync_AfterARestart_UsesTheSameKey()
    {
        await _catalog.RestartAsync();
        await _catalog.Audit.WriteAsync("steward", "review.rejected", "sales.product_5", "", CancellationToken.None);

        var result = await VerifyAsync();

        Assert.True(result.Intact, result.Summary);
        Assert.Equal(7, result.Count);
    }

    [Fact]
    public async Task VerifyAsync_ClockSteppedBack_StaysIntact()
    {
        await using (var db = await _catalog.DbAsync())
        {
            var steppedBack = _catalog.Clock.GetUtcNow().UtcDateTime.AddMinutes(-30);
            db.AuditEntries.Add(new Model.AuditEntry { Actor = "steward", Action = "review.rejected", Target = "sales.product_5", At = steppedBack });
            await db.SaveChangesAsync();
        }

        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task VerifyAsync_Steward_IsItselfAuditedAndChained()
    {
        var first = await VerifyAsync();

        var newest = (await _catalog.Audit.ListAsync(0, 1, CancellationToken.None)).Single();
        Assert.Equal(("steward", AuditLog.VerifiedAction), (newest.Actor, newest.Action));
        Assert.Equal($"intact: 6 entries, newest 6 sealed {first.HeadHash}", newest.Details);
        Assert.Equal(7, (await VerifyAsync()).Count);
    }
}
