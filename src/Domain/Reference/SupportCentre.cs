namespace JuniperFts.Domain.Reference;

/// <summary>A support centre: its code (as in input files), region and business calendar.</summary>
/// <remarks>Holidays from <c>holidays.csv</c> are added to <see cref="Calendar"/> at evaluation time.</remarks>
public sealed record SupportCentre(string Code, string Region, CalendarDefinition Calendar)
{
    public string TimeZone => Calendar.TimeZone;
}
