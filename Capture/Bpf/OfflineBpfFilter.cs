namespace Sniffer.Capture;

/// <summary>
/// A capture filter (<c>-f</c>) applied to frames read from files. Files can mix link types
/// (pcapng), so the expression is compiled once per link type on first use.
/// Construction validates the expression against <paramref name="validateForLinkType"/> so a typo
/// is reported before any file is read.
/// </summary>
public sealed class OfflineBpfFilter : IDisposable
{
    private readonly Dictionary<int, CompiledBpf?> _programs = [];
    private readonly Dictionary<int, string> _errors = [];
    private readonly Lock _gate = new();
    private readonly int _snapLength;

    public OfflineBpfFilter(string expression, int snapLength = 262144, int validateForLinkType = Capture.LinkType.Ethernet)
    {
        Expression = expression;
        _snapLength = snapLength;
        _programs[validateForLinkType] = CompiledBpf.Compile(expression, validateForLinkType, snapLength);
    }

    public string Expression { get; }

    /// <summary>
    /// True when the frame passes. A link type the expression cannot be compiled for
    /// (e.g. "ether host ..." on raw IP) matches nothing; <see cref="ErrorFor"/> tells why.
    /// </summary>
    public bool Matches(int linkType, ReadOnlySpan<byte> frame, int wireLength = -1) =>
        ProgramFor(linkType)?.Matches(frame, wireLength) ?? false;

    public bool Matches(in FrameInfo info, ReadOnlySpan<byte> frame) => Matches(info.LinkType, frame, info.OriginalLength);

    /// <summary>libpcap's complaint for a link type the filter does not apply to, or null.</summary>
    public string? ErrorFor(int linkType)
    {
        ProgramFor(linkType);
        lock (_gate) return _errors.GetValueOrDefault(linkType);
    }

    private CompiledBpf? ProgramFor(int linkType)
    {
        lock (_gate)
        {
            if (_programs.TryGetValue(linkType, out var known)) return known;
            var program = CompiledBpf.TryCompile(Expression, linkType, _snapLength, out string? error);
            _programs[linkType] = program;
            if (error != null) _errors[linkType] = $"filter \"{Expression}\" cannot be used on {Capture.LinkType.Name(linkType)} frames: {error}";
            return program;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var program in _programs.Values) program?.Dispose();
            _programs.Clear();
        }
    }
}
