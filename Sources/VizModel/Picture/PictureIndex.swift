/// The `index.html` beside the pictures of every step: one picture at a time, ← and → (and
/// Home, End) to step, a slider, `#N` in the address for step N, and a link to the step's own
/// file (the one to put on a slide). Self-contained: its
/// script is inline and the pictures are loaded by relative `<img>`, so it opens from disk
/// in any browser, with no network. Each picture's alternative text is the whole title (which
/// may hold colons) and the step. Written as well-formed XML (XHTML syntax, no `<` or `&`
/// in the script) so that an XML parser reads it too.
public enum PictureIndex {
    /// The page for `count` steps of `title`, whose pictures are `Picture.fileName(step:of:)`.
    public static func html(title: String, count: Int) -> String {
        let t = SVGText.escaped(TerminalText.escaped(title))
        let digits = Picture.digits(count)
        return """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8"/>
            <title>\(t): \(count) steps</title>
            <style>
            body{font-family:DejaVu Sans Mono,monospace;margin:16px;background:#f6f8fa;color:#1f2328}
            a{color:#0969da}
            @media (prefers-color-scheme: dark){body{background:#010409;color:#e6edf3} a{color:#79c0ff}}
            #bar{display:flex;gap:8px;align-items:center;margin-bottom:12px}
            #slider{flex:1}
            #frame{display:block;max-width:100%;height:auto}
            </style>
            </head>
            <body>
            <div id="bar">
            <button id="prev" type="button" title="previous step (←)">←</button>
            <input id="slider" type="range" min="1" max="\(count)" value="1"/>
            <button id="next" type="button" title="next step (→)">→</button>
            <span id="where">step 1/\(count)</span>
            <a id="file" href="\(Picture.fileName(step: 1, of: count))" title="this step's picture alone, for a slide">\(Picture.fileName(step: 1, of: count))</a>
            </div>
            <img id="frame" src="\(Picture.fileName(step: 1, of: count))" alt="\(t), step 1" data-title="\(t)"/>
            <script>
            const count = \(count), digits = \(digits);
            const slider = document.getElementById("slider"), frame = document.getElementById("frame");
            const where = document.getElementById("where"), file = document.getElementById("file");
            function name(i) { return "step-" + String(i).padStart(digits, "0") + ".svg"; }
            function show(i) {
              i = Math.max(1, Math.min(count, i));
              slider.value = String(i);
              frame.src = name(i);
              frame.alt = frame.getAttribute("data-title") + ", step " + i;
              where.textContent = "step " + i + "/" + count;
              file.href = name(i);
              file.textContent = name(i);
              try { history.replaceState(null, "", "#" + i); } catch (err) { /* some browsers refuse it for file: pages */ }
            }
            function current() { return Number(slider.value); }
            slider.addEventListener("input", function () { show(current()); });
            document.getElementById("prev").addEventListener("click", function () { show(current() - 1); });
            document.getElementById("next").addEventListener("click", function () { show(current() + 1); });
            document.addEventListener("keydown", function (e) {
              const step = { ArrowLeft: -1, ArrowRight: 1, Home: -count, End: count }[e.key];
              if (step === undefined) return;
              e.preventDefault();
              show(current() + step);
            });
            show(Number(location.hash.slice(1)) || 1);
            </script>
            </body>
            </html>

            """
    }
}
