import Foundation

/// One of the fifteen readiness areas, as the scorecard needs it (filled from the outline).
public struct ReadinessArea: Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    /// The blueprint says this area needs hands-on practice: no green without a lab.
    public var handsOn: Bool
    /// The practical task to do next when the area is red.
    public var nextStep: String

    public init(id: String, title: String, handsOn: Bool, nextStep: String) {
        self.id = id
        self.title = title
        self.handsOn = handsOn
        self.nextStep = nextStep
    }
}

/// One exam domain and its published weight range in percent (filled from the outline).
public struct DomainWeight: Sendable, Equatable, Identifiable {
    /// "1" ... "5".
    public var id: String
    public var title: String
    public var min: Double
    public var max: Double

    public init(id: String, title: String, min: Double, max: Double) {
        self.id = id
        self.title = title
        self.min = min
        self.max = max
    }

    /// The middle of the weight range; negative or non-finite ranges count as 0.
    public var midpoint: Double {
        let m = (min + max) / 2
        return m.isFinite && m > 0 ? m : 0
    }
}
