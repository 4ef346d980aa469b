namespace Residency.Classification;

/// <summary>Thrown when a policy document is invalid; each error names the rule (or setting) and what is wrong.</summary>
public sealed class PolicyValidationException : Exception
{
    /// <summary>Creates the exception from the list of validation errors.</summary>
    public PolicyValidationException(IReadOnlyList<string> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a single error.</summary>
    public PolicyValidationException(string error)
        : this([error])
    {
    }

    /// <summary>Creates the exception with no specific error list.</summary>
    public PolicyValidationException()
        : this("The policy is invalid.")
    {
    }

    /// <summary>Creates the exception with a single error and its cause.</summary>
    public PolicyValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string BuildMessage(IReadOnlyList<string> errors) =>
        errors.Count == 1 ? $"Invalid policy: {errors[0]}" : $"Invalid policy ({errors.Count} errors): " + string.Join(" ", errors);
}
