using VoicePlatform.Grains.Wallets;
using VoicePlatform.Wallets;

namespace VoicePlatform.Tests.Wallets;

/// <summary>The wallet's money rules without a cluster: one entry per call, never below zero, reserved never above balance.</summary>
public sealed class WalletBookTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static WalletBook Funded(long balance, long threshold = 0)
    {
        var book = new WalletBook(WalletSnapshot.Empty) { Threshold = threshold };
        if (balance > 0) book.Credit(Credit(CreditKind.TopUp, balance, "opening"), "crd_opening", At);
        return book;
    }

    private static WalletCredit Credit(CreditKind kind, long amount, string key) =>
        new() { Kind = kind, Amount = amount, IdempotencyKey = key, Actor = "operator" };

    private static WalletOperation Op(WalletOperationKind kind, string reference, long amount) =>
        new() { Kind = kind, Reference = reference, Amount = amount, IdempotencyKey = $"{reference}:{kind}:{Guid.NewGuid():N}" };

    [Fact]
    public void AReservationHoldsMoneyThatADebitAndASettleThenTake()
    {
        var book = Funded(10_000);

        var reserve = book.Apply(Op(WalletOperationKind.Reserve, "call-1", 3_000), At).Entry;
        Assert.Equal((WalletOperationStatus.Applied, 10_000L, 3_000L, 3_000L), (reserve.Status, reserve.BalanceAfter, reserve.ReservedAfter, reserve.ReservationAfter));
        Assert.Equal(7_000, book.Available);

        var debit = book.Apply(Op(WalletOperationKind.Debit, "call-1", 1_000), At).Entry;
        Assert.Equal((1_000L, 9_000L, 2_000L, 2_000L), (debit.Amount, debit.BalanceAfter, debit.ReservedAfter, debit.ReservationAfter));

        var settle = book.Apply(Op(WalletOperationKind.Settle, "call-1", 1_500), At).Entry;
        Assert.Equal((1_500L, 0L, 7_500L, 0L, 0L), (settle.Amount, settle.Shortfall, settle.BalanceAfter, settle.ReservedAfter, settle.ReservationAfter));
        Assert.Equal(-2_000, settle.ReservedChange);
        Assert.False(book.Reservations.ContainsKey("call-1"));
    }

    [Fact]
    public void ADebitBeyondTheReservationTakesAvailableMoneyOrNothingAtAll()
    {
        var book = Funded(1_000);
        book.Apply(Op(WalletOperationKind.Reserve, "call-1", 400), At);

        var covered = book.Apply(Op(WalletOperationKind.Debit, "call-1", 700), At).Entry;
        Assert.Equal((WalletOperationStatus.Applied, 300L, 0L, 0L), (covered.Status, covered.BalanceAfter, covered.ReservedAfter, covered.ReservationAfter));

        var refused = book.Apply(Op(WalletOperationKind.Debit, "call-1", 301), At).Entry;
        Assert.Equal((WalletOperationStatus.InsufficientFunds, 0L, 0L, 300L), (refused.Status, refused.Amount, refused.BalanceChange, refused.BalanceAfter));
        Assert.True(book.Reservations.ContainsKey("call-1"), "the reservation stays open at zero");
    }

    [Fact]
    public void ASettleThatCannotBeCoveredTakesWhatThereIsAndReportsTheShortfall()
    {
        var book = Funded(1_000);
        book.Apply(Op(WalletOperationKind.Reserve, "call-1", 600), At);
        book.Apply(Op(WalletOperationKind.Reserve, "call-2", 300), At);

        // call-1 owes 1,000: 600 from its reservation, the 100 nobody holds, and 300 it cannot have (call-2's).
        var settle = book.Apply(Op(WalletOperationKind.Settle, "call-1", 1_000), At).Entry;
        Assert.Equal((700L, 300L, 300L, 300L), (settle.Amount, settle.Shortfall, settle.BalanceAfter, settle.ReservedAfter));
        Assert.Equal(0, book.Available);

        var other = book.Apply(Op(WalletOperationKind.Settle, "call-2", 300), At).Entry;
        Assert.Equal((300L, 0L, 0L, 0L), (other.Amount, other.Shortfall, other.BalanceAfter, other.ReservedAfter));
    }

    [Fact]
    public void NothingIsReservedBeyondAvailableMoney()
    {
        var book = Funded(500);
        Assert.Equal(WalletOperationStatus.InsufficientFunds, book.Apply(Op(WalletOperationKind.Reserve, "call-1", 501), At).Entry.Status);
        Assert.Equal(WalletOperationStatus.Applied, book.Apply(Op(WalletOperationKind.Reserve, "call-1", 500), At).Entry.Status);
        Assert.Equal(WalletOperationStatus.InsufficientFunds, book.Apply(Op(WalletOperationKind.Extend, "call-1", 1), At).Entry.Status);
        Assert.Equal(WalletOperationStatus.InsufficientFunds, book.Apply(Op(WalletOperationKind.Reserve, "call-2", 1), At).Entry.Status);
        Assert.Equal((500L, 500L), (book.Balance, book.Reserved));
    }

    [Fact]
    public void ReserveOnAnOpenReservationAddsToItAndReleaseGivesItAllBack()
    {
        var book = Funded(1_000);
        book.Apply(Op(WalletOperationKind.Reserve, "call-1", 200), At);
        book.Apply(Op(WalletOperationKind.Reserve, "call-1", 100), At);
        book.Apply(Op(WalletOperationKind.Extend, "call-1", 50), At);
        Assert.Equal(350, book.Reservations["call-1"]);

        var release = book.Apply(Op(WalletOperationKind.Release, "call-1", 0), At).Entry;
        Assert.Equal((350L, 0L, -350L, 1_000L), (release.Amount, release.BalanceChange, release.ReservedChange, release.BalanceAfter));
        Assert.Equal(0, book.Reserved);
    }

    [Theory]
    [InlineData(WalletOperationKind.Extend)]
    [InlineData(WalletOperationKind.Debit)]
    [InlineData(WalletOperationKind.Settle)]
    [InlineData(WalletOperationKind.Release)]
    public void OperationsOnAReferenceWithoutAnOpenReservationMoveNothing(WalletOperationKind kind)
    {
        var book = Funded(1_000);
        var entry = book.Apply(Op(kind, "never-reserved", 10), At).Entry;
        Assert.Equal((WalletOperationStatus.NoReservation, 0L, 1_000L, 0L), (entry.Status, entry.Amount, entry.BalanceAfter, entry.ReservedAfter));
        Assert.Equal(2, entry.Sequence);
    }

    [Fact]
    public void ANegativeAdjustmentOnlyTakesAvailableMoney()
    {
        var book = Funded(1_000);
        book.Apply(Op(WalletOperationKind.Reserve, "call-1", 600), At);

        var refused = book.Credit(Credit(CreditKind.Adjustment, -401, "adj-1"), "crd_a", At).Entry;
        Assert.Equal((WalletOperationStatus.InsufficientFunds, 0L, 1_000L), (refused.Status, refused.BalanceChange, refused.BalanceAfter));

        var applied = book.Credit(Credit(CreditKind.Adjustment, -400, "adj-2"), "crd_b", At).Entry;
        Assert.Equal((WalletOperationStatus.Applied, -400L, 600L, 600L), (applied.Status, applied.Amount, applied.BalanceAfter, applied.ReservedAfter));
        Assert.Equal(0, book.Available);
    }

    [Fact]
    public void AvailableCrossingBelowTheThresholdIsReportedOncePerCrossing()
    {
        var book = Funded(0, threshold: 1_000);
        Assert.True(book.LowBalance, "an empty wallet starts low, so money arriving is not a crossing");

        Assert.False(book.Credit(Credit(CreditKind.TopUp, 5_000, "t1"), "crd_1", At).CrossedBelowThreshold);
        Assert.False(book.Apply(Op(WalletOperationKind.Reserve, "c1", 4_000), At).CrossedBelowThreshold);
        Assert.True(book.Apply(Op(WalletOperationKind.Extend, "c1", 500), At).CrossedBelowThreshold);
        Assert.False(book.Apply(Op(WalletOperationKind.Extend, "c1", 100), At).CrossedBelowThreshold);
        Assert.False(book.Apply(Op(WalletOperationKind.Reserve, "c2", 10_000), At).CrossedBelowThreshold);
        Assert.False(book.Apply(Op(WalletOperationKind.Release, "c1", 0), At).CrossedBelowThreshold);
        Assert.False(book.LowBalance);
        Assert.True(book.Apply(Op(WalletOperationKind.Reserve, "c3", 4_500), At).CrossedBelowThreshold);
    }

    [Fact]
    public void EntriesAreNumberedWithoutGapsAndCarryTheirChanges()
    {
        var book = Funded(1_000);
        var entries = new[]
        {
            book.Apply(Op(WalletOperationKind.Reserve, "a", 100), At).Entry,
            book.Apply(Op(WalletOperationKind.Reserve, "b", 5_000), At).Entry,
            book.Apply(Op(WalletOperationKind.Settle, "a", 150), At).Entry,
        };
        Assert.Equal([2L, 3L, 4L], entries.Select(e => e.Sequence));
        Assert.Equal(book.Balance, 1_000 + entries.Sum(e => e.BalanceChange));
        Assert.Equal(book.Reserved, entries.Sum(e => e.ReservedChange));
        var (open, closed) = book.TakeReservationChanges();
        Assert.Empty(open);
        Assert.Equal(["a"], closed);
    }

    [Theory]
    [InlineData("USD", 10.0, 1_000)]
    [InlineData("USD", 10.005, 1_001)]
    [InlineData("JPY", 500, 500)]
    [InlineData("KWD", 2.5, 2_500)]
    [InlineData("EUR", 0, 0)]
    public void ThresholdsBecomeMinorUnitsOfTheirCurrencyRoundedUp(string currency, double amount, long minorUnits) =>
        Assert.Equal(minorUnits, CurrencyMinorUnits.ToMinorUnits((decimal)amount, currency));
}
