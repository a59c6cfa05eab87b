namespace VoicePlatform.LiveKitEmulator.Hosting;

/// <summary>A setting of the emulator is invalid; the message names it.</summary>
public sealed class LiveKitEmulatorConfigurationException(string message) : Exception(message);
