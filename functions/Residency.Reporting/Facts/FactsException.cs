namespace Residency.Reporting.Facts;

/// <summary>The facts file cannot be used: not JSON, not the schema, an unknown member, or a value the report must never show.</summary>
public sealed class FactsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FactsException()
    {
    }

    /// <summary>Creates the exception with a message naming the file and the JSON path, never a value.</summary>
    public FactsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public FactsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
