namespace VoicePlatform.Grains.Calls;

/// <summary>
/// The revision that orders a call's projections (the call-record store keeps the highest). A durable save moves it to
/// the start of the next block; a save kept in memory only (dialing, ringing) counts up inside the block. A new
/// activation resumes from the stored revision — the last durable one — so its next durable save lands above anything a
/// lost activation projected from memory. With one counter for both, a call whose activation was lost after projecting
/// "ringing" was ended by the next activation at a lower revision and its record stayed "ringing" for good (found by
/// the failure suite crashing PostgreSQL mid-dial).
/// </summary>
public static class CallRevisions
{
    /// <summary>More saves in memory between two durable ones than any call makes (a handful: dialing, ringing, a transfer).</summary>
    public const long BlockSize = 1_000;

    public static long Next(long current, bool durable) => durable ? (current / BlockSize + 1) * BlockSize : current + 1;
}
