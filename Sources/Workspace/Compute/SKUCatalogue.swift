/// A virtual machine size the simulator knows, with the hourly price cost is computed from.
public struct VMSize: Sendable, Equatable {
    public var name: String
    public var vCPUs: Int
    public var memoryGB: Double
    public var gpus: Int
    /// Dedicated (pay-as-you-go, Linux, East US) price per node-hour in USD.
    public var hourlyUSD: Double
}

/// The documented SKU table (docs/workspace.md): approximate East US Linux list prices.
/// Low-priority nodes cost `lowPriorityFactor` of the dedicated price.
public enum SKUCatalogue {
    public static let lowPriorityFactor = 0.2
    public static let defaultSize = "STANDARD_DS3_V2"
    /// The size used when none is given (`defaultSize`).
    public static let defaultVMSize = VMSize(name: "STANDARD_DS3_V2", vCPUs: 4, memoryGB: 14, gpus: 0, hourlyUSD: 0.293)

    public static let sizes: [VMSize] = [
        VMSize(name: "STANDARD_DS1_V2", vCPUs: 1, memoryGB: 3.5, gpus: 0, hourlyUSD: 0.073),
        VMSize(name: "STANDARD_DS2_V2", vCPUs: 2, memoryGB: 7, gpus: 0, hourlyUSD: 0.146),
        defaultVMSize,
        VMSize(name: "STANDARD_DS4_V2", vCPUs: 8, memoryGB: 28, gpus: 0, hourlyUSD: 0.585),
        VMSize(name: "STANDARD_DS11_V2", vCPUs: 2, memoryGB: 14, gpus: 0, hourlyUSD: 0.185),
        VMSize(name: "STANDARD_DS12_V2", vCPUs: 4, memoryGB: 28, gpus: 0, hourlyUSD: 0.370),
        VMSize(name: "STANDARD_D2S_V3", vCPUs: 2, memoryGB: 8, gpus: 0, hourlyUSD: 0.096),
        VMSize(name: "STANDARD_D4S_V3", vCPUs: 4, memoryGB: 16, gpus: 0, hourlyUSD: 0.192),
        VMSize(name: "STANDARD_D13_V2", vCPUs: 8, memoryGB: 56, gpus: 0, hourlyUSD: 0.741),
        VMSize(name: "STANDARD_E4S_V3", vCPUs: 4, memoryGB: 32, gpus: 0, hourlyUSD: 0.252),
        VMSize(name: "STANDARD_F2S_V2", vCPUs: 2, memoryGB: 4, gpus: 0, hourlyUSD: 0.085),
        VMSize(name: "STANDARD_F4S_V2", vCPUs: 4, memoryGB: 8, gpus: 0, hourlyUSD: 0.169),
        VMSize(name: "STANDARD_NC4AS_T4_V3", vCPUs: 4, memoryGB: 28, gpus: 1, hourlyUSD: 0.526),
        VMSize(name: "STANDARD_NC6S_V3", vCPUs: 6, memoryGB: 112, gpus: 1, hourlyUSD: 3.060),
        VMSize(name: "STANDARD_NC24ADS_A100_V4", vCPUs: 24, memoryGB: 220, gpus: 1, hourlyUSD: 3.673),
    ]

    /// The size with this name (case-insensitive, as Azure treats VM size names).
    public static func size(named name: String) -> VMSize? {
        sizes.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// Price per node-hour for a tier.
    public static func hourlyPrice(_ size: VMSize, tier: String) -> Double {
        tier == "low_priority" ? size.hourlyUSD * lowPriorityFactor : size.hourlyUSD
    }
}
