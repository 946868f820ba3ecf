using System.Text;
using Sniffer.Analysis.Web;

namespace Sniffer.Cli.Export;

/// <summary>
/// --export-objects http,DIR: every HTTP body (de-chunked and decompressed, as http.file_data holds it) written
/// under the name tshark 4.0 gives it (ui/cli/tap-exportobject.c with packet-http.c's export tap): the base name
/// of the connection's latest request URI (a request's own URI for a request body), or "object" + frame number +
/// "." + content type when there is none; characters Windows rejects become %xx; an existing name gets "(1)",
/// "(2)"... before its extension. Files are written as the bodies are met, so nothing is kept in memory.
/// </summary>
public sealed class HttpObjectExporter
{
    /// <summary>tshark's EXPORT_OBJECT_MAXFILELEN.</summary>
    public const int MaxFileName = 255;
    /// <summary>tshark's gui.max_export_objects: how many "(n)" names are tried before giving up on a name.</summary>
    public const int MaxDuplicates = 1000;

    private readonly string _directory;
    private bool _created;

    public HttpObjectExporter(string directory) => _directory = directory;

    public int Written { get; private set; }
    public int Skipped { get; private set; }

    public void Add(WebConnection connection, HttpMessage message, uint frame)
    {
        // A body whose decompression failed is not exported (tshark's export tap is only reached with a decoded body).
        if (message.DecompressionFailed || message.Body is null) { Skipped++; return; }
        string? uri = message.IsRequest ? message.Uri : connection.LastRequestUri;
        string name = uri is not null ? BaseName(uri) : $"object{frame}{(message.MediaType.Length > 0 ? "." + message.MediaType.ToLowerInvariant() : "")}";
        if (!_created)
        {
            Directory.CreateDirectory(_directory);
            _created = true;
        }
        for (int dup = 0; dup < MaxDuplicates; dup++)
        {
            string path = Path.Combine(_directory, SafeName(name, dup));
            if (File.Exists(path) || Directory.Exists(path)) continue;
            File.WriteAllBytes(path, message.Body);
            Written++;
            return;
        }
        Skipped++;
    }

    public void Finish() { }

    /// <summary>GLib's g_path_get_basename: the part after the last '/', ignoring trailing slashes; "/" for only slashes.</summary>
    public static string BaseName(string path)
    {
        if (path.Length == 0) return ".";
        int last = path.Length - 1;
        while (last >= 0 && path[last] == '/') last--;
        if (last < 0) return "/";
        int start = path.LastIndexOf('/', last);
        return path.Substring(start + 1, last - start);
    }

    /// <summary>tshark's eo_massage_str: rejected characters as %xx, the name cut to fit (keeping the extension), then "(n)" for a duplicate.</summary>
    public static string SafeName(string name, int duplicate)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char ch in name)
        {
            if (ch < 0x20 && ch != 0 || ch is '<' or '>' or ':' or '"' or '/' or '\\' or '|' or '?' or '*') sb.Append('%').Append(((int)ch).ToString("x2"));
            else sb.Append(ch);
        }
        string s = sb.ToString();
        if (s.Length > MaxFileName)
        {
            int dot = s.LastIndexOf('.');
            s = dot >= 0 && s.Length - dot <= MaxFileName ? s[..(MaxFileName - (s.Length - dot))] + s[dot..] : s[..MaxFileName];
        }
        if (duplicate == 0) return s;
        string suffix = $"({duplicate})";
        int extAt = s.LastIndexOf('.');
        if (extAt >= 0)
        {
            string ext = s[extAt..];
            string stem = s[..extAt];
            if (stem.Length >= MaxFileName - (suffix.Length + ext.Length)) stem = stem[..Math.Max(0, MaxFileName - (suffix.Length + ext.Length))];
            return stem + suffix + ext;
        }
        if (s.Length >= MaxFileName - suffix.Length) s = s[..(MaxFileName - suffix.Length)];
        return s + suffix;
    }
}
