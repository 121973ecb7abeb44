namespace JuniperFts.Domain.Reference;

/// <summary>When a contract's clock runs: local business hours or around the clock.</summary>
public enum ServiceWindow
{
    /// <summary>Monday–Friday business hours of the support centre, minus its holidays.</summary>
    BusinessHours,
    /// <summary>Around the clock.</summary>
    AroundTheClock,
}

/// <summary>The users' spelling of service windows: "8x5" and "24x7".</summary>
public static class ServiceWindows
{
    public static string Code(this ServiceWindow w) => w == ServiceWindow.BusinessHours ? "8x5" : "24x7";

    public static bool TryParse(string? text, out ServiceWindow window)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "8x5": window = ServiceWindow.BusinessHours; return true;
            case "24x7": window = ServiceWindow.AroundTheClock; return true;
            default: window = default; return false;
        }
    }
}
