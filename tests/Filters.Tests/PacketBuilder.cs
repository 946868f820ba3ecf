using System.Net;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;
using Sniffer.Filters;

namespace Sniffer.Tests.Filters;

/// <summary>
/// Builds a synthetic packet's FieldValueSet through the public CollectorSink, so semantics can be
/// tested without dissecting bytes. Offsets are made up but increase, which the layer operator relies on.
/// </summary>
internal sealed class PacketBuilder
{
    private readonly FieldValueSet _values = new();
    private int _offset;

    public PacketBuilder() => _values.WantAll();

    private CollectorSink Sink => new(_values);

    private static FieldDef F(string name) => FieldRegistry.Find(name) ?? throw new ArgumentException("no field " + name);

    public PacketBuilder Protocol(string name, int length = 20)
    {
        Sink.PushProtocol(F(name), _offset, length);
        return this;
    }

    public PacketBuilder Protocol(string name, int offset, int length)
    {
        Sink.PushProtocol(F(name), offset, length);
        _offset = offset;
        return this;
    }

    public PacketBuilder UInt(string name, ulong value)
    {
        var f = F(name);
        // The sink applies the field's bitmask, so pass the value already in place.
        Sink.AddUInt(f, _offset++, 1, f.Bitmask == 0 ? value : value << f.Shift);
        return this;
    }

    public PacketBuilder Int(string name, long value) { Sink.AddInt(F(name), _offset++, 2, value); return this; }
    public PacketBuilder Time(string name, long ns) { Sink.AddTime(F(name), _offset++, 0, ns); return this; }
    public PacketBuilder Bytes(string name, params byte[] value) { Sink.AddBytes(F(name), _offset++, value.Length, value); return this; }
    public PacketBuilder Text(string name, string value) => Bytes(name, System.Text.Encoding.UTF8.GetBytes(value));
    public PacketBuilder Ip(string name, string address) => Bytes(name, IPAddress.Parse(address).GetAddressBytes());
    public PacketBuilder Mac(string name, string address) => Bytes(name, Convert.FromHexString(address.Replace(":", "")));
    public PacketBuilder None(string name) { Sink.AddNone(F(name), _offset++, 0); return this; }

    public FieldValueSet Values => _values;

    public bool Matches(string filter, byte[]? frame = null) => DisplayFilter.Compile(filter).Matches(_values, frame ?? []);
}
