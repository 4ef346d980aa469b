using Residency.Classification.Policy;

namespace Residency.Classification.Streaming;

/// <summary>Counts values per (normalized path, rule) without allocating for paths the policy knows.</summary>
internal sealed class TagAccumulator
{
    private readonly Dictionary<long, int> _byNode = [];
    private readonly Dictionary<long, int> _byDynamic = [];

    // Per known node: 1 + the index of its first tag. Most nodes see one rule, so this avoids a dictionary lookup.
    private int[] _firstTag = new int[128];
    private int[] _firstDynamicTag = new int[128];

    public List<(string Path, PolicyRule Rule, int Count, bool Envelope, Policy.PathNode? Node, int DynamicId)> Tags { get; } = [];

    public void Add(Policy.PathNode node, PolicyRule rule, bool envelope = false)
    {
        if (node.Id >= _firstTag.Length)
        {
            Array.Resize(ref _firstTag, Math.Max(node.Id + 1, _firstTag.Length * 2));
        }

        var first = _firstTag[node.Id];
        if (first == 0)
        {
            _firstTag[node.Id] = Tags.Count + 1;
            Tags.Add((node.Path, rule, 1, envelope, node, -1));
            return;
        }

        if (ReferenceEquals(Tags[first - 1].Rule, rule))
        {
            Bump(first - 1);
            return;
        }

        var key = ((long)node.Id << 32) | (uint)rule.Index;
        if (_byNode.TryGetValue(key, out var index))
        {
            Bump(index);
            return;
        }

        _byNode[key] = Tags.Count;
        Tags.Add((node.Path, rule, 1, envelope, node, -1));
    }

    public void Add(int dynamicId, string path, PolicyRule rule)
    {
        if (dynamicId >= _firstDynamicTag.Length)
        {
            Array.Resize(ref _firstDynamicTag, Math.Max(dynamicId + 1, _firstDynamicTag.Length * 2));
        }

        var first = _firstDynamicTag[dynamicId];
        if (first == 0)
        {
            _firstDynamicTag[dynamicId] = Tags.Count + 1;
            Tags.Add((path, rule, 1, false, null, dynamicId));
            return;
        }

        if (ReferenceEquals(Tags[first - 1].Rule, rule))
        {
            Bump(first - 1);
            return;
        }

        var key = ((long)dynamicId << 32) | (uint)rule.Index;
        if (_byDynamic.TryGetValue(key, out var index))
        {
            Bump(index);
            return;
        }

        _byDynamic[key] = Tags.Count;
        Tags.Add((path, rule, 1, false, null, dynamicId));
    }

    public void Clear()
    {
        foreach (var tag in Tags)
        {
            if (tag.Node is not null)
            {
                _firstTag[tag.Node.Id] = 0;
            }
            else
            {
                _firstDynamicTag[tag.DynamicId] = 0;
            }
        }

        if (_byNode.Count > 0)
        {
            _byNode.Clear();
        }

        if (_byDynamic.Count > 0)
        {
            _byDynamic.Clear();
        }

        Tags.Clear();
    }

    private void Bump(int index)
    {
        var tag = Tags[index];
        Tags[index] = tag with { Count = tag.Count + 1 };
    }
}
