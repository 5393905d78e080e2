using MeshStudio.Core.Access;
using MeshStudio.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Application.Tests.Tokens;

public sealed class TokenServiceTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;
    private static readonly CancellationToken Ct = CancellationToken.None;

    public async Task InitializeAsync() => _ctx = await CatalogTestContext.CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task CreateAsync_ThenValidate_ReturnsUserId()
    {
        var (token, plainText) = await _ctx.Tokens.CreateAsync("sam-id", "ci", null, Ct);

        Assert.StartsWith("msk_", plainText, StringComparison.Ordinal);
        Assert.Equal(4 + 43, plainText.Length);
        Assert.Equal(plainText[..12], token.Prefix);
        await using var db = await _ctx.DbAsync();
        var stored = await db.PersonalAccessTokens.SingleAsync(t => t.Id == token.Id);
        Assert.DoesNotContain(plainText, stored.TokenHash, StringComparison.Ordinal);
        Assert.Equal(64, stored.TokenHash.Length);
        Assert.Equal("sam-id", await _ctx.Tokens.ValidateAsync(plainText, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("msk_not-a-real-token-at-all-000000000")]
    [InlineData("Bearer something")]
    public async Task ValidateAsync_UnknownToken_ReturnsNull(string plainText)
    {
        await _ctx.Tokens.CreateAsync("sam-id", "ci", null, Ct);

        Assert.Null(await _ctx.Tokens.ValidateAsync(plainText, Ct));
    }

    [Fact]
    public async Task RevokeAsync_OwnToken_StopsValidation()
    {
        var (token, plainText) = await _ctx.Tokens.CreateAsync("sam-id", "ci", null, Ct);

        await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Tokens.RevokeAsync("mia-id", token.Id, Ct));
        var stillValid = await _ctx.Tokens.ValidateAsync(plainText, Ct);
        await _ctx.Tokens.RevokeAsync("sam-id", token.Id, Ct);

        Assert.Equal("sam-id", stillValid);
        Assert.Null(await _ctx.Tokens.ValidateAsync(plainText, Ct));
        Assert.Equal(_ctx.Clock.GetUtcNow().UtcDateTime, Assert.Single(await _ctx.Tokens.ListAsync("sam-id", Ct)).RevokedAt);
    }

    [Fact]
    public async Task ValidateAsync_ExpiredToken_ReturnsNull()
    {
        var (_, plainText) = await _ctx.Tokens.CreateAsync("sam-id", "short-lived", _ctx.Clock.GetUtcNow().UtcDateTime.AddHours(1), Ct);
        var before = await _ctx.Tokens.ValidateAsync(plainText, Ct);

        _ctx.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal("sam-id", before);
        Assert.Null(await _ctx.Tokens.ValidateAsync(plainText, Ct));
    }

    [Fact]
    public async Task CreateAsync_ExpiryInThePastOrNoName_ThrowsRuleViolation()
    {
        await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Tokens.CreateAsync("sam-id", "old", _ctx.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1), Ct));
        await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Tokens.CreateAsync("sam-id", " ", null, Ct));
        await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Tokens.CreateAsync("nobody", "ci", null, Ct));
    }

    [Fact]
    public async Task ValidateAsync_RepeatedUse_UpdatesLastUsedAtAtMostOncePerMinute()
    {
        var (_, plainText) = await _ctx.Tokens.CreateAsync("sam-id", "ci", null, Ct);
        var first = _ctx.Clock.GetUtcNow().UtcDateTime;
        await _ctx.Tokens.ValidateAsync(plainText, Ct);
        _ctx.Clock.Advance(TimeSpan.FromSeconds(30));
        await _ctx.Tokens.ValidateAsync(plainText, Ct);
        var afterThirtySeconds = (await _ctx.Tokens.ListAsync("sam-id", Ct))[0].LastUsedAt;

        _ctx.Clock.Advance(TimeSpan.FromSeconds(31));
        await _ctx.Tokens.ValidateAsync(plainText, Ct);

        Assert.Equal(first, afterThirtySeconds);
        Assert.Equal(_ctx.Clock.GetUtcNow().UtcDateTime, (await _ctx.Tokens.ListAsync("sam-id", Ct))[0].LastUsedAt);
    }

    [Fact]
    public async Task ImportAsync_SameTokenTwice_IsIdempotent()
    {
        const string plainText = "msk_demo-token-for-sam-0123456789";

        var first = await _ctx.Tokens.ImportAsync("sam-id", "demo", plainText, Ct);
        var second = await _ctx.Tokens.ImportAsync("sam-id", "demo", plainText, Ct);

        Assert.Equal(first.Id, second.Id);
        Assert.Single(await _ctx.Tokens.ListAsync("sam-id", Ct));
        Assert.Equal("sam-id", await _ctx.Tokens.ValidateAsync(plainText, Ct));
        await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Tokens.ImportAsync("mia-id", "demo", plainText, Ct));
    }
}
