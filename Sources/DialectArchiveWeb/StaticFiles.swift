import Hummingbird

/// The page's stylesheet and script, served from the program itself so the pages need
/// nothing from outside.
struct StaticFiles {
    func add(to router: Router<WebContext>) {
        router.get("/static/style.css") { _, _ in
            Responses.body(StyleSheet.source, type: "text/css; charset=utf-8")
        }
        router.get("/static/player.js") { _, _ in
            Responses.body(PlayerScript.source, type: "text/javascript; charset=utf-8")
        }
    }
}
