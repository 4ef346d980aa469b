namespace Residency.Operations.Configuration;

/// <summary>A setting the app cannot start with; the message names the setting, never its value.</summary>
public sealed class OperationsSettingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OperationsSettingException()
    {
    }

    /// <summary>Creates the exception with a message naming the setting.</summary>
    public OperationsSettingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public OperationsSettingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
