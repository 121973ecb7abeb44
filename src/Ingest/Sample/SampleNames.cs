namespace JuniperFts.Ingest.Sample;

/// <summary>Word lists the sample generator draws names, titles and places from.</summary>
internal static class SampleNames
{
    public static readonly string[] CompanyRoots =
    [
        "Northwind", "Contoso", "Fabrikam", "Tailspin", "Woodgrove", "Litware", "Adatum", "Proseware", "Wingtip", "Alpine",
        "Coho", "Lucerne", "Margie", "Trey", "Humongous", "Blue Yonder", "Fourth Coffee", "Relecloud", "Wide World", "VanArsdel",
        "Southridge", "Kestrel", "Orca", "Meridian", "Harbour", "Summit", "Pioneer", "Aurora", "Granite", "Cobalt",
    ];

    public static readonly string[] CompanyKinds =
        ["Telecom", "Bank", "Health", "Energy", "Logistics", "University", "Retail", "Networks", "Insurance", "Media", "Airlines", "Cloud"];

    public static readonly string[] FirstNames =
    [
        "Anna", "Ben", "Carla", "David", "Emma", "Farid", "Grace", "Hiro", "Isabel", "Jun", "Karin", "Liam", "Mei", "Nikhil",
        "Olivia", "Pieter", "Quinn", "Rosa", "Sanjay", "Tomoko", "Umar", "Vera", "Wei", "Xavier", "Yuki", "Zoe", "Lars", "Priya",
        "Marco", "Sofia", "Kenji", "Aisha", "Daan", "Chloe", "Rahul", "Hannah",
    ];

    public static readonly string[] LastNames =
    [
        "Jansen", "Smith", "Garcia", "Tanaka", "Müller", "Patel", "Nguyen", "O'Brien", "Kowalski", "de Vries", "Chen", "Silva",
        "Johansson", "Rossi", "Kim", "Sato", "Iyer", "Brown", "Dubois", "Novak", "Walker", "Lee", "Bakker", "Reddy", "Okafor",
        "Hughes", "Fischer", "Yamamoto", "Martin", "Lopez",
    ];

    public static readonly string[] Certifications = ["JNCIE-SP", "JNCIP-ENT", "JNCIS-SEC", "JNCIA-Junos", "JNCIE-DC", ""];

    /// <summary>Country, region, support centre and site city per country the sample uses.</summary>
    public static readonly (string Country, string Region, string Centre, string City)[] Places =
    [
        ("US", "AMERICAS", "SUNNYVALE", "San Jose"), ("US", "AMERICAS", "HERNDON", "Reston"), ("CA", "AMERICAS", "HERNDON", "Toronto"),
        ("US", "AMERICAS", "SUNNYVALE", "Seattle"), ("BR", "AMERICAS", "HERNDON", "São Paulo"), ("MX", "AMERICAS", "SUNNYVALE", "Monterrey"),
        ("NL", "EMEA", "SCHIPHOL_RIJK", "Amsterdam"), ("DE", "EMEA", "SCHIPHOL_RIJK", "Frankfurt"), ("GB", "EMEA", "SCHIPHOL_RIJK", "London"),
        ("FR", "EMEA", "SCHIPHOL_RIJK", "Paris"), ("SE", "EMEA", "SCHIPHOL_RIJK", "Stockholm"), ("AE", "EMEA", "SCHIPHOL_RIJK", "Dubai"),
        ("SG", "APAC", "SINGAPORE", "Singapore"), ("JP", "APAC", "TOKYO", "Tokyo"), ("AU", "APAC", "SYDNEY", "Sydney"), ("IN", "APAC", "BANGALORE", "Bengaluru"),
    ];

    public static readonly string[] Skus =
        ["SVC-JCP-FTS-BD", "PAR-ACS-FTS-BD", "SVC-JCP-FTS-24x7", "PAR-ACS-FTS-24x7", "SVC-FTS-BD", "PAR-FTS-BD", "SVC-FTS-24x7", "PAR-FTS-24x7"];

    /// <summary>Models per platform with their annual FTS fee.</summary>
    public static readonly (string Platform, string Model, decimal Fee)[] Models =
    [
        ("Routing", "MX204", 4200m), ("Routing", "MX480", 18500m), ("Routing", "MX10003", 32000m), ("Routing", "PTX10001-36MR", 27500m),
        ("Switching", "EX4300-48P", 1150m), ("Switching", "EX4400-24T", 1400m), ("Switching", "QFX5120-48Y", 5200m), ("Switching", "QFX10002-72Q", 21000m),
        ("Security", "SRX345", 1900m), ("Security", "SRX4600", 24500m), ("Security", "SRX1500", 8800m),
        ("Software", "Junos Space", 6000m), ("Software", "Apstra", 12500m), ("Software", "Mist AI", 3600m),
    ];

    public static readonly Dictionary<string, string[]> Titles = new()
    {
        ["Routing"] = ["BGP session flapping on {0}", "OSPF adjacency lost after upgrade on {0}", "{0} FPC offline after power event", "High CPU on {0} routing engine", "MPLS LSP not re-optimising on {0}", "Packet loss on 100G port of {0}"],
        ["Switching"] = ["Spanning tree loop on {0}", "{0} virtual chassis member not joining", "PoE ports dropping power on {0}", "EVPN-VXLAN MAC moves on {0}", "{0} stuck in boot loop after Junos upgrade", "Port flaps on {0} uplinks"],
        ["Security"] = ["IPsec tunnel down on {0}", "{0} chassis cluster failover unexpected", "IDP signature update fails on {0}", "Session table exhaustion on {0}", "NAT pool exhausted on {0}", "Policy commit hangs on {0}"],
        ["Software"] = ["{0} device discovery failing", "Upgrade of {0} stuck at 80%", "{0} blueprint deploy error", "{0} API returns 500 on inventory", "License sync problem in {0}", "{0} UI slow after update"],
    };
}
