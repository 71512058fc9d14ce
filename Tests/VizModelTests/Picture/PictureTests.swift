import Foundation
import Testing
import VizModel

/// The SVG pictures: golden files of telling steps, compared as text; every picture of the
/// demos read back as XML, its objects, arrows and labels checked; the frame of `--every`
/// keeping each object in its place; the index page; the viewer's `w`.
@Suite struct PictureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden/picture")

    /// Telling steps: inside pskb_expand_head (skb_ref_data_parent: d2.orig = d1), after it,
    /// tun_free firing at the last kfree_skb; skb_segment's two segments with their orig.
    static let moments: [(name: String, demo: String, keys: String)] = [
        ("expand-parent-ref", "expand", "7N 5n"),
        ("expand-after-expand", "expand", "8N"),
        ("expand-tun-free", "expand", "9N 3c"),
        ("segment-after-segment", "segment", "10N"),
    ]

    static func session(_ demo: String, design: Design? = nil) throws -> ViewerSession {
        let d = try #require(DemoCatalog.named(demo))
        let program = Parser.parse(d.source, file: "demos/\(d.name).skb")
        return try ViewerSession(program: program, design: ScenarioRun.design(of: program, override: design))
    }

    static func picture(_ demo: String, _ keys: String) throws -> String {
        var s = try session(demo)
        for key in try Key.parse(script: keys) { _ = s.handle(key) }
        return Picture.svg(of: s)
    }

    static func parse(_ svg: String, _ what: String) throws -> XMLTree {
        var error = ""
        let tree = XMLTree(svg, error: &error)
        return try #require(tree, "\(what) is not well-formed XML: \(error)")
    }

    @Test(arguments: 0..<moments.count)
    func pictureMatchesGolden(index: Int) throws {
        let m = Self.moments[index]
        let svg = try Self.picture(m.demo, m.keys)
        let file = Self.directory.appendingPathComponent("\(m.name).svg")
        try Golden.check(svg, against: file)
    }

    /// The README's picture is what `skbviz picture --demo expand --step 17` draws now.
    @Test func theReadmesPictureIsCurrent() throws {
        let docs = Self.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/expand-step.svg")
        #expect(try String(contentsOf: docs, encoding: .utf8) == Self.picture("expand", "17g"),
                "run: skbviz picture --demo expand --step 17 -o docs/expand-step.svg")
    }

    /// Inside pskb_expand_head: both skbs point at d1, d2's orig is the step's change, both
    /// buffers' frags point at p1, and d1's dataref is decoded into its halves.
    @Test func theParentReferenceStepHasItsObjectsArrowsAndLabels() throws {
        let tree = try Self.parse(try Self.picture("expand", "7N 5n"), "expand step 17")
        for id in ["skb-s1", "skb-s2", "data-d1", "data-d2", "page-1"] { #expect(tree.element(id: id) != nil, "no \(id)") }
        #expect(tree.element(id: "page-1")?.attributes["data-name"] == "p1")
        func arrow(_ id: String) -> (String?, String?, Set<String>) {
            let e = tree.element(id: id)
            return (e?.attributes["data-from"], e?.attributes["data-to"], e?.classes ?? [])
        }
        #expect(arrow("head-s1").0 == "skb-s1" && arrow("head-s1").1 == "data-d1")
        #expect(arrow("head-s2").0 == "skb-s2" && arrow("head-s2").1 == "data-d1")
        #expect(arrow("orig-d2").0 == "data-d2" && arrow("orig-d2").1 == "data-d1")
        #expect(arrow("orig-d2").2.isSuperset(of: ["arrow", "orig", "changed"]), "the step set d2.orig")
        #expect(!arrow("head-s1").2.contains("changed"))
        #expect(arrow("frag-d1-0").1 == "page-1" && arrow("frag-d2-0").1 == "page-1")
        let lines = tree.lines
        for text in ["dataref 0x00010003", "  = 3 refs, 1 payload-only → 2 header refs", "dataref 0x00000002 (copied, not a reference)",
                     "orig → d1", "frags[0] p1 +0 4096", "shinfo->destructor tun_free", "users 1  cloned 1  nohdr 0",
                     "skb_cloned() 1, skb_header_cloned() 1", "tun_free waits for a, b, d2",
                     "len 4150 = 54 linear + 4096 in frags", "p1  count 2", "call 8/10: pskb_expand_head(a, 32, 0)"] {
            #expect(lines.contains(text), "no line \(text)")
        }
        #expect(lines.contains { $0.hasPrefix("step 5/8 (17/31 in all): skb_ref_data_parent(a (s1), d2)") })
        #expect(lines.contains("pskb_expand_head on zero-copy data"))
        // The changed lines are highlighted as Style draws a change: bold in the highlight colour.
        let changed = tree.elements.filter { $0.name == "tspan" && $0.classes.isSuperset(of: ["b", "f-yellow"]) }.map(\.text)
        #expect(changed.contains("orig → d1") && changed.contains("dataref 0x00010003"))
        #expect(!changed.contains("frags[0] p1 +0 4096"))
        #expect(tree.elements.contains { $0.name == "rect" && $0.classes == ["hl"] })
    }

    /// The data destructor fires: the event is in the caption, and the freed objects are drawn
    /// where they were, marked freed.
    @Test func theDestructorStepShowsTheEventAndTheFreedObjects() throws {
        let tree = try Self.parse(try Self.picture("expand", "9N 3c"), "expand tun_free")
        #expect(tree.lines.contains { $0.hasPrefix("event data_destructor") && $0.contains("tun_free") })
        let freed = tree.elements.filter { $0.classes.contains("freed") && $0.name == "g" }
        #expect(!freed.isEmpty)
    }

    /// A region too narrow for its byte count does not lose it: the bar's counts go together
    /// above it, as the viewer's `64/1502/34` (clone's 64 bytes of headroom are 14 px wide).
    @Test func aBarTooNarrowForACountSaysTheCountsTogether() throws {
        let tree = try Self.parse(try Self.picture("clone", "3N"), "clone after skb_put")
        #expect(tree.lines.contains("64/1502/34"))
        #expect(!tree.lines.contains("1502"))
        let small = try Self.parse(try Self.picture("pskb-copy", "4N"), "pskb-copy before the copy")
        #expect(small.lines.contains("64") && small.lines.contains("54") && small.lines.contains("138"), "counts that fit stay apart")
    }

    /// A slide's reader has not seen the viewer: the caption's legend says what the bars'
    /// colours and the dashes mean, each colour on a swatch drawn as the bars draw it, below
    /// the objects and inside the picture.
    @Test func theLegendSaysWhatTheBarsColoursAndTheDashesMean() throws {
        let svg = try Self.picture("clone", "3N")
        let tree = try Self.parse(svg, "clone after skb_put")
        let caption = try #require(tree.element(id: "caption"))
        let legend = "bars:    headroom     linear data     tailroom   dashed box: freed   dashed frag arrow: the slot holds no page reference"
        #expect(caption.all.contains { $0.name == "text" && $0.text == legend })
        let swatches = caption.children.filter { $0.name == "rect" }
        for kind in ["headroom", "linear", "tailroom"] {
            #expect(swatches.contains { $0.classes == [kind] }, "no \(kind) swatch")
        }
        #expect(swatches.filter { $0.classes == ["bar"] }.count == 3, "each swatch outlined as a bar")
        let height = try #require(tree.root.attributes["height"].flatMap(Double.init))
        let lowest = try #require(swatches.compactMap { r in Double(r.attributes["y"] ?? "").map { $0 + 10 } }.max())
        #expect(lowest < height)
    }

    /// At a premature_destructor the slot that still holds the page says so under itself, in
    /// red, as the viewer's objects pane does: the point of a slide on the naive design.
    @Test func thePrematureDestructorsSlotSaysSoUnderItself() throws {
        let tree = try Self.parse(try Self.picture("naive-bug", "x"), "naive-bug tun_free")
        let shinfo = try #require(tree.element(id: "data-d2"))
        let lines = shinfo.all.filter { $0.name == "text" }.map(\.text)
        let slot = try #require(lines.firstIndex(of: "frags[0] p1 +0 4096"))
        #expect(Array(lines[(slot + 1)...].prefix(4)) == ["  ← d1.frags[0] (get_page, pskb_copy)",
                                                          "  ↑ premature_destructor: d1's data",
                                                          "    destructor fired; this slot still holds",
                                                          "    its page, copied out of it by pskb_copy"])
        let red = shinfo.all.filter { $0.name == "tspan" && $0.classes.isSuperset(of: ["b", "f-red"]) }.map(\.text)
        #expect(red.first == "  ↑ premature_destructor: d1's data")
        let before = try Self.parse(try Self.picture("naive-bug", "x p"), "the step before")
        #expect(!before.lines.contains { $0.contains("premature_destructor: d1's") })
    }

    /// A page freed by the step is drawn freed, with what freed it: `put_page`.
    @Test func aFreedPageSaysPutPageFreesIt() throws {
        let tree = try Self.parse(try Self.picture("clone", "G 2C"), "clone: free_page p1")
        #expect(tree.lines.contains { $0.contains("(count reached 0: put_page frees it)") })
    }

    /// Every step of every demo: well-formed, ids unique, every arrow from and to a drawn
    /// object, every live object drawn, and in one frame each object keeps its place.
    @Test func everyPictureOfTheDemosIsWellFormedAndItsArrowsLand() throws {
        var fragListArrows = 0
        for demo in DemoCatalog.all {
            let runs: [Design?] = ["expand", "segment", "trim"].contains(demo.name) ? Design.allCases : [nil]
            for design in runs {
                let session = try Self.session(demo.name, design: design)
                var places: [String: String] = [:]
                var size: String?
                var states: [SkbState] = []
                var walk = session
                for i in 1...max(1, session.history.stepCount) {
                    _ = walk.apply(.firstStep, count: i)
                    states.append(walk.history.state)
                }
                var step = 0
                try Picture.every(session) { index, svg in
                    step += 1
                    #expect(index == step)
                    let what = "\(demo.name) \(design?.rawValue ?? "") step \(index)"
                    let tree = try Self.parse(svg, what)
                    let ids = tree.elements.compactMap { $0.attributes["id"] }
                    #expect(Set(ids).count == ids.count, "\(what): an id twice")
                    for arrow in tree.elements where arrow.classes.contains("arrow") {
                        for end in ["data-from", "data-to"] {
                            let target = arrow.attributes[end] ?? ""
                            #expect(ids.contains(target), "\(what): \(arrow.attributes["id"] ?? "") \(end) \(target) is not drawn")
                        }
                        if arrow.classes.contains("frag-list") {
                            fragListArrows += 1
                            #expect(arrow.attributes["data-to"]?.hasPrefix("skb-s") == true)
                        }
                    }
                    let state = states[index - 1]
                    let expected = state.skbs.keys.map { "skb-s\($0)" } + state.data.keys.map { "data-d\($0)" }
                        + state.pages.keys.map { "page-\($0)" }
                    for id in expected { #expect(ids.contains(id), "\(what): \(id) is not drawn") }
                    let root = tree.root.attributes
                    let thisSize = "\(root["width"] ?? "")x\(root["height"] ?? "")"
                    #expect(size == nil || size == thisSize, "\(what): the frame changed size")
                    size = thisSize
                    for g in tree.elements where g.name == "g" && (g.classes.contains("skb") || g.classes.contains("page")) {
                        guard let id = g.attributes["id"], let rect = g.children.first(where: { $0.name == "rect" }) else { continue }
                        let place = "\(rect.attributes["x"] ?? "") \(rect.attributes["y"] ?? "")"
                        #expect(places[id] == nil || places[id] == place, "\(what): \(id) moved")
                        places[id] = place
                    }
                }
                #expect(step == session.history.stepCount)
            }
        }
        #expect(fragListArrows > 0, "no demo step drew a frag_list arrow")
    }

    @Test func theIndexPageIsWellFormedAndSelfContained() throws {
        let html = PictureIndex.html(title: "t <&> \u{1B}", count: 31)
        let tree = try Self.parse(html, "index.html")
        #expect(tree.element(id: "slider")?.attributes["max"] == "31")
        #expect(tree.element(id: "frame")?.attributes["src"] == "step-0001.svg")
        let script = try #require(tree.elements.first { $0.name == "script" }?.text)
        #expect(script.contains("ArrowLeft") && script.contains("ArrowRight") && script.contains("padStart(digits"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/1999/xhtml", with: "").contains("http"))
        #expect(tree.elements.first { $0.name == "title" }?.text == "t <&> \\e: 31 steps")
        #expect(Picture.fileName(step: 7, of: 31) == "step-0007.svg")
        #expect(Picture.fileName(step: 7, of: 12345) == "step-00007.svg")
    }

    /// Most demo titles hold a colon: each step's alternative text keeps the whole title, not
    /// the part before the first colon (`skb_clone, step 2`).
    @Test func theIndexPagesAlternativeTextKeepsTheWholeTitle() throws {
        let title = "skb_clone: two sk_buffs, one data buffer"
        let tree = try Self.parse(PictureIndex.html(title: title, count: 41), "index.html")
        let frame = try #require(tree.element(id: "frame"))
        #expect(frame.attributes["alt"] == "\(title), step 1")
        #expect(frame.attributes["data-title"] == title)
        let script = try #require(tree.elements.first { $0.name == "script" }?.text)
        #expect(script.contains("frame.alt = frame.getAttribute(\"data-title\") + \", step \" + i;"))
        #expect(!script.contains("document.title"))
    }

    /// A teacher who found the step for a slide sees which file it is: a link to the shown
    /// step's own picture, kept in step with the slider.
    @Test func theIndexPageLinksTheShownStepsFile() throws {
        let tree = try Self.parse(PictureIndex.html(title: "t", count: 12345), "index.html")
        let link = try #require(tree.element(id: "file"))
        #expect(link.name == "a" && link.attributes["href"] == "step-00001.svg" && link.text == "step-00001.svg")
        let script = try #require(tree.elements.first { $0.name == "script" }?.text)
        #expect(script.contains("file.href = name(i);") && script.contains("file.textContent = name(i);"))
        // The browser's default link blue is hard to read on the dark page: each theme has its own.
        let style = try #require(tree.elements.first { $0.name == "style" }?.text)
        #expect(style.contains("a{color:#0969da}"))
        #expect(style.contains("@media (prefers-color-scheme: dark){body{background:#010409;color:#e6edf3} a{color:#79c0ff}}"))
    }

    /// A title with markup and control characters is text in the picture, and still XML.
    @Test func scenarioTextIsEscaped() throws {
        let source = "title \"<b>&amp; \\\\ 'q'\"\na = alloc_skb(100)\n"
        let program = Parser.parse(source, file: "x<y>.skb")
        #expect(program.errors.isEmpty)
        var s = try ViewerSession(program: program, design: .vanilla)
        _ = s.apply(.lastStep)
        let tree = try Self.parse(Picture.svg(of: s), "escaped title")
        #expect(tree.lines.contains("<b>&amp; \\ 'q'"))
        #expect(tree.lines.contains("x<y>.skb  design vanilla"))
    }

    /// A teacher's own long title, file path and call wrap inside the picture, as the step's
    /// text does, instead of running off its right edge; the legend stays below them.
    @Test func aLongTitlePathAndCallWrapInsideThePicture() throws {
        let title = "A very long lecture title about sk_buff clones and shared info and dataref halves, for week 7 of the course"
        let path = "/home/teacher/" + String(repeating: "lectures/", count: 14) + "clone.skb"
        let program = Parser.parse("title \"\(title)\"\nsomething_with_a_long_name = alloc_skb(100)\n", file: path)
        #expect(program.errors.isEmpty)
        var s = try ViewerSession(program: program, design: .vanilla)
        _ = s.apply(.lastStep)
        let tree = try Self.parse(Picture.svg(of: s), "long caption")
        let width = try #require(tree.root.attributes["width"].flatMap(Double.init))
        let caption = try #require(tree.element(id: "caption"))
        let texts = caption.children.filter { $0.name == "text" }
        for t in texts {
            let size = t.attributes["font-size"].flatMap(Double.init) ?? 12
            let right = (Double(t.attributes["x"] ?? "") ?? 0) + Double(t.text.count) * 0.6 * size
            #expect(right <= width - 20, "runs off the picture: \(t.text)")
        }
        #expect(texts[0].text == "A very long lecture title about sk_buff clones and shared info and dataref halves, for week 7 of the")
        #expect(texts[1].text == "  course" && texts[1].attributes["font-size"] == "14")
        let baselines = texts.compactMap { Double($0.attributes["y"] ?? "") }
        #expect(baselines == baselines.sorted() && Set(baselines).count == baselines.count, "no two lines on one baseline")
    }

    @Test func beforeTheFirstCallThePictureSaysSo() throws {
        let s = try Self.session("expand")
        let tree = try Self.parse(Picture.svg(of: s), "step 0")
        #expect(tree.lines.contains("(nothing allocated)"))
        #expect(tree.lines.contains("before the first call (10 calls, 31 steps)"))
    }

    // MARK: The viewer's key

    @Test func wAsksForAPathAndConfirmsAnOverwrite() throws {
        var s = try Self.session("expand")
        #expect(s.handle(.character("w")) == .redraw)
        #expect(s.prompt?.kind == .picturePath)
        #expect(s.prompt?.label == "picture to: ")
        #expect(s.handle(.enter) == .picture(path: nil, overwrite: false))
        for key in try Key.parse(script: "w step.svg") { _ = s.handle(key) }
        #expect(s.handle(.enter) == .picture(path: "step.svg", overwrite: false))
        s.pictureNeedsConfirmation(path: "step.svg")
        #expect(s.prompt?.label == "step.svg exists: overwrite? (y/n) ")
        #expect(s.handle(.character("x")) == .none)
        #expect(s.handle(.character("y")) == .picture(path: "step.svg", overwrite: true))
        s.pictureNeedsConfirmation(path: "step.svg")
        #expect(s.handle(.character("n")) == .redraw)
        #expect(s.prompt == nil)
        #expect(s.status == "not written: step.svg kept as it was")
        #expect(Keymap.standard.picturePathHint.hasSuffix("Enter alone: skbviz-step-N.svg here; Esc cancels"))
        #expect(ViewerLayout.helpRows(filter: "SVG").map(\.keys) == ["w"])
    }
}
