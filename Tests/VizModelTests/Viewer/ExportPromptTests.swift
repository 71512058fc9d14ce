import Testing
import VizModel

/// The export prompt refuses a path that looks like stray typing and says where a relative
/// path goes.
@Suite struct ExportPromptTests {
    @Test(arguments: [
        (" x", "it starts with a blank"),
        ("(a)", "it has parentheses, as a call has"),
        ("kfree_skb(a)", "it has parentheses, as a call has"),
        ("./-", "it has no letter or digit"),
    ])
    func strayTypingIsRefusedAndThePromptStaysOpen(path: String, why: String) throws {
        var s = try ViewerFixture.session()
        _ = s.apply(.export)
        ViewerFixture.type(&s, path)
        #expect(s.handle(.enter) == .redraw)
        #expect(s.prompt?.kind == .exportPath && s.prompt?.text == path)
        #expect(s.prompt?.isError == true)
        #expect(s.prompt?.messages == ["'\(path)' looks like stray typing (\(why)): nothing written; type a path such as out/session, or Esc"])
        #expect(s.handle(.escape) == .redraw && s.prompt == nil)
    }

    @Test func aPlainPathAndTheDefaultGoThrough() throws {
        for (typed, path) in [("out/s1", "out/s1"), ("", nil), ("  log ", "log")] as [(String, String?)] {
            var s = try ViewerFixture.session()
            _ = s.apply(.export)
            ViewerFixture.type(&s, typed)
            let effect = s.handle(.enter)
            if typed.hasPrefix(" ") {
                #expect(effect == .redraw && s.prompt != nil, "a leading blank is stray")
            } else {
                #expect(effect == .export(path: path, overwrite: false))
            }
        }
    }

    @Test func thePromptNamesTheDirectory() throws {
        var s = try ViewerFixture.session()
        s.exportDirectory = "/home/me/work"
        _ = s.apply(.export)
        let lines = ViewerLayout.grid(s, size: Size(width: 120, height: 40), options: ViewerFixture.noColor).lines
        #expect(lines[37].hasPrefix(" writes PATH.skb, PATH.jsonl and PATH.txt; Enter alone: skbviz-session-YYYYmmdd-HHMMSS here;"))
        #expect(lines[38] == " a relative path is written in /home/me/work")
        #expect(lines[39] == "export to:", "trailing blanks are trimmed")
    }

    /// Keeping a log's three files says so in the plural, on the hint bar below 80×24 too.
    @Test func keepingTheLogsFilesSaysTheyWereKept() throws {
        var s = try ViewerFixture.session()
        s.screenSize = Size(width: 60, height: 16)
        s.exportNeedsConfirmation(path: "log1", existing: ["log1.skb", "log1.txt"])
        #expect(ViewerLayout.grid(s, size: s.screenSize, options: ViewerFixture.noColor).lines.last == "log1.* exist: overwrite? (y/n)")
        #expect(s.handle(.character("n")) == .redraw)
        #expect(ViewerLayout.grid(s, size: s.screenSize, options: ViewerFixture.noColor).lines.last == " not written: log1.* kept as they were")
    }

    /// `w`'s confirmation says which directory the picture went into, as `e`'s does.
    @Test func thePicturesConfirmationNamesTheDirectory() throws {
        var s = try ViewerFixture.session()
        s.exportDirectory = "/home/me/work"
        for (path, message) in [("skbviz-step-17.svg", "wrote skbviz-step-17.svg in /home/me/work"),
                                ("pics/s.svg", "wrote pics/s.svg in /home/me/work/pics"),
                                ("/tmp/s.svg", "wrote /tmp/s.svg")] {
            _ = s.apply(.picture)
            s.pictureWritten(path: path)
            #expect(s.prompt == nil && s.status == message)
            let bar = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines.last
            #expect(bar == " " + message)
        }
    }
}
