using JuniperFts.Domain.Calendars;
namespace JuniperFts.Domain.Workload;

/// <summary>What is known about a week before it happens: its calendar, holidays and the installed base under cover.</summary>
/// <param name="HolidayDays">Distinct dates in the week that are holidays at one of the region's support centres.</param>
/// <param name="CoveredUnits">Installed-base units under cover on the week's Monday (scheduled coverage is known ahead).</param>
public sealed record WeekDrivers(IsoWeek Week, int HolidayDays, int CoveredUnits);
