namespace Sniffer.Fuzz;

/// <summary>
/// One thing to fuzz: it makes an input from its seeds and a random source, and feeds it to the code
/// under test. <see cref="Execute"/> lets an exception escape only when the code under test let it escape;
/// the exceptions a caller is meant to handle (a damaged file, a bad filter) are caught here.
/// </summary>
public abstract class FuzzTarget
{
    public abstract string Name { get; }

    /// <summary>Bytes one input may allocate before it counts as an unbounded allocation.</summary>
    public virtual long AllocationBudget => 64L << 20;

    /// <summary>Whether there is anything to mutate (no seeds: the target is skipped).</summary>
    public abstract bool HasSeeds { get; }

    public abstract FuzzInput Next(Random random);

    public abstract void Execute(FuzzInput input);
}
