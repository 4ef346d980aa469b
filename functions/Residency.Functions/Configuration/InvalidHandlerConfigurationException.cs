namespace Residency.Functions.Configuration;

/// <summary>The handler's settings are invalid; every error names the setting, never its value.</summary>
public sealed class InvalidHandlerConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidHandlerConfigurationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a single error.</summary>
    public InvalidHandlerConfigurationException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with a message and a cause (the cause is not shown: it could quote a value).</summary>
    public InvalidHandlerConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception from a list of errors.</summary>
    public InvalidHandlerConfigurationException(IReadOnlyList<string> errors)
        : base("Invalid configuration: " + string.Join(" ", errors))
    {
        Errors = errors;
    }

    /// <summary>Each problem found, one sentence each.</summary>
    public IReadOnlyList<string> Errors { get; }
}
