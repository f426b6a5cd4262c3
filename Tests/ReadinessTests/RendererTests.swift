import Foundation
import SnapshotTesting
import Testing
import Readiness

struct RendererTests {
    let card = Fixture.scorecard()

    @Test func textSnapshot() {
        assertSnapshot(of: ScorecardRenderer.render(card, format: .text), as: .lines)
    }

    @Test func markdownSnapshot() {
        assertSnapshot(of: ScorecardRenderer.render(card, format: .markdown), as: .lines)
    }

    @Test func jsonSnapshot() {
        assertSnapshot(of: ScorecardRenderer.render(card, format: .json), as: .lines)
    }

    @Test func htmlSnapshot() {
        assertSnapshot(of: ScorecardRenderer.render(card, format: .html), as: .lines)
    }

    @Test func textColourOnlyWhenAsked() {
        let plain = ScorecardRenderer.render(card, format: .text, color: false)
        let coloured = ScorecardRenderer.render(card, format: .text, color: true)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[32mgreen"))
        #expect(coloured.contains("\u{1B}[31mred"))
        // Stripping the codes gives back the plain table.
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9]+m", with: "", options: .regularExpression)
        #expect(stripped == plain)
    }

    @Test func jsonParsesAndHasTheDocumentedSchema() throws {
        let text = ScorecardRenderer.render(card, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schema_version"] as? Int == 1)
        #expect(object["generated_at"] as? String == "2026-11-21T12:00:00Z")
        let areas = try #require(object["areas"] as? [[String: Any]])
        #expect(areas.count == Fixture.areas.count)
        for key in ["id", "title", "status", "mastery", "interval", "answered", "correct", "self_assessment", "next_step", "last_practised", "hands_on", "evidence"] {
            #expect(areas.allSatisfy { $0.keys.contains(key) }, "areas[].\(key)")
        }
        let grey = try #require(areas.first { $0["id"] as? String == "monitoring-observability" })
        #expect(grey["status"] as? String == "grey")
        let ungraded = try #require(areas.first { $0["id"] as? String == "deployment-inference" })
        #expect(ungraded["self_assessment"] is NSNull)
        let interval = try #require(ungraded["interval"] as? [Double])
        #expect(interval.count == 2 && interval[0] < interval[1])
        let predicted = try #require(object["predicted_exam"] as? [String: Any])
        for key in ["scaled_score", "interval", "pass_probability"] { #expect(predicted.keys.contains(key)) }
        let exams = try #require(object["exams"] as? [[String: Any]])
        #expect(exams.map { $0["taken_at"] as? String } == ["2026-11-01T12:00:00Z", "2026-11-18T12:00:00Z"])
        #expect(exams.allSatisfy { $0["questions"] as? Int == 50 && $0["passed"] is Bool })
        #expect(object["calibration"] is [String: Any] && object["domains"] is [Any])
        // Only numbers or null after a colon or in arrays: no NaN / Infinity tokens.
        #expect(text.range(of: "[:\\[,] *-?(nan|NaN|inf|Infinity)", options: .regularExpression) == nil)
    }

    @Test func emptyScorecardJSONUsesNulls() throws {
        let text = ScorecardRenderer.render(Fixture.model().scorecard(answers: []), format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let predicted = try #require(object["predicted_exam"] as? [String: Any])
        #expect(predicted["scaled_score"] is NSNull && predicted["pass_probability"] is NSNull && predicted["interval"] is NSNull)
        let areas = try #require(object["areas"] as? [[String: Any]])
        #expect(areas.allSatisfy { $0["mastery"] is NSNull && $0["interval"] is NSNull && $0["last_practised"] is NSNull })
    }

    @Test func hostileTextIsEscaped() throws {
        let area = ReadinessArea(id: "x", title: "<script>alert(\"a|b\")</script> & co", handsOn: false, nextStep: "a|b\n<i>")
        let card = ReadinessModel(areas: [area], domains: Fixture.domains, now: Fixture.now).scorecard(answers: [])
        let html = ScorecardRenderer.render(card, format: .html)
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(&quot;a|b&quot;)&lt;/script&gt; &amp; co"))
        let markdown = ScorecardRenderer.render(card, format: .markdown)
        #expect(markdown.contains("&lt;script>alert(\"a\\|b\")&lt;/script> & co"))
        let json = ScorecardRenderer.render(card, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let areas = try #require(object["areas"] as? [[String: Any]])
        #expect(areas.first?["title"] as? String == area.title)
    }

    @Test func numbersAreRoundedAndFinite() {
        #expect(JSONValue.number(0.123456).serialized() == "0.123")
        #expect(JSONValue.number(0.5).serialized() == "0.5")
        #expect(JSONValue.number(21).serialized() == "21")
        #expect(JSONValue.number(.nan).serialized() == "null")
        #expect(JSONValue.number(-.infinity).serialized() == "null")
        #expect(JSONValue.string("a\"b\\c\n\u{01}").serialized() == "\"a\\\"b\\\\c\\n\\u0001\"")
    }
}
