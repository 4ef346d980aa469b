namespace Residency.FunctionsHost;

/// <summary>The host's invocation request is not the envelope expected; the message names the key, never a value.</summary>
public sealed class InvalidInvocationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidInvocationException()
    {
    }

    /// <summary>Creates the exception with a message naming what is wrong.</summary>
    public InvalidInvocationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public InvalidInvocationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
