using Sniffer.Dissectors.Fields;

namespace Sniffer.Filters.Evaluation.Values;

/// <summary>
/// Every occurrence of a field in the packet, optionally only those from protocol layers
/// <see cref="_minLayer"/>..<see cref="_maxLayer"/> (ip.src#2). A protocol's value is the frame bytes it spans.
/// </summary>
internal sealed class FieldValueNode : ValueNode
{
    private readonly FieldDef _field;
    private readonly FieldDef? _layerProtocol;
    private readonly int _minLayer, _maxLayer;

    public FieldValueNode(FieldDef field, FieldDef? layerProtocol = null, int minLayer = 1, int maxLayer = int.MaxValue)
        : base(field.Type)
    {
        _field = field;
        _layerProtocol = layerProtocol;
        _minLayer = minLayer;
        _maxLayer = maxLayer;
    }

    public FieldDef Field => _field;

    public override void CollectFields(List<FieldDef> into)
    {
        into.Add(_field);
        if (_layerProtocol is not null) into.Add(_layerProtocol);
    }

    public override void Evaluate(in PacketView p, ValueBuffer into)
    {
        var set = p.Values;
        for (int i = set.First(_field.CanonicalId); i >= 0; i = set.Next(i))
        {
            var fv = set[i];
            if (_layerProtocol is not null)
            {
                int layer = LayerOf(p, fv.Offset);
                if (layer < _minLayer || layer > _maxLayer) continue;
            }
            var v = new Value { Entry = Value.NoEntry, PrefixBits = -1, Length = fv.Length };
            switch (Class)
            {
                case CompareClass.Unsigned or CompareClass.Signed:
                    v.Int = (long)fv.Bits;
                    break;
                case CompareClass.Double:
                    v.Real = fv.Number;
                    break;
                case CompareClass.Bytes when _field.Type == FieldType.Protocol:
                    // A protocol is "the bytes it spans"; without the frame it is empty.
                    if (fv.Offset >= 0 && fv.Length >= 0 && fv.Offset + fv.Length <= p.Frame.Length)
                    {
                        v.Entry = Value.FrameEntry;
                        v.Start = fv.Offset;
                    }
                    else v.Length = 0;
                    break;
                case CompareClass.Bytes:
                    v.Entry = i;
                    v.Length = set.Bytes(i).Length;
                    break;
            }
            into.Add(v);
        }
    }

    /// <summary>1-based layer: how many occurrences of the field's protocol start at or before it.</summary>
    private int LayerOf(in PacketView p, int offset)
    {
        int layer = 0;
        var set = p.Values;
        for (int i = set.First(_layerProtocol!.Id); i >= 0; i = set.Next(i))
        {
            if (set[i].Offset <= offset) layer++;
        }
        return Math.Max(layer, 1);
    }
}
