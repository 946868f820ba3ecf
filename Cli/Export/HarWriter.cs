using System.Globalization;
using System.Text;
using System.Text.Json;
using Sniffer.Analysis.Web;

namespace Sniffer.Cli.Export;

/// <summary>
/// --export-har FILE: the page load's HTTP exchanges as an HTTP Archive 1.2 (http://www.softwareishard.com/blog/har-12-spec/),
/// one page per capture. Timings come from the wire (see docs/pageload.md): the first request on a connection
/// pays for DNS and the handshake, and "blocked" holds the idle time between them and its first byte.
/// Encrypted connections cannot be read, so they are left out and counted in the log's comment.
/// </summary>
public static class HarWriter
{
    /// <summary>content.text holds text bodies up to this many bytes (HarWriter notes a cut in the entry's comment).</summary>
    public const int MaxText = 256 * 1024;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(Stream output, PageLoad page, string captureName)
    {
        var activity = page.Activity;
        long baseNs = activity.FirstFrameNs == long.MinValue ? 0 : activity.FirstFrameNs;
        var entries = new List<PageLoadRow>();
        int encrypted = 0, failed = 0;
        foreach (var row in page.Rows)
        {
            if (row.Kind == RowKind.Http) entries.Add(row);
            else if (row.Kind == RowKind.Tls) encrypted++;
            else failed++;
        }
        entries.Sort((a, b) => a.StartNs != b.StartNs ? a.StartNs.CompareTo(b.StartNs) : a.Number.CompareTo(b.Number));

        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteStartObject("log");
        w.WriteString("version", "1.2");
        w.WriteStartObject("creator");
        w.WriteString("name", "Sniffer");
        w.WriteString("version", typeof(HarWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        w.WriteEndObject();
        w.WriteStartArray("pages");
        w.WriteStartObject();
        w.WriteString("startedDateTime", Date(baseNs + (entries.Count > 0 ? entries[0].StartNs : 0)));
        w.WriteString("id", "page_1");
        w.WriteString("title", captureName);
        w.WriteStartObject("pageTimings");
        w.WriteNumber("onContentLoad", -1);
        w.WriteNumber("onLoad", -1);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("entries");
        foreach (var row in entries) WriteEntry(w, row, baseNs);
        w.WriteEndArray();
        var comment = new StringBuilder($"Written by Sniffer from {captureName}: {entries.Count} HTTP exchanges; {encrypted} encrypted (TLS) connection{(encrypted == 1 ? "" : "s")} left out (their requests cannot be read)");
        if (failed > 0) comment.Append(Inv, $"; {failed} failed connection{(failed == 1 ? "" : "s")} (refused, unanswered or reset) left out");
        if (activity.BodiesNotKept > 0) comment.Append(Inv, $"; {activity.BodiesNotKept} bodies too large to keep have no content.text");
        w.WriteString("comment", comment.ToString());
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter w, PageLoadRow row, long baseNs)
    {
        var x = row.Exchange!;
        var rq = x.Request;
        var rs = x.Response;
        double blocked = -1, dns = -1, connect = -1, send = 0, wait = 0, receive = 0;
        foreach (var p in row.Phases)
        {
            double ms = p.DurationNs / 1e6;
            switch (p.Kind)
            {
                case PhaseKind.Dns: dns = ms; break;
                case PhaseKind.Connect: connect = ms; break;
                case PhaseKind.Blocked: blocked = Math.Max(blocked, 0) + ms; break;
                case PhaseKind.Send: send = ms; break;
                case PhaseKind.Wait: wait = ms; break;
                case PhaseKind.Receive: receive = ms; break;
            }
        }
        // The gap between the DNS answer and the SYN is time waiting for a connection too.
        if (row.Find(PhaseKind.Dns) is { } d && row.Find(PhaseKind.Connect) is { } c && c.Start.TimeNs > d.End.TimeNs)
            blocked = Math.Max(blocked, 0) + (c.Start.TimeNs - d.End.TimeNs) / 1e6;
        double time = Sum(blocked, dns, connect, send, wait, receive);

        w.WriteStartObject();
        w.WriteString("pageref", "page_1");
        w.WriteString("startedDateTime", Date(baseNs + row.StartNs));
        w.WriteNumber("time", Round(time));
        w.WriteStartObject("request");
        w.WriteString("method", rq.Method);
        w.WriteString("url", PageLoad.Url(x));
        w.WriteString("httpVersion", rq.Version);
        WriteCookies(w, rq, response: false);
        WriteHeaders(w, rq);
        w.WriteStartArray("queryString");
        foreach (var (name, value) in QueryString(rq.Uri)) WriteNameValue(w, name, value);
        w.WriteEndArray();
        if (rq.HasBody || rq.BodySize > 0)
        {
            w.WriteStartObject("postData");
            w.WriteString("mimeType", rq.ContentType);
            w.WriteStartArray("params");
            w.WriteEndArray();
            w.WriteString("text", rq.Body is not null && IsText(rq.MediaType) ? Text(rq.Body, out _) : "");
            w.WriteEndObject();
        }
        w.WriteNumber("headersSize", rq.HeadersSize);
        w.WriteNumber("bodySize", rq.BodySize);
        w.WriteEndObject();

        w.WriteStartObject("response");
        w.WriteNumber("status", rs?.Code ?? 0);
        w.WriteString("statusText", rs?.Phrase ?? "");
        w.WriteString("httpVersion", rs?.Version ?? "");
        if (rs is not null)
        {
            WriteCookies(w, rs, response: true);
            WriteHeaders(w, rs);
        }
        else
        {
            w.WriteStartArray("cookies"); w.WriteEndArray();
            w.WriteStartArray("headers"); w.WriteEndArray();
        }
        w.WriteStartObject("content");
        w.WriteNumber("size", rs?.BodyLength ?? 0);
        if (rs is not null && rs.BodySize > rs.BodyLength && rs.ContentEncoding.Length > 0) w.WriteNumber("compression", rs.BodySize - rs.BodyLength);
        w.WriteString("mimeType", rs is not null && rs.ContentType.Length > 0 ? rs.ContentType : "x-unknown");
        bool cut = false;
        if (rs?.Body is not null && IsText(rs.MediaType)) w.WriteString("text", Text(rs.Body, out cut));
        w.WriteEndObject();
        w.WriteString("redirectURL", rs?.Location ?? "");
        w.WriteNumber("headersSize", rs?.HeadersSize ?? -1);
        w.WriteNumber("bodySize", rs is null ? -1 : rs.Code == 304 ? 0 : rs.BodySize);
        w.WriteEndObject();

        w.WriteStartObject("cache");
        w.WriteEndObject();
        w.WriteStartObject("timings");
        w.WriteNumber("blocked", Round(blocked));
        w.WriteNumber("dns", Round(dns));
        w.WriteNumber("connect", Round(connect));
        w.WriteNumber("send", Round(send));
        w.WriteNumber("wait", Round(wait));
        w.WriteNumber("receive", Round(receive));
        w.WriteNumber("ssl", -1);
        w.WriteEndObject();
        w.WriteString("serverIPAddress", x.Connection.ServerIp);
        w.WriteString("connection", x.Connection.Stream.ToString(Inv));
        var notes = new List<string>();
        if (rs is null) notes.Add(row.Status == "reset" ? "the connection was reset before a response" : "no response in the capture");
        if (cut) notes.Add($"content.text cut to its first {MaxText} bytes");
        notes.AddRange(row.Problems.Where(p => p.StartsWith("retransmissions", StringComparison.Ordinal)));
        w.WriteString("comment", $"frames: request {x.RequestStart.Frame}-{x.RequestEnd.Frame}" +
            (rs is not null ? $", response {x.ResponseStart.Frame}-{x.ResponseEnd.Frame}" : "") + (notes.Count > 0 ? "; " + string.Join("; ", notes) : ""));
        w.WriteEndObject();
    }

    /// <summary>The entry's time: the sum of its timings that apply (ssl is already inside connect).</summary>
    private static double Sum(params double[] timings)
    {
        double total = 0;
        foreach (var t in timings) if (t >= 0) total += Round(t);
        return total;
    }

    private static double Round(double ms) => ms < 0 ? -1 : Math.Round(ms, 3);

    private static string Date(long ns)
    {
        var t = DateTime.UnixEpoch.AddTicks(ns / 100);
        return t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", Inv);
    }

    private static void WriteHeaders(Utf8JsonWriter w, HttpMessage m)
    {
        w.WriteStartArray("headers");
        foreach (var h in m.Headers) WriteNameValue(w, h.Name, h.Value);
        w.WriteEndArray();
    }

    private static void WriteNameValue(Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("value", value);
        w.WriteEndObject();
    }

    /// <summary>Cookie: name=value pairs of a request; one cookie per Set-Cookie of a response, with its attributes.</summary>
    private static void WriteCookies(Utf8JsonWriter w, HttpMessage m, bool response)
    {
        w.WriteStartArray("cookies");
        foreach (var h in m.Headers)
        {
            if (!response && h.Name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var pair in h.Value.Split(';'))
                {
                    var (name, value) = Split(pair.Trim(), '=');
                    if (name.Length == 0) continue;
                    WriteNameValue(w, name, value);
                }
            }
            else if (response && h.Name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
            {
                var parts = h.Value.Split(';');
                var (name, value) = Split(parts[0].Trim(), '=');
                if (name.Length == 0) continue;
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("value", value);
                for (int i = 1; i < parts.Length; i++)
                {
                    var (attr, attrValue) = Split(parts[i].Trim(), '=');
                    switch (attr.ToLowerInvariant())
                    {
                        case "path": w.WriteString("path", attrValue); break;
                        case "domain": w.WriteString("domain", attrValue); break;
                        case "expires":
                            if (DateTime.TryParse(attrValue, Inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when))
                                w.WriteString("expires", when.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", Inv));
                            break;
                        case "httponly": w.WriteBoolean("httpOnly", true); break;
                        case "secure": w.WriteBoolean("secure", true); break;
                    }
                }
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
    }

    private static (string, string) Split(string s, char at)
    {
        int i = s.IndexOf(at);
        return i < 0 ? (s, "") : (s[..i].Trim(), s[(i + 1)..].Trim());
    }

    /// <summary>The query's name=value pairs, percent-decoded ('+' is a space).</summary>
    public static List<(string Name, string Value)> QueryString(string uri)
    {
        var list = new List<(string, string)>();
        int q = uri.IndexOf('?');
        if (q < 0) return list;
        string query = uri[(q + 1)..];
        int hash = query.IndexOf('#');
        if (hash >= 0) query = query[..hash];
        foreach (var part in query.Split('&'))
        {
            if (part.Length == 0) continue;
            var (name, value) = Split(part, '=');
            list.Add((Decode(name), Decode(value)));
        }
        return list;
    }

    private static string Decode(string s)
    {
        try { return Uri.UnescapeDataString(s.Replace('+', ' ')); }
        catch (UriFormatException) { return s; }
    }

    /// <summary>Media types whose bodies are text a HAR viewer shows.</summary>
    public static bool IsText(string mediaType)
    {
        var m = mediaType.ToLowerInvariant();
        return m.StartsWith("text/", StringComparison.Ordinal) || m.EndsWith("+xml", StringComparison.Ordinal) || m.EndsWith("+json", StringComparison.Ordinal)
            || m is "application/json" or "application/javascript" or "application/x-javascript" or "application/ecmascript" or "application/xml"
                or "application/x-www-form-urlencoded" or "image/svg+xml";
    }

    private static string Text(byte[] body, out bool cut)
    {
        cut = body.Length > MaxText;
        var span = body.AsSpan(0, Math.Min(body.Length, MaxText));
        return Encoding.UTF8.GetString(span);
    }
}
