namespace JuniperFts.Ingest.Files;

/// <summary>Why a row was rejected into quarantine, in the domain spec's order of precedence.</summary>
/// <remarks>A row with several problems is rejected once, with the reason that comes first here.</remarks>
public enum RejectReason
{
    BadRowShape = 1,
    FieldTooLong,
    MissingField,
    BadDate,
    BadInstant,
    BadNumber,
    UnknownSku,
    UnknownPriority,
    UnknownSupportCenter,
    UnknownPlatform,
    BadRange,
    EmbargoedCountry,
    UnknownAccount,
    UnknownSite,
    UnknownContract,
    UnknownCase,
    ConflictingDuplicate,
}

/// <summary>The reason codes as written in quarantine ("missing_field").</summary>
public static class RejectReasons
{
    public static string Code(this RejectReason reason) => reason switch
    {
        RejectReason.BadRowShape => "bad_row_shape",
        RejectReason.FieldTooLong => "field_too_long",
        RejectReason.MissingField => "missing_field",
        RejectReason.BadDate => "bad_date",
        RejectReason.BadInstant => "bad_instant",
        RejectReason.BadNumber => "bad_number",
        RejectReason.UnknownSku => "unknown_sku",
        RejectReason.UnknownPriority => "unknown_priority",
        RejectReason.UnknownSupportCenter => "unknown_support_center",
        RejectReason.UnknownPlatform => "unknown_platform",
        RejectReason.BadRange => "bad_range",
        RejectReason.EmbargoedCountry => "embargoed_country",
        RejectReason.UnknownAccount => "unknown_account",
        RejectReason.UnknownSite => "unknown_site",
        RejectReason.UnknownContract => "unknown_contract",
        RejectReason.UnknownCase => "unknown_case",
        RejectReason.ConflictingDuplicate => "conflicting_duplicate",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
