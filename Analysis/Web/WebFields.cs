using Sniffer.Dissectors.Dns;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Http;
using Sniffer.Dissectors.Tls;
using Sniffer.Dissectors.Transport;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Analysis.Web;

/// <summary>
/// The dissector fields the web reports read from each frame (as tshark's taps read a dissector's tap data):
/// wanting them in a <see cref="FieldValueSet"/> makes the one pass over a capture collect them.
/// </summary>
public static class WebFields
{
    /// <summary>TCP: connection phases, message boundaries, retransmissions.</summary>
    public static readonly FieldDef[] Tcp =
    [
        TcpFields.Stream, TcpFields.Flags, TcpFields.Seq, TcpFields.Ack, TcpFields.Len,
        TcpFields.Retransmission.Field, TcpFields.FastRetransmission.Field, TcpFields.SpuriousRetransmission.Field,
    ];

    /// <summary>DNS: which query resolved a host to an address.</summary>
    public static readonly FieldDef[] Dns =
    [
        DnsFields.FlagResponse, DnsFields.QryName, DnsFields.A, DnsFields.Aaaa, DnsFields.Cname, DnsFields.ResponseTo, DnsFields.Time,
    ];

    /// <summary>TLS: ClientHello, SNI, application data.</summary>
    public static readonly FieldDef[] Tls = [TlsFields.HandshakeType, TlsFields.ServerName, TlsFields.AppData];

    /// <summary>HTTP: one group per message, opened by the "http" protocol item.</summary>
    public static readonly FieldDef[] Http =
    [
        HttpFields.Http, HttpFields.Request, HttpFields.Response, HttpFields.Method, HttpFields.Uri, HttpFields.RequestVersion,
        HttpFields.ResponseVersion, HttpFields.Code, HttpFields.Phrase, HttpFields.Host, HttpFields.RequestLine, HttpFields.ResponseLine,
        HttpFields.ContentType, HttpFields.ContentEncoding, HttpFields.FileData, HttpFields.RequestIn, HttpFields.FullUri,
        HttpFields.Location, HttpFields.DecompressionFailed.Field,
    ];

    /// <summary>Asks <paramref name="values"/> to collect every field the web reports read.</summary>
    public static void WantAll(FieldValueSet values)
    {
        foreach (var f in Tcp) values.Want(f);
        foreach (var f in Dns) values.Want(f);
        foreach (var f in Tls) values.Want(f);
        foreach (var f in Http) values.Want(f);
    }
}
