using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Quic;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tls;

/// <summary>
/// The quic_transport_parameters extension (RFC 9000 §18): a list of { id (i), length (i), value },
/// each shown as tshark 4.0 shows it ("Parameter: max_idle_timeout (len=4) 30000 ms").
/// </summary>
[FieldTable]
internal static class TlsQuicParameters
{
    public const ushort Extension = 57, ExtensionDraft = 0xffa5;

    public static readonly FieldDef Parameter = new("tls.quic.parameter", "Parameter", FieldType.None);
    public static readonly FieldDef Type = new("tls.quic.parameter.type", "Type", FieldType.UInt64, FieldBase.Hex);
    public static readonly FieldDef Length = new("tls.quic.parameter.length", "Length", FieldType.UInt64);
    public static readonly FieldDef Value = new("tls.quic.parameter.value", "Value", FieldType.Bytes);

    private static readonly Dictionary<ulong, FieldDef> s_integers = new()
    {
        [0x01] = new("tls.quic.parameter.max_idle_timeout", "max_idle_timeout", FieldType.UInt64),
        [0x03] = new("tls.quic.parameter.max_udp_payload_size", "max_udp_payload_size", FieldType.UInt64),
        [0x04] = new("tls.quic.parameter.initial_max_data", "initial_max_data", FieldType.UInt64),
        [0x05] = new("tls.quic.parameter.initial_max_stream_data_bidi_local", "initial_max_stream_data_bidi_local", FieldType.UInt64),
        [0x06] = new("tls.quic.parameter.initial_max_stream_data_bidi_remote", "initial_max_stream_data_bidi_remote", FieldType.UInt64),
        [0x07] = new("tls.quic.parameter.initial_max_stream_data_uni", "initial_max_stream_data_uni", FieldType.UInt64),
        [0x08] = new("tls.quic.parameter.initial_max_streams_bidi", "initial_max_streams_bidi", FieldType.UInt64),
        [0x09] = new("tls.quic.parameter.initial_max_streams_uni", "initial_max_streams_uni", FieldType.UInt64),
        [0x0a] = new("tls.quic.parameter.ack_delay_exponent", "ack_delay_exponent", FieldType.UInt64),
        [0x0b] = new("tls.quic.parameter.max_ack_delay", "max_ack_delay", FieldType.UInt64),
        [0x0e] = new("tls.quic.parameter.active_connection_id_limit", "Active Connection ID Limit", FieldType.UInt64),
        [0x20] = new("tls.quic.parameter.max_datagram_frame_size", "max_datagram_frame_size", FieldType.UInt64),
        [0x1057] = new("tls.quic.parameter.loss_bits", "loss_bits", FieldType.UInt64),
        [0xff04de1b] = new("tls.quic.parameter.min_ack_delay", "min_ack_delay", FieldType.UInt64),
    };

    private static readonly Dictionary<ulong, FieldDef> s_bytes = new()
    {
        [0x00] = new("tls.quic.parameter.original_destination_connection_id", "original_destination_connection_id", FieldType.Bytes),
        [0x02] = new("tls.quic.parameter.stateless_reset_token", "stateless_reset_token", FieldType.Bytes),
        [0x0f] = new("tls.quic.parameter.initial_source_connection_id", "Initial Source Connection ID", FieldType.Bytes),
        [0x10] = new("tls.quic.parameter.retry_source_connection_id", "Retry Source Connection ID", FieldType.Bytes),
    };

    // FieldTable scanning finds static FieldDef members only: register the table entries through these.
    public static readonly FieldDef[] IntegerFields = [.. s_integers.Values];
    public static readonly FieldDef[] BytesFields = [.. s_bytes.Values];

    public static string Name(ulong id) => id switch
    {
        0x00 => "original_destination_connection_id",
        0x01 => "max_idle_timeout",
        0x02 => "stateless_reset_token",
        0x03 => "max_udp_payload_size",
        0x04 => "initial_max_data",
        0x05 => "initial_max_stream_data_bidi_local",
        0x06 => "initial_max_stream_data_bidi_remote",
        0x07 => "initial_max_stream_data_uni",
        0x08 => "initial_max_streams_bidi",
        0x09 => "initial_max_streams_uni",
        0x0a => "ack_delay_exponent",
        0x0b => "max_ack_delay",
        0x0c => "disable_active_migration",
        0x0d => "preferred_address",
        0x0e => "active_connection_id_limit",
        0x0f => "initial_source_connection_id",
        0x10 => "retry_source_connection_id",
        0x20 => "max_datagram_frame_size",
        0x1057 => "loss_bits",
        0x173e => "grease_quic_bit",
        0x2ab2 => "enable_time_stamp",
        0x7157 => "enable_time_stamp_v2",
        0xff73db => "version_information",
        0xff04de1b => "min_ack_delay",
        _ => "Unknown",
    };

    public static void Dissect<TSink>(ReadOnlySpan<byte> data, int at, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int pos = 0;
        for (int n = 0; pos < data.Length && n < 10_000; n++)
        {
            int a = QuicVarint.Read(data, pos, out ulong id);
            if (a == 0) return;
            int b = QuicVarint.Read(data, pos + a, out ulong length);
            if (b == 0 || length > (ulong)(data.Length - pos - a - b)) return;
            int valueAt = pos + a + b;
            var value = data.Slice(valueAt, (int)length);
            sink.AddNone(Parameter, at + pos, a + b + value.Length);
            if (sink.WantsTree) sink.SetLabel(Summary(id, value));
            sink.Push();
            sink.AddUInt(Type, at + pos, a, id);
            if (sink.WantsTree) sink.SetLabel($"Type: {Name(id)} (0x{id:x2})");
            sink.AddUInt(Length, at + pos + a, b, length);
            sink.AddBytes(Value, at + valueAt, value.Length, value);
            if (sink.WantsTree && value.IsEmpty) sink.SetLabel("Value: <MISSING>");
            if (s_integers.TryGetValue(id, out var integer) && QuicVarint.Read(value, 0, out ulong number) > 0)
                sink.AddUInt(integer, at + valueAt, value.Length, number);
            else if (s_bytes.TryGetValue(id, out var bytes))
            {
                sink.AddBytes(bytes, at + valueAt, value.Length, value);
                if (sink.WantsTree && value.IsEmpty) sink.SetLabel(bytes.DisplayName + ": <MISSING>");
            }
            sink.Pop();
            pos = valueAt + value.Length;
        }
    }

    private static string Summary(ulong id, ReadOnlySpan<byte> value)
    {
        string text = $"Parameter: {Name(id)} (len={value.Length})";
        if (!s_integers.ContainsKey(id) || QuicVarint.Read(value, 0, out ulong number) == 0) return text;
        return text + (id is 0x01 or 0x0b ? $" {number} ms" : $" {number}");
    }
}
