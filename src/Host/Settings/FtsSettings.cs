using JuniperFts.Domain;
using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Forecast;
using JuniperFts.Host.Cli;
using JuniperFts.Delivery;
using JuniperFts.Host.Delivery;
using JuniperFts.Scheduling;
using JuniperFts.Host.Web;
using JuniperFts.Reports.Excel;
using JuniperFts.Reports.ReviewDeck;
using JuniperFts.Reports.ReviewPack;
using Microsoft.Extensions.Configuration;

namespace JuniperFts.Host.Settings;

/// <summary>
/// Every setting of <c>fts</c>, bound from configuration into option records once per process: the CLI, the jobs and
/// the portal read these records, never the configuration. A section is bound and validated the first time it is
/// needed (so <c>fts ingest</c> does not trip over a forecast setting) and a mistake is one line naming the key.
/// </summary>
public sealed class FtsSettings
{
    /// <summary>The default database path when neither <c>--db</c> nor <c>FTS_DB</c> is given.</summary>
    public const string DefaultDatabase = "data/fts.duckdb";

    private readonly Lazy<ReferenceData> _reference;
    private readonly Lazy<AttainmentGoals> _goals;
    private readonly Lazy<SlaWorkbookOptions> _workbook;
    private readonly Lazy<ForecastOptions> _forecast;
    private readonly Lazy<ServiceSettings> _service;
    private readonly Lazy<PortalUsers> _users;
    private readonly Lazy<OidcSettings?> _oidc;
    private readonly Lazy<DeliverySettings> _delivery;

    public FtsSettings(IConfiguration configuration)
    {
        Configuration = configuration;
        _reference = new(() => ReferenceDataConfiguration.Load(configuration));
        _goals = new(() => BindGoals(SettingReader.Of(configuration, ExcelSection)));
        _workbook = new(() => BindWorkbook(SettingReader.Of(configuration, ExcelSection), Goals));
        _forecast = new(() => BindForecast(SettingReader.Of(configuration, ForecastSection), Reference, Goals));
        _service = new(() => ServiceSection.Bind(configuration));
        _oidc = new(() => OidcSettings.Load(configuration));
        _delivery = new(() => DeliverySection.Bind(configuration));
        // With company sign-in, tokens are only for automation and may be none.
        _users = new(() => PortalUsers.Load(configuration, optional: Oidc is not null));
    }

    /// <summary>The configuration section of the attainment goals and the workbook's settings.</summary>
    public const string ExcelSection = "Excel";
    /// <summary>The configuration section of the forecast's settings.</summary>
    public const string ForecastSection = "Forecast";

    /// <summary>The configuration the records are bound from (logging reads its own section from it).</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Built-in reference data with the <c>Reference</c> section's overrides applied.</summary>
    public ReferenceData Reference => _reference.Value;

    /// <summary>The one attainment goal (<c>Excel:GreenGoalPct</c>) and warning level (<c>Excel:AmberGoalPct</c>) of the workbook, the packs and the portal.</summary>
    public AttainmentGoals Goals => _goals.Value;

    /// <summary>The <c>Excel</c> section: the workbook's goals, breach-row cap and trend length.</summary>
    public SlaWorkbookOptions Workbook => _workbook.Value;

    /// <summary>The <c>Forecast</c> section over the documented defaults; reuses the saved model while it is current.</summary>
    public ForecastOptions Forecast => _forecast.Value;

    /// <summary>The <c>Service</c> section (creates the drop folder when missing).</summary>
    public ServiceSettings Service => _service.Value;

    /// <summary>The <c>Portal:Users</c> list.</summary>
    public PortalUsers Users => _users.Value;

    /// <summary>The <c>Portal:Oidc</c> section: sign-in with the company's identity provider; null without it (bearer tokens only).</summary>
    public OidcSettings? Oidc => _oidc.Value;

    /// <summary>The <c>Delivery</c> section: the SMTP server and the subscriptions (none: nothing is delivered).</summary>
    public DeliverySettings Delivery => _delivery.Value;

    /// <summary>What a review pack takes from the settings; <paramref name="training"/> says whether making it may train the forecast model.</summary>
    public ReviewPackOptions ReviewPacks(ModelTraining training) =>
        new() { Goals = Goals, Forecast = Forecast with { Training = training }, DeckTemplate = DeckTemplate };

    /// <summary><c>Reports:DeckTemplate</c> (<see cref="ReviewDecks.TemplateSetting"/>): the company's PowerPoint template the decks are made on; null: the built-in look.</summary>
    public string? DeckTemplate => SettingReader.Of(Configuration, "Reports").Text("DeckTemplate");

    /// <summary>The database path from <c>--db</c>, else <c>FTS_DB</c>, else <see cref="DefaultDatabase"/>.</summary>
    public string DatabasePath(string? option) =>
        !string.IsNullOrWhiteSpace(option) ? option
        : Configuration["FTS_DB"] is { Length: > 0 } env ? env
        : DefaultDatabase;

    /// <summary>Binds every section <c>fts serve</c> uses, so a mistake stops it before anything starts.</summary>
    /// <exception cref="UserError">The first setting that is wrong, named.</exception>
    public void ValidateForService()
    {
        _ = Service;
        _ = Oidc;
        _ = Users;
        _ = Reference;
        _ = Workbook;
        _ = Forecast;
        _ = Delivery;
    }

    private static AttainmentGoals BindGoals(SettingReader excel)
    {
        var defaults = AttainmentGoals.Default;
        var green = excel.Number("GreenGoalPct", defaults.Green);
        var amber = excel.Number("AmberGoalPct", defaults.Amber);
        try { return new AttainmentGoals(green, amber); }
        catch (ArgumentException e) { throw new UserError($"Excel workbook goals: {e.Message.Split(" (Parameter")[0]}"); }
    }

    private static SlaWorkbookOptions BindWorkbook(SettingReader excel, AttainmentGoals goals)
    {
        var defaults = SlaWorkbookOptions.Default;
        var options = new SlaWorkbookOptions
        {
            Goals = goals,
            BreachRowCap = excel.Whole(nameof(SlaWorkbookOptions.BreachRowCap), defaults.BreachRowCap),
            TrendQuarters = excel.Whole(nameof(SlaWorkbookOptions.TrendQuarters), defaults.TrendQuarters),
        };
        options.Validate();
        return options;
    }

    private static ForecastOptions BindForecast(SettingReader section, ReferenceData reference, AttainmentGoals goals)
    {
        // The ranges are the types' own (StaffingAssumptions, ModelSettings, ForecastOptions); Build names the key of a value they refuse.
        var defaults = StaffingAssumptions.Default;
        var hours = Priorities.All.ToDictionary(p => p, p => section.Number($"HandlingHours:{p.Code()}", defaults.HandlingHours[p]));
        var staffing = section.Build(() => new StaffingAssumptions(hours,
                section.Number("HoursPerWeek", defaults.HoursPerWeek),
                section.Number("Shrinkage", defaults.Shrinkage),
                section.Number("Occupancy", defaults.Occupancy),
                // Staffing answers each priority within its target as often as the one attainment goal asks, unless told otherwise.
                section.Number("ServiceLevelGoal", (double)goals.Green / 100)),
            [.. Priorities.All.Select(p => ($"handlingHours:{p.Code()}", $"HandlingHours:{p.Code()}")),
                ("hoursPerWeek", "HoursPerWeek"), ("shrinkage", "Shrinkage"), ("occupancy", "Occupancy"), ("serviceLevelGoal", "ServiceLevelGoal")]);
        var model = section.Build(() => new ModelSettings(
                Seed: section.Whole("Seed", 1),
                Regularization: section.Number("Regularization", new ModelSettings().Regularization)),
            ("Seed", "Seed"), ("Regularization", "Regularization"));
        return section.Build(() => new ForecastOptions
            {
                Horizon = section.Whole("HorizonWeeks", 13, ForecastOptions.MinHorizon, ForecastOptions.MaxHorizon),
                IntervalCoverage = section.Number("IntervalCoverage", 0.8),
                Staffing = staffing,
                Model = model,
                Reference = reference,
                ModelFolder = section.Text("ModelFolder"),
            },
            ("IntervalCoverage", "IntervalCoverage"));
    }
}
