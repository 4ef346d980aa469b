namespace Residency.Classification.Streaming;

/// <summary>Counts values per (normalized path, rule) without allocating for paths the policy knows.</summary>
internal sealed class TagAccumulator
{
    private readonly Dictionary<long, int> _byNode = [];
    private readonly Dictionary<(string Path, int Rule), int> _byPath = [];

    public List<(string Path, PolicyRule Rule, int Count, bool Envelope, Policy.PathNode? Node)> Tags { get; } = [];

    public void Add(Policy.PathNode node, PolicyRule rule, bool envelope = false)
    {
        var key = ((long)node.Id << 32) | (uint)rule.Index;
        if (_byNode.TryGetValue(key, out var index))
        {
            Bump(index);
            return;
        }

        _byNode[key] = Tags.Count;
        Tags.Add((node.Path, rule, 1, envelope, node));
    }

    public void Add(string unknownPath, PolicyRule rule)
    {
        if (_byPath.TryGetValue((unknownPath, rule.Index), out var index))
        {
            Bump(index);
            return;
        }

        _byPath[(unknownPath, rule.Index)] = Tags.Count;
        Tags.Add((unknownPath, rule, 1, false, null));
    }

    public void Clear()
    {
        _byNode.Clear();
        _byPath.Clear();
        Tags.Clear();
    }

    private void Bump(int index)
    {
        var tag = Tags[index];
        Tags[index] = tag with { Count = tag.Count + 1 };
    }
}
