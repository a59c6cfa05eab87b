namespace VoicePlatform.Tests.Telephony;

/// <summary>
/// Caller-id numbers no other test in the process uses: a number belongs to one tenant on the whole platform, so tests
/// sharing a host must not register the same E.164 for different tenants. Each block holds ten consecutive US numbers
/// (+1 650 253 xxxx) and one UK drama-range number (+44 20 7946 0xxx).
/// </summary>
public sealed class TestNumbers
{
    private static int _blocks;
    private readonly int _block;

    private TestNumbers(int block) => _block = block;

    public static TestNumbers Block()
    {
        var block = Interlocked.Increment(ref _blocks);
        if (block >= 1000) throw new InvalidOperationException("TestNumbers ran out of blocks.");
        return new TestNumbers(block);
    }

    /// <summary>A single fresh US number.</summary>
    public static string Next() => Block().Us(0);

    /// <summary>The block's <paramref name="index"/>th US number in E.164 (+16502530000 style).</summary>
    public string Us(int index) => $"+1650253{Local(index)}";

    /// <summary>The same number as people type it: +1 (650) 253-xxxx.</summary>
    public string UsTyped(int index) => $"+1 (650) 253-{Local(index)}";

    /// <summary>The same number with spaces: +1 650 253 xxxx.</summary>
    public string UsSpaced(int index) => $"+1 650 253 {Local(index)}";

    /// <summary>The block's UK number in E.164.</summary>
    public string Uk => $"+442079460{_block % 1000:D3}";

    /// <summary>The UK number as people type it: +44 20 7946 0xxx.</summary>
    public string UkSpaced => $"+44 20 7946 0{_block % 1000:D3}";

    private string Local(int index)
    {
        if (index is < 0 or > 9) throw new ArgumentOutOfRangeException(nameof(index));
        return $"{_block * 10 + index:D4}";
    }
}
