import Foundation

/// Maps a raw score on a form to Microsoft's 1-1000 scale with the pass mark at 700.
///
/// The cut is not a fixed percentage: it is the raw score a *borderline* candidate (Rasch ability
/// `cutAbility`) is expected to get on this form, `Σ 1 / (1 + e^-(θcut - b_i))` over the form's
/// scored items with difficulties `b_i`. A harder form therefore has a lower raw cut and is not
/// penalised. The mapping is piecewise linear through (0, 1), (cut, 700) and (max, 1000).
/// `cutAbility` = ln(0.7 / 0.3) puts the cut at 70 % on a form of medium items. See docs/scoring.md.
public struct ScaledScore: Sendable, Equatable {
    /// Ability of the minimally competent candidate.
    public static let cutAbility = log(0.7 / 0.3)
    public static let passMark = 700
    public static let maximum = 1000

    /// Raw points needed for 700 on this form.
    public let rawCut: Double
    /// Points available on this form.
    public let rawMaximum: Double

    /// - Parameter itemDifficulties: the Rasch difficulty of each scored item on the form.
    public init(itemDifficulties: [Double]) {
        let theta = ScaledScore.cutAbility
        self.rawCut = itemDifficulties.reduce(0) { $0 + 1 / (1 + exp(-(theta - $1))) }
        self.rawMaximum = Double(itemDifficulties.count)
    }

    /// The scaled score (1...1000) for `raw` points.
    public func scaled(raw: Double) -> Int {
        guard rawMaximum > 0 else { return 1 }
        let r = min(max(raw, 0), rawMaximum)
        let value: Double
        if r <= rawCut {
            value = rawCut > 0 ? 1 + Double(ScaledScore.passMark - 1) * r / rawCut : Double(ScaledScore.passMark)
        } else {
            let span = rawMaximum - rawCut
            value = span > 0 ? Double(ScaledScore.passMark) + Double(ScaledScore.maximum - ScaledScore.passMark) * (r - rawCut) / span : Double(ScaledScore.maximum)
        }
        return Int(value.rounded())
    }

    /// Whether `raw` points pass.
    public func passes(raw: Double) -> Bool { scaled(raw: raw) >= ScaledScore.passMark }
}
