using JuniperFts.Domain.Reference;
using Microsoft.Extensions.Configuration;

namespace JuniperFts.Host.Cli;

/// <summary>Reads the <c>Reference</c> configuration section over <see cref="ReferenceData.BuiltIn"/>.</summary>
public static class ReferenceDataConfiguration
{
    /// <summary>The built-in reference data, with any configured overrides applied.</summary>
    public static ReferenceData Load(IConfiguration configuration)
    {
        // The foundation issue extends this with SKU, target, centre and embargo overrides.
        _ = configuration;
        return ReferenceData.BuiltIn;
    }
}
