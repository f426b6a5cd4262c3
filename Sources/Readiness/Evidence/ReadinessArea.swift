import Exam
import Foundation

/// One of the fifteen readiness areas: the outline's own area type (id, title, whether the blueprint
/// asks for hands-on practice, and the next step when the area is red).
public typealias ReadinessArea = Outline.Area

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
