namespace Residency.Functions.Configuration;

/// <summary>A setting cannot be used; the message names the setting, never its value.</summary>
internal sealed class HandlerSettingException(string message) : Exception(message);
