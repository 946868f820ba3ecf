namespace Sniffer.Tui.Model;

/// <summary>
/// The lock around every dissection that uses the shared analyzer. The indexer takes it once per
/// packet in a tight loop, and a plain lock is not fair: the UI thread could wait seconds for a turn.
/// So the UI enters as foreground, and background work (indexing, filtering) steps aside while any
/// foreground caller is waiting.
/// </summary>
public sealed class AnalysisGate
{
    private readonly Lock _lock = new();
    private int _foregroundWaiting;

    public Scope Foreground()
    {
        Interlocked.Increment(ref _foregroundWaiting);
        try { _lock.Enter(); }
        finally { Interlocked.Decrement(ref _foregroundWaiting); }
        return new Scope(_lock);
    }

    public Scope Background()
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref _foregroundWaiting) > 0) spin.SpinOnce();
        _lock.Enter();
        return new Scope(_lock);
    }

    public Scope Enter(bool foreground) => foreground ? Foreground() : Background();

    public readonly ref struct Scope(Lock gate)
    {
        public void Dispose() => gate.Exit();
    }
}
