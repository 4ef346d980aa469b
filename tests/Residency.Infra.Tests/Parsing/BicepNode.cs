namespace Residency.Infra.Tests.Parsing;

/// <summary>One named node of a tree-sitter-bicep syntax tree (anonymous punctuation is left out).</summary>
internal sealed class BicepNode
{
    private static readonly IReadOnlyList<BicepNode> NoChildren = [];

    public BicepNode(string type, int line, int column, string? field, bool isMissing, string? text, IReadOnlyList<BicepNode>? children)
    {
        Type = type;
        Line = line;
        Column = column;
        Field = field;
        IsMissing = isMissing;
        Text = text;
        Children = children ?? NoChildren;
    }

    /// <summary>Grammar node type, e.g. resource_declaration, object_property, string.</summary>
    public string Type { get; }

    /// <summary>1-based line of the node's first character.</summary>
    public int Line { get; }

    /// <summary>1-based column of the node's first character.</summary>
    public int Column { get; }

    /// <summary>The grammar field this node fills in its parent (function, object, left, ...), if any.</summary>
    public string? Field { get; }

    /// <summary>True when the parser inserted the node to recover from an error.</summary>
    public bool IsMissing { get; }

    /// <summary>Source text of leaves and of string nodes (quotes included).</summary>
    public string? Text { get; }

    public IReadOnlyList<BicepNode> Children { get; }

    public BicepNode? Child(string type) => Children.FirstOrDefault(c => c.Type == type);

    public BicepNode? FieldChild(string field) => Children.FirstOrDefault(c => c.Field == field);

    /// <summary>Children that are not comments (comments are extras that can sit anywhere).</summary>
    public IEnumerable<BicepNode> CodeChildren => Children.Where(c => c.Type is not ("comment" or "diagnostic_comment"));

    public IEnumerable<BicepNode> DescendantsAndSelf()
    {
        var stack = new Stack<BicepNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            for (var i = node.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(node.Children[i]);
            }
        }
    }

    public override string ToString() => $"{Type}@{Line}:{Column}";
}
