using System.Text;

namespace Sniffer.Analysis.Tcp;

/// <summary>
/// Zeek's conn.log history: one letter per event, upper case for the originator and lower case for the
/// responder, each letter recorded once per side (TCP_Endpoint.h / conn.log docs):
/// S syn, H syn-ack, A pure ack, D data, F fin, R rst, T retransmission, W zero window, G content gap,
/// Q a SYN carrying FIN or RST ("multi-flag"), I inconsistent (SYN+RST).
/// </summary>
public sealed class ConnHistory
{
    private const int MaxLength = 32;
    private readonly char[] _letters = new char[MaxLength];
    private int _length;
    private uint _seenOriginator;
    private uint _seenResponder;

    public void Add(char letter, bool fromOriginator)
    {
        int bit = letter - 'A';
        if ((uint)bit >= 26) return;
        ref uint seen = ref fromOriginator ? ref _seenOriginator : ref _seenResponder;
        if ((seen & (1u << bit)) != 0 || _length == MaxLength) return;
        seen |= 1u << bit;
        _letters[_length++] = fromOriginator ? letter : char.ToLowerInvariant(letter);
    }

    public bool Has(char letter, bool fromOriginator)
    {
        int bit = letter - 'A';
        return (uint)bit < 26 && ((fromOriginator ? _seenOriginator : _seenResponder) & (1u << bit)) != 0;
    }

    public override string ToString() => _length == 0 ? "-" : new string(_letters, 0, _length);
}
