import Foundation

/// Shared number and date formatting for the renderers.
enum ScorecardFormatting {
    /// ISO 8601 with seconds, UTC: `2026-11-21T12:00:00Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// The calendar day in UTC: `2026-11-21`.
    static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle().year().month().day())
    }

    /// Two decimals, or "-" for nil or non-finite.
    static func decimal(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.2f", value)
    }

    /// "0.61-0.88", or "-".
    static func interval(_ range: ClosedRange<Double>?) -> String {
        guard let range else { return "-" }
        return "\(decimal(range.lowerBound))-\(decimal(range.upperBound))"
    }

    /// A whole percentage such as "56 %", or "-".
    static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return "\(Int((value * 100).rounded())) %"
    }

    /// "15-20 %".
    static func weightRange(_ range: ClosedRange<Double>) -> String {
        String(format: "%.0f-%.0f %%", range.lowerBound, range.upperBound)
    }

    static func selfColumn(_ area: AreaReport) -> String {
        guard let level = area.selfAssessment else { return "-" }
        return "\(level.rawValue) (\(area.selfComparison?.rawValue ?? "-"))"
    }

    static func predictionLine(_ exam: PredictedExam) -> String {
        guard let score = exam.scaledScore, let range = exam.scaledInterval else {
            return "no prediction: \(exam.basis)"
        }
        return "\(score) of 1000 (90 % interval \(range.lowerBound)-\(range.upperBound)), pass probability \(percent(exam.passProbability)); pass mark 700"
    }

    static func cbmLine(_ calibration: CalibrationReport) -> String {
        guard let average = calibration.cbmAverage else {
            return "certainty-based marks: no answers with a stated confidence"
        }
        return "certainty-based marks: \(calibration.cbmTotal) over \(calibration.cbmMarked) marked answers (\(decimal(average)) per answer, best 3.00; sure +3/-6, unsure +1/0)"
    }
}
