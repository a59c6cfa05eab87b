using VoicePlatform.LiveKitEmulator.Agents.Reports;

namespace VoicePlatform.LiveKitEmulator.Agents;

/// <summary>One utterance of a script; <see cref="Start"/> and <see cref="End"/> are emulated time since the answer.</summary>
public sealed record ScriptLine(Speaker Speaker, string Text, TimeSpan Start, TimeSpan End);
