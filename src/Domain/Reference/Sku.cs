namespace JuniperFts.Domain.Reference;

/// <summary>A sellable FTS contract SKU: its service window and the priorities it entitles.</summary>
public sealed record Sku
{
    public Sku(string code, ServiceWindow window, IReadOnlyList<Priority> entitled, string channel)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new ArgumentException("A SKU needs a code.", nameof(code));
        if (entitled.Count == 0) throw new ArgumentException($"SKU {code} entitles no priority.", nameof(entitled));
        Code = code;
        Window = window;
        Entitled = entitled;
        Channel = channel;
    }

    public string Code { get; }
    public ServiceWindow Window { get; }
    public IReadOnlyList<Priority> Entitled { get; }
    /// <summary>"direct" or "partner".</summary>
    public string Channel { get; }

    public bool Entitles(Priority p) => Entitled.Contains(p);
}
