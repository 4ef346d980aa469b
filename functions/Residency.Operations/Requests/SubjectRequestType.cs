namespace Residency.Operations.Requests;

/// <summary>What the data subject asked for (PIPL Art. 45 access and copy, Art. 47 deletion).</summary>
public enum SubjectRequestType
{
    /// <summary>A copy of everything stored for the vehicle, as an export.</summary>
    Access,

    /// <summary>Deletion of everything stored for the vehicle, with a receipt.</summary>
    Delete,
}

/// <summary>The wire names of <see cref="SubjectRequestType"/>.</summary>
public static class SubjectRequestTypes
{
    /// <summary><c>access</c> or <c>delete</c>.</summary>
    public static string Name(SubjectRequestType type) => type == SubjectRequestType.Access ? "access" : "delete";

    /// <summary>The type of a wire name, or null.</summary>
    public static SubjectRequestType? Parse(string? name) => name switch
    {
        "access" => SubjectRequestType.Access,
        "delete" => SubjectRequestType.Delete,
        _ => null,
    };
}
