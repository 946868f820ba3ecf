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
    // contains/matches read a protocol as Wireshark's tvb: from its start to the end of the enclosing IP packet
    // (or of the frame), payload included; slices and len() keep the protocol item's own span.
    private FieldDef[]? _payloadEnclosers;

    public FieldValueNode(FieldDef field, FieldDef? layerProtocol = null, int minLayer = 1, int maxLayer = int.MaxValue)
        : base(field.Type)
    {
        _field = field;
        _layerProtocol = layerProtocol;
        _minLayer = minLayer;
        _maxLayer = maxLayer;
    }

    public FieldDef Field => _field;

    /// <summary>Makes a protocol's value run to the end of the IP packet (or frame) holding it, as for contains/matches.</summary>
    public void ReadProtocolToEndOfPacket(FieldDef[] enclosers) => _payloadEnclosers = enclosers;

    public override void CollectFields(List<FieldDef> into)
    {
        into.Add(_field);
        if (_layerProtocol is not null) into.Add(_layerProtocol);
        if (_payloadEnclosers is not null) into.AddRange(_payloadEnclosers);
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
                        if (_payloadEnclosers is not null) v.Length = Math.Max(fv.Length, EndOfEnclosingPacket(p, fv.Offset) - fv.Offset);
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

    /// <summary>The end of the innermost enclosing protocol that started before <paramref name="offset"/>, else of the frame.</summary>
    private int EndOfEnclosingPacket(in PacketView p, int offset)
    {
        int end = p.Frame.Length, bestStart = -1;
        var set = p.Values;
        foreach (var encloser in _payloadEnclosers!)
        {
            for (int i = set.First(encloser.CanonicalId); i >= 0; i = set.Next(i))
            {
                var e = set[i];
                if (e.Offset < offset && e.Offset + e.Length > offset && e.Offset > bestStart && e.Offset + e.Length <= p.Frame.Length)
                {
                    bestStart = e.Offset;
                    end = e.Offset + e.Length;
                }
            }
        }
        return end;
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
